import type { MessageFeatures } from '../features.js';
import type { SentimentModel } from '../linear.js';
import { predict } from '../linear.js';

/** Offline only: fits the sentiment layer. Pure and deterministic (fixed order, no randomness). */
export interface FitOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty on term weights (dense weights get DENSE_L2_SHARE of it: they are few and general). */
  l2: number;
  /** Terms seen in fewer training messages are dropped: too rare to learn a weight for. */
  minTermCount: number;
  /** Per-class example weights (e.g. inverse frequency for macro-F1). */
  classWeights: number[];
}

const DENSE_L2_SHARE = 0.1;

export function fitSoftmax(examples: MessageFeatures[], labels: number[], o: FitOptions): SentimentModel {
  const counts = new Map<string, number>();
  for (const ex of examples) for (const t of new Set(ex.terms)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const terms = new Map<string, number[]>();
  for (const [t, n] of counts) if (n >= o.minTermCount) terms.set(t, [0, 0, 0]);
  const D = examples[0].dense.length;
  const m: SentimentModel = {
    intercept: [0, 0, 0],
    dense: Array.from({ length: D }, () => [0, 0, 0]),
    terms,
  };
  // AdaGrad accumulators, keyed like the weights.
  const gI = [1e-8, 1e-8, 1e-8];
  const gD = Array.from({ length: D }, () => [1e-8, 1e-8, 1e-8]);
  const gT = new Map<string, number[]>([...terms.keys()].map((t) => [t, [1e-8, 1e-8, 1e-8]]));
  const p = [0, 0, 0];
  const n = examples.length;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    // A fixed stride permutation (coprime with n) varies the order per epoch without randomness.
    const stride = pickStride(n, epoch);
    for (let k = 0; k < n; k++) {
      const idx = (k * stride + epoch) % n;
      const ex = examples[idx];
      predict(m, ex, p);
      const cw = o.classWeights[labels[idx]];
      for (let c = 0; c < 3; c++) {
        const g = cw * (p[c] - (labels[idx] === c ? 1 : 0));
        gI[c] += g * g;
        m.intercept[c] -= (o.learningRate * g) / Math.sqrt(gI[c]);
        for (let d = 0; d < D; d++) {
          const x = ex.dense[d];
          if (x === 0) continue;
          const gd = g * x + o.l2 * DENSE_L2_SHARE * m.dense[d][c];
          gD[d][c] += gd * gd;
          m.dense[d][c] -= (o.learningRate * gd) / Math.sqrt(gD[d][c]);
        }
        for (const t of ex.terms) {
          const w = terms.get(t);
          if (w === undefined) continue;
          const gt = g + o.l2 * w[c];
          const acc = gT.get(t) as number[];
          acc[c] += gt * gt;
          w[c] -= (o.learningRate * gt) / Math.sqrt(acc[c]);
        }
      }
    }
  }
  return m;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function pickStride(n: number, epoch: number): number {
  let s = 7919 + epoch * 104729;
  while (gcd(s % n || 1, n) !== 1) s++;
  return s % n || 1;
}
