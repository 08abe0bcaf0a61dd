/**
 * Benchmark (issue 8): generate demo data once, then measure in one run, each step in a process
 * of its own so its peak memory is its own:
 *   - ingest + score from a file and over HTTP, for JSONL and for CSV, each into a fresh database;
 *   - DuckDB alone loading the same JSONL (read_json into bare tables), the floor we compare to;
 *   - rescoring all data;
 *   - p50/p95/p99 latency of the dashboard's API requests under filters, cold and warm;
 * and write the results, with PASS/FAIL against the targets, to BENCHMARKS.md.
 *
 *   npm run bench -- [--conversations 20000] [--weeks 8] [--month] [--skip csv,http,floor,rescore,latency]
 *                    [--keep <dir>] [--db-memory 1GB] [--request-conversations 50000]
 *                    [--rounds 20] [--warmup 2] [--cold-starts 3] [--seed 42] [--dry-run]
 *
 * --month = 3,500,000 conversations over 4 weeks (SPEC 7: one month of the reference company).
 * --keep keeps the JSONL run's database (rescored) and the generated files in <dir>.
 * --request-conversations: conversations per HTTP request (0 = the whole file as one request).
 * --dry-run prints the results without writing BENCHMARKS.md.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_MEMORY_LIMIT } from '../db/database.js';
import { DEMO_SEED } from '../demo.js';
import { BENCHMARKS_FILE, machineDescription, writeBenchmarkSection } from './benchmarks-file.js';
import { runStep, startServer, type StepResult } from './bench-child.js';
import { benchConversationId, generateBenchData, type BenchData, type BenchFile } from './bench-data.js';
import { ingestOverHttp } from './bench-http.js';
import { measureLatency, randomConversationIds, requestPlan, DETAIL_IDS } from './bench-latency.js';
import { removeBenchmarkSections, renderBenchmark, type BenchResults, type IngestRun } from './bench-report.js';
import { formatCount, formatSeconds, MONTH_CONVERSATIONS } from './bench-stats.js';

const PARTS = ['csv', 'http', 'floor', 'rescore', 'latency'] as const;
type Part = (typeof PARTS)[number];
const MONTH_WEEKS = 4;

const argsSchema = z.object({
  conversations: z.coerce.number().int().min(100).max(100_000_000).optional(),
  weeks: z.coerce.number().int().min(1).max(104).optional(),
  month: z.boolean().default(false),
  skip: z.string().default('').transform((v) => v.split(',').map((p) => p.trim()).filter(Boolean)).pipe(z.array(z.enum(PARTS))),
  keep: z.string().min(1).optional(),
  dbMemory: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'must be a size such as 512MB or 2GB')
    .default(process.env.TANDEM_DB_MEMORY ?? DEFAULT_MEMORY_LIMIT),
  requestConversations: z.coerce.number().int().min(0).default(50_000),
  rounds: z.coerce.number().int().min(1).max(1000).default(20),
  warmup: z.coerce.number().int().min(0).max(100).default(2),
  coldStarts: z.coerce.number().int().min(1).max(20).default(3),
  seed: z.coerce.number().int().min(0).default(DEMO_SEED),
  dryRun: z.boolean().default(false),
}).refine((a) => !(a.month && a.conversations !== undefined), { message: '--month sets the size: leave out --conversations', path: ['conversations'] });

type Args = z.infer<typeof argsSchema>;

/** A bad command line: its message is all the user needs. */
class UsageError extends Error {}

const OPTIONS = {
  conversations: { type: 'string' }, weeks: { type: 'string' }, month: { type: 'boolean' }, skip: { type: 'string' },
  keep: { type: 'string' }, 'db-memory': { type: 'string' }, 'request-conversations': { type: 'string' },
  rounds: { type: 'string' }, warmup: { type: 'string' }, 'cold-starts': { type: 'string' }, seed: { type: 'string' },
  'dry-run': { type: 'boolean' },
} as const;

const USAGE = `Usage: npm run bench -- [--conversations 20000] [--weeks 8] [--month] [--skip csv,http,floor,rescore,latency]
  [--keep <dir>] [--db-memory 1GB] [--request-conversations 50000] [--rounds 20] [--warmup 2] [--cold-starts 3]
  [--seed 42] [--dry-run]`;

function parseCommandLine(): Args {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ options: OPTIONS }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const camel = Object.fromEntries(Object.entries(values).map(([k, v]) => [k.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()), v]));
  const parsed = argsSchema.safeParse(camel);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((i) => `--${String(i.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`).join('\n'));
  }
  return parsed.data;
}

/** A DuckDB file and what DuckDB keeps beside it (write-ahead log, spill folder). */
function removeDatabase(path: string): void {
  for (const p of [path, `${path}.wal`, `${path}.tmp`]) rmSync(p, { recursive: true, force: true });
}

function ingestRun(name: string, step: StepResult, expected: BenchData): IngestRun {
  if (Number(step.rejected) > 0) throw new Error(`${name}: ${String(step.rejected)} records rejected, the first: ${JSON.stringify(step.firstReject)}`);
  if (step.conversations !== expected.conversations) throw new Error(`${name}: stored ${String(step.conversations)} of ${expected.conversations} conversations`);
  return { name, conversations: Number(step.conversations), messages: Number(step.messages), seconds: Number(step.seconds), peakRssMb: Number(step.peakRssMb) };
}

class Phases {
  readonly elapsed: [string, number][] = [];

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    console.error(`${phase}...`);
    const started = performance.now();
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    this.elapsed.push([phase, seconds]);
    console.error(`${phase}: done in ${formatSeconds(seconds)}`);
    return result;
  }
}

/** What every step needs: the options, the work folder and the generated data. */
interface Run {
  args: Args;
  skip: Set<Part>;
  dir: string;
  /** The JSONL file run's database, which the rescore and the latency steps reuse. */
  mainDb: string;
  data: BenchData;
  phases: Phases;
}

async function fileRuns(run: Run, files: BenchFile[]): Promise<IngestRun[]> {
  const runs: IngestRun[] = [];
  for (const file of files) {
    const name = `${file.format.toUpperCase()} file`;
    const db = file.format === 'jsonl' ? run.mainDb : join(run.dir, `file-${file.format}.duckdb`);
    const step = await run.phases.time(`ingest ${name}`, () => runStep('ingest', { db, memory: run.args.dbMemory, file: file.path }));
    if (db !== run.mainDb) removeDatabase(db);
    runs.push(ingestRun(name, step, run.data));
  }
  return runs;
}

async function httpRun(run: Run, file: BenchFile): Promise<IngestRun & { largestRequestBytes: number }> {
  const name = `${file.format.toUpperCase()} over HTTP`;
  const db = join(run.dir, `http-${file.format}.duckdb`);
  removeDatabase(db);
  const largest = Math.max(...file.boundaries.slice(1).map((end, i) => end - file.boundaries[i]!)) + file.partPrefix.length;
  // With one request for a big file the route's limit (TANDEM_MAX_INGEST_MB, default 1024) is raised to fit.
  const maxIngestMb = Math.max(1024, Math.ceil(largest / 1024 / 1024) + 1);
  const server = await startServer({ db, memory: run.args.dbMemory, 'max-ingest-mb': String(maxIngestMb) });
  try {
    const result = await run.phases.time(`ingest ${name}`, () => ingestOverHttp(server, file));
    const { peakRssMb } = await server.stop();
    return { ...ingestRun(name, { ...result, peakRssMb }, run.data), requests: result.requests, largestRequestBytes: result.largestRequestBytes };
  } finally {
    await server.stop();
    removeDatabase(db);
  }
}

async function floorRun(run: Run): Promise<IngestRun> {
  const db = join(run.dir, 'floor.duckdb');
  removeDatabase(db);
  const step = await run.phases.time('DuckDB alone', () => runStep('floor', { db, memory: run.args.dbMemory, file: run.data.jsonl.path }));
  removeDatabase(db);
  return ingestRun('DuckDB alone (floor)', { ...step, rejected: 0 }, run.data);
}

async function rescoreRun(run: Run): Promise<NonNullable<BenchResults['rescore']>> {
  const step = await run.phases.time('rescore', () => runStep('rescore', { db: run.mainDb, memory: run.args.dbMemory }));
  return { conversations: Number(step.conversations), seconds: Number(step.seconds), peakRssMb: Number(step.peakRssMb) };
}

function latencyRun(run: Run): Promise<NonNullable<BenchResults['latency']>> {
  const { args } = run;
  const plan = requestPlan(randomConversationIds(run.data.conversations, DETAIL_IDS, args.seed).map(benchConversationId));
  return run.phases.time('dashboard latency', () =>
    measureLatency({ db: run.mainDb, memory: args.dbMemory }, plan, { coldStarts: args.coldStarts, warmup: args.warmup, rounds: args.rounds }, (m) => console.error(m)));
}

async function measureAll(run: Run): Promise<Pick<BenchResults, 'ingest' | 'http' | 'floor' | 'rescore' | 'latency'>> {
  const { data, skip } = run;
  const files = [data.jsonl, ...(data.csv ? [data.csv] : [])];
  const ingest = await fileRuns(run, files);
  let http: BenchResults['http'] = null;
  if (!skip.has('http')) {
    const runs = [];
    for (const file of files) runs.push(await httpRun(run, file));
    ingest.push(...runs.map(({ largestRequestBytes: _, ...r }) => r));
    http = { largestRequestBytes: Math.max(...runs.map((r) => r.largestRequestBytes)) };
  }
  const floor = skip.has('floor') ? null : await floorRun(run);
  const rescore = skip.has('rescore') ? null : await rescoreRun(run);
  const latency = skip.has('latency') ? null : await latencyRun(run);
  return { ingest, http, floor, rescore, latency };
}

async function main(): Promise<void> {
  const args = parseCommandLine();
  const conversations = args.month ? MONTH_CONVERSATIONS : (args.conversations ?? 20_000);
  const weeks = args.weeks ?? (args.month ? MONTH_WEEKS : 8);
  const skip = new Set<Part>(args.skip);
  const dir = args.keep ? resolve(args.keep) : mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  mkdirSync(dir, { recursive: true });
  const mainDb = join(dir, 'tandem.duckdb');
  removeDatabase(mainDb);
  const loadAtStart = loadavg()[0]!;
  const phases = new Phases();
  try {
    const data = await phases.time(`generate ${formatCount(conversations)} conversations`, () =>
      generateBenchData(dir, { conversations, weeks, seed: args.seed, withCsv: !skip.has('csv'), requestConversations: args.requestConversations },
        (n) => console.error(`  ${formatCount(n)} written`)));
    const measured = await measureAll({ args, skip, dir, mainDb, data, phases });
    const loadAtEnd = loadavg()[0]!;
    // At the end the load average counts the benchmark's own last minute (its server and its
    // prepare threads keep every core busy), so only the load at start can say other work ran.
    const busy = loadAtStart > cpus().length + 0.5;
    const results: BenchResults = {
      command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      // Other work on the machine skews every number: the 1-minute load average says how busy it was.
      machine: `${machineDescription()}, load average ${loadAtStart.toFixed(2)} at start and ${loadAtEnd.toFixed(2)} at end` +
        (busy ? ' (busy: other work ran beside the benchmark, so every number here is pessimistic)' : ''),
      date: new Date().toISOString().slice(0, 10),
      settings: { conversations, weeks, seed: args.seed, dbMemory: args.dbMemory, requestConversations: args.requestConversations },
      data: { conversations: data.conversations, messages: data.messages, jsonlBytes: data.jsonl.bytes, csvBytes: data.csv?.bytes ?? null, seconds: data.seconds },
      ...measured,
      elapsed: phases.elapsed,
    };
    const body = renderBenchmark(results);
    console.log(body);
    if (!args.dryRun) writeResults(results, body, skip);
    if (args.keep) console.error(`Kept in ${dir}: tandem.duckdb (the JSONL run's database) and the generated files.`);
  } finally {
    // Each step removes its own database; --keep keeps the folder with the JSONL run's database and the files.
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One section per run size. The older hand-made sections go once this run covers them: the
 * throughput table when JSONL and CSV from a file were both measured, the by-hand memory table
 * once the run is at least as large as its largest row (200,000 conversations).
 */
function writeResults(results: BenchResults, body: string, skip: Set<Part>): void {
  const superseded = [...(skip.has('csv') ? [] : ['Ingestion throughput']), ...(results.settings.conversations >= 200_000 ? ['Ingestion memory'] : [])];
  const removed = removeBenchmarkSections(superseded);
  writeBenchmarkSection(`Ingestion and API at ${formatCount(results.settings.conversations)} conversations`, body);
  console.error(`Written to ${BENCHMARKS_FILE}${removed.length ? ` (replacing: ${removed.join('; ')})` : ''}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exit(1);
});
