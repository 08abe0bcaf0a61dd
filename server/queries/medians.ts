import type { Database, SqlParams } from '../db/database.js';
import { evenMedian, type Median } from '../db/measures.js';
import type { RollupSubjectName } from '../db/rollups.js';
import { segmentNumbers, type RowSource } from './sources.js';

/**
 * Exact medians over rolled-up rows, equal to DuckDB's median() over the raw values, for all
 * the medians of one subject at once (one query per step):
 * 1. sum the bucket counts of the values rows in range, per median, segment and group: n, and
 *    the bucket of the middle value (or of the two middle values when n is even) with its rank
 *    inside it;
 * 2. read those buckets' histograms (distinct values and counts) and walk to the rank.
 * Values inside a bucket are exact, so only speed depends on the buckets (measures.ts). A source
 * cut into time segments (sources.ts) gets each median per segment from the same two queries.
 * (Until ROLLUP_VERSION 3 a first step summed coarse bucket counts kept as columns of the atoms
 * rows, to read fewer values rows: its 41 aggregates cost more than the values rows it saved.)
 */

type Group = string | null;

/** A median to compute: per value of the subject's group key (handled_by, kind), or over all rows. */
export interface MedianSpec {
  median: Median;
  perGroup: boolean;
}

/** A middle value's place: its bucket and its 0-based rank inside it. */
interface Place {
  bucket: number;
  rank: number;
}

interface Target {
  median: Median;
  /** null: over all groups. */
  group: Group;
  segment: number;
  n: number;
  middles: Place[];
}

interface Count {
  bucket: number;
  n: number;
}

/** The bucket holding `rank` (0-based) among counts in bucket order (one bucket may repeat, per group). */
function locate(counts: Count[], rank: number): Place {
  const merged = new Map<number, number>();
  for (const { bucket, n } of counts) merged.set(bucket, (merged.get(bucket) ?? 0) + n);
  let below = 0;
  for (const [bucket, n] of [...merged].sort((x, y) => x[0] - y[0])) {
    if (rank < below + n) return { bucket, rank: rank - below };
    below += n;
  }
  throw new Error(`rank ${rank} beyond the ${below} rolled-up values`);
}

interface Row {
  seg: number;
  grp: Group;
}

const inTarget = (t: Target, { seg, grp }: Row) => t.segment === seg && (t.group === null || t.group === grp);

/** The segment column of a source's rows, as `seg`: 0 when it is not segmented. */
const segmentSql = (source: RowSource) => `${source.segments > 1 ? 'segment' : '0'} AS seg`;

/**
 * `bucket IN (...)`, with the range around it: DuckDB pushes a range into the scan (skipping the
 * values of other buckets) but treats a longer IN list as an optional filter only.
 */
function bucketCondition(buckets: number[]): string[] {
  return [`r.bucket BETWEEN ${Math.min(...buckets)} AND ${Math.max(...buckets)}`, `r.bucket IN (${buckets.join(', ')})`];
}

/** `r.<key> IN (...)` when every target wants particular groups; nothing when one wants them all. */
function groupCondition(key: string, targets: Target[], params: SqlParams): string[] {
  if (targets.some((t) => t.group === null)) return [];
  const names = [...new Set(targets.map((t) => t.group!))].map((g, i) => {
    params[`group_${i}`] = g;
    return `$group_${i}`;
  });
  return [`r.${key} IN (${names.join(', ')})`];
}

/**
 * Every median's count per bucket (values rows), per segment and group, in one query: each
 * target's n and the bucket of each middle value, with its rank inside it.
 */
async function middleBuckets(db: Database, source: RowSource, subject: RollupSubjectName, key: string, specs: MedianSpec[]): Promise<Target[]> {
  const rows = source.rows(subject, { valuesOf: [...new Set(specs.map((s) => s.median))], extra: ['r.median', 'r.bucket', 'r.n'] });
  const result = await db.all<Count & Row & { median: Median }>(
    `SELECT ${segmentSql(source)}, ${key} AS grp, median, bucket, sum(n)::INTEGER AS n
     FROM (${rows.sql}) s GROUP BY seg, grp, median, bucket`,
    rows.params,
  );
  return specs.flatMap(({ median, perGroup }) => segmentNumbers(source).flatMap((segment) => {
    const of = result.filter((r) => r.seg === segment && r.median === median);
    const groups: Group[] = perGroup ? [...new Set(of.map((r) => r.grp).filter((g) => g !== null))] : [null];
    return groups.flatMap((group) => {
      const counts = of.filter((r) => group === null || r.grp === group);
      const n = counts.reduce((sum, c) => sum + c.n, 0);
      if (n === 0) return [];
      const ranks = [Math.floor((n - 1) / 2), Math.ceil((n - 1) / 2)];
      return [{ median, group, segment, n, middles: ranks.map((rank) => locate(counts, rank)) }];
    });
  }));
}

/** The value at each target's middle places, from the histograms of their buckets only. */
async function valuesAt(db: Database, source: RowSource, subject: RollupSubjectName, key: string, targets: Target[]) {
  const params: SqlParams = {};
  const buckets = [...new Set(targets.flatMap((t) => t.middles.map((m) => m.bucket)))];
  const rows = source.rows(subject, {
    valuesOf: [...new Set(targets.map((t) => t.median))], extra: ['r.median', 'r.bucket', 'r.vals', 'r.counts'],
    conditions: [...bucketCondition(buckets), ...groupCondition(key, targets, params)],
  });
  const values = await db.all<Row & { median: Median; bucket: number; v: number; n: number }>(
    `SELECT seg, grp, median, bucket, v, sum(c)::INTEGER AS n
     FROM (SELECT ${segmentSql(source)}, ${key} AS grp, median, bucket, unnest(vals) AS v, unnest(counts) AS c FROM (${rows.sql}) s)
     GROUP BY seg, grp, median, bucket, v ORDER BY v`,
    { ...rows.params, ...params },
  );
  return (t: Target, { bucket, rank }: Place): number => {
    let seen = 0;
    for (const row of values) {
      if (row.median !== t.median || row.bucket !== bucket || !inTarget(t, row)) continue;
      seen += row.n;
      if (rank < seen) return row.v;
    }
    throw new Error(`rolled-up ${t.median} bucket ${bucket} holds fewer values than its count`);
  };
}

/**
 * The medians of `specs` over a rolled-up source; `key` is the subject's group key. Returns
 * median -> group (null for an overall median) -> value; a group without values is absent.
 */
export async function rolledUpMedians(
  db: Database, source: RowSource, subject: RollupSubjectName, key: string, specs: MedianSpec[],
): Promise<(median: Median, group: Group, segment?: number) => number | null> {
  const targets = await middleBuckets(db, source, subject, key, specs);
  if (targets.length === 0) return () => null;
  const valueAt = await valuesAt(db, source, subject, key, targets);
  const result = new Map(targets.map((t) => {
    const [lo, hi] = t.middles.map((m) => valueAt(t, m)) as [number, number];
    return [JSON.stringify([t.median, t.group, t.segment]), t.n % 2 === 1 ? lo : evenMedian(lo, hi)];
  }));
  return (median, group, segment = 0) => result.get(JSON.stringify([median, group, segment])) ?? null;
}
