/**
 * Plain-language readings of a week-over-week change that do not over-claim: a rate change is
 * called real only when a two-proportion z-test says so at 95 % and both weeks have at least
 * MIN_SAMPLE observations; otherwise it is "no clear change" or "too few to tell".
 */
export type FigureKind = 'count' | 'rate' | 'points' | 'seconds' | 'turns';

/** Below this many observations in either week a rate's change is not interpreted. */
export const MIN_SAMPLE = 30;
const Z_95 = 1.959964;

interface Side {
  value: number | null;
  n: number;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const points = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} points`;

export function formatValue(kind: FigureKind, value: number | null): string {
  if (value === null) return 'no data';
  switch (kind) {
    case 'rate': return pct(value);
    case 'points': return points(value);
    case 'seconds': return value >= 3600 ? `${(value / 3600).toFixed(1)} h` : value >= 60 ? `${(value / 60).toFixed(1)} min` : `${Math.round(value)} s`;
    case 'turns': return `${value} turn${value === 1 ? '' : 's'}`;
    default: return value.toLocaleString('en-US');
  }
}

export function formatChange(kind: FigureKind, change: number | null): string {
  if (change === null) return 'no data';
  if (kind === 'rate' || kind === 'points') return points(change);
  if (kind === 'seconds') return `${change >= 0 ? '+' : '-'}${formatValue('seconds', Math.abs(change))}`;
  return `${change >= 0 ? '+' : ''}${change.toLocaleString('en-US')}`;
}

/** Two-proportion z statistic with the pooled proportion. */
export function twoProportionZ(p1: number, n1: number, p2: number, n2: number): number {
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return se === 0 ? 0 : (p1 - p2) / se;
}

export function describeChange(kind: FigureKind, current: Side, previous: Side): string {
  if (current.value === null && previous.value === null) return 'No data either week.';
  if (current.value === null) return 'No data this week.';
  if (previous.value === null) return 'No data the week before, so no comparison.';
  const change = current.value - previous.value;
  if (kind === 'count') {
    if (previous.value === 0) return change === 0 ? 'Unchanged (none either week).' : `${current.value} this week, none the week before.`;
    const relative = change / previous.value;
    return change === 0 ? 'Unchanged.' : `${change > 0 ? 'Up' : 'Down'} ${Math.abs(change).toLocaleString('en-US')} (${(relative * 100).toFixed(0)} %).`;
  }
  if (kind === 'rate') {
    if (current.n < MIN_SAMPLE || previous.n < MIN_SAMPLE) {
      return `Too few to tell (n = ${current.n} vs ${previous.n}; a change needs ${MIN_SAMPLE}+ each week).`;
    }
    const z = twoProportionZ(current.value, current.n, previous.value, previous.n);
    if (Math.abs(z) < Z_95) return `No clear change (${points(change)} is within week-to-week noise at n = ${current.n}).`;
    return `${change > 0 ? 'Rose' : 'Fell'} ${Math.abs(change * 100).toFixed(1)} points, a real change (95 %, n = ${current.n}).`;
  }
  if (kind === 'points') return `${formatChange('points', change)} vs the week before (not tested; see the rates it is made of).`;
  return change === 0 ? 'Unchanged.' : `${formatValue(kind, previous.value)} -> ${formatValue(kind, current.value)} (a median; not tested).`;
}
