import { BarChart, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, type EventProps } from '@tremor/react';
import { Link, useNavigate } from 'react-router-dom';
import { drillHref } from '../../lib/drill.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import { valueLabel } from '../../lib/labels.js';
import type { BreakdownRow } from '../../lib/use-breakdown.js';

const SMALL = 30;

/**
 * Deflection and resolved deflection per topic or market, as bars and as a table with each
 * denominator. `remainder` is the AI-started conversations in no listed value (shown, not hidden).
 */
export function DeflectionBreakdown({
  rows,
  testId,
  remainder = 0,
  label = valueLabel,
}: {
  rows: BreakdownRow[];
  testId: string;
  remainder?: number;
  label?: (value: string) => string;
}) {
  const navigate = useNavigate();
  const shown = rows.filter((r) => r.metrics.deflection.aiStarted > 0);
  const data = shown.map((r) => ({
    name: label(r.value),
    value: r.value,
    Deflection: r.metrics.deflection.rate,
    'Resolved deflection': r.metrics.deflection.resolvedRate,
  }));
  const open = (event: EventProps) => {
    const row = shown.find((r) => r.value === event?.value);
    const href = row && drillHref(row.metrics.drillDown['deflection.contained']);
    if (href) navigate(href);
  };
  return (
    <div className="flex flex-col gap-4">
      <BarChart
        data-testid={testId}
        className="h-80"
        data={data}
        index="name"
        categories={['Deflection', 'Resolved deflection']}
        colors={['violet', 'blue']}
        layout="vertical"
        valueFormatter={(v) => formatPercent(v, 0)}
        minValue={0}
        maxValue={1}
        yAxisWidth={72}
        onValueChange={open}
        noDataText="No AI-started conversations"
      />
      <Table aria-label="Deflection breakdown">
        <TableHead>
          <TableRow>
            <TableHeaderCell className="px-3 py-2" />
            <TableHeaderCell className="px-3 py-2 text-right">AI-started</TableHeaderCell>
            <TableHeaderCell className="px-3 py-2 text-right">Deflection</TableHeaderCell>
            <TableHeaderCell className="px-3 py-2 text-right">Resolved</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(({ value, metrics: m }) => {
            const small = m.deflection.aiStarted < SMALL ? 'text-tremor-content-subtle' : '';
            const started = drillHref(m.drillDown['deflection.aiStarted']);
            return (
              <TableRow key={value} className={small}>
                <TableCell className="px-3 py-1.5">{label(value)}</TableCell>
                <TableCell className="px-3 py-1.5 text-right tabular-nums">
                  {started ? (
                    <Link to={started} className="hover:text-tremor-brand hover:underline">
                      {formatNumber(m.deflection.aiStarted)}
                    </Link>
                  ) : (
                    formatNumber(m.deflection.aiStarted)
                  )}
                </TableCell>
                <TableCell className="px-3 py-1.5 text-right tabular-nums">{formatPercent(m.deflection.rate)}</TableCell>
                <TableCell className="px-3 py-1.5 text-right tabular-nums">{formatPercent(m.deflection.resolvedRate)}</TableCell>
              </TableRow>
            );
          })}
          {remainder > 0 && (
            <TableRow className="text-tremor-content-subtle">
              <TableCell className="px-3 py-1.5">Other or no market</TableCell>
              <TableCell className="px-3 py-1.5 text-right tabular-nums">{formatNumber(remainder)}</TableCell>
              <TableCell className="px-3 py-1.5 text-right" colSpan={2}>
                not broken down
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
