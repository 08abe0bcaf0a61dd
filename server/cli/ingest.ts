import { createReadStream, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config.js';
import { Database } from '../db/database.js';
import { ingestBatch } from '../ingest/ingest.js';
import { INGEST_FORMATS, type IngestFormat } from '../ingest/sources.js';

const USAGE = `Usage: npm run ingest -- <file> [--format jsonl|json|csv]
  Loads transcripts (format v1 JSONL or JSON array, or message-per-row CSV; .gz accepted) into
  the database at TANDEM_DB (default data/tandem.duckdb). Prints the batch result as JSON.`;

/** Files this large get a progress bar; small ones finish before it would be useful. */
const PROGRESS_MIN_BYTES = 5 * 1024 * 1024;

function parseArgs(argv: string[]): { file: string; format?: IngestFormat } {
  const args = [...argv];
  let format: IngestFormat | undefined;
  const i = args.indexOf('--format');
  if (i !== -1) {
    const value = args[i + 1];
    if (!value || !(INGEST_FORMATS as readonly string[]).includes(value)) throw new Error(`--format must be one of ${INGEST_FORMATS.join(', ')}`);
    format = value as IngestFormat;
    args.splice(i, 2);
  }
  if (args.length !== 1 || args[0]!.startsWith('-')) throw new Error(USAGE);
  return { file: args[0]!, format };
}

async function main(): Promise<void> {
  const { file, format } = parseArgs(process.argv.slice(2));
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
    const result = await ingestBatch(db, createReadStream(file).pipe(counter), {
      source: `cli:${file}`,
      format,
      repeatDays: config.repeatDays,
      onProgress: ({ received }) => {
        if (showBar) bar.update(bytes, { records: received, rate: Math.round(received / Math.max(0.001, (Date.now() - started) / 1000)) });
      },
    });
    if (showBar) bar.update(size);
    bar.stop();
    const { rejects, ...summary } = result;
    console.log(JSON.stringify({ ...summary, seconds: (Date.now() - started) / 1000, firstRejects: rejects.slice(0, 20) }, null, 2));
    if (result.rejected > 0) console.error(`${result.rejected} record(s) rejected; list them with GET /api/ingest/batches/${result.batchId}/rejects`);
  } finally {
    bar.stop();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
