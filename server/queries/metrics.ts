import type { Database } from '../db/database.js';
import type { RollupSubjectName } from '../db/rollups.js';
import { HANDLED_BY, TRIGGER_KINDS, type HandledBy, type TriggerKind } from '../domain.js';
import { aggregateSql, type AggregateSpec, type CountName } from './aggregate.js';
import type { ConversationFilters } from './filters.js';
import { rolledUpMedians } from './medians.js';
import { rowSource, segmentNumbers, type RowSource } from './sources.js';
import { fraction, LOW_CONFIDENCE_SURVEYS, ratio, wilsonInterval, type Fraction } from './stats.js';

/**
 * SPEC 5 and 8, computed in SQL over `conversation_facts` for one filter set, or over its
 * rollups with the same result (counts: aggregate.ts; medians: medians.ts). Definitions:
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

const TOTAL_COUNTS = [
  'conversations', 'ai_started', 'contained', 'ai_started_hybrid', 'ai_started_known', 'contained_no_repeat',
  'ai_started_pending', 'triggered', 'timely', 'late', 'missed', 'over_escalation', 'vip_conversations', 'vip_failures',
  'vip_low_csat', 'vip_negative_end', 'vip_missed_escalation', 'vip_repeat_contact', 'surveyed',
] as const satisfies readonly CountName[];
const HANDLED_COUNTS = ['conversations', 'repeats', 'repeat_known', 'repeat_pending', 'surveyed', 'satisfied', 'csat_sum'] as const satisfies readonly CountName[];
const TOPIC_COUNTS = ['ai_surveyed', 'ai_satisfied', 'human_surveyed', 'human_satisfied', 'hybrid_surveyed', 'hybrid_satisfied'] as const satisfies readonly CountName[];
const KIND_COUNTS = ['conversations', 'timely', 'late', 'missed'] as const satisfies readonly CountName[];

type Counts<T extends readonly CountName[]> = Record<T[number], number>;
/** Medians as the raw query returns them (rolled-up medians are computed apart: rolledUpMedianValues). */
interface RawMedians { median_gap_turns?: number | null; median_gap_seconds?: number | null; median_duration?: number | null }
type Totals = Counts<typeof TOTAL_COUNTS> & RawMedians;
type ByHandledBy = Counts<typeof HANDLED_COUNTS> & RawMedians & { handled_by: HandledBy };
type ByTopic = Counts<typeof TOPIC_COUNTS> & { topic: string };
type ByKind = Counts<typeof KIND_COUNTS> & RawMedians & { kind: TriggerKind };

interface Medians {
  gapTurns: number | null;
  gapSeconds: number | null;
  duration: (h: HandledBy) => number | null;
  kindGapTurns: (k: TriggerKind) => number | null;
  kindGapSeconds: (k: TriggerKind) => number | null;
}

/** The medians of the metrics as the raw query's median() columns return them. */
function rawMedianValues(t: Totals, handled: ByHandledBy[], kinds: ByKind[]): Medians {
  const kind = (k: TriggerKind) => kinds.find((r) => r.kind === k);
  return {
    gapTurns: t.median_gap_turns ?? null, gapSeconds: t.median_gap_seconds ?? null,
    duration: (h) => handled.find((r) => r.handled_by === h)?.median_duration ?? null,
    kindGapTurns: (k) => kind(k)?.median_gap_turns ?? null, kindGapSeconds: (k) => kind(k)?.median_gap_seconds ?? null,
  };
}

/** The same medians, exact, from the rollups (medians.ts), per segment of the source. */
async function rolledUpMedianValues(db: Database, source: RowSource): Promise<Medians[]> {
  const [conversation, kind] = await Promise.all([
    rolledUpMedians(db, source, 'conversations', 'handled_by', [
      { median: 'duration', perGroup: true }, { median: 'gap_turns', perGroup: false }, { median: 'gap_seconds', perGroup: false },
    ]),
    rolledUpMedians(db, source, 'kinds', 'kind', [{ median: 'gap_turns', perGroup: true }, { median: 'gap_seconds', perGroup: true }]),
  ]);
  return segmentNumbers(source).map((s) => ({
    gapTurns: conversation('gap_turns', null, s), gapSeconds: conversation('gap_seconds', null, s),
    duration: (h) => conversation('duration', h, s),
    kindGapTurns: (k) => kind('gap_turns', k, s), kindGapSeconds: (k) => kind('gap_seconds', k, s),
  }));
}

export interface TopicCsat {
  topic: string;
  ai: Fraction;
  human: Fraction;
  hybrid: Fraction;
}

function csatGroup(row: ByHandledBy | undefined): CsatGroup {
  const n = row?.conversations ?? 0;
  const surveyed = row?.surveyed ?? 0;
  const satisfied = row?.satisfied ?? 0;
  const interval = wilsonInterval(satisfied, surveyed);
  return {
    conversations: n, surveyed, satisfied, pct: ratio(satisfied, surveyed), low: interval?.low ?? null,
    high: interval?.high ?? null, mean: ratio(row?.csat_sum ?? 0, surveyed), lowConfidence: surveyed < LOW_CONFIDENCE_SURVEYS,
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

/** A segment with no rows has no totals row: every count 0, every median null. */
const NO_TOTALS: Totals = Object.fromEntries(TOTAL_COUNTS.map((name) => [name, 0])) as Counts<typeof TOTAL_COUNTS>;

/**
 * The aggregates and medians of a filter set, over the raw facts or the rollups, per segment of
 * the source (one query per aggregate whatever the number of segments).
 */
async function readAggregates(db: Database, source: RowSource) {
  const segmented = source.segments > 1;
  const run = <T>(subject: RollupSubjectName, spec: AggregateSpec) => {
    const groupBy = [...(segmented ? ['segment'] : []), ...(spec.groupBy ?? [])];
    const { sql, params } = aggregateSql(source, subject, { ...spec, groupBy });
    return db.all<T & { segment?: number }>(sql, params);
  };
  const [totals, handled, topics, kinds, rolledUp] = await Promise.all([
    run<Totals>('conversations', { counts: TOTAL_COUNTS, medians: ['gap_turns', 'gap_seconds'] }),
    run<ByHandledBy>('conversations', { counts: HANDLED_COUNTS, medians: ['duration'], groupBy: ['handled_by'], where: 'handled_by IS NOT NULL' }),
    run<ByTopic>('conversations', { counts: TOPIC_COUNTS, groupBy: ['topic'], where: 'topic IS NOT NULL', having: 'sum(surveyed) > 0' }),
    run<ByKind>('kinds', { counts: KIND_COUNTS, medians: ['gap_turns', 'gap_seconds'], groupBy: ['kind'] }),
    source.rolledUp ? rolledUpMedianValues(db, source) : null,
  ]);
  return segmentNumbers(source).map((s) => {
    const of = <T extends { segment?: number }>(rows: T[]) => (segmented ? rows.filter((r) => r.segment === s) : rows);
    const t = of(totals)[0] ?? NO_TOTALS;
    const [h, k] = [of(handled), of(kinds)];
    return { t, handled: h, topics: of(topics), kinds: k, medians: rolledUp?.[s] ?? rawMedianValues(t, h, k) };
  });
}

/**
 * The metrics of one filter set, from the rollups when they can answer it (same numbers, see
 * server/db/rollups.ts) and from the raw facts otherwise. `raw: true` forces the raw facts.
 */
export async function computeMetrics(db: Database, filters: ConversationFilters, options: { raw?: boolean } = {}) {
  const [aggregates] = await readAggregates(db, await rowSource(db, filters, options));
  return metricsOf(filters, aggregates!);
}

/**
 * The metrics of adjacent periods at once: `filters` cut at `splits` (ascending UTC instants
 * inside its time range), each piece's metrics equal to computeMetrics over that piece alone
 * (its filters say which), in one query per aggregate for all of them. For the weekly report,
 * which compares a week with the one before.
 */
export async function computeAdjacentMetrics(
  db: Database, filters: ConversationFilters, splits: readonly Date[], options: { raw?: boolean } = {},
): Promise<Metrics[]> {
  const aggregates = await readAggregates(db, await rowSource(db, filters, { ...options, splits }));
  return aggregates.map((a, i) => metricsOf({
    ...filters, ...(i > 0 ? { startAt: splits[i - 1] } : {}), ...(i < splits.length ? { endBefore: splits[i] } : {}),
  }, a));
}

function metricsOf(filters: ConversationFilters, aggregates: Awaited<ReturnType<typeof readAggregates>>[number]) {
  const { t, handled: handledRows, topics: topicRows, kinds: kindRows, medians } = aggregates;
  const by = Object.fromEntries(handledRows.map((r) => [r.handled_by, r])) as Partial<Record<HandledBy, ByHandledBy>>;
  const perHandled = <T>(fn: (row: ByHandledBy | undefined, h: HandledBy) => T) =>
    Object.fromEntries(HANDLED_BY.map((h) => [h, fn(by[h], h)])) as Record<HandledBy, T>;

  const byTopic: TopicCsat[] = topicRows.map((r) => ({
    topic: r.topic,
    ai: fraction(r.ai_satisfied, r.ai_surveyed),
    human: fraction(r.human_satisfied, r.human_surveyed),
    hybrid: fraction(r.hybrid_satisfied, r.hybrid_surveyed),
  }));
  const mix = mixAdjustedPct(byTopic);
  const kinds = Object.fromEntries(kindRows.map((r) => [r.kind, r])) as Partial<Record<TriggerKind, ByKind>>;
  const repeatFractions = perHandled((r) => fraction(r?.repeats ?? 0, r?.repeat_known ?? 0));

  return {
    filters,
    conversations: t.conversations,
    byHandledBy: { ...perHandled((r) => r?.conversations ?? 0), unanswered: t.conversations - handledRows.reduce((s, r) => s + r.conversations, 0) },
    deflection: {
      aiStarted: t.ai_started, contained: t.contained, rate: ratio(t.contained, t.ai_started),
      resolvedRate: ratio(t.contained_no_repeat, t.ai_started_known),
      resolvedContained: t.contained_no_repeat, repeatKnown: t.ai_started_known, repeatPending: t.ai_started_pending,
    },
    handoffRate: ratio(t.ai_started_hybrid, t.ai_started),
    repeatContact: perHandled((r) => ratio(r?.repeats ?? 0, r?.repeat_known ?? 0)),
    /** Conversations whose R-day window is still open: only a repeat can be known yet, so rates over them lean high. */
    repeatPending: perHandled((r) => r?.repeat_pending ?? 0),
    resolutionTime: perHandled((r, h) => ({ medianSeconds: medians.duration(h), conversations: r?.conversations ?? 0 })),
    csat: { ...perHandled(csatGroup), aiMixAdjustedPct: mix.pct, mixAdjustment: { topics: mix.topics, excludedTopics: mix.excluded }, byTopic },
    surveyResponseRate: ratio(t.surveyed, t.conversations),
    escalation: {
      triggered: t.triggered, timely: t.timely, late: t.late, missed: t.missed, missedRate: ratio(t.missed, t.triggered),
      medianGapTurns: medians.gapTurns, medianGapSeconds: medians.gapSeconds,
      triggerRate: ratio(t.triggered, t.ai_started), overEscalation: t.over_escalation,
      byKind: TRIGGER_KINDS.map((kind) => {
        const k = kinds[kind];
        const conversations = k?.conversations ?? 0;
        const missed = k?.missed ?? 0;
        return {
          kind, conversations, timely: k?.timely ?? 0, late: k?.late ?? 0, missed, missedRate: ratio(missed, conversations),
          medianGapTurns: medians.kindGapTurns(kind), medianGapSeconds: medians.kindGapSeconds(kind),
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

export type Metrics = ReturnType<typeof metricsOf>;
