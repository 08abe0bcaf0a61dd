import { Link } from 'react-router-dom';
import { ConversationTable } from '../components/conversations/ConversationTable.js';
import { DataState } from '../components/DataState.js';
import { GapHistogram } from '../components/escalations/GapHistogram.js';
import { KindBreakdown } from '../components/escalations/KindBreakdown.js';
import { StatusDonut } from '../components/escalations/StatusDonut.js';
import { KpiCard } from '../components/KpiCard.js';
import { PageHeader } from '../components/PageHeader.js';
import { Panel } from '../components/Panel.js';
import { apiUrl } from '../lib/api.js';
import type { ConversationRow, Metrics, Page } from '../lib/api-types.js';
import { conversationsHref, drillHref } from '../lib/drill.js';
import { useFilters } from '../lib/filters.js';
import { formatDuration, formatNumber, formatPercent } from '../lib/format.js';
import { useApi } from '../lib/use-api.js';
import { filterQuery, useMetrics } from '../lib/use-metrics.js';

const WORST = 10;

function Kpis({ m }: { m: Metrics }) {
  const e = m.escalation;
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
      <KpiCard
        testId="kpi-triggered"
        title="Needed a person"
        value={formatNumber(e.triggered)}
        detail={`${formatPercent(e.triggerRate)} of ${formatNumber(m.deflection.aiStarted)} AI-started had a trigger`}
        href={drillHref(m.drillDown['escalation.triggered'])}
      />
      <KpiCard
        testId="kpi-missed"
        title="Missed escalations"
        value={formatNumber(e.missed)}
        detail={`${formatPercent(e.missedRate)} of triggered were never handed off`}
        href={drillHref(m.drillDown['escalation.missed'])}
        color="rose"
      />
      <KpiCard
        testId="kpi-late"
        title="Late handoffs"
        value={formatNumber(e.late)}
        detail={`${formatNumber(e.timely)} timely`}
        href={drillHref(m.drillDown['escalation.late'])}
        color="orange"
      />
      <KpiCard
        testId="kpi-median-gap"
        title="Median gap"
        value={e.medianGapTurns === null ? 'no data' : `${formatNumber(e.medianGapTurns)} ${e.medianGapTurns === 1 ? 'reply' : 'replies'}`}
        detail={`${formatDuration(e.medianGapSeconds)} from trigger to handoff, over ${formatNumber(e.timely + e.late)} handed off`}
        href={drillHref(m.drillDown['escalation.late'])}
        color="orange"
      />
    </div>
  );
}

/** Where the AI should have handed over, how late it did, and the worst cases. */
export function EscalationsPage() {
  const metrics = useMetrics();
  const { filters, search } = useFilters();
  const worst = useApi<Page<ConversationRow>>(
    apiUrl('/conversations', { ...filterQuery(filters), escalation: 'late,missed', sort: 'score', limit: WORST }),
  );
  return (
    <>
      <PageHeader
        title="Escalation gaps"
        description="Conversations where the customer needed a person while the AI was in charge: how many got one, and how many AI replies it took."
      />
      <DataState state={metrics} label="Loading escalations…">
        {(m) => (
          <div className="flex flex-col gap-6">
            <Kpis m={m} />
            <Panel title="By trigger kind" description="A conversation counts under every kind it had. Click a bar segment for its conversations.">
              <KindBreakdown metrics={m} />
            </Panel>
            <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
              <Panel title="After the first trigger" description="Handed off with no further AI reply, handed off late, or never.">
                <StatusDonut metrics={m} />
              </Panel>
              <Panel title="Gap distribution" description="AI replies between the first trigger and the handoff.">
                <GapHistogram />
              </Panel>
            </div>
          </div>
        )}
      </DataState>
      <Panel
        title="Worst conversations"
        description="Late and missed escalations with the highest gap score (severity, delay and VIP)."
        aside={
          <Link to={conversationsHref(search, { escalation: 'late,missed' })} className="text-tremor-default font-medium text-tremor-brand hover:underline">
            See all →
          </Link>
        }
      >
        <DataState state={worst} label="Loading the worst conversations…">
          {(page) => <ConversationTable rows={page.items} />}
        </DataState>
      </Panel>
    </>
  );
}
