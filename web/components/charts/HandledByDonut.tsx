import { DonutChart, type EventProps } from '@tremor/react';
import { Link, useNavigate } from 'react-router-dom';
import { HANDLED_BY } from '../../../server/domain.js';
import type { Metrics } from '../../lib/api-types.js';
import { HANDLED_BY_COLOR, HANDLED_BY_COLORS, HANDLED_BY_LABEL } from '../../lib/colors.js';
import { drillHref } from '../../lib/drill.js';
import { formatNumber, formatPercent, share } from '../../lib/format.js';

/** Who handled the conversations: the AI alone, people alone, or both. */
export function HandledByDonut({ metrics }: { metrics: Metrics }) {
  const navigate = useNavigate();
  const answered = HANDLED_BY.reduce((sum, h) => sum + metrics.byHandledBy[h], 0);
  const data = HANDLED_BY.map((h) => ({ name: HANDLED_BY_LABEL[h], value: metrics.byHandledBy[h], key: h }));
  const open = (event: EventProps) => {
    const h = HANDLED_BY.find((x) => HANDLED_BY_LABEL[x] === event?.name);
    const href = h && drillHref(metrics.drillDown[`byHandledBy.${h}`]);
    if (href) navigate(href);
  };
  return (
    <div className="flex items-center gap-6">
      <DonutChart
        data-testid="chart-handled-by"
        className="h-36 w-36 shrink-0"
        data={data}
        category="value"
        index="name"
        colors={HANDLED_BY_COLORS}
        valueFormatter={(v) => formatNumber(v)}
        label={formatNumber(answered)}
        onValueChange={open}
        noDataText="No data"
      />
      <ul className="min-w-0 flex-1 space-y-2 text-tremor-default">
        {HANDLED_BY.map((h) => {
          const href = drillHref(metrics.drillDown[`byHandledBy.${h}`]);
          return (
            <li key={h} className="flex items-center justify-between gap-3" data-testid={`handled-${h}`}>
              <span className="flex items-center gap-2 text-tremor-content-emphasis">
                <span className={`h-2.5 w-2.5 rounded-full bg-${HANDLED_BY_COLOR[h]}-500`} />
                {HANDLED_BY_LABEL[h]}
              </span>
              <span className="whitespace-nowrap tabular-nums text-tremor-content">
                {href ? (
                  <Link to={href} className="font-medium text-tremor-content-strong hover:text-tremor-brand hover:underline">
                    {formatNumber(metrics.byHandledBy[h])}
                  </Link>
                ) : (
                  formatNumber(metrics.byHandledBy[h])
                )}{' '}
                · {formatPercent(share(metrics.byHandledBy[h], answered))}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
