import { useMemo } from 'react';
import { TOPICS } from '../../server/domain.js';
import { apiUrl } from './api.js';
import type { ConversationRow, Metrics, Page } from './api-types.js';
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

/** How many recent conversations are read to learn which markets exist (the API has no market list yet). */
const MARKET_SAMPLE = 1000;

/**
 * The markets seen in the newest and oldest MARKET_SAMPLE conversations under the filters. The
 * API has no list of markets yet; callers show the remainder (total minus the listed markets) so
 * a market missing from the sample is never silently dropped.
 */
export function useMarkets(): string[] | null {
  const { filters } = useFilters();
  const base = { ...filterQuery(filters), market: null, limit: MARKET_SAMPLE };
  const newest = useApi<Page<ConversationRow>>(apiUrl('/conversations', { ...base, sort: 'date' }));
  const oldest = useApi<Page<ConversationRow>>(apiUrl('/conversations', { ...base, sort: 'date_asc' }));
  return useMemo(() => {
    if (!newest.data || !oldest.data) return null;
    const markets = new Set<string>();
    for (const row of [...newest.data.items, ...oldest.data.items]) if (row.market) markets.add(row.market);
    return [...markets].sort();
  }, [newest.data, oldest.data]);
}
