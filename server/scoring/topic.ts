import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import AggressiveTokenizer from 'natural/lib/natural/tokenizers/aggressive_tokenizer.js';
import { words as naturalStopwords } from 'natural/lib/natural/util/stopwords.js';
import modelJson from '../../data/models/topic.json' with { type: 'json' };
import mapping from '../../data/lexicons/banking77_topics.json' with { type: 'json' };
import { TOPICS, type Topic, type Transcript } from '../domain.js';
import { taggedLanguageReason } from './language.js';

/** Stems are memoised up to this many words: the vocabulary of support text is small, memory stays bounded. */
export const STEM_CACHE_MAX = 100_000;

/** The opening customer messages state the issue; later ones drift into details and thanks. */
export const TOPIC_MAX_MESSAGES = 3;

/**
 * A serialised natural BayesClassifier (trained on BANKING77 intents by `npm run train`), scored
 * here sparsely: natural's own classify() builds a dense vector over the whole vocabulary per call
 * (about 1,300 texts/s); summing log-probabilities over the words present gives the same ranking
 * (checked in the tests) at far higher speed.
 */
export interface TopicModelJson {
  smoothing: number;
  totalExamples: number;
  /** Vocabulary: natural's tokenizeAndStem output (Porter stems, stop words removed). */
  features: string[];
  labels: string[];
  classTotals: number[];
  /** Per label: flattened [featureIndex, count, ...] pairs (counts already include smoothing). */
  counts: number[][];
}

/**
 * The model inverted for speed: a label's score is logPrior + (#present features) * logUnseen plus,
 * for each present feature, the sparse corrections log(count / total) - logUnseen of the labels
 * that saw it. Same numbers as natural's sum, without visiting every label for every feature.
 */
interface Compiled {
  /** Stem -> flattened [label, correction, ...]. */
  corrections: Map<string, number[]>;
  logPrior: number[];
  logUnseen: number[];
  topicOfLabel: Topic[];
}

const INTENT_TO_TOPIC = mapping.map as Record<string, string>;

function toTopic(label: string): Topic {
  const t = INTENT_TO_TOPIC[label] ?? label;
  return (TOPICS as readonly string[]).includes(t) ? (t as Topic) : 'other';
}

export function compileTopicModel(m: TopicModelJson): Compiled {
  const logUnseen = m.classTotals.map((n) => Math.log(m.smoothing / n));
  const byFeature: number[][] = m.features.map(() => []);
  m.counts.forEach((pairs, c) => {
    for (let i = 0; i < pairs.length; i += 2) {
      byFeature[pairs[i]].push(c, Math.log(pairs[i + 1] / m.classTotals[c]) - logUnseen[c]);
    }
  });
  return {
    corrections: new Map(m.features.map((f, i) => [f, byFeature[i]])),
    logPrior: m.classTotals.map((n) => Math.log(n / m.totalExamples)),
    logUnseen,
    topicOfLabel: m.labels.map(toTopic),
  };
}

const STOPWORDS: ReadonlySet<string> = new Set(naturalStopwords);
const aggressiveTokenizer = new AggressiveTokenizer();
const stemCache = new Map<string, string>();

/** natural's PorterStemmer.tokenizeAndStem (same tokenizer, stop words and stems; a test checks), memoised. */
export function tokenizeAndStem(text: string): string[] {
  const out: string[] = [];
  for (const token of aggressiveTokenizer.tokenize(text.toLowerCase())) {
    if (STOPWORDS.has(token)) continue;
    let stem = stemCache.get(token);
    if (stem === undefined) {
      stem = PorterStemmer.stem(token);
      if (stemCache.size < STEM_CACHE_MAX) stemCache.set(token, stem);
    }
    out.push(stem);
  }
  return out;
}

/** Best label index for a text, or -1 when no word of it is in the vocabulary. */
export function classifyLabel(model: Compiled, text: string): number {
  const seen = new Set<string>();
  const scores = model.logPrior.slice();
  let known = 0;
  for (const stem of tokenizeAndStem(text)) {
    if (seen.has(stem)) continue;
    seen.add(stem);
    const corr = model.corrections.get(stem);
    if (corr === undefined) continue;
    known++;
    for (let c = 0; c < scores.length; c++) scores[c] += model.logUnseen[c];
    for (let i = 0; i < corr.length; i += 2) scores[corr[i]] += corr[i + 1];
  }
  if (known === 0) return -1;
  let best = 0;
  for (let c = 1; c < scores.length; c++) if (scores[c] > scores[best]) best = c;
  return best;
}

const MODEL = compileTopicModel(modelJson as TopicModelJson);

export function classifyTopicText(text: string): Topic {
  const label = classifyLabel(MODEL, text);
  return label < 0 ? 'other' : MODEL.topicOfLabel[label];
}

/**
 * Topic from the opening customer messages; 'other' when there is nothing to go on, including a
 * conversation tagged with a language other than English (the classifier only knows English).
 */
export function predictTopic(t: Transcript): Topic {
  if (taggedLanguageReason(t.language) !== null) return 'other';
  const texts: string[] = [];
  for (const m of t.messages) {
    if (m.role !== 'customer' || !m.text) continue;
    texts.push(m.text);
    if (texts.length >= TOPIC_MAX_MESSAGES) break;
  }
  return classifyTopicText(texts.join(' '));
}
