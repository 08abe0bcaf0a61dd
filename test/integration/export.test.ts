import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../server/db/schema.js';
import { Database } from '../../server/db/database.js';
import { loadDemoDataIfEmpty } from '../../server/demo.js';
import { EXPORT_DATASET_NAMES, sqlStringLiteral, type ExportDataset } from '../../server/export/datasets.js';
import { exportParquet, type ExportManifest, type ExportResult } from '../../server/export/parquet.js';
import { ingestBatch } from '../../server/ingest/ingest.js';
import type { ConversationFilters } from '../../server/queries/filters.js';
import { computeMetrics } from '../../server/queries/metrics.js';
import { openTempDatabase } from '../helpers/db.js';
import { conversation, toJsonl } from '../helpers/factories.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** The demo generator's default window: 8 weeks ending 2025-06-29, i.e. 2025-05-05 to 2025-06-29. */
const MONTHS = ['2025-05', '2025-06'];
const FILTER_SETS: ConversationFilters[] = [
  {},
  { market: ['SE', 'NO'], from: '2025-05-19', to: '2025-06-08' },
  { tier: ['vip'], channel: ['chat', 'email'], from: '2025-06-01' },
];

const glob = (dir: string, dataset: ExportDataset) => join(dir, dataset, '**', '*.parquet');
const readParquet = (dir: string, dataset: ExportDataset) =>
  `read_parquet(${sqlStringLiteral(glob(dir, dataset))}, hive_partitioning = true, filename = true)`;

/**
 * A fresh in-memory DuckDB whose `conversation_facts` and `triggers` are views over the export,
 * so the product's own metrics code runs unchanged over the Parquet files. TimeZone UTC because
 * the product's date filters are UTC calendar days and the export's timestamps are instants.
 */
async function openExportReader(dir: string): Promise<Database> {
  const reader = await Database.open(':memory:');
  await reader.write(async (conn) => {
    await conn.run(`SET GLOBAL TimeZone = 'UTC'`);
    await conn.run('DROP TABLE conversation_facts');
    await conn.run(`CREATE OR REPLACE VIEW conversation_facts AS SELECT * EXCLUDE (filename) FROM ${readParquet(dir, 'conversation_facts')}`);
    await conn.run('DROP TABLE triggers');
    await conn.run(`CREATE VIEW triggers AS SELECT * EXCLUDE (filename) FROM ${readParquet(dir, 'triggers')}`);
  });
  return reader;
}

/**
 * md5 over every row of a relation, each column as text. The reader's UTC instants are turned
 * back into UTC wall-clock TIMESTAMPs (its TimeZone is UTC), so equal fingerprints mean the
 * export round-trips every value.
 */
async function fingerprint(db: Database, relation: string, columns: string[], instants: Set<string> = new Set()): Promise<string> {
  const cells = columns.map((c) => `coalesce(("${c}"${instants.has(c) ? '::TIMESTAMP' : ''})::VARCHAR, '<null>')`);
  const row = await db.one<{ md5: string }>(
    `SELECT md5(string_agg(r, '\n' ORDER BY r)) AS md5 FROM (SELECT concat_ws('|', ${cells.join(', ')}) AS r FROM ${relation})`,
  );
  return row!.md5;
}

async function count(db: Database, sql: string): Promise<number> {
  return (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${sql}`))!.n;
}

describe('Parquet export, read back with a fresh DuckDB', () => {
  let source: Awaited<ReturnType<typeof openTempDatabase>>;
  let reader: Database;
  const out = mkdtempSync(join(tmpdir(), 'tandem-export-'));
  const dir = join(out, 'full');
  let result: ExportResult;

  beforeAll(async () => {
    source = await openTempDatabase();
    await loadDemoDataIfEmpty(source.db, { demoConversations: 2500, demoWeeks: 8, repeatDays: 7 }, () => undefined);
    result = await exportParquet(source.db, { out: dir });
    reader = await openExportReader(dir);
  });
  afterAll(async () => {
    await reader?.close();
    await source?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('writes every dataset with the source row counts in month=YYYY-MM folders, and a manifest', async () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ExportManifest;
    expect(readdirSync(dir).sort()).toEqual([...EXPORT_DATASET_NAMES, 'manifest.json'].sort());
    for (const dataset of EXPORT_DATASET_NAMES) {
      const rows = await count(source.db, dataset);
      expect([dataset, rows]).not.toEqual([dataset, 0]);
      expect([dataset, manifest.datasets[dataset]!.rows]).toEqual([dataset, rows]);
      expect([dataset, await count(reader, readParquet(dir, dataset))]).toEqual([dataset, rows]);
      expect(readdirSync(join(dir, dataset)).sort()).toEqual(MONTHS.map((m) => `month=${m}`));
      expect(Object.keys(manifest.datasets[dataset]!.partitions)).toEqual(MONTHS);
    }
    expect(result.manifest).toEqual(manifest);
    expect(manifest).toMatchObject({
      format: 'parquet', compression: 'zstd', schemaVersion: SCHEMA_VERSION, scoringVersionsInData: [manifest.scoringVersion],
      filters: { from: null, to: null },
    });
  });

  it('puts every row in the folder of its conversation month, child datasets included', async () => {
    const facts = readParquet(dir, 'conversation_facts');
    for (const dataset of ['conversation_facts', 'conversations'] as const) {
      const misplaced = `${readParquet(dir, dataset)} WHERE strftime(started_at, '%Y-%m') <> month OR filename NOT LIKE '%/month=' || month || '/%'`;
      expect([dataset, await count(reader, misplaced)]).toEqual([dataset, 0]);
    }
    for (const dataset of ['conversation_scores', 'messages', 'message_scores', 'triggers'] as const) {
      const orphans = `${readParquet(dir, dataset)} x LEFT JOIN ${facts} c USING (conversation_id)
        WHERE c.month IS DISTINCT FROM x.month OR x.filename NOT LIKE '%/month=' || x.month || '/%'`;
      expect([dataset, await count(reader, orphans)]).toEqual([dataset, 0]);
    }
  });

  it('round-trips every value: timestamps as UTC instants, JSON as text, lists as lists', async () => {
    for (const dataset of EXPORT_DATASET_NAMES) {
      const columns = (await source.db.all<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position`, { t: dataset },
      )).map((c) => c.name);
      const types = await reader.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${readParquet(dir, dataset)}`);
      const instants = new Set(types.filter((t) => t.column_type === 'TIMESTAMP WITH TIME ZONE').map((t) => t.column_name));
      expect([dataset, await fingerprint(reader, readParquet(dir, dataset), columns, instants)]).toEqual([
        dataset, await fingerprint(source.db, dataset, columns),
      ]);
    }
    const file = join(dir, 'conversation_facts', 'month=2025-05', readdirSync(join(dir, 'conversation_facts', 'month=2025-05'))[0]!);
    const schema = await reader.all<{ name: string; logical_type: string | null; converted_type: string | null }>(
      `SELECT name, logical_type, converted_type FROM parquet_schema(${sqlStringLiteral(file)})`,
    );
    const column = (name: string) => schema.find((c) => c.name === name);
    expect(column('started_at')?.logical_type).toMatch(/isAdjustedToUTC=1/);
    expect(column('metadata')).toMatchObject({ logical_type: null, converted_type: 'UTF8' });
    expect(column('vip_failure_reasons')?.converted_type).toBe('LIST');
    expect(column('month')).toBeUndefined();
  });

  it("the product's metrics over the export equal those over the database, filtered or not", async () => {
    for (const filters of FILTER_SETS) {
      const expected = await computeMetrics(source.db, filters);
      expect(expected.conversations).toBeGreaterThan(0);
      expect(await computeMetrics(reader, filters)).toEqual(expected);
    }
  });

  it('npm run export: a full export, refusal of a non-empty folder, a date-filtered --overwrite, --format checked', async () => {
    const june = { from: '2025-06-01', to: '2025-06-15' };
    const expected: Record<string, number> = {};
    for (const dataset of EXPORT_DATASET_NAMES) {
      const child = dataset !== 'conversations' && dataset !== 'conversation_facts';
      expected[dataset] = await count(source.db, `${dataset} x ${child ? 'JOIN conversations c USING (conversation_id)' : ''}
        WHERE ${child ? 'c' : 'x'}.started_at >= DATE '2025-06-01' AND ${child ? 'c' : 'x'}.started_at < DATE '2025-06-16'`);
    }
    await source.db.close(); // DuckDB lets one process at a time open the file
    const cliOut = join(out, 'cli');
    const env = { ...process.env, TANDEM_DB: join(source.dir, 'test.duckdb') };
    const exportCli = (...args: string[]) => run(TSX, ['server/cli/export.ts', ...args], { cwd: ROOT, env });
    const failure = (...args: string[]) => exportCli(...args).then(() => null, (e: { code: number; stderr: string }) => e);

    const full = await exportCli('--format', 'parquet', '--out', cliOut);
    expect(full.stdout).toMatch(/conversation_facts\s+2500 rows\s+2 partitions \(2025-05\.\.2025-06\)/);
    writeFileSync(join(cliOut, 'notes.txt'), 'not ours');

    expect(await failure('--format', 'parquet', '--out', cliOut, '--from', june.from, '--to', june.to)).toMatchObject({
      code: 1, stderr: expect.stringMatching(/is not empty.*--overwrite/),
    });
    const { stdout } = await exportCli('--format', 'parquet', '--out', cliOut, '--from', june.from, '--to', june.to, '--overwrite');
    expect(stdout).toMatch(/Exported \d+ rows .* in [\d.]+ s; manifest: /);
    const manifest = JSON.parse(readFileSync(join(cliOut, 'manifest.json'), 'utf8')) as ExportManifest;
    expect(manifest.filters).toMatchObject(june);
    for (const dataset of EXPORT_DATASET_NAMES) {
      expect([dataset, manifest.datasets[dataset]!.rows]).toEqual([dataset, expected[dataset]]);
      // The May folders of the earlier export are gone, not left behind empty.
      expect(readdirSync(join(cliOut, dataset))).toEqual(['month=2025-06']);
    }
    expect(existsSync(join(cliOut, 'notes.txt'))).toBe(true);

    expect(await failure('--format', 'csv', '--out', join(out, 'csv'))).toMatchObject({
      code: 1, stderr: expect.stringMatching(/--format: "csv" is not supported; only parquet/),
    });
  });
});

describe('Parquet export consistency', () => {
  let source: Awaited<ReturnType<typeof openTempDatabase>>;
  const out = mkdtempSync(join(tmpdir(), 'tandem-export-snapshot-'));
  beforeAll(async () => {
    source = await openTempDatabase();
  });
  afterAll(async () => {
    await source?.close();
    rmSync(out, { recursive: true, force: true });
  });

  const ingest = (ids: string[], market: string) =>
    ingestBatch(source.db, (async function* () {
      yield Buffer.from(toJsonl(ids.map((id) => conversation({ conversation_id: id, market }))));
    })(), { source: 'test', repeatDays: 7 });

  it('reads one snapshot: a batch committed mid-export (new and replaced conversations) is in no dataset', async () => {
    await ingest(['s-1', 's-2', 's-3'], 'SE');
    const result = await exportParquet(source.db, {
      out,
      // Runs while the export's read transaction is open, between its first dataset and the rest.
      onDataset: async ({ dataset }) => {
        if (dataset === 'conversation_facts') await ingest(['s-3', 's-4', 's-5'], 'NO');
      },
    });
    expect(await count(source.db, 'conversations')).toBe(5);
    const rows = Object.fromEntries(result.datasets.map((d) => [d.dataset, d.rows]));
    expect(rows).toMatchObject({ conversation_facts: 3, conversations: 3, conversation_scores: 3, messages: 6 });
    // No triggers in these transcripts: the dataset is one empty file that still carries the columns.
    expect(rows.triggers).toBe(0);
    expect(readdirSync(join(out, 'triggers'))).toEqual(['empty.parquet']);
    const reader = await openExportReader(out);
    try {
      expect(await reader.all(`SELECT DISTINCT market FROM ${readParquet(out, 'conversations')}`)).toEqual([{ market: 'SE' }]);
      expect(await reader.all(`SELECT count(*)::INTEGER AS n, count(month)::INTEGER AS months FROM triggers`)).toEqual([{ n: 0, months: 0 }]);
    } finally {
      await reader.close();
    }
  });

  it('refuses a non-empty folder unless overwriting, a file in place of the folder, and from after to', async () => {
    await expect(exportParquet(source.db, { out })).rejects.toThrow(/is not empty/);
    const file = join(out, 'manifest.json');
    await expect(exportParquet(source.db, { out: file })).rejects.toThrow(/not a directory/);
    await expect(exportParquet(source.db, { out: join(out, 'x'), from: '2025-06-10', to: '2025-06-01' })).rejects.toThrow(/from must not be after to/);
    expect(existsSync(join(out, 'x'))).toBe(false);
    const again = await exportParquet(source.db, { out, overwrite: true });
    expect(again.datasets.find((d) => d.dataset === 'conversations')?.rows).toBe(5);
    // A path is SQL text in COPY: quotes in it are escaped, never interpreted.
    const quoted = join(out, "o'brien'); DROP TABLE conversations; --");
    const odd = await exportParquet(source.db, { out: quoted });
    expect(odd.datasets.find((d) => d.dataset === 'conversations')?.rows).toBe(5);
    expect(readdirSync(join(quoted, 'conversations'))).toEqual(['month=2025-05']);
    expect(await count(source.db, 'conversations')).toBe(5);
  });
});
