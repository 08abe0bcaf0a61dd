import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../../web/lib/api-types.js';
import { formatDelta, repeatSettled, weekOverWeek } from '../../../web/lib/deltas.js';

const point = (period: string, conversations: number, deflectionRate: number | null, aiStarted: number) =>
  ({ period, conversations, deflectionRate, aiStarted }) as SeriesPoint;

describe('weekOverWeek', () => {
  const rate = (p: SeriesPoint) => ({ value: p.deflectionRate, n: p.aiStarted });
  const count = (p: SeriesPoint) => ({ value: p.conversations, n: p.conversations });

  it('compares the last two weeks in percentage points for rates', () => {
    const d = weekOverWeek([point('2025-06-09', 500, 0.7, 300), point('2025-06-16', 520, 0.75, 310)], rate, 'rate');
    expect(d?.delta).toBeCloseTo(0.05);
    expect(d?.deltaType).toBe('increase');
    expect(d?.currentWeek).toBe('2025-06-16');
    expect(formatDelta(d)).toBe('+5.0 pp');
  });

  it('gives relative change for counts and never divides by zero', () => {
    const d = weekOverWeek([point('a', 100, null, 0), point('b', 90, null, 0)], count, 'count');
    expect(d?.delta).toBeCloseTo(-0.1);
    expect(formatDelta(d)).toBe('−10.0 %');
    const zero = weekOverWeek([point('a', 0, null, 0), point('b', 90, null, 0)], count, 'count');
    expect(zero?.delta).toBeNull();
    expect(formatDelta(zero)).toBe('no data');
  });

  it('is no data when a side has no value, and not a change on a small sample', () => {
    const missing = weekOverWeek([point('a', 10, null, 0), point('b', 10, 0.5, 40)], rate, 'rate');
    expect(missing?.delta).toBeNull();
    expect(missing?.deltaType).toBe('unchanged');
    const small = weekOverWeek([point('a', 10, 0.2, 10), point('b', 10, 0.9, 12)], rate, 'rate');
    expect(small?.lowSample).toBe(true);
    expect(small?.deltaType).toBe('unchanged');
  });

  it('is null with fewer than two weeks', () => {
    expect(weekOverWeek([point('a', 1, 1, 1)], rate, 'rate')).toBeNull();
    expect(formatDelta(null)).toBe('no data');
  });
});

describe('repeatSettled', () => {
  it('needs at least half of the AI-started conversations to have a known repeat status', () => {
    expect(repeatSettled({ aiStarted: 420, repeatKnown: 27 })).toBe(false);
    expect(repeatSettled({ aiStarted: 420, repeatKnown: 210 })).toBe(true);
    expect(repeatSettled({ aiStarted: 0, repeatKnown: 0 })).toBe(false);
  });
});
