/** Pure helpers of `npm run bench`: percentiles, rates, projections and the targets it checks. */

/** SPEC 7: one month of the reference company's volume. */
export const MONTH_CONVERSATIONS = 3_500_000;

/** Issue 8's targets, each checked and printed as PASS or FAIL. */
export const TARGETS = {
  /** A month ingested and scored in four minutes on the 2-core reference machine. */
  monthIngestSeconds: 4 * 60,
  /** Our ingest may cost at most this many times DuckDB loading the same file alone. */
  floorRatio: 3,
  /** Peak resident memory of one ingest (or rescore) process, DuckDB's buffers included. */
  peakRssMb: 1.5 * 1024,
  /** p95 of every dashboard request. */
  dashboardP95Ms: 100,
  /** p95 of the conversation detail, the page a reviewer clicks through most. */
  detailP95Ms: 30,
} as const;

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile (no interpolation, so every value reported was measured) of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) throw new Error('percentile of no samples');
  if (p <= 0) return sorted[0]!;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function summarize(samples: readonly number[]): Summary | null {
  if (!samples.length) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1]!,
  };
}

/** Events per second; null when no time was measured. */
export function perSecond(count: number, seconds: number): number | null {
  return seconds > 0 ? count / seconds : null;
}

/** Seconds a month would take at this run's throughput (linear: assumes no slow-down with size). */
export function projectedMonthSeconds(seconds: number, conversations: number): number {
  return conversations > 0 ? (seconds * MONTH_CONVERSATIONS) / conversations : Number.POSITIVE_INFINITY;
}

export function verdict(ok: boolean): 'PASS' | 'FAIL' {
  return ok ? 'PASS' : 'FAIL';
}

/** 20000 -> "20,000": sizes in titles and tables read at a glance. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

export function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}
