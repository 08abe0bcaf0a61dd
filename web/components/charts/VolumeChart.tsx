import { BarChart, type EventProps } from '@tremor/react';
import { useNavigate } from 'react-router-dom';
import { HANDLED_BY, type HandledBy } from '../../../server/domain.js';
import type { Series } from '../../lib/api-types.js';
import { HANDLED_BY_COLORS, HANDLED_BY_LABEL } from '../../lib/colors.js';
import { conversationsHref, periodRange } from '../../lib/drill.js';
import { useFilters } from '../../lib/filters.js';
import { formatNumber, formatShortDate } from '../../lib/format.js';

const LABEL_TO_HANDLED = Object.fromEntries(HANDLED_BY.map((h) => [HANDLED_BY_LABEL[h], h])) as Record<string, HandledBy>;

/** Conversations per week, stacked by handled_by. A bar opens that week's conversations of that kind. */
export function VolumeChart({ series }: { series: Series }) {
  const navigate = useNavigate();
  const { filters, search } = useFilters();
  const data = series.points.map((p) => ({
    week: formatShortDate(p.period),
    period: p.period,
    ...Object.fromEntries(HANDLED_BY.map((h) => [HANDLED_BY_LABEL[h], p.byHandledBy[h]])),
  }));
  const open = (event: EventProps) => {
    if (!event) return;
    const range = periodRange(String(event.period), series.grain, filters.from, filters.to);
    navigate(conversationsHref(search, { ...range, handledBy: LABEL_TO_HANDLED[event.categoryClicked] ?? null, sort: 'date' }));
  };
  return (
    <BarChart
      data-testid="chart-volume"
      className="h-64"
      data={data}
      index="week"
      categories={HANDLED_BY.map((h) => HANDLED_BY_LABEL[h])}
      colors={HANDLED_BY_COLORS}
      stack
      valueFormatter={(v) => formatNumber(v)}
      yAxisWidth={48}
      onValueChange={open}
      noDataText="No conversations match these filters"
    />
  );
}
