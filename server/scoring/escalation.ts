import type { EscalationStatus, Tier, Transcript } from '../domain.js';
import type { ConversationStructure } from './structure.js';
import type { EscalationResult, Trigger } from './types.js';

/**
 * The 0-100 escalation-gap score. Status sets a band, so any missed escalation outranks any late
 * one and any late one any timely one; within a band, severity, delay and VIP tier add points:
 *   score = STATUS_BASE[status] + SEVERITY_STEP * (maxSeverity - 1)
 *         + (late only) DELAY_STEP * min(gapTurns - 1, DELAY_TURNS_CAP) + (vip ? VIP_BONUS : 0)
 * Bands: timely 10..35, late 40..72.5, missed 75..100 (rounded to an integer).
 */
export const STATUS_BASE: Record<Exclude<EscalationStatus, 'none'>, number> = {
  timely: 10,
  late: 40,
  missed: 75,
};
/** Each severity level above 1 adds this much: a distress case outranks a repetition loop. */
export const SEVERITY_STEP = 7.5;
/** Each AI reply beyond the first one after the trigger adds this much to a late escalation. */
export const DELAY_STEP = 2.5;
/** Delay points stop growing after this many extra replies, so late never reaches missed. */
export const DELAY_TURNS_CAP = 3;
/** VIP customers weigh more: the product exists to surface their failures. */
export const VIP_BONUS = 10;

/** No escalation-gap score is higher: lists by score rely on it (queries/conversations.ts, fromRecentDays). */
export const MAX_ESCALATION_SCORE = 100;

export function escalationGapScore(
  status: EscalationStatus,
  maxSeverity: number,
  gapTurns: number | null,
  tier: Tier,
): number {
  if (status === 'none') return 0;
  let score = STATUS_BASE[status] + SEVERITY_STEP * (Math.min(Math.max(maxSeverity, 1), 3) - 1);
  if (status === 'late' && gapTurns !== null)
    score += DELAY_STEP * Math.min(Math.max(gapTurns - 1, 0), DELAY_TURNS_CAP);
  if (tier === 'vip') score += VIP_BONUS;
  return Math.round(Math.min(MAX_ESCALATION_SCORE, score));
}

/** The message's own ts, else the nearest known ts in the given direction (system events may lack one). */
function tsNear(t: Transcript, index: number, direction: 1 | -1): number | null {
  for (let i = index; i >= 0 && i < t.messages.length; i += direction) {
    const ts = t.messages[i].ts;
    if (ts !== null) return ts;
  }
  return null;
}

export function escalationOf(t: Transcript, s: ConversationStructure, triggers: Trigger[]): EscalationResult {
  const base = { aiStarted: s.aiStarted, handoffIndex: s.handoffIndex };
  if (!s.aiStarted || triggers.length === 0) {
    const overEscalation = s.aiStarted && s.handoffIndex !== null;
    return { ...base, status: 'none', gapTurns: null, gapSeconds: null, score: 0, overEscalation };
  }
  const first = Math.min(...triggers.map((x) => x.messageIndex));
  const maxSeverity = Math.max(...triggers.map((x) => x.severity));
  if (s.handoffIndex === null) {
    const score = escalationGapScore('missed', maxSeverity, null, t.tier);
    return { ...base, status: 'missed', gapTurns: null, gapSeconds: null, score, overEscalation: false };
  }
  let gapTurns = 0;
  for (let i = first + 1; i < s.handoffIndex; i++) if (t.messages[i].role === 'ai') gapTurns++;
  const status: EscalationStatus = gapTurns === 0 ? 'timely' : 'late';
  const handoffTs = tsNear(t, s.handoffIndex, 1);
  const triggerTs = tsNear(t, first, -1);
  // Real threads arrive out of time order: a negative difference means "no measurable wait", not time travel.
  const gapSeconds =
    handoffTs !== null && triggerTs !== null ? Math.max(0, Math.round((handoffTs - triggerTs) / 1000)) : null;
  const score = escalationGapScore(status, maxSeverity, gapTurns, t.tier);
  return { ...base, status, gapTurns, gapSeconds, score, overEscalation: false };
}
