import type { ReactNode } from 'react';
import { BadgeDelta, Card, type Color } from '@tremor/react';
import { Link } from 'react-router-dom';
import { formatDelta, type WeekDelta } from '../lib/deltas.js';
import { formatDate, formatNumber } from '../lib/format.js';

function deltaTooltip(d: WeekDelta, format: (v: number | null) => string): string {
  const side = (week: string, o: WeekDelta['current']) =>
    `week of ${formatDate(week)}: ${format(o.value)} (n = ${formatNumber(o.n)})`;
  const small = d.lowSample ? ' Too few cases to call this a change.' : '';
  return `${side(d.currentWeek, d.current)} vs ${side(d.previousWeek, d.previous)}.${small}`;
}

export function DeltaLine({
  delta,
  format,
  isIncreasePositive = true,
  label,
}: {
  /** 'loading' while the two weeks' numbers are on their way. */
  delta: WeekDelta | null | 'loading';
  format: (v: number | null) => string;
  isIncreasePositive?: boolean;
  /** What changed, when it is not the number on the card ("missed rate"). */
  label?: string;
}) {
  if (delta === 'loading') return <p className="text-tremor-label text-tremor-content-subtle">Week over week: loading…</p>;
  if (!delta) return <p className="text-tremor-label text-tremor-content-subtle">Week over week: no data</p>;
  const n = Math.min(delta.current.n, delta.previous.n);
  return (
    <div className="flex flex-wrap items-center gap-2" title={deltaTooltip(delta, format)} data-testid="kpi-delta">
      <BadgeDelta deltaType={delta.deltaType} isIncreasePositive={isIncreasePositive} size="xs">
        {formatDelta(delta)}
      </BadgeDelta>
      <span className="text-tremor-label text-tremor-content">
        {label ? `${label} ` : ''}
        {delta.lowSample ? `· small sample (n = ${formatNumber(n)})` : 'vs previous week'}
      </span>
    </div>
  );
}

interface KpiCardProps {
  title: string;
  value: string;
  /** The sample behind the number, e.g. "of 3,253 AI-started". */
  detail?: ReactNode;
  delta?: ReactNode;
  /** The conversations behind the number; null when there are none. */
  href: string | null;
  testId: string;
  /** The card's left accent: a handled_by colour where the number is about one of them. */
  color?: Color;
}

/** One headline number. The whole card links to the conversations it counts. */
export function KpiCard({ title, value, detail, delta, href, testId, color = 'indigo' }: KpiCardProps) {
  const body = (
    <>
      <p className="text-tremor-default font-medium text-tremor-content">{title}</p>
      <p
        className="mt-1 text-tremor-metric font-semibold tabular-nums tracking-tight text-tremor-content-strong"
        data-testid={`${testId}-value`}
      >
        {value}
      </p>
      {detail && <p className="mt-0.5 text-tremor-label text-tremor-content">{detail}</p>}
      {delta && <div className="mt-3">{delta}</div>}
    </>
  );
  return (
    <Card className="h-full p-5" decoration="left" decorationColor={color} data-testid={testId}>
      {href ? (
        <Link
          to={href}
          className="-m-2 block rounded-tremor-small p-2 hover:bg-tremor-background-muted focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted"
          aria-label={`${title}: ${value}. Show the conversations`}
        >
          {body}
        </Link>
      ) : (
        body
      )}
    </Card>
  );
}
