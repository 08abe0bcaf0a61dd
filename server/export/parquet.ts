import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction, type Database } from '../db/database.js';
import { SCHEMA_VERSION } from '../db/schema.js';
import type { SqlFragment } from '../queries/filters.js';
import { SCORING_VERSION } from '../scoring/index.js';
import {
  EMPTY_DATASET_FILE, EXPORT_DATASET_NAMES, PARTITION_COLUMN, catalogColumnsSql, copySql, datasetSelectSql, emptyCopySql, exportedType,
  scoringVersionsSql,
  type CatalogColumn, type ExportDataset, type ExportFilters,
} from './datasets.js';

/**
 * Export of the stored data as month-partitioned Parquet (issue 8), for DuckDB, Spark, Trino or
 * ClickHouse beyond one machine. Layout: `<out>/<dataset>/month=YYYY-MM/data_0.parquet` for each
 * dataset in ./datasets.ts (`<out>/<dataset>/empty.parquet` for one without rows), and
 * `<out>/manifest.json`, written last: a folder without it is an interrupted export.
 *
 * The export never holds the writer: it reads on a connection of its own, inside one
 * transaction, so every dataset comes from the same snapshot (DuckDB's MVCC) while ingestion and
 * the dashboard go on. A batch committed meanwhile is in none of the datasets (the next export has it).
 */

export const MANIFEST_FILE = 'manifest.json';

/** A refusal the user can act on (the CLI prints its message without a stack). */
export class ExportError extends Error {}

export interface ExportOptions extends ExportFilters {
  /** The folder to write into; created when missing; refused when not empty unless `overwrite`. */
  out: string;
  /** Replace an earlier export in `out`: its manifest and dataset folders are removed first. */
  overwrite?: boolean;
  /** Called after each dataset is written, before the next is read (the snapshot is still open). */
  onDataset?: (result: DatasetResult) => void | Promise<void>;
}

export interface DatasetResult {
  dataset: ExportDataset;
  /** Folder relative to the export's root. */
  path: string;
  rows: number;
  files: number;
  bytes: number;
  /** Rows per month partition, in month order. */
  partitions: Record<string, number>;
  /** Columns inside the files (the partition column is in the folder names), with their exported types. */
  columns: CatalogColumn[];
  seconds: number;
}

export interface ExportManifest {
  format: 'parquet';
  compression: 'zstd';
  exportedAt: string;
  schemaVersion: number;
  /** The scoring version of this code; `scoringVersionsInData` lists those the exported scores carry. */
  scoringVersion: string;
  scoringVersionsInData: string[];
  filters: { from: string | null; to: string | null; on: 'started_at, inclusive UTC calendar dates' };
  partitioning: { column: string; style: 'hive'; value: "YYYY-MM of the conversation's started_at in UTC" };
  timestamps: 'UTC instants (Parquet TIMESTAMP, microseconds, isAdjustedToUTC=true)';
  datasets: Record<string, Omit<DatasetResult, 'dataset' | 'seconds'>>;
  seconds: number;
}

export interface ExportResult {
  out: string;
  manifestPath: string;
  datasets: DatasetResult[];
  seconds: number;
  manifest: ExportManifest;
}

interface FileStats {
  count: bigint;
  file_size_bytes: bigint;
  partition_keys: { key: string; value: string }[];
}

/**
 * Refuses a non-empty folder unless overwriting. COPY's own OVERWRITE option is not used: in
 * DuckDB 1.5 it deletes the old files but keeps the folders of months the new export does not
 * have, which Spark and Trino would list as empty partitions. Only what an export writes is
 * removed, the manifest first, so an overwrite that is interrupted never looks complete.
 */
function prepareOutDir(out: string, overwrite: boolean): void {
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new ExportError(`${out} exists and is not a directory`);
    const entries = readdirSync(out);
    if (entries.length > 0 && !overwrite) {
      throw new ExportError(`${out} is not empty (${entries.length} entries); use --overwrite to replace an earlier export there`);
    }
    rmSync(join(out, MANIFEST_FILE), { force: true });
    for (const dataset of EXPORT_DATASET_NAMES) rmSync(join(out, dataset), { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
}

async function rowsOf<T>(conn: DuckDBConnection, query: SqlFragment): Promise<T[]> {
  const reader = await conn.runAndReadAll(query.sql, query.params);
  return reader.getRowObjectsJS() as T[];
}

async function exportDataset(conn: DuckDBConnection, dataset: ExportDataset, out: string, filters: ExportFilters): Promise<DatasetResult> {
  const started = performance.now();
  const columns = await rowsOf<CatalogColumn>(conn, catalogColumnsSql(dataset));
  const select = datasetSelectSql(dataset, columns, filters);
  const files = await rowsOf<FileStats>(conn, copySql(select, join(out, dataset)));
  if (files.length === 0) {
    const file = join(out, dataset, EMPTY_DATASET_FILE);
    await rowsOf(conn, emptyCopySql(select, file));
    files.push({ count: 0n, file_size_bytes: BigInt(statSync(file).size), partition_keys: [] });
  }
  const partitions = new Map<string, number>();
  for (const file of files) {
    const month = file.partition_keys.find((k) => k.key === PARTITION_COLUMN)?.value;
    if (month !== undefined) partitions.set(month, (partitions.get(month) ?? 0) + Number(file.count));
  }
  return {
    dataset,
    path: dataset,
    rows: files.reduce((sum, f) => sum + Number(f.count), 0),
    files: files.length,
    bytes: files.reduce((sum, f) => sum + Number(f.file_size_bytes), 0),
    partitions: Object.fromEntries([...partitions].sort(([a], [b]) => a.localeCompare(b))),
    columns: columns.map((c) => ({ name: c.name, type: exportedType(c.type) })),
    seconds: (performance.now() - started) / 1000,
  };
}

function manifestOf(results: DatasetResult[], versions: string[], filters: ExportFilters, exportedAt: Date, seconds: number): ExportManifest {
  return {
    format: 'parquet',
    compression: 'zstd',
    exportedAt: exportedAt.toISOString(),
    schemaVersion: SCHEMA_VERSION,
    scoringVersion: SCORING_VERSION,
    scoringVersionsInData: versions,
    filters: { from: filters.from ?? null, to: filters.to ?? null, on: 'started_at, inclusive UTC calendar dates' },
    partitioning: { column: PARTITION_COLUMN, style: 'hive', value: "YYYY-MM of the conversation's started_at in UTC" },
    timestamps: 'UTC instants (Parquet TIMESTAMP, microseconds, isAdjustedToUTC=true)',
    datasets: Object.fromEntries(results.map(({ dataset, seconds: _seconds, ...rest }) => [dataset, rest])),
    seconds,
  };
}

/** Writes every dataset of ./datasets.ts under `options.out`, then the manifest. */
export async function exportParquet(db: Database, options: ExportOptions): Promise<ExportResult> {
  const out = resolve(options.out);
  const filters: ExportFilters = { from: options.from, to: options.to };
  if (filters.from && filters.to && filters.from > filters.to) throw new ExportError('from must not be after to');
  prepareOutDir(out, options.overwrite ?? false);
  const exportedAt = new Date();
  const started = performance.now();
  const conn = await db.connect();
  try {
    // DuckDB fixes a transaction's snapshot at its first read; every COPY below shares it.
    const { results, versions } = await inTransaction(conn, async () => {
      const results: DatasetResult[] = [];
      for (const dataset of EXPORT_DATASET_NAMES) {
        const result = await exportDataset(conn, dataset, out, filters);
        results.push(result);
        await options.onDataset?.(result);
      }
      const versions = (await rowsOf<{ version: string }>(conn, scoringVersionsSql(filters))).map((r) => r.version);
      return { results, versions };
    });
    const seconds = (performance.now() - started) / 1000;
    const manifest = manifestOf(results, versions, filters, exportedAt, seconds);
    const manifestPath = join(out, MANIFEST_FILE);
    writeFileSync(`${manifestPath}.tmp`, JSON.stringify(manifest, null, 2) + '\n');
    renameSync(`${manifestPath}.tmp`, manifestPath);
    return { out, manifestPath, datasets: results, seconds, manifest };
  } finally {
    conn.closeSync();
  }
}
