import type { Series } from '../../lib/api-types.js';
import { repeatSettled } from '../../lib/deltas.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import type { WeekPair } from '../../lib/use-week-pair.js';
import { RateTrend } from './RateTrend.js';

/**
 * Deflection and resolved deflection per week. Resolved deflection needs the repeat window to
 * have closed; in the newest weeks few repeat statuses are known yet (and those known are
 * mostly customers who already came back), so an unsettled week (see repeatSettled) is left out of the line and said so, instead of plunging towards 0.
 */
export function DeflectionTrend({ series, pair }: { series: Series; pair: WeekPair | null }) {
  const unsettled = new Map<string, number>();
  if (pair) {
    for (const [week, m] of [
      [pair.currentWeek, pair.current],
      [pair.previousWeek, pair.previous],
    ] as const) {
      if (!repeatSettled(m.deflection)) unsettled.set(week, m.deflection.repeatKnown);
    }
  }
  const hidden = (period: string) => unsettled.has(period.slice(0, 10));
  return (
    <>
      <RateTrend
        testId="chart-deflection-trend"
        series={series}
        lines={[
          { name: 'Deflection', color: 'violet', value: (p) => p.deflectionRate, drill: { aiStarted: true, handledBy: 'ai' } },
          {
            name: 'Resolved deflection',
            color: 'blue',
            value: (p) => (hidden(p.period) ? null : p.resolvedDeflectionRate),
            drill: { aiStarted: true, handledBy: 'ai', repeat: 'false' },
          },
        ]}
      />
      {[...unsettled].map(([week, known]) => (
        <p key={week} className="mt-2 text-tremor-label text-tremor-content" data-testid="unsettled-week">
          Resolved deflection for the week of {formatDate(week)} is not drawn: the repeat window is still open, and only{' '}
          {formatNumber(known)} repeat statuses are known yet.
        </p>
      ))}
    </>
  );
}
