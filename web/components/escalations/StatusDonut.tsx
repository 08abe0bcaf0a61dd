import { DonutChart, type EventProps } from '@tremor/react';
import { Link, useNavigate } from 'react-router-dom';
import type { Metrics } from '../../lib/api-types.js';
import { drillHref } from '../../lib/drill.js';
import { formatNumber, formatPercent, share } from '../../lib/format.js';
import { ESCALATION_COLOR, ESCALATION_LABEL } from '../../lib/labels.js';

const STATUSES = ['timely', 'late', 'missed'] as const;

/** What happened after the first trigger: handed off at once, handed off late, or never. */
export function StatusDonut({ metrics }: { metrics: Metrics }) {
  const navigate = useNavigate();
  const e = metrics.escalation;
  const data = STATUSES.map((s) => ({ name: ESCALATION_LABEL[s], value: e[s], status: s }));
  const open = (event: EventProps) => {
    const status = STATUSES.find((s) => ESCALATION_LABEL[s] === event?.name);
    const href = status && drillHref(metrics.drillDown[`escalation.${status}`]);
    if (href) navigate(href);
  };
  return (
    <div className="flex items-center gap-6">
      <DonutChart
        data-testid="chart-status"
        className="h-44 w-44 shrink-0"
        data={data}
        category="value"
        index="name"
        colors={STATUSES.map((s) => ESCALATION_COLOR[s])}
        valueFormatter={(v) => formatNumber(v)}
        label={formatNumber(e.triggered)}
        onValueChange={open}
        noDataText="No triggers"
      />
      <ul className="min-w-0 flex-1 space-y-2 text-tremor-default">
        {STATUSES.map((s) => {
          const href = drillHref(metrics.drillDown[`escalation.${s}`]);
          return (
            <li key={s} className="flex items-center justify-between gap-3">
              <span className="flex items-center gap-2 text-tremor-content-emphasis">
                <span className={`h-2.5 w-2.5 rounded-full bg-${ESCALATION_COLOR[s]}-500`} />
                {ESCALATION_LABEL[s]}
              </span>
              <span className="whitespace-nowrap tabular-nums text-tremor-content">
                {href ? (
                  <Link to={href} className="font-medium text-tremor-content-strong hover:text-tremor-brand hover:underline">
                    {formatNumber(e[s])}
                  </Link>
                ) : (
                  formatNumber(e[s])
                )}{' '}
                · {formatPercent(share(e[s], e.triggered))}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
