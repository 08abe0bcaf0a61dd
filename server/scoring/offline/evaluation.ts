import { WordTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
import { scoreConversation } from '../index.js';
import { afinnBaselineScore } from '../lexicon.js';
import { SENTIMENT_CLASSES } from '../linear.js';
import { scoreMessageText } from '../sentiment.js';
import { classifyTopicText } from '../topic.js';
import type { LabelledText, RatedConversation } from './datasets.js';
import { isHoldout } from './datasets.js';
import { classificationReport, spearman, type ClassReport } from './metrics.js';
import mapping from '../../../data/lexicons/banking77_topics.json' with { type: 'json' };

/** Offline only: the measured figures `npm run evaluate` prints and the tests check floors of. */
const wordTokenizer = new WordTokenizer();
const baselineLabel = (text: string): string => {
  const s = afinnBaselineScore(wordTokenizer.tokenize(text));
  return s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral';
};

export function evaluateSentiment(data: LabelledText[]): { ours: ClassReport; baseline: ClassReport } {
  const hold = data.filter((d) => isHoldout(d.line));
  const gold = hold.map((d) => d.label);
  const ours = hold.map((d) => scoreMessageText(d.text, null)?.label ?? 'unscored');
  return {
    ours: classificationReport(gold, ours, SENTIMENT_CLASSES),
    baseline: classificationReport(
      gold,
      hold.map((d) => baselineLabel(d.text)),
      SENTIMENT_CLASSES,
    ),
  };
}

export interface SatisfactionReport {
  heldOutSpearman: number;
  allSpearman: number;
  baselineHeldOutSpearman: number;
  baselineAllSpearman: number;
  heldOut: number;
  /** Drop turn vs the first customer turn whose mean rating is below 3. */
  drop: { withDrop: number; foundWithin1: number; withoutDrop: number; correctlyNull: number };
}

/** Baseline: mean of natural's AFINN score over customer messages (the 0.22 figure). */
function meanAfinn(r: RatedConversation): number {
  const xs = r.transcript.messages
    .filter((m) => m.role === 'customer' && m.text)
    .map((m) => afinnBaselineScore(wordTokenizer.tokenize(m.text ?? '')));
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

/** A rating below this is a dissatisfied turn (the USS scale's 3 is "neutral"). */
const DISSATISFIED_BELOW = 3;

export function evaluateSatisfaction(data: RatedConversation[]): SatisfactionReport {
  const scores = data.map((r) => scoreConversation(r.transcript));
  const est = scores.map((s) => s.satisfactionEstimate);
  const base = data.map(meanAfinn);
  const gold = data.map((r) => r.rating);
  const h = data.map((r) => isHoldout(r.line));
  const pick = <T>(xs: T[]): T[] => xs.filter((_, i) => h[i]);
  const drop = { withDrop: 0, foundWithin1: 0, withoutDrop: 0, correctlyNull: 0 };
  data.forEach((r, i) => {
    if (!h[i]) return;
    const predicted = scores[i].satisfactionDropIndex;
    const goldTurn = r.turns.find((t) => t.mean < DISSATISFIED_BELOW)?.index ?? null;
    if (goldTurn === null) {
      drop.withoutDrop++;
      if (predicted === null) drop.correctlyNull++;
    } else {
      drop.withDrop++;
      // Customer turns alternate with system turns: one customer turn away is 2 message indexes.
      if (predicted !== null && Math.abs(predicted - goldTurn) <= 2) drop.foundWithin1++;
    }
  });
  return {
    heldOutSpearman: spearman(pick(est), pick(gold)),
    allSpearman: spearman(est, gold),
    baselineHeldOutSpearman: spearman(pick(base), pick(gold)),
    baselineAllSpearman: spearman(base, gold),
    heldOut: pick(gold).length,
    drop,
  };
}

const INTENT_TO_TOPIC = mapping.map as Record<string, string>;

export function evaluateTopic(data: LabelledText[]): { accuracy: number; n: number } {
  const hold = data.filter((d) => isHoldout(d.line));
  let ok = 0;
  for (const d of hold) if (classifyTopicText(d.text) === INTENT_TO_TOPIC[d.label]) ok++;
  return { accuracy: ok / hold.length, n: hold.length };
}
