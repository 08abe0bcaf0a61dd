/**
 * The per-conversation quantities every metric of SPEC 5 is summed from, written once. The raw
 * path (queries over `conversation_facts`) and the rollups (rollups.ts) both use these
 * definitions, so a number cannot mean one thing when rolled up and another when it is not.
 *
 * - An atom is a 0/1 count (a predicate over conversation_facts columns) or an integer sum.
 *   Metrics combine atoms with the rollup keys (e.g. contained = ai_started where handled_by is
 *   'ai'), so an atom never needs to repeat what a key already says.
 * - A median measure is the value whose median a metric reports (NULL = not in that median).
 *   Medians are not additive: see MedianMeasure for how the rollups keep them exact.
 */

/** The dimensions that are rollup keys, as conversation_facts columns. */
export const ROLLUP_KEYS = ['market', 'channel', 'topic', 'tier', 'handled_by'] as const;

const HANDED_OFF = `escalation_status IN ('timely', 'late')`;

export const ATOMS = {
  conversations: { count: 'true' },
  ai_started: { count: 'ai_started' },
  ai_started_known: { count: `ai_started AND repeat_contact IN ('true', 'false')` },
  ai_started_no_repeat: { count: `ai_started AND repeat_contact = 'false'` },
  ai_started_pending: { count: `ai_started AND repeat_contact = 'pending'` },
  repeats: { count: `repeat_contact = 'true'` },
  repeat_known: { count: `repeat_contact IN ('true', 'false')` },
  repeat_pending: { count: `repeat_contact = 'pending'` },
  triggered: { count: `escalation_status <> 'none'` },
  timely: { count: `escalation_status = 'timely'` },
  late: { count: `escalation_status = 'late'` },
  missed: { count: `escalation_status = 'missed'` },
  over_escalation: { count: 'over_escalation' },
  vip_failures: { count: 'len(vip_failure_reasons) > 0' },
  vip_low_csat: { count: `list_contains(vip_failure_reasons, 'low_csat')` },
  vip_negative_end: { count: `list_contains(vip_failure_reasons, 'negative_end')` },
  vip_missed_escalation: { count: `list_contains(vip_failure_reasons, 'missed_escalation')` },
  vip_repeat_contact: { count: `list_contains(vip_failure_reasons, 'repeat_contact')` },
  surveyed: { count: 'csat IS NOT NULL' },
  satisfied: { count: 'csat >= 4' },
  csat_sum: { sum: 'csat' },
} as const satisfies Record<string, { count: string } | { sum: string }>;
export type Atom = keyof typeof ATOMS;

/** A row-level SQL expression for an atom: 1/0 (NULL when its predicate is NULL) or the summed value. */
export function atomSql(atom: Atom): string {
  const def: { count: string } | { sum: string } = ATOMS[atom];
  return 'count' in def ? `(${def.count})::INTEGER` : `(${def.sum})::INTEGER`;
}

/** Quarter-octave bounds 1, 1.25, 1.5, 1.75, 2, 2.5, ... up to `max`: a bucket spans at most a factor 1.25. */
function quarterOctaves(max: number): number[] {
  const bounds: number[] = [];
  for (let p = 1; p <= max; p *= 2) bounds.push(p, p * 1.25, p * 1.5, p * 1.75);
  return bounds;
}

/**
 * A median a metric reports. The rollups keep, per rollup row and bucket of values, the count
 * and the exact values, so a median over any set of rollup rows is exact: bucket counts say
 * which bucket holds the middle value(s), and only that bucket's values are read (medians.ts).
 * `bounds` are the bucket lower edges; bucket 0 holds everything below the first bound (zero,
 * fractions, negative clock skew). They decide speed only, never the result. Values are kept as
 * DOUBLE: exact for the integer gap_turns, whose DuckDB median is a DOUBLE too.
 */
export interface MedianMeasure {
  value: string;
  bounds: readonly number[];
}

export const MEDIANS = {
  /** Resolution time, seconds: up to ~9 days; chats cluster at 1-30 minutes. */
  duration: { value: 'duration_seconds', bounds: quarterOctaves(2 ** 19) },
  /** AI replies between the first trigger and the handoff: small integers, one bucket each below 6. */
  gap_turns: { value: `CASE WHEN ${HANDED_OFF} THEN gap_turns END`, bounds: [1, 2, 3, 4, 5, 6, 8, 12, 16, 24, 32, 64] },
  /** Seconds from the first trigger to the handoff: up to ~1.5 days. */
  gap_seconds: { value: `CASE WHEN ${HANDED_OFF} THEN gap_seconds END`, bounds: quarterOctaves(2 ** 16) },
} as const satisfies Record<string, MedianMeasure>;
export type Median = keyof typeof MEDIANS;

/** SQL for the bucket of `value` (NULL stays NULL): how many bounds are <= it, so it is monotonic by construction. */
export function bucketSql(median: Median, value: string): string {
  const bounds = MEDIANS[median].bounds.map((b) => `${b}`).join(', ');
  return `CASE WHEN ${value} IS NOT NULL THEN len(list_filter([${bounds}]::DOUBLE[], x -> x <= ${value})) END`;
}

/**
 * DuckDB's median() of an even count of values, from its two middle values (checked against
 * DuckDB in test/integration/rollups.test.ts): lo * 0.5 + hi * 0.5, which can differ in the
 * last bit from (lo + hi) / 2 and from lo + (hi - lo) / 2.
 */
export function evenMedian(lo: number, hi: number): number {
  return lo * 0.5 + hi * 0.5;
}
