import { HANDLED_BY, type HandledBy } from '../../server/domain.js';
import { HandledByBars, type HandledByValue } from '../components/compare/HandledByBars.js';
import { TopicCsat } from '../components/compare/TopicCsat.js';
import { CsatIntervals } from '../components/CsatIntervals.js';
import { DataState } from '../components/DataState.js';
import { KpiCard } from '../components/KpiCard.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { RateTrend } from '../components/charts/RateTrend.js';
import type { Metrics } from '../lib/api-types.js';
import { drillHref } from '../lib/drill.js';
import { formatDuration, formatNumber, formatPercent } from '../lib/format.js';
import { useMetrics, useSeries } from '../lib/use-metrics.js';

function perHandled(fn: (h: HandledBy) => HandledByValue): Record<HandledBy, HandledByValue> {
  return Object.fromEntries(HANDLED_BY.map((h) => [h, fn(h)])) as Record<HandledBy, HandledByValue>;
}

function resolution(m: Metrics) {
  const max = Math.max(0, ...HANDLED_BY.map((h) => m.resolutionTime[h].medianSeconds ?? 0));
  return perHandled((h) => ({
    value: m.resolutionTime[h].medianSeconds,
    max,
    text: formatDuration(m.resolutionTime[h].medianSeconds),
    detail: `median of ${formatNumber(m.resolutionTime[h].conversations)}`,
    href: drillHref(m.drillDown[`byHandledBy.${h}`]),
  }));
}

function repeat(m: Metrics) {
  const rates = HANDLED_BY.map((h) => m.fractions.repeatContact[h].rate ?? 0);
  return perHandled((h) => {
    const f = m.fractions.repeatContact[h];
    return {
      value: f.rate,
      max: Math.max(...rates, 0.01),
      text: formatPercent(f.rate),
      detail: `${formatNumber(f.numerator)} of ${formatNumber(f.denominator)} known`,
      href: drillHref(m.drillDown[`fractions.repeatContact.${h}.numerator`]),
    };
  });
}

function Headline({ m }: { m: Metrics }) {
  const ci = (h: HandledBy) =>
    m.csat[h].low === null ? 'no interval' : `95 % CI ${formatPercent(m.csat[h].low, 0)}–${formatPercent(m.csat[h].high, 0)}`;
  return (
    <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
      <KpiCard
        testId="kpi-ai-csat-raw"
        title="AI CSAT, raw"
        value={formatPercent(m.csat.ai.pct)}
        detail={`${ci('ai')} · n = ${formatNumber(m.csat.ai.surveyed)} surveys`}
        href={drillHref(m.drillDown['csat.ai.surveyed'])}
        color="violet"
      />
      <KpiCard
        testId="kpi-ai-csat-adjusted"
        title="AI CSAT, mix-adjusted"
        value={formatPercent(m.csat.aiMixAdjustedPct)}
        detail={`With the human topic mix, over ${formatNumber(m.csat.mixAdjustment.topics.length)} shared topics${
          m.csat.mixAdjustment.excludedTopics.length ? ` (excluded: ${m.csat.mixAdjustment.excludedTopics.join(', ')})` : ''
        }`}
        href={drillHref(m.drillDown['csat.ai.surveyed'])}
        color="violet"
      />
      <KpiCard
        testId="kpi-human-csat"
        title="Human CSAT"
        value={formatPercent(m.csat.human.pct)}
        detail={`${ci('human')} · n = ${formatNumber(m.csat.human.surveyed)} surveys`}
        href={drillHref(m.drillDown['csat.human.surveyed'])}
        color="amber"
      />
    </div>
  );
}

/** An honest AI-vs-human comparison: raw and topic-mix-adjusted CSAT, per topic, speed and repeat contact. */
export function AiVsHumanPage() {
  const metrics = useMetrics();
  const series = useSeries('week');
  return (
    <>
      <PageHeader
        title="AI vs Human"
        description="Is the AI as good as people? Raw CSAT flatters an AI that takes the easy topics; the mix-adjusted figure gives it the human agents' topic mix."
      />
      <DataState state={metrics} label="Loading the comparison…">
        {(m) => (
          <div className="flex flex-col gap-6">
            <Headline m={m} />
            <Panel title="CSAT with 95 % intervals" description="Overlapping bands mean the difference may be noise. Low n is flagged under 30 surveys.">
              <CsatIntervals metrics={m} showMixAdjusted={false} />
            </Panel>
            <Panel title="CSAT by topic" description="Share of surveys scored 4 or 5. Greyed cells have fewer than 30 surveys. Click a bar or cell for its conversations.">
              <TopicCsat metrics={m} />
            </Panel>
            <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
              <Panel title="Resolution time" description="Median duration from start to end.">
                <HandledByBars values={resolution(m)} testId="resolution" />
              </Panel>
              <Panel title="Repeat contact" description="Came back within the repeat window, of those whose repeat status is known.">
                <HandledByBars values={repeat(m)} testId="repeat" />
              </Panel>
            </div>
          </div>
        )}
      </DataState>
      <Panel title="CSAT per week" description="A gap in a line is a week without surveys for that group.">
        <DataState state={series} label="Loading the weekly series…">
          {(s) => (
            <RateTrend
              testId="chart-csat-trend"
              series={s}
              lines={[
                { name: 'AI', color: 'violet', value: (p) => p.csat.ai.rate, drill: { handledBy: 'ai', surveyed: true } },
                { name: 'AI mix-adjusted', color: 'fuchsia', value: (p) => p.csat.aiMixAdjustedPct, drill: { handledBy: 'ai', surveyed: true } },
                { name: 'Human', color: 'amber', value: (p) => p.csat.human.rate, drill: { handledBy: 'human', surveyed: true } },
                { name: 'Hybrid', color: 'teal', value: (p) => p.csat.hybrid.rate, drill: { handledBy: 'hybrid', surveyed: true } },
              ]}
            />
          )}
        </DataState>
      </Panel>
    </>
  );
}
