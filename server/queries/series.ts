import type { Database } from '../db/database.js';
import { aggregateSql, type CountName } from './aggregate.js';
import type { ConversationFilters } from './filters.js';
import { mixAdjustedPct } from './metrics.js';
import { rowSource } from './sources.js';
import { fraction, ratio, wilsonInterval } from './stats.js';

export const GRAINS = ['day', 'week'] as const;
export type Grain = (typeof GRAINS)[number];

const PERIOD_COUNTS = [
  'conversations', 'ai', 'human', 'hybrid', 'ai_started', 'contained', 'contained_no_repeat', 'ai_started_known',
  'triggered', 'missed', 'vip_failures', 'over_escalation', 'ai_surveyed', 'ai_satisfied', 'human_surveyed',
  'human_satisfied', 'hybrid_surveyed', 'hybrid_satisfied',
] as const satisfies readonly CountName[];
const TOPIC_COUNTS = ['ai_surveyed', 'ai_satisfied', 'human_surveyed', 'human_satisfied', 'hybrid_surveyed', 'hybrid_satisfied'] as const satisfies readonly CountName[];

type PeriodRow = Record<(typeof PERIOD_COUNTS)[number], number> & { period: Date };
type TopicRow = Record<(typeof TOPIC_COUNTS)[number], number> & { period: Date; topic: string };

/**
 * The same definitions as computeMetrics (metrics.ts), per UTC day or ISO week (date_trunc('week')
 * starts weeks on Monday, as ISO weeks do), for the charts. Mix-adjusted AI CSAT is standardised
 * to the human topic mix within each period, by the same function as the metrics'. Read from the
 * rollups when they can answer the filters; `raw: true` forces the raw view.
 */
export async function computeSeries(db: Database, filters: ConversationFilters, grain: Grain, options: { raw?: boolean } = {}) {
  const source = await rowSource(db, filters, options);
  const periods = aggregateSql(source, 'conversations', { counts: PERIOD_COUNTS, groupBy: ['period'], resolution: grain });
  const topics = aggregateSql(source, 'conversations', {
    counts: TOPIC_COUNTS, groupBy: ['period', 'topic'], where: 'topic IS NOT NULL', having: 'sum(surveyed) > 0', resolution: grain,
  });
  const [rows, topicRows] = await Promise.all([
    db.all<PeriodRow>(periods.sql, periods.params),
    db.all<TopicRow>(topics.sql, topics.params),
  ]);
  const mixByPeriod = new Map<number, TopicRow[]>();
  for (const t of topicRows) mixByPeriod.set(t.period.getTime(), [...(mixByPeriod.get(t.period.getTime()) ?? []), t]);
  const mix = (period: Date) => mixAdjustedPct((mixByPeriod.get(period.getTime()) ?? []).map((t) => ({
    topic: t.topic, ai: fraction(t.ai_satisfied, t.ai_surveyed), human: fraction(t.human_satisfied, t.human_surveyed),
    hybrid: fraction(t.hybrid_satisfied, t.hybrid_surveyed),
  }))).pct;
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
        aiMixAdjustedPct: mix(r.period),
      },
    })),
  };
}
