import { Button, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import { Link, useSearchParams } from 'react-router-dom';
import { formatWeek, isoWeekOf } from '../../server/reports/iso-week.js';
import { formatChange, formatValue, type FigureKind } from '../../server/reports/reading.js';
import { DataState } from '../components/DataState.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { EmptyState } from '../components/States.js';
import { useApi } from '../lib/use-api.js';

interface Figure {
  key: string;
  label: string;
  kind: FigureKind;
  current: number | null;
  previous: number | null;
  change: number | null;
  n: { current: number; previous: number };
  interval?: { current: { low: number | null; high: number | null } };
  reading: string;
}

interface WeeklyReport {
  week: string;
  timeZone: string;
  range: { from: string; to: string };
  previous: { week: string };
  hasData: boolean;
  figures: Figure[];
  vipWorst: { conversationId: string; link: string; reasons: string[]; escalationStatus: string; csat: number | null }[];
  aiWorstTopics: { topic: string; ai: { rate: number | null; denominator: number }; human: { rate: number | null; denominator: number }; gap: number; smallSample: boolean }[];
}

const FORMATS = [['md', 'Markdown'], ['csv', 'CSV'], ['json', 'JSON'], ['pdf', 'PDF']] as const;

/** The newest conversation's ISO week: the default, so the page opens on data rather than an empty week. */
function useDefaultWeek(): string | null {
  const newest = useApi<{ items: { startedAt: string }[] }>('/api/conversations?sort=date&limit=1');
  const startedAt = newest.data?.items[0]?.startedAt;
  if (newest.status === 'error' || (newest.data && !startedAt)) return 'last';
  return startedAt ? formatWeek(isoWeekOf(new Date(startedAt))) : null;
}

function FiguresTable({ figures }: { figures: Figure[] }) {
  return (
    <Table>
      <TableHead>
        <TableRow>
          <TableHeaderCell>Figure</TableHeaderCell>
          <TableHeaderCell className="text-right">This week</TableHeaderCell>
          <TableHeaderCell className="text-right">Last week</TableHeaderCell>
          <TableHeaderCell className="text-right">Change</TableHeaderCell>
          <TableHeaderCell className="text-right">Sample</TableHeaderCell>
          <TableHeaderCell>Reading</TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {figures.map((f) => {
          const ci = f.interval?.current;
          return (
            <TableRow key={f.key} data-figure={f.key}>
              <TableCell className="font-medium text-tremor-content-strong">{f.label}</TableCell>
              <TableCell className="text-right tabular-nums">
                {formatValue(f.kind, f.current)}
                {ci && ci.low !== null && ci.high !== null && (
                  <span className="block text-xs text-tremor-content">
                    {formatValue('rate', ci.low)} to {formatValue('rate', ci.high)}
                  </span>
                )}
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatValue(f.kind, f.previous)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatChange(f.kind, f.change)}</TableCell>
              <TableCell className="text-right tabular-nums">{f.kind === 'count' ? '' : `${f.n.current} / ${f.n.previous}`}</TableCell>
              <TableCell className="whitespace-normal text-tremor-content">{f.reading}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function Report({ report }: { report: WeeklyReport }) {
  return (
    <div className="space-y-6">
      {!report.hasData && (
        <EmptyState title={`No conversations in ${report.week}`}>Pick another week; the figures below are empty for this one.</EmptyState>
      )}
      <Panel title="Figures" description={`${report.range.from} to ${report.range.to} (${report.timeZone}) compared with ${report.previous.week}. Changes are in percentage points for rates; a change is called real only when the samples support it.`}>
        <FiguresTable figures={report.figures} />
      </Panel>
      <div className="grid gap-6 lg:grid-cols-2">
        <Panel title="Worst VIP failures" description="Ranked by escalation-gap score.">
          {report.vipWorst.length === 0 ? (
            <p className="text-tremor-default text-tremor-content">None this week.</p>
          ) : (
            <ul className="space-y-2 text-tremor-default">
              {report.vipWorst.map((v) => (
                <li key={v.conversationId}>
                  <Link className="font-medium text-tremor-brand hover:underline" to={v.link}>{v.conversationId}</Link>
                  <span className="text-tremor-content"> {v.reasons.join(', ')}; escalation {v.escalationStatus}; csat {v.csat ?? 'not surveyed'}</span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title="Topics where the AI does worst" description="AI CSAT minus human CSAT, with the surveys behind each.">
          <ul className="space-y-2 text-tremor-default">
            {report.aiWorstTopics.map((t) => (
              <li key={t.topic} className="flex justify-between gap-4">
                <span className="font-medium text-tremor-content-strong">{t.topic}{t.smallSample ? ' (small sample)' : ''}</span>
                <span className="tabular-nums text-tremor-content">
                  AI {formatValue('rate', t.ai.rate)} (n {t.ai.denominator}) vs human {formatValue('rate', t.human.rate)} (n {t.human.denominator}): {formatChange('points', t.gap)}
                </span>
              </li>
            ))}
          </ul>
        </Panel>
      </div>
    </div>
  );
}

/** The executive's weekly summary: one ISO week against the one before, printable and downloadable. */
export function WeeklyPage() {
  const [params, setParams] = useSearchParams();
  const fallback = useDefaultWeek();
  const week = params.get('week') ?? fallback;
  const state = useApi<WeeklyReport>(week ? `/api/reports/weekly?week=${encodeURIComponent(week)}` : null);
  const resolved = state.data?.week ?? week ?? '';
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Weekly summary${resolved ? `, ${resolved}` : ''}`}
        description="One ISO week against the week before, for the leadership update."
        actions={
          <div className="flex flex-wrap items-center gap-2 print:hidden">
            <label className="text-tremor-default text-tremor-content" htmlFor="weekly-week">Week</label>
            <input
              id="weekly-week" type="week" value={resolved}
              onChange={(e) => e.target.value && setParams((p) => { p.set('week', e.target.value); return p; })}
              className="rounded-tremor-default border border-tremor-border px-2 py-1 text-tremor-default"
            />
            {FORMATS.map(([format, label]) => (
              <a key={format} className="rounded-tremor-default border border-tremor-border px-2 py-1 text-tremor-default text-tremor-content-strong hover:bg-tremor-background-muted"
                href={`/api/reports/weekly?week=${encodeURIComponent(resolved)}&format=${format}`} download>
                {label}
              </a>
            ))}
            <Button size="xs" variant="secondary" onClick={() => window.print()}>Print</Button>
          </div>
        }
      />
      <DataState state={state} label="Assembling the summary…">{(report) => <Report report={report} />}</DataState>
    </div>
  );
}
