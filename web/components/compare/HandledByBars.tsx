import { Link } from 'react-router-dom';
import { HANDLED_BY, type HandledBy } from '../../../server/domain.js';
import { HANDLED_BY_COLOR, HANDLED_BY_LABEL } from '../../lib/colors.js';

export interface HandledByValue {
  value: number | null;
  /** What the bar is scaled against (the largest value, or 1 for rates). */
  max: number;
  text: string;
  detail: string;
  href: string | null;
}

/** One horizontal bar per handled_by in its product colour; a missing value reads "no data", not an empty bar. */
export function HandledByBars({ values, testId }: { values: Record<HandledBy, HandledByValue>; testId: string }) {
  return (
    <ul className="space-y-3" data-testid={testId}>
      {HANDLED_BY.map((h) => {
        const v = values[h];
        const width = v.value === null || v.max <= 0 ? 0 : Math.min(100, (v.value / v.max) * 100);
        const label = (
          <span className="font-semibold tabular-nums text-tremor-content-strong" data-testid={`${testId}-${h}`}>
            {v.text}
          </span>
        );
        return (
          <li key={h} className="grid grid-cols-[5rem_1fr_7.5rem] items-center gap-3">
            <span className="text-tremor-default font-medium text-tremor-content-emphasis">{HANDLED_BY_LABEL[h]}</span>
            <div className="h-6 rounded-tremor-small bg-tremor-background-subtle">
              <div className={`h-6 rounded-tremor-small bg-${HANDLED_BY_COLOR[h]}-500`} style={{ width: `${width}%` }} />
            </div>
            <span className="text-right text-tremor-default">
              {v.href ? (
                <Link to={v.href} className="hover:underline">
                  {label}
                </Link>
              ) : (
                label
              )}
              <span className="block text-tremor-label text-tremor-content">{v.detail}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
