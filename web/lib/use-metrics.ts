import { useMemo } from 'react';
import { apiUrl } from './api.js';
import type { Metrics, Series } from './api-types.js';
import { useFilters, type Filters } from './filters.js';
import { useApi } from './use-api.js';

/** The global filters as API query parameters (same names). */
export function filterQuery(filters: Filters): Record<string, string | null> {
  return { ...filters };
}

/** /api/metrics for the current filters, optionally narrowed further (e.g. one topic). */
export function useMetrics(extra: Record<string, string | null> = {}) {
  const { filters } = useFilters();
  const key = JSON.stringify(extra);
  const url = useMemo(
    () => apiUrl('/metrics', { ...filterQuery(filters), ...(JSON.parse(key) as Record<string, string | null>) }),
    [filters, key],
  );
  return useApi<Metrics>(url);
}

/** /api/metrics/series per ISO week (or day) for the current filters. */
export function useSeries(grain: 'day' | 'week' = 'week') {
  const { filters } = useFilters();
  return useApi<Series>(apiUrl('/metrics/series', { ...filterQuery(filters), grain }));
}
