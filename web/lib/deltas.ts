import type { DeltaType } from '@tremor/react';
import type { SeriesPoint } from './api-types.js';

/**
 * Week-over-week changes for the headline numbers: the last ISO week of the series against the
 * one before it. A side with no value makes the delta "no data"; a side with fewer than
 * MIN_DELTA_SAMPLE cases is shown, but not called a change (too small to mean anything).
 */
export const MIN_DELTA_SAMPLE = 30;

/**
 * Resolved deflection needs the repeat window to have closed. While fewer than half of a period's
 * AI-started conversations have a known repeat status, the known ones are mostly customers who
 * already came back, so the rate is biased low: such a period is "not settled" and not shown.
 */
export const MIN_KNOWN_REPEAT_SHARE = 0.5;

export function repeatSettled(d: { aiStarted: number; repeatKnown: number }): boolean {
  return d.aiStarted > 0 && d.repeatKnown >= MIN_KNOWN_REPEAT_SHARE * d.aiStarted;
}

/** Changes smaller than this (percentage points for rates, relative for counts) read "unchanged". */
const FLAT_RATE = 0.005;
const FLAT_COUNT = 0.02;

export interface Observation {
  value: number | null;
  /** The sample the value is computed on (its denominator, or the count itself). */
  n: number;
}

export type DeltaKind = 'rate' | 'count';

export interface WeekDelta {
  current: Observation;
  previous: Observation;
  /** Percentage points for rates (0.031 = +3.1 pp), a relative change for counts (0.1 = +10 %). */
  delta: number | null;
  kind: DeltaKind;
  /** Too small a sample on either side to call it a change. */
  lowSample: boolean;
  deltaType: DeltaType;
  currentWeek: string;
  previousWeek: string;
}

function deltaType(delta: number | null, kind: DeltaKind, lowSample: boolean): DeltaType {
  if (delta === null || lowSample) return 'unchanged';
  const flat = kind === 'rate' ? FLAT_RATE : FLAT_COUNT;
  if (Math.abs(delta) < flat) return 'unchanged';
  const strong = Math.abs(delta) >= flat * 4;
  if (delta > 0) return strong ? 'increase' : 'moderateIncrease';
  return strong ? 'decrease' : 'moderateDecrease';
}

/** The change from `previous` to `current`, with "no data" for a missing side and no division by zero. */
export function compareWeeks(
  current: Observation,
  previous: Observation,
  kind: DeltaKind,
  currentWeek: string,
  previousWeek: string,
): WeekDelta {
  let delta: number | null = null;
  if (current.value !== null && previous.value !== null) {
    if (kind === 'rate') delta = current.value - previous.value;
    else if (previous.value !== 0) delta = (current.value - previous.value) / previous.value;
  }
  const lowSample = current.n < MIN_DELTA_SAMPLE || previous.n < MIN_DELTA_SAMPLE;
  return { current, previous, delta, kind, lowSample, deltaType: deltaType(delta, kind, lowSample), currentWeek, previousWeek };
}

/** The last period of a series against the one before; null when it has fewer than two. */
export function weekOverWeek(
  points: readonly SeriesPoint[],
  pick: (point: SeriesPoint) => Observation,
  kind: DeltaKind,
): WeekDelta | null {
  if (points.length < 2) return null;
  const last = points[points.length - 1]!;
  const before = points[points.length - 2]!;
  return compareWeeks(pick(last), pick(before), kind, last.period.slice(0, 10), before.period.slice(0, 10));
}

/** "+3.1 pp", "−12.0 %", "no data". */
export function formatDelta(d: WeekDelta | null): string {
  if (!d || d.delta === null) return 'no data';
  const sign = d.delta > 0 ? '+' : d.delta < 0 ? '−' : '±';
  const magnitude = Math.abs(d.delta) * 100;
  return d.kind === 'rate' ? `${sign}${magnitude.toFixed(1)} pp` : `${sign}${magnitude.toFixed(1)} %`;
}
