import type { Database } from '../db/database.js';
import { HANDLED_BY, TRIGGER_KINDS, type HandledBy, type TriggerKind } from '../domain.js';
import { factsView, filterSql, type ConversationFilters } from './filters.js';
import { fraction, LOW_CONFIDENCE_SURVEYS, ratio, wilsonInterval, type Fraction } from './stats.js';

/**
 * SPEC 5 and 8, computed in SQL over `conversation_facts` for one filter set. Definitions:
 *
 * - deflection.rate = AI-started conversations that no human agent answered / AI-started ones.
 * - deflection.resolvedRate = contained AND repeat_contact 'false' / AI-started whose repeat
 *   status is known ('true' or 'false'); 'pending' and 'unknown' are in neither.
 * - handoffRate = AI-started conversations that became hybrid / AI-started (= 1 - deflection).
 * - repeatContact[h] = 'true' / ('true' + 'false') among conversations handled by h. While a
 *   period's R-day windows are still open, a repeat can already be known but "no repeat" cannot,
 *   so these rates lean high; repeatPending says how many are still open (the report warns).
 * - csat[h].pct = surveyed with csat >= 4 / surveyed, with its 95 % Wilson interval; mean is the
 *   mean csat; responseRate = surveyed / conversations of h; lowConfidence under 30 surveys.
 * - csat.aiMixAdjustedPct = sum over topics t surveyed on both sides of
 *   (human surveys in t / human surveys in those topics) * AI CSAT % in t: the AI's satisfaction
 *   if it had the human agents' topic mix (direct standardisation). null without a shared topic.
 * - resolutionTime[h] = median duration in seconds.
 * - escalation: triggered = conversations with status timely, late or missed; missedRate =
 *   missed / triggered; triggerRate = triggered / AI-started; median gaps over conversations
 *   that were handed off (timely + late), since a missed one has no handoff to measure to.
 *   byKind counts a conversation under every trigger kind it has.
 * - vipFailures = VIP conversations with at least one failure reason (SPEC 4).
 */

export interface CsatGroup {
  conversations: number;
  surveyed: number;
  satisfied: number;
  pct: number | null;
  low: number | null;
  high: number | null;
  mean: number | null;
  lowConfidence: boolean;
  responseRate: number | null;
}

interface Totals {
  conversations: number; ai_started: number; contained: number; ai_started_hybrid: number;
  ai_started_known: number; contained_no_repeat: number; ai_started_pending: number; triggered: number; timely: number; late: number;
  missed: number; median_gap_turns: number | null; median_gap_seconds: number | null; over_escalation: number;
  vip_conversations: number; vip_failures: number; surveyed: number;
  vip_low_csat: number; vip_negative_end: number; vip_missed_escalation: number; vip_repeat_contact: number;
}

interface ByHandledBy {
  handled_by: HandledBy; n: number; repeats: number; repeat_known: number; repeat_pending: number; surveyed: number;
  satisfied: number; mean_csat: number | null; median_duration: number | null;
}

const TOTALS_SQL = (view: string, where: string) => `
  SELECT count(*)::INTEGER AS conversations,
    count(*) FILTER (WHERE ai_started)::INTEGER AS ai_started,
    count(*) FILTER (WHERE ai_started AND handled_by = 'ai')::INTEGER AS contained,
    count(*) FILTER (WHERE ai_started AND handled_by = 'hybrid')::INTEGER AS ai_started_hybrid,
    count(*) FILTER (WHERE ai_started AND repeat_contact IN ('true', 'false'))::INTEGER AS ai_started_known,
    count(*) FILTER (WHERE ai_started AND handled_by = 'ai' AND repeat_contact = 'false')::INTEGER AS contained_no_repeat,
    count(*) FILTER (WHERE ai_started AND repeat_contact = 'pending')::INTEGER AS ai_started_pending,
    count(*) FILTER (WHERE escalation_status <> 'none')::INTEGER AS triggered,
    count(*) FILTER (WHERE escalation_status = 'timely')::INTEGER AS timely,
    count(*) FILTER (WHERE escalation_status = 'late')::INTEGER AS late,
    count(*) FILTER (WHERE escalation_status = 'missed')::INTEGER AS missed,
    median(gap_turns) FILTER (WHERE escalation_status IN ('timely', 'late'))::DOUBLE AS median_gap_turns,
    median(gap_seconds) FILTER (WHERE escalation_status IN ('timely', 'late'))::DOUBLE AS median_gap_seconds,
    count(*) FILTER (WHERE over_escalation)::INTEGER AS over_escalation,
    count(*) FILTER (WHERE tier = 'vip')::INTEGER AS vip_conversations,
    count(*) FILTER (WHERE len(vip_failure_reasons) > 0)::INTEGER AS vip_failures,
    count(*) FILTER (WHERE list_contains(vip_failure_reasons, 'low_csat'))::INTEGER AS vip_low_csat,
    count(*) FILTER (WHERE list_contains(vip_failure_reasons, 'negative_end'))::INTEGER AS vip_negative_end,
    count(*) FILTER (WHERE list_contains(vip_failure_reasons, 'missed_escalation'))::INTEGER AS vip_missed_escalation,
    count(*) FILTER (WHERE list_contains(vip_failure_reasons, 'repeat_contact'))::INTEGER AS vip_repeat_contact,
    count(csat)::INTEGER AS surveyed
  FROM ${view} f ${where}`;

const BY_HANDLED_BY_SQL = (view: string, where: string) => `
  SELECT handled_by, count(*)::INTEGER AS n,
    count(*) FILTER (WHERE repeat_contact = 'true')::INTEGER AS repeats,
    count(*) FILTER (WHERE repeat_contact IN ('true', 'false'))::INTEGER AS repeat_known,
    count(*) FILTER (WHERE repeat_contact = 'pending')::INTEGER AS repeat_pending,
    count(csat)::INTEGER AS surveyed,
    count(*) FILTER (WHERE csat >= 4)::INTEGER AS satisfied,
    avg(csat)::DOUBLE AS mean_csat,
    median(duration_seconds)::DOUBLE AS median_duration
  FROM ${view} f ${where} ${where ? 'AND' : 'WHERE'} handled_by IS NOT NULL
  GROUP BY handled_by`;

const BY_TOPIC_SQL = (view: string, where: string) => `
  SELECT topic,
    count(*) FILTER (WHERE handled_by = 'ai')::INTEGER AS ai_surveyed,
    count(*) FILTER (WHERE handled_by = 'ai' AND csat >= 4)::INTEGER AS ai_satisfied,
    count(*) FILTER (WHERE handled_by = 'human')::INTEGER AS human_surveyed,
    count(*) FILTER (WHERE handled_by = 'human' AND csat >= 4)::INTEGER AS human_satisfied,
    count(*) FILTER (WHERE handled_by = 'hybrid')::INTEGER AS hybrid_surveyed,
    count(*) FILTER (WHERE handled_by = 'hybrid' AND csat >= 4)::INTEGER AS hybrid_satisfied
  FROM ${view} f ${where} ${where ? 'AND' : 'WHERE'} csat IS NOT NULL AND topic IS NOT NULL
  GROUP BY topic ORDER BY topic`;

/** A conversation counts once per trigger kind it has, whatever how many times that kind fired. */
const BY_KIND_SQL = (view: string, where: string) => `
  SELECT k.kind, count(*)::INTEGER AS conversations,
    count(*) FILTER (WHERE escalation_status = 'timely')::INTEGER AS timely,
    count(*) FILTER (WHERE escalation_status = 'late')::INTEGER AS late,
    count(*) FILTER (WHERE escalation_status = 'missed')::INTEGER AS missed,
    median(gap_turns) FILTER (WHERE escalation_status IN ('timely', 'late'))::DOUBLE AS median_gap_turns,
    median(gap_seconds) FILTER (WHERE escalation_status IN ('timely', 'late'))::DOUBLE AS median_gap_seconds
  FROM ${view} f JOIN (SELECT DISTINCT conversation_id, kind FROM triggers) k USING (conversation_id)
  ${where} GROUP BY k.kind`;

export interface TopicCsat {
  topic: string;
  ai: Fraction;
  human: Fraction;
  hybrid: Fraction;
}

function csatGroup(row: ByHandledBy | undefined): CsatGroup {
  const n = row?.n ?? 0;
  const surveyed = row?.surveyed ?? 0;
  const satisfied = row?.satisfied ?? 0;
  const interval = wilsonInterval(satisfied, surveyed);
  return {
    conversations: n, surveyed, satisfied, pct: ratio(satisfied, surveyed), low: interval?.low ?? null,
    high: interval?.high ?? null, mean: row?.mean_csat ?? null, lowConfidence: surveyed < LOW_CONFIDENCE_SURVEYS,
    responseRate: ratio(surveyed, n),
  };
}

/** Direct standardisation of the AI's per-topic CSAT to the human topic mix (see the header). */
export function mixAdjustedPct(topics: TopicCsat[]): { pct: number | null; topics: string[]; excluded: string[] } {
  const shared = topics.filter((t) => t.ai.denominator > 0 && t.human.denominator > 0);
  const weightTotal = shared.reduce((sum, t) => sum + t.human.denominator, 0);
  const pct = weightTotal === 0 ? null : shared.reduce((sum, t) => sum + t.human.denominator * t.ai.rate!, 0) / weightTotal;
  const excluded = topics.filter((t) => !shared.includes(t) && (t.ai.denominator > 0 || t.human.denominator > 0));
  return { pct, topics: shared.map((t) => t.topic), excluded: excluded.map((t) => t.topic) };
}

export async function computeMetrics(db: Database, filters: ConversationFilters) {
  const { sql: where, params } = filterSql(filters);
  const view = factsView(filters);
  const [totalsRows, handledRows, topicRows, kindRows] = await Promise.all([
    db.all<Totals>(TOTALS_SQL(view, where), params),
    db.all<ByHandledBy>(BY_HANDLED_BY_SQL(view, where), params),
    db.all<Record<string, number> & { topic: string }>(BY_TOPIC_SQL(view, where), params),
    db.all<Record<string, number | null> & { kind: TriggerKind }>(BY_KIND_SQL(view, where), params),
  ]);
  const t = totalsRows[0]!;
  const by = Object.fromEntries(handledRows.map((r) => [r.handled_by, r])) as Partial<Record<HandledBy, ByHandledBy>>;
  const perHandled = <T>(fn: (row: ByHandledBy | undefined) => T) =>
    Object.fromEntries(HANDLED_BY.map((h) => [h, fn(by[h])])) as Record<HandledBy, T>;

  const byTopic: TopicCsat[] = topicRows.map((r) => ({
    topic: r.topic,
    ai: fraction(r.ai_satisfied!, r.ai_surveyed!),
    human: fraction(r.human_satisfied!, r.human_surveyed!),
    hybrid: fraction(r.hybrid_satisfied!, r.hybrid_surveyed!),
  }));
  const mix = mixAdjustedPct(byTopic);
  const kinds = Object.fromEntries(kindRows.map((r) => [r.kind, r]));
  const repeatFractions = perHandled((r) => fraction(r?.repeats ?? 0, r?.repeat_known ?? 0));

  return {
    filters,
    conversations: t.conversations,
    byHandledBy: { ...perHandled((r) => r?.n ?? 0), unanswered: t.conversations - handledRows.reduce((s, r) => s + r.n, 0) },
    deflection: {
      aiStarted: t.ai_started, contained: t.contained, rate: ratio(t.contained, t.ai_started),
      resolvedRate: ratio(t.contained_no_repeat, t.ai_started_known),
      resolvedContained: t.contained_no_repeat, repeatKnown: t.ai_started_known, repeatPending: t.ai_started_pending,
    },
    handoffRate: ratio(t.ai_started_hybrid, t.ai_started),
    repeatContact: perHandled((r) => ratio(r?.repeats ?? 0, r?.repeat_known ?? 0)),
    /** Conversations whose R-day window is still open: only a repeat can be known yet, so rates over them lean high. */
    repeatPending: perHandled((r) => r?.repeat_pending ?? 0),
    resolutionTime: perHandled((r) => ({ medianSeconds: r?.median_duration ?? null, conversations: r?.n ?? 0 })),
    csat: { ...perHandled(csatGroup), aiMixAdjustedPct: mix.pct, mixAdjustment: { topics: mix.topics, excludedTopics: mix.excluded }, byTopic },
    surveyResponseRate: ratio(t.surveyed, t.conversations),
    escalation: {
      triggered: t.triggered, timely: t.timely, late: t.late, missed: t.missed, missedRate: ratio(t.missed, t.triggered),
      medianGapTurns: t.median_gap_turns, medianGapSeconds: t.median_gap_seconds,
      triggerRate: ratio(t.triggered, t.ai_started), overEscalation: t.over_escalation,
      byKind: TRIGGER_KINDS.map((kind) => {
        const k = kinds[kind];
        const conversations = (k?.conversations as number | undefined) ?? 0;
        const missed = (k?.missed as number | undefined) ?? 0;
        return {
          kind, conversations, timely: k?.timely ?? 0, late: k?.late ?? 0, missed, missedRate: ratio(missed, conversations),
          medianGapTurns: k?.median_gap_turns ?? null, medianGapSeconds: k?.median_gap_seconds ?? null,
        };
      }),
    },
    vipConversations: t.vip_conversations,
    vipFailures: t.vip_failures,
    vipFailuresByReason: {
      low_csat: t.vip_low_csat, negative_end: t.vip_negative_end,
      missed_escalation: t.vip_missed_escalation, repeat_contact: t.vip_repeat_contact,
    },
    fractions: {
      deflection: fraction(t.contained, t.ai_started),
      resolvedDeflection: fraction(t.contained_no_repeat, t.ai_started_known),
      handoff: fraction(t.ai_started_hybrid, t.ai_started),
      repeatContact: repeatFractions,
      missed: fraction(t.missed, t.triggered),
      surveyResponse: fraction(t.surveyed, t.conversations),
    },
  };
}

export type Metrics = Awaited<ReturnType<typeof computeMetrics>>;
