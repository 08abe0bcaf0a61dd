import { filterSql, type SqlFragment } from '../queries/filters.js';

/**
 * What an export writes, as SQL built without I/O (the caller reads the column types from the
 * catalog and runs the statements). One dataset per stored table, plus `conversation_facts`,
 * the denormalised table every metric reads (conversation, derived facts and scores in one row,
 * with the VIP repeat-contact reason that only it adds): what an analyst queries first.
 *
 * Every dataset is partitioned by `month` (YYYY-MM of the conversation's started_at, UTC), child
 * tables included, so one conversation's rows sit in the same month folder in every dataset.
 */
export const EXPORT_DATASETS = {
  conversation_facts: { relation: 'conversation_facts', child: false },
  conversations: { relation: 'conversations', child: false },
  conversation_scores: { relation: 'conversation_scores', child: true },
  messages: { relation: 'messages', child: true },
  message_scores: { relation: 'message_scores', child: true },
  triggers: { relation: 'triggers', child: true },
} as const;
export type ExportDataset = keyof typeof EXPORT_DATASETS;
export const EXPORT_DATASET_NAMES = Object.keys(EXPORT_DATASETS) as ExportDataset[];

/** The Hive-style partition column every dataset is split by (folders `month=YYYY-MM`). */
export const PARTITION_COLUMN = 'month';

export interface ExportFilters {
  /** Inclusive UTC calendar dates (YYYY-MM-DD) on the conversation's started_at, as in SPEC 8. */
  from?: string;
  to?: string;
}

export interface CatalogColumn {
  name: string;
  type: string;
}

/**
 * The one way a file path (or any text) becomes SQL text: a single-quoted literal with quotes
 * doubled (STYLE habit 2). COPY's target cannot be a bound parameter, so this is the only place
 * user input reaches SQL text. NUL cannot be represented and is refused.
 */
export function sqlStringLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('a path must not contain a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}

/** Identifiers here come from the catalog of our own schema; quoted anyway, so any name is safe. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Types every target engine (DuckDB, Spark, Trino, ClickHouse) reads from Parquet as they are. */
const PORTABLE_TYPES = new Set(['VARCHAR', 'BOOLEAN', 'TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'DOUBLE', 'FLOAT', 'DATE']);

/**
 * One column as written. TIMESTAMP columns hold UTC wall-clock time (server/db/schema.ts); they
 * are written as UTC instants (Parquet isAdjustedToUTC=true), which Spark, Trino and ClickHouse
 * all read as points in time, whatever the reader's time zone. `timezone('UTC', ts)` does not
 * depend on the session's TimeZone, unlike a cast. JSON becomes plain text: the Parquet JSON
 * annotation is not understood everywhere. A type outside these is refused rather than written
 * in a form some engine cannot read: a new column type has to be mapped here first.
 */
export function portableColumn(alias: string, column: CatalogColumn): string {
  const source = `${alias}.${quoteIdentifier(column.name)}`;
  const target = quoteIdentifier(column.name);
  if (column.type === 'TIMESTAMP') return `timezone('UTC', ${source}) AS ${target}`;
  if (column.type === 'JSON') return `${source}::VARCHAR AS ${target}`;
  const element = column.type.endsWith('[]') ? column.type.slice(0, -2) : column.type;
  if (PORTABLE_TYPES.has(element)) return source;
  throw new Error(`export: column ${column.name} has type ${column.type}, which has no portable Parquet mapping yet`);
}

/** The type a column has in the export, as DuckDB reports it when reading the files back. */
export function exportedType(type: string): string {
  if (type === 'TIMESTAMP') return 'TIMESTAMP WITH TIME ZONE';
  if (type === 'JSON') return 'VARCHAR';
  return type;
}

/** The catalog query for a dataset's source columns, in table order. */
export function catalogColumnsSql(dataset: ExportDataset): SqlFragment {
  return {
    sql: `SELECT column_name AS name, data_type AS type FROM information_schema.columns
      WHERE table_schema = 'main' AND table_name = $relation ORDER BY ordinal_position`,
    params: { relation: EXPORT_DATASETS[dataset].relation },
  };
}

/**
 * The SELECT a dataset is written from: its columns in portable types plus `month`. Child tables
 * join their conversation for the month and the date filter, so a filtered export is
 * self-consistent (every message, score and trigger belongs to an exported conversation).
 */
export function datasetSelectSql(dataset: ExportDataset, columns: CatalogColumn[], filters: ExportFilters): SqlFragment {
  const { relation, child } = EXPORT_DATASETS[dataset];
  const alias = child ? 'x' : 'c';
  const { sql: where, params } = filterSql({ from: filters.from, to: filters.to }, 'c');
  const projection = columns.map((column) => portableColumn(alias, column));
  const from = child ? `${relation} x JOIN conversations c USING (conversation_id)` : `${relation} c`;
  const sql = `SELECT ${projection.join(', ')}, strftime(c.started_at, '%Y-%m') AS ${PARTITION_COLUMN} FROM ${from} ${where}`;
  return { sql: sql.trimEnd(), params };
}

/** The scoring versions the exported conversations' scores carry (several until a rescore). */
export function scoringVersionsSql(filters: ExportFilters): SqlFragment {
  const { sql: where, params } = filterSql({ from: filters.from, to: filters.to }, 'c');
  return {
    sql: `SELECT DISTINCT s.scoring_version AS version FROM conversation_scores s JOIN conversations c USING (conversation_id) ${where} ORDER BY 1`,
    params,
  };
}

/**
 * COPY of a dataset into `<directory>` as Hive-partitioned, ZSTD-compressed Parquet. The
 * partition column is not repeated inside the files (DuckDB's default), as Spark and Trino
 * expect; RETURN_STATS answers one row per file written (rows, bytes, partition).
 */
export function copySql(select: SqlFragment, directory: string): SqlFragment {
  return {
    sql: `COPY (${select.sql}) TO ${sqlStringLiteral(directory)}
      (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (${PARTITION_COLUMN}), RETURN_STATS)`,
    params: select.params,
  };
}

/**
 * A dataset without rows (say, no triggers in a short period) gets one empty file carrying its
 * columns, `month` included: DuckDB and Spark refuse a folder with no files at all.
 */
export const EMPTY_DATASET_FILE = 'empty.parquet';

export function emptyCopySql(select: SqlFragment, file: string): SqlFragment {
  return {
    sql: `COPY (${select.sql} LIMIT 0) TO ${sqlStringLiteral(file)} (FORMAT parquet, COMPRESSION zstd)`,
    params: select.params,
  };
}
