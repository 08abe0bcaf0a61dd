import lexicon from '../../data/lexicons/triggers_en.json' with { type: 'json' };
import type { Topic, Transcript } from '../domain.js';
import { bigramSet, diceOfSets } from './similarity.js';
import type { ConversationStructure } from './structure.js';
import type { MessageScore, Trigger } from './types.js';

/** A customer message at or below this score is strongly negative (about the airline set's clear complaints). */
export const STRONG_NEGATIVE_THRESHOLD = -0.75;
/** At or below this it is severe (severity 3): nearly all of the model's mass on negative. */
export const SEVERE_NEGATIVE_THRESHOLD = -0.92;
/** natural's Dice coefficient (character bigrams, see similarity.ts) at which two messages say nearly the same thing. */
export const REPETITION_SIMILARITY = 0.75;
/** Short replies ("yes", "thanks for the info") repeat naturally; only longer messages form a loop. */
export const REPETITION_MIN_WORDS = 5;
/** Compare with this many earlier customer messages: loops are local, and it bounds the cost. */
export const REPETITION_LOOKBACK = 4;
/** VIP customers on these topics get a human by policy (SPEC 4). */
export const VIP_SENSITIVE_TOPICS: ReadonlySet<Topic> = new Set(['dispute', 'fraud']);

type Severity = 1 | 2 | 3;
interface PatternGroup {
  kind: 'human_request' | 'distress';
  subtype: string;
  severity: Severity;
  pattern: RegExp;
}

/** One alternation per group: a single regex pass per message instead of one per pattern. */
const compile = (ps: string[]): RegExp => new RegExp(ps.map((p) => `(?:${p})`).join('|'), 'i');
const CUSTOMER_GROUPS: PatternGroup[] = lexicon.customer.map((g) => ({
  kind: g.kind as PatternGroup['kind'],
  subtype: g.subtype,
  severity: g.severity as Severity,
  pattern: compile(g.patterns),
}));
const COMPLAINT = compile(lexicon.complaint);
const AI_CANNOT_HELP = lexicon.aiCannotHelp.map((g) => ({
  severity: g.severity as Severity,
  pattern: compile(g.patterns),
}));

function firstMatch(pattern: RegExp, text: string): string | null {
  const m = pattern.exec(text);
  return m ? m[0].trim() : null;
}

/** Cues named in a strong-negative trigger's evidence: enough to see why, short enough to read. */
export const NEGATIVE_CUES_SHOWN = 3;
const NEGATIVE_CUE = /\(-\d|flipped\)|^caps/;

/**
 * The rules that push a message negative: negative lexicon words, phrases and emoji, negated
 * positive words, shouting. A low score from learned words alone (the airline tweets teach that
 * "need" or "hours" lean negative) is not strong negativity: it must rest on such a cue.
 */
export function negativeCues(rules: string[]): string[] {
  return rules.filter((r) => NEGATIVE_CUE.test(r) && !r.startsWith('learned') && !/^negation: .*\(-/.test(r));
}

function normalise(text: string): string {
  return text
    .replace(/@\w+|https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function aiCannotHelp(index: number, text: string): Trigger | null {
  for (const g of AI_CANNOT_HELP) {
    const hit = firstMatch(g.pattern, text);
    if (hit !== null)
      return { kind: 'ai_cannot_help', messageIndex: index, severity: g.severity, evidence: `"${hit}"` };
  }
  return null;
}

/** Human requests and distress; one trigger per kind per message (groups are listed most severe first). */
function patternTriggers(index: number, text: string, out: Trigger[]): void {
  const seen = new Set<string>();
  for (const g of CUSTOMER_GROUPS) {
    if (seen.has(g.kind)) continue;
    const hit = firstMatch(g.pattern, text);
    if (hit === null) continue;
    seen.add(g.kind);
    const evidence = g.kind === 'distress' ? `${g.subtype}: "${hit}"` : `"${hit}"`;
    out.push({ kind: g.kind, messageIndex: index, severity: g.severity, evidence });
  }
}

function strongNegative(index: number, score: MessageScore | undefined): Trigger | null {
  const sentiment = score?.sentiment;
  if (!sentiment || sentiment.score > STRONG_NEGATIVE_THRESHOLD) return null;
  const cues = negativeCues(sentiment.rules);
  if (cues.length === 0) return null;
  return {
    kind: 'strong_negative',
    messageIndex: index,
    severity: sentiment.score <= SEVERE_NEGATIVE_THRESHOLD ? 3 : 2,
    evidence: `score ${sentiment.score} (${cues.slice(0, NEGATIVE_CUES_SHOWN).join('; ')})`,
  };
}

type Earlier = Array<{ index: number; bigrams: Set<string> }>;

/** Compares with the last few customer messages, then remembers this one. */
function repetition(index: number, text: string, earlier: Earlier): Trigger | null {
  const norm = normalise(text);
  if (norm.split(' ').length < REPETITION_MIN_WORDS) return null;
  const bigrams = bigramSet(norm);
  let found: Trigger | null = null;
  for (const prev of earlier.slice(-REPETITION_LOOKBACK)) {
    const sim = diceOfSets(prev.bigrams, bigrams);
    if (sim >= REPETITION_SIMILARITY) {
      const evidence = `repeats message ${prev.index} (similarity ${sim.toFixed(2)})`;
      found = { kind: 'repetition_loop', messageIndex: index, severity: 2, evidence };
      break;
    }
  }
  earlier.push({ index, bigrams });
  return found;
}

function vipSensitive(index: number, text: string, topic: Topic | null): Trigger | null {
  const complaint = firstMatch(COMPLAINT, text);
  if (complaint === null && (topic === null || !VIP_SENSITIVE_TOPICS.has(topic))) return null;
  const evidence = complaint !== null ? `vip complaint: "${complaint}"` : `vip on topic ${topic}`;
  return { kind: 'vip_sensitive_topic', messageIndex: index, severity: topic === 'fraud' ? 3 : 2, evidence };
}

/**
 * Escalation triggers (SPEC 4), only in messages sent while the AI is in charge. Customer
 * messages give human requests, strong negativity, distress, repetition and VIP complaints (once
 * per conversation); AI messages give 'ai_cannot_help', indexed at the AI message itself.
 */
export function findTriggers(
  t: Transcript,
  s: ConversationStructure,
  scores: MessageScore[],
  topic: Topic | null,
): Trigger[] {
  const out: Trigger[] = [];
  const earlier: Earlier = [];
  let vipDone = t.tier !== 'vip';
  const push = (x: Trigger | null): void => {
    if (x) out.push(x);
  };
  for (const m of t.messages) {
    if (m.index >= s.aiWindowEnd) break;
    const text = m.text ?? '';
    if (m.role === 'ai') push(aiCannotHelp(m.index, text));
    if (m.role !== 'customer') continue;
    patternTriggers(m.index, text, out);
    push(strongNegative(m.index, scores[m.index]));
    push(repetition(m.index, text, earlier));
    if (!vipDone) {
      const vip = vipSensitive(m.index, text, topic);
      vipDone = vip !== null;
      push(vip);
    }
  }
  return out;
}
