import { useMemo } from 'react';
import { TOPICS } from '../../server/domain.js';
import { apiUrl } from './api.js';
import type { Metrics } from './api-types.js';
import { useFilters } from './filters.js';
import { useApi } from './use-api.js';
import { useApiMany } from './use-api-many.js';
import { filterQuery } from './use-metrics.js';

export interface BreakdownRow {
  value: string;
  metrics: Metrics;
}

/**
 * /api/metrics once per value of a dimension (topic or market) under the current filters.
 * A filter already set on that dimension leaves only its value.
 */
export function useBreakdown(dimension: 'topic' | 'market', values: readonly string[] | null) {
  const { filters } = useFilters();
  const chosen = filters[dimension];
  const list = values === null ? null : chosen ? [chosen] : values;
  // useApiMany keys on the URLs' text, so a new array with the same URLs does not refetch.
  const urls = list === null ? null : list.map((v) => apiUrl('/metrics', { ...filterQuery(filters), [dimension]: v }));
  const state = useApiMany<Metrics>(urls);
  const rows: BreakdownRow[] | undefined = state.data && list ? state.data.map((metrics, i) => ({ value: list[i]!, metrics })) : undefined;
  return { ...state, rows };
}

export const useTopicBreakdown = () => useBreakdown('topic', TOPICS);

/** The markets in the data (GET /api/markets), for breakdowns; null while loading. */
export function useMarkets(): string[] | null {
  const state = useApi<{ items: { market: string }[] }>(apiUrl('/markets', {}));
  return useMemo(() => (state.data ? state.data.items.map((m) => m.market) : null), [state.data]);
}
