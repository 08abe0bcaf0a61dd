import { createReadStream, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config.js';
import { Database } from '../db/database.js';
import { DEFAULT_BATCH_RECORDS, ingestBatches } from '../ingest/ingest.js';
import { INGEST_FORMATS, type IngestFormat } from '../ingest/sources.js';

const USAGE = `Usage: npm run ingest -- <file> [--format jsonl|json|csv] [--batch-size N]
  Loads transcripts (format v1 JSONL or JSON array, or message-per-row CSV; .gz accepted) into
  the database at TANDEM_DB (default data/tandem.duckdb). A file of more than N records (default
  ${DEFAULT_BATCH_RECORDS}) is loaded as consecutive batches of N, each atomic; running the same
  file again completes an interrupted load. Prints the totals and the batch ids as JSON.`;

/** Files this large get a progress bar; small ones finish before it would be useful. */
const PROGRESS_MIN_BYTES = 5 * 1024 * 1024;

function parseArgs(argv: string[]): { file: string; format?: IngestFormat; batchRecords: number } {
  const args = [...argv];
  let format: IngestFormat | undefined;
  let batchRecords = DEFAULT_BATCH_RECORDS;
  const b = args.indexOf('--batch-size');
  if (b !== -1) {
    batchRecords = Number(args[b + 1]);
    if (!Number.isInteger(batchRecords) || batchRecords < 1) throw new Error('--batch-size must be a whole number of records, at least 1');
    args.splice(b, 2);
  }
  const i = args.indexOf('--format');
  if (i !== -1) {
    const value = args[i + 1];
    if (!value || !(INGEST_FORMATS as readonly string[]).includes(value)) throw new Error(`--format must be one of ${INGEST_FORMATS.join(', ')}`);
    format = value as IngestFormat;
    args.splice(i, 2);
  }
  if (args.length !== 1 || args[0]!.startsWith('-')) throw new Error(USAGE);
  return { file: args[0]!, format, batchRecords };
}

async function main(): Promise<void> {
  const { file, format, batchRecords } = parseArgs(process.argv.slice(2));
  const size = statSync(file).size;
  const config = loadConfig();
  const db = await Database.open(config.dbPath, { memoryLimit: config.dbMemory });
  const showBar = size >= PROGRESS_MIN_BYTES && process.stderr.isTTY;
  const bar = new cliProgress.SingleBar(
    { format: 'ingest |{bar}| {percentage}% | {records} records | {rate} records/s | ETA {eta_formatted}', stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let bytes = 0;
  const started = Date.now();
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  if (showBar) bar.start(size, 0, { records: 0, rate: 0 });
  try {
    let done = 0;
    const results = await ingestBatches(db, createReadStream(file).pipe(counter), {
      source: `cli:${file}`,
      format,
      batchRecords,
      threads: config.ingestThreads,
      onBatch: (batch) => {
        done += batch.received;
      },
      repeatDays: config.repeatDays,
      onProgress: ({ received }) => {
        if (showBar) bar.update(bytes, { records: done + received, rate: Math.round((done + received) / Math.max(0.001, (Date.now() - started) / 1000)) });
      },
    });
    if (showBar) bar.update(size);
    bar.stop();
    const total = (key: 'received' | 'accepted' | 'rejected' | 'unchanged' | 'messages') => results.reduce((n, r) => n + r[key], 0);
    const redactions: Record<string, number> = {};
    for (const r of results) for (const [kind, n] of Object.entries(r.redactions)) redactions[kind] = (redactions[kind] ?? 0) + n;
    const summary = {
      batches: results.map((r) => r.batchId), format: results[0]!.format, received: total('received'), accepted: total('accepted'),
      rejected: total('rejected'), unchanged: total('unchanged'), messages: total('messages'), redactions,
      seconds: (Date.now() - started) / 1000, firstRejects: results.flatMap((r) => r.rejects).slice(0, 20),
    };
    console.log(JSON.stringify(summary, null, 2));
    const withRejects = results.filter((r) => r.rejected > 0).map((r) => r.batchId);
    if (withRejects.length) {
      console.error(`${summary.rejected} record(s) rejected; list them with GET /api/ingest/batches/<id>/rejects for ${withRejects.join(', ')}`);
    }
  } finally {
    bar.stop();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
