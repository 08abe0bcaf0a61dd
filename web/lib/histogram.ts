/** Gap buckets in AI replies: 0 is a timely handoff; the last bucket collects long gaps. */
export const GAP_BUCKETS = ['0', '1', '2', '3', '4', '5+'] as const;

/**
 * Counts handed-off conversations per gap in AI replies. Conversations without a gap (missed:
 * no handoff to measure to) are not in any bucket.
 */
export function gapHistogram(gaps: readonly (number | null)[]): { bucket: string; conversations: number }[] {
  const counts = GAP_BUCKETS.map(() => 0);
  for (const gap of gaps) {
    if (gap === null || gap < 0) continue;
    counts[Math.min(gap, GAP_BUCKETS.length - 1)]! += 1;
  }
  return GAP_BUCKETS.map((bucket, i) => ({ bucket, conversations: counts[i]! }));
}
