import support from '../../data/lexicons/support_en.json' with { type: 'json' };
import type { Transcript } from '../domain.js';
import type { ConversationSentiment, MessageScore, Trigger } from './types.js';

/** A conversation ends negative when its last scored customer message is below this score
 * (the model then puts clearly more mass on negative than on positive). */
export const NEGATIVE_END_THRESHOLD = -0.3;
/**
 * Satisfaction drops at the first customer message scored below this. Chosen on USS's training
 * part against the first turn raters scored below 3 (-0.3 beat -0.1..-0.5 and "largest fall").
 */
export const DROP_MAX_SCORE = -0.3;

export function sentimentSummary(scores: MessageScore[]): ConversationSentiment | null {
  const xs: number[] = [];
  for (const s of scores) if (s.sentiment) xs.push(s.sentiment.score);
  if (xs.length === 0) return null;
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  const first = xs[0],
    last = xs[xs.length - 1];
  return {
    first,
    last,
    min: Math.min(...xs),
    mean: r(xs.reduce((a, b) => a + b, 0) / xs.length),
    trajectory: r(last - first),
  };
}

/**
 * The message where satisfaction drops: the first scored customer message below DROP_MAX_SCORE,
 * or the first repetition loop (the customer having to say it again), whichever comes first.
 * Null when neither happens.
 */
export function satisfactionDropIndex(scores: MessageScore[], triggers: Trigger[]): number | null {
  let drop: number | null = null;
  for (const s of scores) {
    if (s.sentiment && s.sentiment.score < DROP_MAX_SCORE) {
      drop = s.index;
      break;
    }
  }
  for (const t of triggers) {
    if (t.kind === 'repetition_loop' && (drop === null || t.messageIndex < drop)) drop = t.messageIndex;
  }
  return drop;
}

/** Inputs of the satisfaction estimate, in the order of data/models/satisfaction.json's weights. */
export const SATISFACTION_FEATURES = [
  'hasScoredMessage',
  'meanScore',
  'minScore',
  'lastScore',
  'firstScore',
  'negativeShare',
  'positiveShare',
  'customerMessagesLog',
  'humanRequests',
  'strongNegatives',
  'distress',
  'repetitions',
  'aiCannotHelp',
  'thanks',
  'corrections',
] as const;

const THANKS = new RegExp(support.satisfactionCues.thanks, 'i');
const CORRECTION = new RegExp(support.satisfactionCues.correction, 'i');
/** Counts of triggers and cues stop growing here: a fourth repetition says little more than a third. */
export const FEATURE_COUNT_CAP = 3;

export function satisfactionFeatures(t: Transcript, scores: MessageScore[], triggers: Trigger[]): number[] {
  const summary = sentimentSummary(scores);
  let scored = 0,
    negative = 0,
    positive = 0,
    customer = 0,
    thanks = 0,
    corrections = 0;
  for (const m of t.messages) {
    if (m.role !== 'customer') continue;
    customer++;
    if (m.text && THANKS.test(m.text)) thanks++;
    if (m.text && CORRECTION.test(m.text)) corrections++;
  }
  for (const s of scores) {
    if (!s.sentiment) continue;
    scored++;
    if (s.sentiment.label === 'negative') negative++;
    else if (s.sentiment.label === 'positive') positive++;
  }
  const count = (kind: Trigger['kind']): number =>
    Math.min(FEATURE_COUNT_CAP, triggers.filter((x) => x.kind === kind).length);
  return [
    summary ? 1 : 0,
    summary?.mean ?? 0,
    summary?.min ?? 0,
    summary?.last ?? 0,
    summary?.first ?? 0,
    scored ? negative / scored : 0,
    scored ? positive / scored : 0,
    Math.log1p(customer),
    count('human_request'),
    count('strong_negative'),
    count('distress'),
    count('repetition_loop'),
    count('ai_cannot_help'),
    Math.min(FEATURE_COUNT_CAP, thanks),
    Math.min(FEATURE_COUNT_CAP, corrections),
  ];
}
