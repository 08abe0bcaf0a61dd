import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { CHANNELS, TIERS, TOPICS, type Channel, type Tier, type Topic } from '../../server/domain.js';

/**
 * The global dashboard filters (SPEC 5), kept in the URL query string so that a view is a
 * link that can be shared. Names match the API's query parameters, so the same string can be
 * passed on to /api/metrics and /api/conversations.
 */
export interface Filters {
  from: string | null;
  to: string | null;
  market: string | null;
  channel: Channel | null;
  topic: Topic | null;
  tier: Tier | null;
}

export const FILTER_KEYS = ['from', 'to', 'market', 'channel', 'topic', 'tier'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const EMPTY_FILTERS: Filters = {
  from: null,
  to: null,
  market: null,
  channel: null,
  topic: null,
  tier: null,
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Market codes are short identifiers such as "SE" or "DE-AT". */
const MARKET = /^[A-Za-z0-9_-]{1,16}$/;

function validDate(value: string | null): string | null {
  if (!value || !ISO_DATE.test(value)) return null;
  return Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? null : value;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** Reads the filters from a query string; a value that is not valid is treated as absent. */
export function parseFilters(params: URLSearchParams): Filters {
  const market = params.get('market')?.trim() ?? null;
  return {
    from: validDate(params.get('from')),
    to: validDate(params.get('to')),
    market: market && MARKET.test(market) ? market.toUpperCase() : null,
    channel: oneOf(CHANNELS, params.get('channel')),
    topic: oneOf(TOPICS, params.get('topic')),
    tier: oneOf(TIERS, params.get('tier')),
  };
}

/** Only the filter parameters of a query string, in a stable order ("" when none is set). */
export function filterSearch(params: URLSearchParams): string {
  const filters = parseFilters(params);
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) out.set(key, value);
  }
  const search = out.toString();
  return search ? `?${search}` : '';
}

/** A copy of `params` with the given filters changed; null or "" removes a filter. */
export function withFilters(
  params: URLSearchParams,
  changes: Partial<Record<FilterKey, string | null>>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  }
  return next;
}

export function activeFilterCount(filters: Filters): number {
  return FILTER_KEYS.filter((key) => filters[key] !== null).length;
}

export interface UseFilters {
  filters: Filters;
  /** The filter part of the current query string, for links that keep the current view. */
  search: string;
  setFilters: (changes: Partial<Record<FilterKey, string | null>>) => void;
  clearFilters: () => void;
}

/**
 * React Router 6 hands a functional update the params of the last render, so two changes made
 * before a re-render (from, then to) would lose the first; the URL itself is always current.
 */
const latest = () => new URLSearchParams(window.location.search);

export function useFilters(): UseFilters {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const search = useMemo(() => filterSearch(params), [params]);
  // `replace`: tweaking a filter should not flood the back button with one entry per keystroke.
  const setFilters = useCallback(
    (changes: Partial<Record<FilterKey, string | null>>) => setParams(withFilters(latest(), changes), { replace: true }),
    [setParams],
  );
  const clearFilters = useCallback(
    () => setParams(withFilters(latest(), Object.fromEntries(FILTER_KEYS.map((key) => [key, null]))), { replace: true }),
    [setParams],
  );
  return { filters, search, setFilters, clearFilters };
}
