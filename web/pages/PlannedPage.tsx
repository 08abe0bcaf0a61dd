import type { ReactNode } from 'react';
import { Card } from '@tremor/react';
import { PageHeader } from '../components/PageHeader.js';
import { EmptyState } from '../components/States.js';
import { activeFilterCount, useFilters, type Filters } from '../lib/filters.js';
import { formatDate } from '../lib/format.js';

function describeFilters(filters: Filters): string {
  const parts: string[] = [];
  if (filters.from || filters.to) {
    parts.push(
      `${filters.from ? formatDate(filters.from) : 'the start'} to ${filters.to ? formatDate(filters.to) : 'today'}`,
    );
  }
  if (filters.market) parts.push(`market ${filters.market}`);
  if (filters.channel) parts.push(`channel ${filters.channel}`);
  if (filters.topic) parts.push(`topic ${filters.topic}`);
  if (filters.tier) parts.push(`${filters.tier} tier`);
  return parts.join(', ');
}

interface PlannedPageProps {
  title: string;
  description: string;
  /** One line: what this page will show once its API exists. */
  willShow: string;
  children?: ReactNode;
}

/**
 * A page whose data API is not built yet. It says so, and says what it will show; it never
 * shows made-up numbers.
 */
export function PlannedPage({ title, description, willShow, children }: PlannedPageProps) {
  const { filters } = useFilters();
  const filtered = activeFilterCount(filters) > 0;
  return (
    <>
      <PageHeader title={title} description={description} />
      <Card>
        <EmptyState title="No data to show yet">
          <p>{willShow}</p>
          {filtered && (
            <p className="mt-2 text-tremor-content-subtle">
              It will use the filters you have set: {describeFilters(filters)}.
            </p>
          )}
        </EmptyState>
      </Card>
      {children}
    </>
  );
}
