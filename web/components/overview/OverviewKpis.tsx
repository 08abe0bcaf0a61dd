import type { Metrics, Series } from '../../lib/api-types.js';
import { repeatSettled, type DeltaKind, type Observation, type WeekDelta } from '../../lib/deltas.js';
import type { WeekPair } from '../../lib/use-week-pair.js';
import { drillHref } from '../../lib/drill.js';
import { formatNumber, formatPercent, share } from '../../lib/format.js';
import { DeltaLine, KpiCard } from '../KpiCard.js';

const pct = (v: number | null) => formatPercent(v);
const count = (v: number | null) => formatNumber(v);

/** The six headline numbers with week-over-week changes; each links to its conversations. */
export function OverviewKpis({ metrics: m, series, pair }: { metrics: Metrics; series: Series | undefined; pair: WeekPair | null }) {
  const link = (path: string) => drillHref(m.drillDown[path]);
  const twoWeeks = (series?.points.length ?? 0) >= 2;
  const d = (pick: (x: Metrics) => Observation, kind: DeltaKind): WeekDelta | 'loading' | null =>
    pair ? pair.delta(pick, kind) : twoWeeks ? 'loading' : null;
  const wow = {
    conversations: d((x) => ({ value: x.conversations, n: x.conversations }), 'count'),
    aiShare: d((x) => ({ value: share(x.deflection.aiStarted, x.conversations), n: x.conversations }), 'rate'),
    deflection: d((x) => ({ value: x.deflection.rate, n: x.deflection.aiStarted }), 'rate'),
    resolved: d((x) => ({ value: repeatSettled(x.deflection) ? x.deflection.resolvedRate : null, n: x.deflection.repeatKnown }), 'rate'),
    vip: d((x) => ({ value: x.vipFailures, n: x.vipConversations }), 'count'),
    missed: d((x) => ({ value: x.escalation.missedRate, n: x.escalation.triggered }), 'rate'),
  };
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3" data-testid="kpis">
      <KpiCard
        testId="kpi-conversations"
        title="Conversations"
        value={formatNumber(m.conversations)}
        detail={`${formatPercent(m.surveyResponseRate)} answered a survey`}
        delta={<DeltaLine delta={wow.conversations} format={count} />}
        href={link('conversations')}
      />
      <KpiCard
        testId="kpi-ai-share"
        title="AI share of volume"
        value={formatPercent(share(m.deflection.aiStarted, m.conversations))}
        detail={`${formatNumber(m.deflection.aiStarted)} of ${formatNumber(m.conversations)} started by the AI`}
        delta={<DeltaLine delta={wow.aiShare} format={pct} />}
        href={link('deflection.aiStarted')}
        color="violet"
      />
      <KpiCard
        testId="kpi-deflection"
        title="Deflection"
        value={formatPercent(m.deflection.rate)}
        detail={`${formatNumber(m.deflection.contained)} of ${formatNumber(m.deflection.aiStarted)} AI-started, no agent needed`}
        delta={<DeltaLine delta={wow.deflection} format={pct} />}
        href={link('deflection.contained')}
        color="violet"
      />
      <KpiCard
        testId="kpi-resolved-deflection"
        title="Resolved deflection"
        value={formatPercent(m.deflection.resolvedRate)}
        detail={`${formatNumber(m.deflection.resolvedContained)} of ${formatNumber(m.deflection.repeatKnown)} with known repeat status did not come back`}
        delta={<DeltaLine delta={wow.resolved} format={pct} />}
        href={link('deflection.resolvedContained')}
        color="violet"
      />
      <KpiCard
        testId="kpi-vip-failures"
        title="VIP failures"
        value={formatNumber(m.vipFailures)}
        detail={`${formatPercent(share(m.vipFailures, m.vipConversations))} of ${formatNumber(m.vipConversations)} VIP conversations`}
        delta={<DeltaLine delta={wow.vip} format={count} isIncreasePositive={false} />}
        href={link('vipFailures')}
        color="rose"
      />
      <KpiCard
        testId="kpi-missed-escalations"
        title="Missed escalations"
        value={formatNumber(m.escalation.missed)}
        detail={`${formatPercent(m.escalation.missedRate)} of ${formatNumber(m.escalation.triggered)} conversations with a trigger`}
        delta={<DeltaLine delta={wow.missed} format={pct} isIncreasePositive={false} label="missed rate" />}
        href={link('escalation.missed')}
        color="rose"
      />
    </div>
  );
}
