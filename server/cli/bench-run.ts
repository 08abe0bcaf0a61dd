/**
 * One measured step of `npm run bench`, run in a process of its own so that its peak memory
 * (getrusage maxRSS: the JS heap, Node and DuckDB's native buffers) is its own and not the
 * largest of the runs before it. Prints its result as one `BENCH {json}` line on stdout.
 *
 *   node --max-old-space-size=384 --import tsx server/cli/bench-run.ts ingest  --db <file> --memory 1GB --file <jsonl|csv>
 *   node --max-old-space-size=384 --import tsx server/cli/bench-run.ts floor   --db <file> --memory 1GB --file <jsonl>
 *   node --max-old-space-size=384 --import tsx server/cli/bench-run.ts rescore --db <file> --memory 1GB
 *   node --max-old-space-size=384 --import tsx server/cli/bench-run.ts serve   --db <file> --memory 1GB [--max-ingest-mb N]
 *
 * `serve` starts the real app (createApp) on an ephemeral loopback port with an admin API token,
 * prints `BENCH {"url","token"}`, and serves until its stdin closes; then it prints its peak memory.
 */
import { createReadStream } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createApp } from '../app.js';
import { Database } from '../db/database.js';
import { DEFAULT_BATCH_RECORDS, ingestBatches } from '../ingest/ingest.js';
import { rescore } from '../ingest/rescore.js';
import { listen } from '../listen.js';
import { prepareToServe } from '../warm-up.js';
import { createToken } from '../queries/users.js';
import { RESULT_PREFIX } from './bench-child.js';
import { loadWithDuckDbAlone } from './bench-floor.js';

/** SPEC 3's default R, as the server uses unless TANDEM_REPEAT_DAYS says otherwise. */
const REPEAT_DAYS = 7;

const argsSchema = z.object({
  mode: z.enum(['ingest', 'floor', 'rescore', 'serve']),
  db: z.string().min(1),
  memory: z.string().min(1),
  file: z.string().min(1).optional(),
  maxIngestMb: z.coerce.number().int().min(1).default(1024),
});
type Args = z.infer<typeof argsSchema>;

function emit(result: Record<string, unknown>): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const rssMb = () => process.memoryUsage.rss() / 1024 / 1024;

function requireFile(args: Args): string {
  if (!args.file) throw new Error(`${args.mode} needs --file`);
  return args.file;
}

async function runIngest(args: Args): Promise<void> {
  const file = requireFile(args);
  const db = await Database.open(args.db, { memoryLimit: args.memory });
  try {
    const rssBeforeMb = rssMb();
    const started = performance.now();
    // As `npm run ingest` loads a file: consecutive batches of DEFAULT_BATCH_RECORDS, each atomic.
    const results = await ingestBatches(db, createReadStream(file), {
      source: `bench:${file}`, repeatDays: REPEAT_DAYS, batchRecords: DEFAULT_BATCH_RECORDS,
    });
    const seconds = (performance.now() - started) / 1000;
    const total = (key: 'accepted' | 'messages' | 'rejected') => results.reduce((n, r) => n + r[key], 0);
    emit({
      seconds, conversations: total('accepted'), messages: total('messages'), rejected: total('rejected'),
      firstReject: results.flatMap((r) => r.rejects)[0] ?? null, rssBeforeMb, peakRssMb: peakRssMb(), batches: results.length,
    });
  } finally {
    await db.close();
  }
}

async function runFloor(args: Args): Promise<void> {
  const result = await loadWithDuckDbAlone(requireFile(args), args.db, args.memory);
  emit({ ...result, peakRssMb: peakRssMb() });
}

async function runRescore(args: Args): Promise<void> {
  const db = await Database.open(args.db, { memoryLimit: args.memory });
  try {
    const started = performance.now();
    const result = await rescore(db);
    emit({ seconds: (performance.now() - started) / 1000, conversations: result.conversations, peakRssMb: peakRssMb() });
  } finally {
    await db.close();
  }
}

async function runServer(args: Args): Promise<void> {
  const db = await Database.open(args.db, { memoryLimit: args.memory });
  const { token } = await createToken(db, { name: 'bench', role: 'admin', createdBy: null });
  await prepareToServe(db, (m) => console.error(m)); // as `npm start` prepares (server/main.ts)
  const app = createApp({
    db,
    config: { repeatDays: REPEAT_DAYS, maxIngestBytes: args.maxIngestMb * 1024 * 1024 },
    log: (message) => console.error(message),
  });
  const server = await listen(app, 0, '127.0.0.1'); // as `npm start` listens
  const { port } = server.address() as AddressInfo;
  emit({ url: `http://127.0.0.1:${port}`, token, rssAtStartMb: rssMb() });
  // The parent closes our stdin to stop us (and a parent that dies closes it too: no orphans).
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once('end', resolve));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.close();
  emit({ peakRssMb: peakRssMb() });
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { db: { type: 'string' }, memory: { type: 'string' }, file: { type: 'string' }, 'max-ingest-mb': { type: 'string' } },
  });
  const args = argsSchema.parse({ ...values, mode: positionals[0], maxIngestMb: values['max-ingest-mb'] });
  const run = { ingest: runIngest, floor: runFloor, rescore: runRescore, serve: runServer }[args.mode];
  await run(args);
  // Once closed, the server process did not always exit by itself (a handle stays open); main.ts exits explicitly too.
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
