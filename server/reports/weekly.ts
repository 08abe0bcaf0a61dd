import type { Database } from '../db/database.js';
import { listConversationItems } from '../queries/conversations.js';
import { filterSql, type ConversationFilters } from '../queries/filters.js';
import { computeAdjacentMetrics, type Metrics } from '../queries/metrics.js';
import { previousWeek, weekRange, type IsoWeek, type WeekRange } from './iso-week.js';
import { describeChange, type FigureKind } from './reading.js';

export interface Figure {
  key: string;
  label: string;
  kind: FigureKind;
  current: number | null;
  previous: number | null;
  /** current - previous (points for rates), null when either side has no data. */
  change: number | null;
  /** The sample behind the figure each week (denominator of a rate). */
  n: { current: number; previous: number };
  interval?: { current: { low: number | null; high: number | null }; previous: { low: number | null; high: number | null } };
  reading: string;
}

type Pick = (m: Metrics) => { value: number | null; n: number; low?: number | null; high?: number | null; pending?: number };

/** The figures of the summary, in order, each read from /api/metrics for the week (issue 7 list). */
const FIGURES: { key: string; label: string; kind: FigureKind; pick: Pick }[] = [
  { key: 'conversations', label: 'Conversations', kind: 'count', pick: (m) => ({ value: m.conversations, n: m.conversations }) },
  { key: 'aiShare', label: 'AI share of volume (AI-started)', kind: 'rate', pick: (m) => ({ value: m.conversations ? m.deflection.aiStarted / m.conversations : null, n: m.conversations }) },
  { key: 'deflection', label: 'Deflection', kind: 'rate', pick: (m) => ({ value: m.deflection.rate, n: m.deflection.aiStarted }) },
  { key: 'resolvedDeflection', label: 'Resolved deflection', kind: 'rate', pick: (m) => ({ value: m.deflection.resolvedRate, n: m.deflection.repeatKnown, pending: m.deflection.repeatPending }) },
  ...(['ai', 'human', 'hybrid'] as const).map((h) => ({
    key: `csat.${h}`, label: `CSAT ${h === 'ai' ? 'AI' : h}`, kind: 'rate' as const,
    pick: ((m) => ({ value: m.csat[h].pct, n: m.csat[h].surveyed, low: m.csat[h].low, high: m.csat[h].high })) as Pick,
  })),
  { key: 'csat.aiMixAdjusted', label: 'CSAT AI, mix-adjusted to the human topic mix', kind: 'rate', pick: (m) => ({ value: m.csat.aiMixAdjustedPct, n: m.csat.ai.surveyed }) },
  {
    key: 'csat.aiAdjustedGapToHuman', label: 'Gap: AI mix-adjusted minus human CSAT', kind: 'points',
    pick: (m) => ({ value: m.csat.aiMixAdjustedPct === null || m.csat.human.pct === null ? null : m.csat.aiMixAdjustedPct - m.csat.human.pct, n: Math.min(m.csat.ai.surveyed, m.csat.human.surveyed) }),
  },
  ...(['ai', 'human', 'hybrid'] as const).map((h) => ({
    key: `repeatContact.${h}`, label: `Repeat contact, ${h === 'ai' ? 'AI' : h}`, kind: 'rate' as const,
    pick: ((m) => ({ value: m.repeatContact[h], n: m.fractions.repeatContact[h].denominator, pending: m.repeatPending[h] })) as Pick,
  })),
  ...(['ai', 'human', 'hybrid'] as const).map((h) => ({
    key: `resolutionTime.${h}`, label: `Median resolution time, ${h === 'ai' ? 'AI' : h}`, kind: 'seconds' as const,
    pick: ((m) => ({ value: m.resolutionTime[h].medianSeconds, n: m.resolutionTime[h].conversations })) as Pick,
  })),
  { key: 'escalation.triggered', label: 'Conversations with an escalation trigger', kind: 'count', pick: (m) => ({ value: m.escalation.triggered, n: m.escalation.triggered }) },
  { key: 'escalation.missedRate', label: 'Missed escalations (of triggered)', kind: 'rate', pick: (m) => ({ value: m.escalation.missedRate, n: m.escalation.triggered }) },
  { key: 'escalation.medianGapTurns', label: 'Median escalation gap (AI turns)', kind: 'turns', pick: (m) => ({ value: m.escalation.medianGapTurns, n: m.escalation.timely + m.escalation.late }) },
  { key: 'vipFailures', label: 'VIP failures', kind: 'count', pick: (m) => ({ value: m.vipFailures, n: m.vipConversations }) },
];

function figure(spec: (typeof FIGURES)[number], current: Metrics, previous: Metrics): Figure {
  const c = spec.pick(current);
  const p = spec.pick(previous);
  const change = c.value === null || p.value === null ? null : c.value - p.value;
  return {
    key: spec.key, label: spec.label, kind: spec.kind, current: c.value, previous: p.value, change,
    n: { current: c.n, previous: p.n },
    ...(c.low !== undefined ? { interval: { current: { low: c.low, high: c.high ?? null }, previous: { low: p.low ?? null, high: p.high ?? null } } } : {}),
    reading: openWindow(c.pending ?? 0, c.n) ?? describeChange(spec.kind, { value: c.value, n: c.n }, { value: p.value, n: p.n }),
  };
}

/**
 * Repeat-based rates are not comparable while many of the week's repeat windows are still open
 * (only repeats can be known yet). Above this share of pending conversations the reading says so.
 */
const MAX_PENDING_SHARE = 0.1;

function openWindow(pending: number, known: number): string | null {
  if (pending === 0 || pending / (pending + known) <= MAX_PENDING_SHARE) return null;
  return `Not comparable yet: ${pending} of ${pending + known} conversations are still inside their repeat-contact window, so only repeats are known and the rate leans high.`;
}

const rangeFilters = (r: WeekRange): ConversationFilters => ({ startAt: r.startUtc, endBefore: r.endUtc });

async function qaConfirmed(db: Database, r: WeekRange): Promise<number> {
  const { sql: where, params } = filterSql(rangeFilters(r), 'c');
  const row = await db.one<{ n: number }>(
    `SELECT count(DISTINCT f.conversation_id)::INTEGER AS n FROM flags f JOIN conversations c USING (conversation_id)
     ${where} AND f.status = 'confirmed'`,
    params,
  );
  return row?.n ?? 0;
}

/** Topics where the AI's CSAT trails the human one most, with the samples on both sides. */
function aiWorstTopics(m: Metrics) {
  return m.csat.byTopic
    .filter((t) => t.ai.rate !== null && t.human.rate !== null)
    .map((t) => ({ topic: t.topic, ai: t.ai, human: t.human, gap: t.ai.rate! - t.human.rate!, smallSample: Math.min(t.ai.denominator, t.human.denominator) < 30 }))
    .sort((a, b) => a.gap - b.gap)
    .slice(0, 5);
}

export async function weeklyReport(db: Database, week: IsoWeek, timeZone: string) {
  const range = weekRange(week, timeZone);
  const previousRange = weekRange(previousWeek(week), timeZone);
  // Both weeks' metrics in one pass (the week before ends where this one starts).
  const [[previous, current], vip, qaNow, qaBefore] = await Promise.all([
    computeAdjacentMetrics(db, { startAt: previousRange.startUtc, endBefore: range.endUtc }, [range.startUtc]),
    listConversationItems(db, { ...rangeFilters(range), vipFailure: true }, 'score', { limit: 5, offset: 0 }),
    qaConfirmed(db, range),
    qaConfirmed(db, previousRange),
  ]);
  const figures = FIGURES.map((spec) => figure(spec, current, previous));
  figures.push({
    key: 'qaConfirmedFailures', label: 'QA-confirmed failures', kind: 'count', current: qaNow, previous: qaBefore,
    change: qaNow - qaBefore, n: { current: qaNow, previous: qaBefore },
    reading: describeChange('count', { value: qaNow, n: qaNow }, { value: qaBefore, n: qaBefore }),
  });
  return {
    week: range.week,
    timeZone,
    range: { from: range.fromDate, to: range.toDate, startUtc: range.startUtc, endUtc: range.endUtc },
    previous: { week: previousRange.week, from: previousRange.fromDate, to: previousRange.toDate },
    hasData: current.conversations > 0,
    figures,
    vipWorst: vip.map((c) => ({
      conversationId: c.conversationId, link: `/conversations/${encodeURIComponent(c.conversationId)}`, reasons: c.vipFailureReasons,
      escalationStatus: c.escalationStatus, escalationScore: c.escalationScore, csat: c.csat ?? null, topic: c.topic ?? null,
    })),
    aiWorstTopics: aiWorstTopics(current),
    escalationByKind: current.escalation.byKind,
    metrics: { current, previous },
  };
}

export type WeeklyReport = Awaited<ReturnType<typeof weeklyReport>>;
