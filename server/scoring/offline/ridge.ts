/** Offline only: ridge regression by the normal equations (few features, so exact and deterministic). */
export function fitRidge(xs: number[][], ys: number[], l2: number): { intercept: number; weights: number[] } {
  const d = xs[0].length + 1;
  const a = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const b = new Array<number>(d).fill(0);
  for (let n = 0; n < xs.length; n++) {
    const row = [1, ...xs[n]];
    for (let i = 0; i < d; i++) {
      b[i] += row[i] * ys[n];
      for (let j = 0; j < d; j++) a[i][j] += row[i] * row[j];
    }
  }
  for (let i = 1; i < d; i++) a[i][i] += l2; // the intercept is not penalised
  const w = solve(a, b);
  return { intercept: w[0], weights: w.slice(1) };
}

/** Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    if (Math.abs(m[c][c]) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => (Math.abs(row[i]) < 1e-12 ? 0 : row[n] / row[i]));
}
