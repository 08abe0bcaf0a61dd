import { Link } from 'react-router-dom';
import { HANDLED_BY, type HandledBy } from '../../server/domain.js';
import type { Metrics } from '../lib/api-types.js';
import { HANDLED_BY_COLOR, HANDLED_BY_LABEL } from '../lib/colors.js';
import { drillHref } from '../lib/drill.js';
import { formatNumber, formatPercent } from '../lib/format.js';

/** The axis runs 0–100 %; ticks every 25 points so intervals can be read against them. */
const TICKS = [0, 0.25, 0.5, 0.75, 1];

function IntervalTrack({ pct, low, high, color }: { pct: number | null; low: number | null; high: number | null; color: string }) {
  return (
    <div className="relative h-6 w-full" aria-hidden="true">
      <div className="absolute inset-x-0 top-1/2 h-px bg-tremor-border" />
      {TICKS.map((t) => (
        <div key={t} className="absolute top-1 h-4 w-px bg-tremor-border" style={{ left: `${t * 100}%` }} />
      ))}
      {low !== null && high !== null && (
        <div
          className={`absolute top-1.5 h-3 rounded-full bg-${color}-200`}
          style={{ left: `${low * 100}%`, width: `${Math.max((high - low) * 100, 0.5)}%` }}
        />
      )}
      {pct !== null && (
        <div
          className={`absolute top-1/2 h-3.5 w-3.5 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-white bg-${color}-500 shadow`}
          style={{ left: `${pct * 100}%` }}
        />
      )}
    </div>
  );
}

/**
 * CSAT % per handled_by with its 95 % Wilson interval drawn as a band, the number of surveys
 * and a low-confidence note under 30 surveys. Each row links to its surveyed conversations.
 */
export function CsatIntervals({ metrics, showMixAdjusted = true }: { metrics: Metrics; showMixAdjusted?: boolean }) {
  const row = (h: HandledBy) => {
    const g = metrics.csat[h];
    const color = HANDLED_BY_COLOR[h];
    const href = drillHref(metrics.drillDown[`csat.${h}.surveyed`]);
    const interval = g.low !== null && g.high !== null ? `${formatPercent(g.low, 0)}–${formatPercent(g.high, 0)}` : null;
    return (
      <li key={h} className="grid grid-cols-[5.5rem_4.5rem_1fr_8.5rem] items-center gap-3" data-testid={`csat-${h}`}>
        <span className="flex items-center gap-2 text-tremor-default font-medium text-tremor-content-strong">
          <span className={`h-2.5 w-2.5 rounded-full bg-${color}-500`} />
          {HANDLED_BY_LABEL[h]}
        </span>
        <span className="text-right text-lg font-semibold tabular-nums text-tremor-content-strong" data-testid={`csat-${h}-pct`}>
          {formatPercent(g.pct)}
        </span>
        <IntervalTrack pct={g.pct} low={g.low} high={g.high} color={color} />
        <span className="text-tremor-label text-tremor-content">
          {interval ? `95 % CI ${interval}` : 'no interval'}
          <br />
          {href ? (
            <Link to={href} className="text-tremor-brand hover:underline">
              n = {formatNumber(g.surveyed)} surveys
            </Link>
          ) : (
            `n = ${formatNumber(g.surveyed)} surveys`
          )}
          {g.lowConfidence && g.surveyed > 0 && <span className="ml-1 font-medium text-orange-700">· low n</span>}
        </span>
      </li>
    );
  };
  return (
    <div>
      <ul className="space-y-3" aria-label="CSAT by handled by, with 95 % intervals">
        {HANDLED_BY.map(row)}
      </ul>
      <div className="mt-1 grid grid-cols-[5.5rem_4.5rem_1fr_8.5rem] gap-3 text-tremor-label text-tremor-content-subtle" aria-hidden="true">
        <span />
        <span />
        <span className="flex justify-between">
          {TICKS.map((t) => (
            <span key={t}>{t * 100}%</span>
          ))}
        </span>
        <span />
      </div>
      {showMixAdjusted && (
        <p className="mt-4 rounded-tremor-small bg-tremor-background-muted px-3 py-2 text-tremor-default text-tremor-content">
          AI CSAT adjusted to the human topic mix:{' '}
          <span className="font-semibold tabular-nums text-tremor-content-strong" data-testid="csat-ai-adjusted">
            {formatPercent(metrics.csat.aiMixAdjustedPct)}
          </span>{' '}
          (raw {formatPercent(metrics.csat.ai.pct)}). CSAT % = surveys scored 4 or 5 / surveys.
        </p>
      )}
    </div>
  );
}
