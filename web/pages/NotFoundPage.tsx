import { Card } from '@tremor/react';
import { Link, useLocation } from 'react-router-dom';
import { useFilters } from '../lib/filters.js';

export function NotFoundPage() {
  const { pathname } = useLocation();
  const { search } = useFilters();
  return (
    <Card className="mx-auto mt-10 max-w-lg text-center">
      <p className="text-tremor-label font-semibold uppercase tracking-wider text-tremor-brand">404</p>
      <h1 className="mt-2 text-xl font-semibold text-tremor-content-strong">Page not found</h1>
      <p className="mt-2 break-all text-tremor-default text-tremor-content">
        There is no page at <code className="rounded bg-tremor-background-subtle px-1">{pathname}</code>.
      </p>
      <Link
        to={{ pathname: '/', search }}
        className="mt-6 inline-block text-tremor-default font-medium text-tremor-brand hover:text-tremor-brand-emphasis"
      >
        Go to the overview
      </Link>
    </Card>
  );
}
