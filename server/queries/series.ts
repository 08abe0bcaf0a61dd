import type { Database } from '../db/database.js';
import { factsView, filterSql, type ConversationFilters } from './filters.js';
import { fraction, ratio, wilsonInterval } from './stats.js';

export const GRAINS = ['day', 'week'] as const;
export type Grain = (typeof GRAINS)[number];

/** date_trunc('week') starts weeks on Monday, as ISO weeks do. */
const PERIOD_SQL: Record<Grain, string> = {
  day: `date_trunc('day', started_at)::DATE`,
  week: `date_trunc('week', started_at)::DATE`,
};

interface SeriesRow {
  period: Date;
  conversations: number; ai: number; human: number; hybrid: number; ai_started: number; contained: number;
  contained_no_repeat: number; ai_started_known: number; triggered: number; missed: number; vip_failures: number;
  over_escalation: number; ai_surveyed: number; ai_satisfied: number; human_surveyed: number;
  human_satisfied: number; hybrid_surveyed: number; hybrid_satisfied: number; ai_mix_adjusted: number | null;
}

/**
 * The same definitions as computeMetrics (metrics.ts), per day or ISO week, for the charts.
 * Mix-adjusted AI CSAT is standardised to the human topic mix within each period.
 */
export async function computeSeries(db: Database, filters: ConversationFilters, grain: Grain) {
  const { sql: where, params } = filterSql(filters);
  const period = PERIOD_SQL[grain];
  const rows = await db.all<SeriesRow>(
    `WITH base AS (SELECT ${period} AS period, * FROM ${factsView(filters)} f ${where}),
    topic_csat AS (
      SELECT period, topic,
        count(*) FILTER (WHERE handled_by = 'ai' AND csat IS NOT NULL) AS ai_n,
        count(*) FILTER (WHERE handled_by = 'ai' AND csat >= 4) AS ai_sat,
        count(*) FILTER (WHERE handled_by = 'human' AND csat IS NOT NULL) AS human_n
      FROM base WHERE topic IS NOT NULL GROUP BY period, topic
    ),
    mix AS (
      SELECT period, sum(human_n * ai_sat / ai_n) / sum(human_n) AS ai_mix_adjusted
      FROM topic_csat WHERE ai_n > 0 AND human_n > 0 GROUP BY period
    ),
    agg AS (
      SELECT period, count(*)::INTEGER AS conversations,
        count(*) FILTER (WHERE handled_by = 'ai')::INTEGER AS ai,
        count(*) FILTER (WHERE handled_by = 'human')::INTEGER AS human,
        count(*) FILTER (WHERE handled_by = 'hybrid')::INTEGER AS hybrid,
        count(*) FILTER (WHERE ai_started)::INTEGER AS ai_started,
        count(*) FILTER (WHERE ai_started AND handled_by = 'ai')::INTEGER AS contained,
        count(*) FILTER (WHERE ai_started AND handled_by = 'ai' AND repeat_contact = 'false')::INTEGER AS contained_no_repeat,
        count(*) FILTER (WHERE ai_started AND repeat_contact IN ('true', 'false'))::INTEGER AS ai_started_known,
        count(*) FILTER (WHERE escalation_status <> 'none')::INTEGER AS triggered,
        count(*) FILTER (WHERE escalation_status = 'missed')::INTEGER AS missed,
        count(*) FILTER (WHERE len(vip_failure_reasons) > 0)::INTEGER AS vip_failures,
        count(*) FILTER (WHERE over_escalation)::INTEGER AS over_escalation,
        count(*) FILTER (WHERE handled_by = 'ai' AND csat IS NOT NULL)::INTEGER AS ai_surveyed,
        count(*) FILTER (WHERE handled_by = 'ai' AND csat >= 4)::INTEGER AS ai_satisfied,
        count(*) FILTER (WHERE handled_by = 'human' AND csat IS NOT NULL)::INTEGER AS human_surveyed,
        count(*) FILTER (WHERE handled_by = 'human' AND csat >= 4)::INTEGER AS human_satisfied,
        count(*) FILTER (WHERE handled_by = 'hybrid' AND csat IS NOT NULL)::INTEGER AS hybrid_surveyed,
        count(*) FILTER (WHERE handled_by = 'hybrid' AND csat >= 4)::INTEGER AS hybrid_satisfied
      FROM base GROUP BY period
    )
    SELECT agg.*, mix.ai_mix_adjusted::DOUBLE AS ai_mix_adjusted
    FROM agg LEFT JOIN mix USING (period) ORDER BY period`,
    params,
  );
  const csat = (satisfied: number, surveyed: number) => ({ ...fraction(satisfied, surveyed), interval: wilsonInterval(satisfied, surveyed) });
  return {
    grain,
    filters,
    points: rows.map((r) => ({
      period: r.period,
      conversations: r.conversations,
      byHandledBy: { ai: r.ai, human: r.human, hybrid: r.hybrid },
      aiShare: ratio(r.ai_started, r.conversations),
      deflectionRate: ratio(r.contained, r.ai_started),
      resolvedDeflectionRate: ratio(r.contained_no_repeat, r.ai_started_known),
      aiStarted: r.ai_started,
      triggered: r.triggered,
      missed: r.missed,
      missedRate: ratio(r.missed, r.triggered),
      vipFailures: r.vip_failures,
      overEscalation: r.over_escalation,
      csat: {
        ai: csat(r.ai_satisfied, r.ai_surveyed),
        human: csat(r.human_satisfied, r.human_surveyed),
        hybrid: csat(r.hybrid_satisfied, r.hybrid_surveyed),
        aiMixAdjustedPct: r.ai_mix_adjusted,
      },
    })),
  };
}
