import modelJson from '../../data/models/sentiment.json' with { type: 'json' };
import type { SentimentLabel } from '../domain.js';
import { extractFeatures } from './features.js';
import { taggedLanguageReason, untaggedLanguageReason } from './language.js';
import { SENTIMENT_CLASSES, modelFromJson, softmaxOf, termWeightsOf } from './linear.js';
import { tokenize } from './tokenize.js';
import type { MessageSentiment } from './types.js';

const MODEL = modelFromJson(modelJson);
const TERM_WEIGHTS = termWeightsOf(MODEL);
export interface SentimentOutcome {
  sentiment: MessageSentiment | null;
  unscoredReason: string | null;
}

/** Scores one message, or says why it cannot be scored. Pure and deterministic. */
export function scoreMessage(text: string, language: string | null): SentimentOutcome {
  const tagged = taggedLanguageReason(language);
  if (tagged !== null) return { sentiment: null, unscoredReason: tagged };
  const features = extractFeatures(tokenize(text), TERM_WEIGHTS);
  const untagged =
    language === null || language.trim() === '' ? untaggedLanguageReason(features.language) : null;
  if (untagged !== null) return { sentiment: null, unscoredReason: untagged };
  const p = [0, 0, 0];
  softmaxOf(MODEL, features.dense, features.termLogits, p);
  const best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
  const label: SentimentLabel = SENTIMENT_CLASSES[best];
  const score = Math.round((p[2] - p[0]) * 1000) / 1000;
  const rules = features.rules;
  for (const r of features.learned.rules) rules.push(r);
  return { sentiment: { score, label, rules: features.rules }, unscoredReason: null };
}

/** The contract's form: null when the message is unscored (unsupported language). */
export function scoreMessageText(text: string, language: string | null): MessageSentiment | null {
  return scoreMessage(text, language).sentiment;
}
