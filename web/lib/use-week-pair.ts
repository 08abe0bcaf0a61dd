import { apiUrl } from './api.js';
import type { Metrics, Series } from './api-types.js';
import { compareWeeks, type DeltaKind, type Observation, type WeekDelta } from './deltas.js';
import { periodRange } from './drill.js';
import { useFilters } from './filters.js';
import { useApiMany } from './use-api-many.js';
import { filterQuery } from './use-metrics.js';

export interface WeekPair {
  current: Metrics;
  previous: Metrics;
  currentWeek: string;
  previousWeek: string;
  /** The change of one metric between the two weeks, with each side's sample size. */
  delta: (pick: (m: Metrics) => Observation, kind: DeltaKind) => WeekDelta;
}

/**
 * /api/metrics for the last two ISO weeks of the series (clipped to the date filter), so
 * week-over-week changes use the same definitions and denominators as the headline numbers.
 */
export function useWeekPair(series: Series | undefined): WeekPair | null {
  // Callers pass the series only once it matches the current filters (not while it reloads).
  const { filters } = useFilters();
  const points = series?.points ?? [];
  const weeks = points.length >= 2 ? [points[points.length - 1]!, points[points.length - 2]!] : null;
  const ranges = weeks?.map((p) => periodRange(p.period, 'week', filters.from, filters.to)) ?? null;
  // A series from before a filter change can hold weeks outside the new range: ask for nothing then.
  const valid = ranges !== null && ranges.every((r) => r.from <= r.to);
  const urls = valid ? ranges.map((r) => apiUrl('/metrics', { ...filterQuery(filters), ...r })) : null;
  const state = useApiMany<Metrics>(urls);
  if (!weeks || !urls || !state.data || state.data.length !== 2 || state.status !== 'success') return null;
  const [current, previous] = state.data as [Metrics, Metrics];
  const currentWeek = weeks[0]!.period.slice(0, 10);
  const previousWeek = weeks[1]!.period.slice(0, 10);
  return {
    current,
    previous,
    currentWeek,
    previousWeek,
    delta: (pick, kind) => compareWeeks(pick(current), pick(previous), kind, currentWeek, previousWeek),
  };
}
