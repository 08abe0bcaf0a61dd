import { Link } from 'react-router-dom';
import { DeflectionTrend } from '../components/charts/DeflectionTrend.js';
import { DataState } from '../components/DataState.js';
import { DeflectionBreakdown } from '../components/deflection/DeflectionBreakdown.js';
import { KpiCard } from '../components/KpiCard.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { LoadingState } from '../components/States.js';
import type { Metrics } from '../lib/api-types.js';
import { drillHref } from '../lib/drill.js';
import { formatNumber, formatPercent, share } from '../lib/format.js';
import { useBreakdown, useMarkets, useTopicBreakdown } from '../lib/use-breakdown.js';
import { useMetrics, useSeries } from '../lib/use-metrics.js';
import { useWeekPair } from '../lib/use-week-pair.js';

function Kpis({ m }: { m: Metrics }) {
  const handoffs = m.fractions.handoff.numerator;
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
      <KpiCard
        testId="kpi-deflection"
        title="Deflection"
        value={formatPercent(m.deflection.rate)}
        detail={`${formatNumber(m.deflection.contained)} of ${formatNumber(m.deflection.aiStarted)} AI-started`}
        href={drillHref(m.drillDown['deflection.contained'])}
        color="violet"
      />
      <KpiCard
        testId="kpi-resolved-deflection"
        title="Resolved deflection"
        value={formatPercent(m.deflection.resolvedRate)}
        detail={`${formatNumber(m.deflection.resolvedContained)} of ${formatNumber(m.deflection.repeatKnown)} with known repeat status`}
        href={drillHref(m.drillDown['deflection.resolvedContained'])}
        color="violet"
      />
      <KpiCard
        testId="kpi-handoff"
        title="Handed to a person"
        value={formatPercent(m.handoffRate)}
        detail={`${formatNumber(handoffs)} of ${formatNumber(m.fractions.handoff.denominator)} AI-started`}
        href={drillHref(m.drillDown['fractions.handoff.numerator'])}
        color="teal"
      />
      <KpiCard
        testId="kpi-over-escalation"
        title="Over-escalation (opportunity)"
        value={formatNumber(m.escalation.overEscalation)}
        detail={`handoffs with no trigger: ${formatPercent(share(m.escalation.overEscalation, handoffs))} of ${formatNumber(handoffs)} handoffs the AI might have kept`}
        href={drillHref(m.drillDown['escalation.overEscalation'])}
        color="emerald"
      />
    </div>
  );
}

function MarketBreakdown({ total }: { total: number }) {
  const markets = useMarkets();
  const state = useBreakdown('market', markets);
  if (markets === null) return <LoadingState label="Finding the markets…" />;
  return (
    <DataState state={state} label="Loading the markets…">
      {() => {
        const rows = state.rows ?? [];
        const listed = rows.reduce((sum, r) => sum + r.metrics.deflection.aiStarted, 0);
        return <DeflectionBreakdown rows={rows} testId="chart-deflection-market" remainder={Math.max(0, total - listed)} label={(v) => v} />;
      }}
    </DataState>
  );
}

/** How much the AI resolves on its own, where, and which handoffs it did not need. */
export function DeflectionPage() {
  const metrics = useMetrics();
  const series = useSeries('week');
  const topics = useTopicBreakdown();
  const pair = useWeekPair(series.status === 'success' ? series.data : undefined);
  return (
    <>
      <PageHeader
        title="Deflection"
        description="Of the conversations the AI started, how many it resolved without a person — and how many of those customers did not come back."
      />
      <DataState state={metrics} label="Loading deflection…">
        {(m) => <Kpis m={m} />}
      </DataState>
      <Panel title="Deflection per week" description="Handed to a person is the complement of deflection. Click a point for that week's conversations.">
        <DataState state={series} label="Loading the weekly series…">
          {(s) => <DeflectionTrend series={s} pair={pair} />}
        </DataState>
      </Panel>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Panel title="By topic" description="Greyed rows have fewer than 30 AI-started conversations.">
          <DataState state={topics} label="Loading the topics…">
            {() => <DeflectionBreakdown rows={topics.rows ?? []} testId="chart-deflection-topic" />}
          </DataState>
        </Panel>
        <Panel title="By market" description="Greyed rows have fewer than 30 AI-started conversations.">
          {metrics.data ? <MarketBreakdown total={metrics.data.deflection.aiStarted} /> : <LoadingState />}
        </Panel>
      </div>
      {metrics.data && (
        <p className="text-tremor-default text-tremor-content">
          Over-escalations are AI-started conversations handed to a person although no escalation trigger fired.{' '}
          <Link className="font-medium text-tremor-brand hover:underline" to={drillHref(metrics.data.drillDown['escalation.overEscalation']) ?? '/conversations'}>
            Review them
          </Link>{' '}
          to find topics the AI could keep.
        </p>
      )}
    </>
  );
}
