import modelJson from '../../data/models/satisfaction.json' with { type: 'json' };
import { SATISFACTION_FEATURES } from './conversation.js';

/** The survey scale's bounds (SPEC 2: csat 1-5). */
export const SATISFACTION_MIN = 1;
export const SATISFACTION_MAX = 5;

export interface SatisfactionModelJson {
  features: string[];
  intercept: number;
  weights: number[];
}

const MODEL = modelJson as SatisfactionModelJson;
if (MODEL.features.join() !== SATISFACTION_FEATURES.join()) {
  throw new Error('satisfaction model was trained on other features: run `npm run train`');
}

/** A linear estimate of the 1-5 rating (fitted by ridge regression on USS), clamped to the scale. */
export function linearSatisfaction(m: SatisfactionModelJson, features: number[]): number {
  let y = m.intercept;
  for (let i = 0; i < features.length; i++) y += m.weights[i] * features[i];
  return Math.round(Math.min(SATISFACTION_MAX, Math.max(SATISFACTION_MIN, y)) * 100) / 100;
}

export function estimateSatisfaction(features: number[]): number {
  return linearSatisfaction(MODEL, features);
}
