import { BarChart, type EventProps } from '@tremor/react';
import { useNavigate } from 'react-router-dom';
import { apiUrl } from '../../lib/api.js';
import type { ConversationRow, Page } from '../../lib/api-types.js';
import { conversationsHref } from '../../lib/drill.js';
import { useFilters } from '../../lib/filters.js';
import { formatNumber } from '../../lib/format.js';
import { gapHistogram } from '../../lib/histogram.js';
import { useApi } from '../../lib/use-api.js';
import { filterQuery } from '../../lib/use-metrics.js';
import { DataState } from '../DataState.js';

/** The list endpoint's largest page: the histogram reads at most this many handed-off conversations. */
const SAMPLE = 1000;

/**
 * How many AI replies went out between the first trigger and the handoff, for the conversations
 * that were handed off. Built from the list endpoint until the API has a histogram; when there
 * are more than SAMPLE such conversations the chart says it shows the worst-scored SAMPLE.
 */
export function GapHistogram() {
  const navigate = useNavigate();
  const { filters, search } = useFilters();
  const list = useApi<Page<ConversationRow>>(
    apiUrl('/conversations', { ...filterQuery(filters), escalation: 'timely,late', sort: 'score', limit: SAMPLE }),
  );
  const open = (event: EventProps) => {
    if (!event) return;
    navigate(conversationsHref(search, { escalation: event.bucket === '0' ? 'timely' : 'late', sort: 'score' }));
  };
  return (
    <DataState state={list} label="Loading the gaps…">
      {(page) => (
        <>
          <BarChart
            data-testid="chart-gaps"
            className="h-60"
            data={gapHistogram(page.items.map((r) => r.gapTurns)).map((b) => ({
              bucket: b.bucket,
              'Handed-off conversations': b.conversations,
            }))}
            index="bucket"
            categories={['Handed-off conversations']}
            colors={['orange']}
            valueFormatter={(v) => formatNumber(v)}
            yAxisWidth={44}
            xAxisLabel="AI replies before the handoff"
            onValueChange={open}
            noDataText="No handed-off conversation had a trigger"
          />
          <p className="mt-2 text-tremor-label text-tremor-content" data-testid="gap-sample">
            {page.total > page.items.length
              ? `The ${formatNumber(page.items.length)} highest-scored of ${formatNumber(page.total)} handed-off conversations.`
              : `All ${formatNumber(page.total)} handed-off conversations with a trigger. Missed ones have no handoff and no gap.`}
          </p>
        </>
      )}
    </DataState>
  );
}
