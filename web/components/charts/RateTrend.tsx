import { LineChart, type Color, type EventProps } from '@tremor/react';
import { useNavigate } from 'react-router-dom';
import type { Series, SeriesPoint } from '../../lib/api-types.js';
import { conversationsHref, periodRange, type DrillExtra } from '../../lib/drill.js';
import { useFilters } from '../../lib/filters.js';
import { formatPercent, formatShortDate } from '../../lib/format.js';

export interface TrendLine {
  name: string;
  color: Color;
  value: (p: SeriesPoint) => number | null;
  /** The conversations behind a point of this line (its numerator's drill parameters). */
  drill: DrillExtra;
}

/**
 * Rates per week as lines, 0–100 %. A week with no denominator is a gap in the line (null), not
 * a dip to 0. Clicking a point opens that week's conversations behind the line.
 */
export function RateTrend({ series, lines, testId, height = 'h-64' }: { series: Series; lines: TrendLine[]; testId: string; height?: string }) {
  const navigate = useNavigate();
  const { filters, search } = useFilters();
  const data = series.points.map((p) => ({
    week: formatShortDate(p.period),
    period: p.period,
    ...Object.fromEntries(lines.map((l) => [l.name, l.value(p)])),
  }));
  const open = (event: EventProps) => {
    if (!event) return;
    const line = lines.find((l) => l.name === event.categoryClicked) ?? lines[0]!;
    const range = periodRange(String(event.period), series.grain, filters.from, filters.to);
    navigate(conversationsHref(search, { ...range, ...line.drill, sort: 'date' }));
  };
  return (
    <LineChart
      data-testid={testId}
      className={height}
      data={data}
      index="week"
      categories={lines.map((l) => l.name)}
      colors={lines.map((l) => l.color)}
      valueFormatter={(v) => formatPercent(v, 0)}
      minValue={0}
      maxValue={1}
      yAxisWidth={48}
      connectNulls={false}
      onValueChange={open}
      noDataText="No conversations match these filters"
    />
  );
}
