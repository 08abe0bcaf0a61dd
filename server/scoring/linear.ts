import {
  DENSE_FEATURES,
  type MessageFeatures,
  type TermWeight,
  type TermWeights,
  type WordInfo,
} from './features.js';
import { LANGUAGE_HINT_WORDS, languageHint } from './language.js';
import { LEXICON, signed } from './lexicon.js';

/** Classes of the sentiment model, in the order of every weight vector. */
export const SENTIMENT_CLASSES = ['negative', 'neutral', 'positive'] as const;
const C = SENTIMENT_CLASSES.length;

/**
 * A multinomial logistic ("softmax") layer over the interpretable features: one weight per class
 * for each dense feature and for each learned term. This is what ships in data/models/sentiment.json.
 */
export interface SentimentModel {
  intercept: number[];
  /** DENSE_FEATURES.length rows of C weights. */
  dense: number[][];
  terms: Map<string, number[]>;
}

/** The JSON form: terms flattened so the file stays small and cheap to type-check. */
export interface SentimentModelJson {
  denseFeatures: string[];
  intercept: number[];
  dense: number[][];
  termNames: string[];
  /** termNames.length * C numbers, class-major within a term. */
  termWeights: number[];
}

export function modelFromJson(json: SentimentModelJson): SentimentModel {
  if (json.denseFeatures.join() !== DENSE_FEATURES.join()) {
    throw new Error('sentiment model was trained on other features: run `npm run train`');
  }
  const terms = new Map<string, number[]>();
  json.termNames.forEach((t, i) => terms.set(t, json.termWeights.slice(i * C, i * C + C)));
  return { intercept: json.intercept, dense: json.dense, terms };
}

export function modelToJson(m: SentimentModel, round: (x: number) => number): SentimentModelJson {
  const names = [...m.terms.keys()].sort();
  return {
    denseFeatures: [...DENSE_FEATURES],
    intercept: m.intercept.map(round),
    dense: m.dense.map((row) => row.map(round)),
    termNames: names,
    termWeights: names.flatMap((t) => (m.terms.get(t) ?? []).map(round)),
  };
}

/** The model's term weights keyed for the scan: "not_x" under x, lexicon entries alongside, phrases apart. */
export function termWeightsOf(m: SentimentModel): TermWeights {
  const words: TermWeights['words'] = new Map();
  const phrases = new Map<string, TermWeight>();
  const slot = (w: string): WordInfo => {
    let e = words.get(w);
    if (!e) words.set(w, (e = { lex: undefined, plain: null, negated: null, lang: languageHint(w) }));
    return e;
  };
  for (const [w, lex] of LEXICON) slot(w).lex = lex;
  for (const w of LANGUAGE_HINT_WORDS) slot(w);
  for (const [term, w] of m.terms) {
    const margin = w[2] - w[0];
    const t: TermWeight = { w, margin, rule: `learned: ${term} (${signed(margin)})` };
    if (term.includes(' ')) phrases.set(term, t);
    else if (term.startsWith('not_')) slot(term.slice(4)).negated = t;
    else slot(term).plain = t;
  }
  return { words, phrases };
}

/** Class probabilities from dense features and already-summed term logits, written into `out`. */
export function softmaxOf(m: SentimentModel, dense: number[], termLogits: number[], out: number[]): void {
  let z0 = m.intercept[0] + termLogits[0],
    z1 = m.intercept[1] + termLogits[1],
    z2 = m.intercept[2] + termLogits[2];
  for (let d = 0; d < dense.length; d++) {
    const x = dense[d];
    if (x === 0) continue;
    const w = m.dense[d];
    z0 += w[0] * x;
    z1 += w[1] * x;
    z2 += w[2] * x;
  }
  const top = Math.max(z0, z1, z2);
  const e0 = Math.exp(z0 - top),
    e1 = Math.exp(z1 - top),
    e2 = Math.exp(z2 - top);
  const sum = e0 + e1 + e2;
  out[0] = e0 / sum;
  out[1] = e1 / sum;
  out[2] = e2 / sum;
}

/** Class probabilities from a term list (the training path), written into `out`. */
export function predict(m: SentimentModel, f: MessageFeatures, out: number[]): void {
  const z = [0, 0, 0];
  for (const t of f.terms) {
    const w = m.terms.get(t);
    if (w === undefined) continue;
    z[0] += w[0];
    z[1] += w[1];
    z[2] += w[2];
  }
  softmaxOf(m, f.dense, z, out);
}
