/** SPEC 8: a rate is null when its denominator is 0 ("no data"), never 0 and never NaN. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** z for a two-sided 95 % interval. */
const Z_95 = 1.959964;

/**
 * Wilson score interval for a proportion (SPEC 5: CSAT % with 95 % Wilson intervals). Unlike the
 * normal approximation it stays inside [0, 1] and behaves at small n and at 0 % or 100 %.
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): { low: number; high: number } | null {
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** A CSAT on fewer surveys than this is flagged low-confidence (SPEC issue 4, small-sample honesty). */
export const LOW_CONFIDENCE_SURVEYS = 30;

export interface Fraction {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export function fraction(numerator: number, denominator: number): Fraction {
  return { numerator, denominator, rate: ratio(numerator, denominator) };
}

/**
 * Cohen's kappa for two raters over the same items: (observed agreement - chance agreement) /
 * (1 - chance agreement), chance from each rater's own category frequencies. null with no items;
 * 1 when both raters used a single identical category throughout (no disagreement possible).
 */
export function cohensKappa(pairs: ReadonlyArray<readonly [string, string]>): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const agree = pairs.filter(([a, b]) => a === b).length / n;
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  for (const [a, b] of pairs) {
    countA.set(a, (countA.get(a) ?? 0) + 1);
    countB.set(b, (countB.get(b) ?? 0) + 1);
  }
  let chance = 0;
  for (const [category, ca] of countA) chance += (ca / n) * ((countB.get(category) ?? 0) / n);
  return chance === 1 ? 1 : (agree - chance) / (1 - chance);
}
