import { BarChart, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, type EventProps } from '@tremor/react';
import { Link, useNavigate } from 'react-router-dom';
import type { Metrics } from '../../lib/api-types.js';
import { conversationsHref, drillHref } from '../../lib/drill.js';
import { useFilters } from '../../lib/filters.js';
import { formatDuration, formatNumber, formatPercent } from '../../lib/format.js';
import { ESCALATION_COLOR, ESCALATION_LABEL, TRIGGER_LABEL } from '../../lib/labels.js';

const STATUSES = ['timely', 'late', 'missed'] as const;

/** Triggered conversations per trigger kind, split by what happened next. */
export function KindBreakdown({ metrics }: { metrics: Metrics }) {
  const navigate = useNavigate();
  const { search } = useFilters();
  const kinds = metrics.escalation.byKind;
  const data = kinds.map((k) => ({
    name: TRIGGER_LABEL[k.kind],
    kind: k.kind,
    ...Object.fromEntries(STATUSES.map((s) => [ESCALATION_LABEL[s], k[s]])),
  }));
  const open = (event: EventProps) => {
    const status = STATUSES.find((s) => ESCALATION_LABEL[s] === event?.categoryClicked);
    if (event && status) navigate(conversationsHref(search, { triggerKind: String(event.kind), escalation: status }));
  };
  return (
    <div className="grid grid-cols-1 items-start gap-6 xl:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <BarChart
        data-testid="chart-kinds"
        className="h-72"
        data={data}
        index="name"
        categories={STATUSES.map((s) => ESCALATION_LABEL[s])}
        colors={STATUSES.map((s) => ESCALATION_COLOR[s])}
        layout="vertical"
        stack
        yAxisWidth={168}
        valueFormatter={(v) => formatNumber(v)}
        onValueChange={open}
        noDataText="No triggers in these conversations"
      />
      <Table aria-label="Escalation by trigger kind">
        <TableHead>
          <TableRow>
            <TableHeaderCell className="px-2 py-2">Trigger</TableHeaderCell>
            <TableHeaderCell className="px-2 py-2 text-right">Conversations</TableHeaderCell>
            <TableHeaderCell className="px-2 py-2 text-right">Missed</TableHeaderCell>
            <TableHeaderCell className="px-2 py-2 text-right">Missed %</TableHeaderCell>
            <TableHeaderCell className="px-2 py-2 text-right" title="AI replies and time from the first trigger to the handoff, over conversations that were handed off">
              Median gap
            </TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {kinds.map((k, i) => {
            const all = drillHref(metrics.drillDown[`escalation.byKind.${i}.conversations`]);
            const missed = drillHref(metrics.drillDown[`escalation.byKind.${i}.missed`]);
            return (
              <TableRow key={k.kind} data-kind={k.kind}>
                <TableCell className="px-2 py-1.5">{TRIGGER_LABEL[k.kind]}</TableCell>
                <TableCell className="px-2 py-1.5 text-right tabular-nums" data-col="conversations">
                  {all ? <Link to={all} className="hover:text-tremor-brand hover:underline">{formatNumber(k.conversations)}</Link> : formatNumber(k.conversations)}
                </TableCell>
                <TableCell className="px-2 py-1.5 text-right tabular-nums" data-col="missed">
                  {missed ? <Link to={missed} className="hover:text-tremor-brand hover:underline">{formatNumber(k.missed)}</Link> : formatNumber(k.missed)}
                </TableCell>
                <TableCell className="px-2 py-1.5 text-right tabular-nums">{formatPercent(k.missedRate)}</TableCell>
                <TableCell className="px-2 py-1.5 text-right tabular-nums">
                  <span title={`median ${formatDuration(k.medianGapSeconds)} from trigger to handoff`}>
                    {k.medianGapTurns === null ? 'no data' : `${formatNumber(k.medianGapTurns)} · ${formatDuration(k.medianGapSeconds)}`}
                  </span>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
