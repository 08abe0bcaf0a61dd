import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from './database.js';
import { ATOMS, MEDIANS, ROLLUP_KEYS, atomSql, bucketSql, type Atom, type Median } from './measures.js';

/**
 * Pre-aggregated rollups of `conversation_facts` (facts.ts), so that dashboard queries read thousands of
 * rollup rows instead of millions of joined raw rows (issue 8). Every number read from them is
 * the same as the raw query's: test/integration/rollups.test.ts compares the two.
 *
 * What is rolled up, by which keys:
 * - `rollup_{hour,day,week}`: one row per period of started_at (a UTC hour, on Sundays and
 *   Mondays only: HOURLY_WEEKDAYS; a UTC day; an ISO week, Monday UTC) and per combination of
 *   market, channel, topic, tier and handled_by (the dimension filters of SPEC 5; NULL is a
 *   key value like any other), with every atom of measures.ts: counts such as ai_started,
 *   missed or satisfied, and the csat sum.
 * - `rollup_values_{hour,day,week}`: for the same keys, per median measure (duration,
 *   gap_turns, gap_seconds) and value bucket, an exact histogram: the distinct values `vals`
 *   ascending with their `counts`, and their total `n`. Each value is
 *   counted in every cube (ROLLUP_CUBES): rows split by all dimensions (`cube` =
 *   'market,channel,topic,tier'), by one of them ('market', ...) or by none (''), always per
 *   handled_by (hour rows: all dimensions only); an unfiltered median reads a few hundred rows,
 *   not one per key combination.
 * - `rollup_kind_{hour,day,week}` and `rollup_kind_values_{hour,day,week}`: the same plus the
 *   trigger kind, for escalation by kind (a conversation counts once under every kind it has):
 *   conversations, timely, late, missed, and the two gap medians.
 * - `rollup_rank_{hour,day,week}`: conversations per period, dimension keys, escalation score
 *   and review risk (about 20 and 46 distinct values). They place a page of a list by score, or of
 *   the review queue by risk, without sorting or counting the raw rows: which values, then which
 *   days of the value, hold the page (queries/conversations.ts, rankWindow).
 *
 * Which metric parts still read raw rows, and why:
 * - Medians are exact without a raw scan: a median sums the bucket counts `n` of the values rows
 *   in range to find the bucket of the middle value(s), then reads only the values of that
 *   bucket. Values rows are inserted sorted by (median, bucket), so DuckDB skips the data of
 *   other buckets. Buckets decide speed only (queries/medians.ts).
 * - A filter set the rollups cannot answer reads the raw facts, whole: reviewer overrides
 *   (overrides=true), every drill-down filter (aiStarted, escalation, conversationIds, ...), and
 *   a time bound that is not a whole UTC hour (a report in a zone with a 30- or 45-minute
 *   offset) or that falls on a day without hour rows. Weeks answer the middle of a long range,
 *   days its ragged ends, hours the ends of a week in a time zone (queries/sources.ts splits
 *   a range that way).
 * - Conversation lists and a conversation's detail are rows, not aggregates: they always read
 *   the raw tables (a list's total, and which rows a page by score or risk lies in, come from the
 *   rollups when its filters allow).
 *
 * Freshness: refreshRollups runs inside the writer's transaction that changed the data, so a
 * reader sees rollups and raw rows of the same commit. The rollups count as current only when
 * `meta.rollup_version` equals ROLLUP_VERSION, written by a full rebuild; until then (a
 * database from before rollups, or after this file's layout changed) every query reads raw rows.
 */

/** Bump when the layout or a definition changes: queries read raw rows until a full rebuild. */
export const ROLLUP_VERSION = '4';

export const ROLLUP_GRAINS = ['hour', 'day', 'week'] as const;
export type RollupGrain = (typeof ROLLUP_GRAINS)[number];

/**
 * UTC weekdays (0 = Sunday) that have hour rows: an ISO week in any whole-hour time zone
 * (UTC-12 to UTC+14) starts and ends on a Sunday (zones east of UTC) or a Monday (west), so
 * hours elsewhere would never be read.
 */
export const HOURLY_WEEKDAYS = [0, 1] as const;

/** The dimensions a values row can be split by (handled_by and kind are always kept). */
const CUBE_DIMENSIONS = ['market', 'channel', 'topic', 'tier'] as const;

/**
 * The cubes of values rows: none of those dimensions (an unfiltered median), each one alone (a
 * median filtered on it), or all of them (any other filter set). A median reads the smallest
 * cube that its filters allow, so the common requests read a few hundred histograms. (Cubes of
 * two dimensions were measured slower: every cube's rows lengthen the scans of all the others.)
 */
export const ROLLUP_CUBES: readonly (readonly string[])[] = [[], ...CUBE_DIMENSIONS.map((d) => [d]), CUBE_DIMENSIONS];

/** Hour rows only serve the ragged ends of a week in a time zone: the full cube is enough there. */
export function cubesOf(grain: RollupGrain): readonly (readonly string[])[] {
  return grain === 'hour' ? [CUBE_DIMENSIONS] : ROLLUP_CUBES;
}

/** The `cube` value of values rows split by `dimensions`. */
export function cubeName(dimensions: readonly string[]): string {
  return CUBE_DIMENSIONS.filter((d) => dimensions.includes(d)).join(',');
}

export interface RollupSubject {
  table: string;
  keys: readonly string[];
  /** The keys every values row keeps, whatever its cube: the medians' groups. */
  reducedKeys: readonly string[];
  atoms: readonly Atom[];
  medians: readonly Median[];
  /** The raw relation the subject counts, over a facts relation aliased `f`. */
  from: (view: string) => string;
  /** Which subject's staged raw rows its hour and day rows are counted from (stageRows). */
  staged: 'conversations' | 'kinds';
}

/** Keys that are numbers, not text: the values that lists and the review queue are ranked by. */
export const RANK_KEYS = ['escalation_score', 'review_risk'] as const;

/** A conversation counts once per trigger kind it has, however often that kind fired. */
const KINDS_OF_CONVERSATION = '(SELECT DISTINCT conversation_id, kind FROM triggers)';

export const ROLLUP_SUBJECTS = {
  conversations: {
    table: 'rollup', keys: ROLLUP_KEYS, reducedKeys: ['handled_by'], atoms: Object.keys(ATOMS) as Atom[],
    medians: ['duration', 'gap_turns', 'gap_seconds'], from: (view: string) => `${view} f`, staged: 'conversations',
  },
  kinds: {
    table: 'rollup_kind', keys: [...ROLLUP_KEYS, 'kind'], reducedKeys: ['handled_by', 'kind'], atoms: ['conversations', 'timely', 'late', 'missed'],
    medians: ['gap_turns', 'gap_seconds'], from: (view: string) => `${view} f JOIN ${KINDS_OF_CONVERSATION} k USING (conversation_id)`,
    staged: 'kinds',
  },
  ranks: {
    table: 'rollup_rank', keys: [...ROLLUP_KEYS, ...RANK_KEYS], reducedKeys: [], atoms: ['conversations'],
    medians: [], from: (view: string) => `${view} f`, staged: 'conversations',
  },
} as const satisfies Record<string, RollupSubject>;
export type RollupSubjectName = keyof typeof ROLLUP_SUBJECTS;

const SUBJECT_NAMES = Object.keys(ROLLUP_SUBJECTS) as RollupSubjectName[];

export function rollupTable(subject: RollupSubjectName, grain: RollupGrain, values = false): string {
  return `${ROLLUP_SUBJECTS[subject].table}${values ? '_values' : ''}_${grain}`;
}

/** The `values` flags of a subject's tables: atoms rows, and values rows when it has medians. */
function valuesFlags(subject: RollupSubjectName): boolean[] {
  return ROLLUP_SUBJECTS[subject].medians.length ? [false, true] : [false];
}

/** Every rollup table there is. */
export function rollupTables(): string[] {
  return SUBJECT_NAMES.flatMap((subject) => ROLLUP_GRAINS.flatMap((grain) => valuesFlags(subject).map((values) => rollupTable(subject, grain, values))));
}

/** A key column's type: the rank keys are numbers, the dimensions (and kind) text. */
function keyType(key: string): 'DOUBLE' | 'VARCHAR' {
  return (RANK_KEYS as readonly string[]).includes(key) ? 'DOUBLE' : 'VARCHAR';
}

function tablesDdl(create: 'CREATE TABLE IF NOT EXISTS' | 'CREATE OR REPLACE TABLE'): string[] {
  return SUBJECT_NAMES.flatMap((subject) => {
    const s: RollupSubject = ROLLUP_SUBJECTS[subject];
    return ROLLUP_GRAINS.flatMap((grain) => {
      const keys = [`period ${grain === 'hour' ? 'TIMESTAMP' : 'DATE'} NOT NULL`, ...s.keys.map((key) => `${key} ${keyType(key)}`)];
      const atoms = s.atoms.map((column) => `${column} INTEGER NOT NULL`);
      const values = [
        'cube VARCHAR NOT NULL', 'median VARCHAR NOT NULL', 'bucket TINYINT NOT NULL', 'n INTEGER NOT NULL',
        'vals DOUBLE[] NOT NULL', 'counts INTEGER[] NOT NULL',
      ];
      return valuesFlags(subject).map((isValues) =>
        `${create} ${rollupTable(subject, grain, isValues)} (${[...keys, ...(isValues ? values : atoms)].join(', ')})`);
    });
  });
}

export const ROLLUP_DDL: string[] = tablesDdl('CREATE TABLE IF NOT EXISTS');

/** Aggregates of the atoms over staged raw rows. */
function countsFromRows(s: RollupSubject): string {
  return s.atoms.map((atom) => `coalesce(sum(${atom}), 0)::INTEGER AS ${atom}`).join(', ');
}

/** Temp tables of one refresh: the days being rebuilt and their raw rows, one set per subject. */
const CHUNK_DAYS = 'rollup_chunk_days';
const rowsTable = (subject: RollupSubjectName) => `${ROLLUP_SUBJECTS[ROLLUP_SUBJECTS[subject].staged].table}_chunk_rows`;

/**
 * The raw rows of the chunk's days, with atoms, median values and buckets computed once: the
 * facts rows are read once per chunk, not once per day. Kinds reuse them.
 */
async function stageRows(conn: DuckDBConnection, range: { lo: string; hi: string }): Promise<void> {
  const s: RollupSubject = ROLLUP_SUBJECTS.conversations;
  const columns = [
    'f.conversation_id', `date_trunc('hour', f.started_at) AS period`, 'f.started_at::DATE AS day',
    ...s.keys.map((key) => `f.${key}`), ...RANK_KEYS.map((key) => `f.${key}`),
    ...s.atoms.map((atom) => `${atomSql(atom)} AS ${atom}`),
    ...s.medians.flatMap((m) => [`(${MEDIANS[m].value})::DOUBLE AS ${m}`, `${bucketSql(m, MEDIANS[m].value)} AS ${m}_b`]),
  ];
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${rowsTable('conversations')} AS
     SELECT ${columns.join(', ')} FROM ${s.from('conversation_facts')}
     WHERE f.started_at >= $lo::DATE AND f.started_at < $hi::DATE + INTERVAL 1 DAY
       AND f.started_at::DATE IN (SELECT day FROM ${CHUNK_DAYS})
     ORDER BY f.started_at`,
    range,
  );
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${rowsTable('kinds')} AS
     SELECT r.*, k.kind FROM ${rowsTable('conversations')} r
     JOIN (SELECT DISTINCT conversation_id, kind FROM triggers WHERE conversation_id IN (SELECT conversation_id FROM ${rowsTable('conversations')})) k
       USING (conversation_id)
     ORDER BY r.period`,
  );
}

/**
 * Values rows from (period, keys, cube, median, bucket, v, c) rows, v a value and c its count:
 * one histogram per group, distinct values ascending with their counts.
 */
function histogramsSql(s: RollupSubject, valueCounts: string): string {
  const group = ['period', ...s.keys, 'cube', 'median', 'bucket'].join(', ');
  return `SELECT ${group}, sum(c)::INTEGER AS n,
      list(v ORDER BY v) AS vals, list(c ORDER BY v)::INTEGER[] AS counts
    FROM (${valueCounts}) GROUP BY ${group}
    ORDER BY cube, median, bucket, period`;
}

/** Hour or day rows, atoms and values, from the staged raw rows that `where` selects. */
async function insertFromRows(conn: DuckDBConnection, subject: RollupSubjectName, grain: 'hour' | 'day', where: string): Promise<void> {
  const s: RollupSubject = ROLLUP_SUBJECTS[subject];
  const rows = rowsTable(subject);
  const period = grain === 'hour' ? 'period' : 'day';
  await conn.run(`INSERT INTO ${rollupTable(subject, grain)} BY NAME
    SELECT ${period} AS period, ${s.keys.join(', ')}, ${countsFromRows(s)}
    FROM ${rows} WHERE ${where} GROUP BY ${[period, ...s.keys].join(', ')}`);
  if (!s.medians.length) return;
  // Each value counted once per cube: per combination of the cube's dimensions and the reduced keys.
  const cube = `concat_ws(',', ${CUBE_DIMENSIONS.map((d) => `CASE WHEN grouping(${d}) = 0 THEN '${d}' END`).join(', ')})`;
  const perMedian = s.medians.map((m) => `
    SELECT ${period} AS period, ${s.keys.join(', ')}, ${cube} AS cube, '${m}' AS median, ${m}_b AS bucket, ${m} AS v, count(*)::INTEGER AS c
    FROM ${rows} WHERE ${where} AND ${m} IS NOT NULL
    GROUP BY GROUPING SETS (${cubesOf(grain).map((dims) => `(${[period, ...dims, ...s.reducedKeys, `${m}_b`, m].join(', ')})`).join(', ')})`);
  await conn.run(`INSERT INTO ${rollupTable(subject, grain, true)} BY NAME ${histogramsSql(s, perMedian.join(' UNION ALL '))}`);
}

/**
 * Week rows from the day rows of the weeks `where` selects. Values rows go one cube and median
 * at a time: a dense week's histograms, built in one statement, are lists aggregated in memory
 * that DuckDB cannot spill (at a month's volume, 875k conversations a week, they overran a 1 GB
 * cap); per cube and median each statement holds a fraction of them.
 */
async function insertWeeks(conn: DuckDBConnection, subject: RollupSubjectName, where: string): Promise<void> {
  const s: RollupSubject = ROLLUP_SUBJECTS[subject];
  const week = `date_trunc('week', period)::DATE`;
  const keys = s.keys.join(', ');
  await conn.run(`INSERT INTO ${rollupTable(subject, 'week')} BY NAME
    SELECT ${week} AS period, ${keys}, ${s.atoms.map((column) => `sum(${column})::INTEGER AS ${column}`).join(', ')}
    FROM ${rollupTable(subject, 'day')} WHERE ${week} ${where} GROUP BY ${week}, ${keys}`);
  for (const cube of cubesOf('week').map(cubeName).sort()) {
    for (const median of [...s.medians].sort()) {
      const valueCounts = `SELECT period, ${keys}, cube, median, bucket, v, sum(c)::INTEGER AS c
        FROM (SELECT ${week} AS period, ${keys}, cube, median, bucket, unnest(vals) AS v, unnest(counts) AS c
              FROM ${rollupTable(subject, 'day', true)} WHERE ${week} ${where} AND cube = '${cube}' AND median = '${median}')
        GROUP BY period, ${keys}, cube, median, bucket, v`;
      await conn.run(`INSERT INTO ${rollupTable(subject, 'week', true)} BY NAME ${histogramsSql(s, valueCounts)}`);
    }
  }
}

/** The dirty days, and the ISO weeks that hold them, as conditions on a rollup's `period`. */
const IN_DIRTY_DAYS = 'IN (SELECT day FROM rollup_dirty_days)';
const IN_DIRTY_WEEKS = `IN (SELECT DISTINCT date_trunc('week', day)::DATE FROM rollup_dirty_days)`;

/** Deletes the hour, day and week rows of one subject that the dirty days touch. */
async function deleteDirty(conn: DuckDBConnection, subject: RollupSubjectName): Promise<void> {
  for (const values of valuesFlags(subject)) {
    await conn.run(`DELETE FROM ${rollupTable(subject, 'hour', values)} WHERE period::DATE ${IN_DIRTY_DAYS}`);
    await conn.run(`DELETE FROM ${rollupTable(subject, 'day', values)} WHERE period ${IN_DIRTY_DAYS}`);
    await conn.run(`DELETE FROM ${rollupTable(subject, 'week', values)} WHERE period ${IN_DIRTY_WEEKS}`);
  }
}

/**
 * Conversations staged per chunk at most (a day that holds more is a chunk of its own): what
 * bounds the memory of a rebuild, whose aggregates over the staged rows are not spilled.
 */
const CHUNK_CONVERSATIONS = 60_000;

/**
 * Consecutive days packed into chunks while their conversations fit `chunkConversations`, so
 * that a small write spread over many days costs one pass, and a full rebuild a bounded one.
 */
function dayChunks(days: { day: string; conversations: number }[], chunkConversations: number): string[][] {
  const chunks: { days: string[]; conversations: number }[] = [];
  for (const { day, conversations } of days) {
    const last = chunks[chunks.length - 1];
    if (last && last.conversations + conversations <= chunkConversations) {
      last.days.push(day);
      last.conversations += conversations;
    } else chunks.push({ days: [day], conversations });
  }
  return chunks.map((chunk) => chunk.days);
}

/** The days `daysSql` lists (one DATE column), ascending, with their stored conversations. */
async function readDays(conn: DuckDBConnection, daysSql: string): Promise<{ day: string; conversations: number }[]> {
  const reader = await conn.runAndReadAll(`SELECT d.day::VARCHAR, count(c.conversation_id)::INTEGER
    FROM (${daysSql}) d(day) LEFT JOIN conversations c ON c.started_at::DATE = d.day
    GROUP BY d.day ORDER BY d.day`);
  return reader.getRows().map(([day, conversations]) => ({ day: String(day), conversations: Number(conversations) }));
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/** The rollup version a full rebuild last wrote; the rollups are current when it is ROLLUP_VERSION. */
export const ROLLUP_VERSION_SQL = `SELECT value FROM meta WHERE key = 'rollup_version'`;

async function rollupsCurrent(conn: DuckDBConnection): Promise<boolean> {
  const reader = await conn.runAndReadAll(ROLLUP_VERSION_SQL);
  return reader.getRows()[0]?.[0] === ROLLUP_VERSION;
}

/**
 * Rebuilds the rollups, inside the caller's transaction (no BEGIN/COMMIT here): `'all'`, or only
 * the UTC days listed in the temp table named by `dirtyDays` (one DATE column `day`): the days of
 * started_at whose conversations were inserted, replaced or deleted, or whose repeat_contact or
 * scores changed. When the rollups are not current (never built, or ROLLUP_VERSION changed), a
 * dirty-days refresh rebuilds everything instead, since the other days would be missing.
 */
export async function refreshRollups(
  conn: DuckDBConnection,
  scope: 'all' | { dirtyDays: string },
  { chunkConversations = CHUNK_CONVERSATIONS }: { chunkConversations?: number } = {},
): Promise<void> {
  if (scope !== 'all' && !IDENTIFIER.test(scope.dirtyDays)) throw new Error(`Not a table name: ${scope.dirtyDays}`);
  const full = scope === 'all' || !(await rollupsCurrent(conn));
  if (full) for (const ddl of tablesDdl('CREATE OR REPLACE TABLE')) await conn.run(ddl);
  const days = await readDays(
    conn,
    full
      ? `SELECT DISTINCT started_at::DATE FROM conversations`
      : `SELECT DISTINCT day FROM ${(scope as { dirtyDays: string }).dirtyDays} WHERE day IS NOT NULL`,
  );
  if (days.length) await rebuildDays(conn, days.map((d) => d.day), dayChunks(days, chunkConversations), full);
  if (full) {
    await conn.run(`DELETE FROM meta WHERE key = 'rollup_version'`);
    await conn.run(`INSERT INTO meta VALUES ('rollup_version', $v)`, { v: ROLLUP_VERSION });
  }
}

/**
 * After an upgrade that changed the rollups (ROLLUP_VERSION), rebuilds them whole in one
 * transaction, unless there is no data yet (the first batch builds them). Meanwhile queries read
 * raw rows, correct but slower; writes wait their turn. True when it rebuilt. At a month of 3.5M
 * conversations: 48 s, peak 1.05 GB resident (BENCHMARKS.md).
 */
export async function rebuildStaleRollups(db: Database): Promise<boolean> {
  return db.transaction(async (conn) => {
    const hasData = (await conn.runAndReadAll('SELECT 1 FROM conversations LIMIT 1')).getRows().length > 0;
    if (!hasData || (await rollupsCurrent(conn))) return false;
    await refreshRollups(conn, 'all');
    return true;
  });
}

/**
 * Rebuilds the rows of `days` (all of them when `full`, on empty tables): hour and day rows from
 * the raw rows, chunk by chunk; then week rows of their weeks, from the day rows.
 */
async function rebuildDays(conn: DuckDBConnection, days: string[], chunks: string[][], full: boolean): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE rollup_dirty_days AS SELECT unnest(string_split($days, ','))::DATE AS day`, {
    days: days.join(','),
  });
  if (!full) for (const subject of SUBJECT_NAMES) await deleteDirty(conn, subject);
  for (const chunk of chunks) {
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${CHUNK_DAYS} AS SELECT unnest(string_split($days, ','))::DATE AS day`, { days: chunk.join(',') });
    await stageRows(conn, { lo: chunk[0]!, hi: chunk[chunk.length - 1]! });
    for (const subject of SUBJECT_NAMES) {
      await insertFromRows(conn, subject, 'hour', `dayofweek(day) IN (${HOURLY_WEEKDAYS.join(', ')})`);
      await insertFromRows(conn, subject, 'day', 'true');
    }
  }
  // Week by week: a full rebuild of a year would otherwise hold every week's histograms at once.
  const weeks = await conn.runAndReadAll(`SELECT DISTINCT date_trunc('week', day)::DATE::VARCHAR FROM rollup_dirty_days ORDER BY 1`);
  for (const [week] of weeks.getRows()) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(week))) throw new Error(`Not a week: ${String(week)}`);
    for (const subject of SUBJECT_NAMES) await insertWeeks(conn, subject, `= DATE '${String(week)}'`);
  }
  for (const table of new Set(['rollup_dirty_days', CHUNK_DAYS, ...SUBJECT_NAMES.map(rowsTable)])) await conn.run(`DROP TABLE IF EXISTS ${table}`);
}
