import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { extractFeatures } from '../features.js';
import { SENTIMENT_CLASSES, modelToJson, type SentimentModelJson } from '../linear.js';
import type { SatisfactionModelJson } from '../satisfaction.js';
import { tokenize } from '../tokenize.js';
import type { TopicModelJson } from '../topic.js';
import { SATISFACTION_FEATURES } from '../conversation.js';
import type { LabelledText, RatedConversation } from './datasets.js';
import { fitRidge } from './ridge.js';
import { fitSoftmax } from './softmax.js';

/**
 * Offline only: fits the three shipped models from in-memory data (the CLI does the file I/O).
 * Hyper-parameters were chosen on an inner validation split (line % 5 === 3) of the training part;
 * the held-out part (line % 5 === 4) was never used for any choice.
 */
export const SENTIMENT_FIT = {
  epochs: 15,
  learningRate: 0.03,
  l2: 0.003,
  minTermCount: 2,
  /** Class weights are (1 / (3 * share)) ** this: half-way to balanced, best macro-F1 on validation. */
  classWeightPower: 0.5,
};
/** Ridge penalty for the satisfaction layer: mild, the features are few and correlated. */
export const SATISFACTION_L2 = 1;
/** Weights are rounded so the shipped JSON is small and diffs stay readable. */
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

export function trainSentiment(train: LabelledText[]): SentimentModelJson {
  const classes = SENTIMENT_CLASSES as readonly string[];
  const labels = train.map((d) => classes.indexOf(d.label));
  const share = classes.map((_, c) => labels.filter((y) => y === c).length / labels.length);
  const classWeights = share.map((s) => (1 / (classes.length * s)) ** SENTIMENT_FIT.classWeightPower);
  const features = train.map((d) => extractFeatures(tokenize(d.text)));
  const model = fitSoftmax(features, labels, { ...SENTIMENT_FIT, classWeights });
  return modelToJson(model, round4);
}

/** natural's BayesClassifier on BANKING77 intents (mapped to topics at scoring time), serialised sparsely. */
export function trainTopic(train: LabelledText[]): TopicModelJson {
  const c = new BayesClassifier();
  for (const d of train) c.addDocument(d.text, d.label);
  c.train();
  const features = Object.keys(c.features); // for..in order: the index order natural trained with
  const labels = Object.keys(c.classifier.classFeatures);
  return {
    smoothing: c.classifier.smoothing,
    totalExamples: c.classifier.totalExamples,
    features,
    labels,
    classTotals: labels.map((l) => c.classifier.classTotals[l]),
    counts: labels.map((l) =>
      Object.entries(c.classifier.classFeatures[l])
        .map(([i, n]) => [Number(i), n])
        .sort((a, b) => a[0] - b[0])
        .flat(),
    ),
  };
}

export function trainSatisfaction(
  train: RatedConversation[],
  featuresOf: (r: RatedConversation) => number[],
): SatisfactionModelJson {
  const fit = fitRidge(
    train.map(featuresOf),
    train.map((r) => r.rating),
    SATISFACTION_L2,
  );
  return {
    features: [...SATISFACTION_FEATURES],
    intercept: round4(fit.intercept),
    weights: fit.weights.map(round4),
  };
}
