import { BarChart, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, type EventProps } from '@tremor/react';
import { Link, useNavigate } from 'react-router-dom';
import { HANDLED_BY, type HandledBy } from '../../../server/domain.js';
import type { Fraction, Metrics } from '../../lib/api-types.js';
import { HANDLED_BY_COLORS, HANDLED_BY_LABEL } from '../../lib/colors.js';
import { conversationsHref } from '../../lib/drill.js';
import { useFilters } from '../../lib/filters.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import { valueLabel } from '../../lib/labels.js';

/** Under this many surveys a topic's CSAT is shown but greyed: too few to compare. */
const SMALL_TOPIC = 30;

/** CSAT % per topic for AI, human and hybrid, as grouped bars and as a table with each n. */
export function TopicCsat({ metrics }: { metrics: Metrics }) {
  const navigate = useNavigate();
  const { search } = useFilters();
  const topics = metrics.csat.byTopic;
  const href = (topic: string, h: HandledBy) => conversationsHref(search, { topic, handledBy: h, surveyed: true, sort: 'csat' });
  const data = topics.map((t) => ({
    topic: valueLabel(t.topic),
    key: t.topic,
    ...Object.fromEntries(HANDLED_BY.map((h) => [HANDLED_BY_LABEL[h], t[h].rate])),
  }));
  const open = (event: EventProps) => {
    const h = HANDLED_BY.find((x) => HANDLED_BY_LABEL[x] === event?.categoryClicked);
    if (event && h) navigate(href(String(event.key), h));
  };
  const cell = (topic: string, h: HandledBy, f: Fraction) => (
    <TableCell key={h} className={`px-3 py-2 text-right tabular-nums ${f.denominator < SMALL_TOPIC ? 'text-tremor-content-subtle' : ''}`}>
      {f.denominator === 0 ? (
        'no data'
      ) : (
        <Link to={href(topic, h)} className="hover:text-tremor-brand hover:underline">
          {formatPercent(f.rate, 0)} <span className="text-tremor-label text-tremor-content">n={formatNumber(f.denominator)}</span>
        </Link>
      )}
    </TableCell>
  );
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <BarChart
        data-testid="chart-topic-csat"
        className="h-72"
        data={data}
        index="topic"
        categories={HANDLED_BY.map((h) => HANDLED_BY_LABEL[h])}
        colors={HANDLED_BY_COLORS}
        valueFormatter={(v) => formatPercent(v, 0)}
        minValue={0}
        maxValue={1}
        yAxisWidth={44}
        onValueChange={open}
        noDataText="No surveyed conversations"
      />
      <Table aria-label="CSAT by topic">
        <TableHead>
          <TableRow>
            <TableHeaderCell className="px-3">Topic</TableHeaderCell>
            {HANDLED_BY.map((h) => (
              <TableHeaderCell key={h} className="px-3 text-right">
                {HANDLED_BY_LABEL[h]}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {topics.map((t) => (
            <TableRow key={t.topic}>
              <TableCell className="px-3 py-2">{valueLabel(t.topic)}</TableCell>
              {HANDLED_BY.map((h) => cell(t.topic, h, t[h]))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
