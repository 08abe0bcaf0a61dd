/**
 * Load benchmark (issue 9): 50 dashboard readers while ingestion runs, over loopback, bounded in
 * time, written to BENCHMARKS.md. Exits 1 when any request failed or readers saw half a batch.
 *
 *   npm run bench:load -- [--conversations 20000] [--seconds 30] [--connections 50] [--batch 2500] [--baseline-seconds 10] [--timeout 10]
 *
 * The real server (createApp over a fresh DuckDB file with `conversations` demo conversations)
 * runs in a child process, this file started again with --serve-child, so the load generator
 * (autocannon, the ingest client) does not share the server's event loop and skew its latencies.
 * First the readers run alone for --baseline-seconds, then for --seconds while batches of
 * --batch new conversations (new seeds and ids) and one re-send are POSTed to /api/ingest.
 * A reader request not answered within --timeout seconds counts as an error (a timeout).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createApp } from '../app.js';
import { Database } from '../db/database.js';
import { ingestBatch } from '../ingest/ingest.js';
import { createToken } from '../queries/users.js';
import { BENCHMARKS_FILE, machineDescription, writeBenchmarkSection } from './benchmarks-file.js';
import {
  committedTotals, dashboardReaderGroups, generatedBatch, listConversationIds, REQUEST_TIMEOUT_SECONDS, runLoad,
  type GroupResult, type IngestBatch, type LoadResult,
} from './load-run.js';

const SECTION = 'Load: 50 readers during ingestion';
const SERVE_CHILD = '--serve-child';
const BASE_SEED = 42;
const WEEKS = 8;
/** Upper bound on anything after the deadline: the batch in flight, the readers' tail. */
const GRACE_SECONDS = 120;

const argsSchema = z.object({
  conversations: z.coerce.number().int().min(1_000).default(20_000),
  seconds: z.coerce.number().int().min(5).max(600).default(30),
  connections: z.coerce.number().int().min(6).max(500).default(50),
  /** Small enough that several batches, the re-send among them, commit while the readers run. */
  batch: z.coerce.number().int().min(100).default(2_500),
  'baseline-seconds': z.coerce.number().int().min(0).max(600).default(10),
  timeout: z.coerce.number().int().min(1).max(600).default(REQUEST_TIMEOUT_SECONDS),
});
type Args = z.output<typeof argsSchema>;

interface ServerStats { eventLoopP99Ms: number; eventLoopMaxMs: number; peakRssMb: number }
type ChildMessage = { type: 'ready'; url: string; token: string; conversations: number; loadSeconds: number } | ({ type: 'stats' } & ServerStats);

/** The child: the real app over a fresh database, answering 'stats' and 'stop' from the parent. */
async function serveChild(dbPath: string, conversations: number): Promise<void> {
  process.on('disconnect', () => process.exit(1));
  const db = await Database.open(dbPath);
  const base = generatedBatch('base', { seed: BASE_SEED, conversations, weeks: WEEKS });
  const started = performance.now();
  const chunks = async function* () {
    for (let i = 0; i < base.body.length; i += 1 << 20) yield Buffer.from(base.body.subarray(i, i + (1 << 20)));
  };
  const loaded = await ingestBatch(db, chunks(), { source: 'bench-load', format: 'jsonl', repeatDays: 7 });
  const loadSeconds = (performance.now() - started) / 1000;
  const { token } = await createToken(db, { name: 'bench-load', role: 'admin', createdBy: null });
  const app = createApp({ db, config: { repeatDays: 7, maxIngestBytes: 1024 ** 3 }, log: (m) => console.error(m) });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stats') {
      const ms = (ns: number) => ns / 1e6;
      process.send!({ type: 'stats', eventLoopP99Ms: ms(delay.percentile(99)), eventLoopMaxMs: ms(delay.max), peakRssMb: process.resourceUsage().maxRSS / 1024 });
      delay.reset();
    } else if (message.type === 'stop') {
      server.closeAllConnections();
      server.close(() => void db.close().then(() => process.exit(0)));
    }
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.send!({ type: 'ready', url, token, conversations: loaded.accepted, loadSeconds } satisfies ChildMessage);
}

function nextMessage<T extends ChildMessage['type']>(child: ChildProcess, type: T): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: ChildMessage) => {
      if (m.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as Extract<ChildMessage, { type: T }>);
    };
    const onExit = (code: number | null) => reject(new Error(`server process exited (${code}) before "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function serverStats(child: ChildProcess): Promise<ServerStats> {
  const reply = nextMessage(child, 'stats');
  child.send({ type: 'stats' });
  return reply;
}

/**
 * New batches with fresh seeds, the first one re-sent right after it (as a client retrying would),
 * and enough of them that ingestion never runs dry before the deadline.
 */
function ingestPlan(args: Args): IngestBatch[] {
  const count = Math.max(2, Math.ceil(args.seconds / 3));
  const fresh = Array.from({ length: count }, (_, i) => generatedBatch(`load${i + 1}`, { seed: 1_001 + i, conversations: args.batch, weeks: WEEKS }));
  return [fresh[0]!, { ...fresh[0]!, label: `${fresh[0]!.label}-again`, resendOf: fresh[0]!.label }, ...fresh.slice(1)];
}

async function conversationCount(url: string, token: string): Promise<number> {
  const res = await fetch(`${url}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /api/metrics: ${res.status}`);
  return ((await res.json()) as { conversations: number }).conversations;
}

const ms = (x: number) => (Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(1) : Math.round(x).toString());

function readersTable(run: LoadResult): string {
  const row = (g: GroupResult) =>
    `| ${g.name} | ${g.connections} | ${g.responses} | ${Math.round(g.responses / run.seconds)} | ${g.errors} | ${g.non2xx} | ${g.timeouts} | ` +
    `${ms(g.latency.p50)} | ${ms(g.latency.p90)} | ${ms(g.latency.p99)} | ${ms(g.latency.max)} |`;
  return [
    '| endpoint group | connections | requests | req/s | errors | non-2xx | timeouts | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...run.groups.map(row), row({ ...run.overall, name: '**all**' }),
  ].join('\n');
}

function batchesTable(run: LoadResult): string {
  return [
    '| batch | conversations | started at (s) | status | accepted | unchanged | rejected | seconds | conversations/s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...run.batches.map((b) =>
      `| ${b.label}${b.resendOf ? ` (re-send of ${b.resendOf})` : ''} | ${b.conversations} | ${b.startedAt.toFixed(1)} | ${b.status || b.error} | ` +
      `${b.accepted} | ${b.unchanged} | ${b.rejected} | ${b.seconds.toFixed(1)} | ${Math.round(b.conversations / b.seconds)} |`),
  ].join('\n');
}

interface Verdict { ok: boolean; lines: string[] }

/** Zero failed requests, every batch stored, readers saw only whole batches and never went back. */
function judge(run: LoadResult, baseline: LoadResult | null, before: number, after: number): Verdict {
  const allowed = committedTotals(before, run.batches);
  const seen = [...run.counts.seen.keys()].sort((a, b) => a - b);
  const unexpected = seen.filter((n) => !allowed.includes(n));
  const failedBatches = run.batches.filter((b) => b.status !== 200 || b.rejected > 0);
  const failures = [run, baseline].flatMap((r) => (r ? [r.overall.errors + r.overall.non2xx + r.overall.timeouts] : [])).reduce((s, n) => s + n, 0);
  const lines = [
    `Readers saw ${seen.length} committed state(s) of the conversation count (${seen.join(', ')}), ` +
      `${unexpected.length ? `**${unexpected.length} not a whole number of batches: ${unexpected.join(', ')}**` : 'each the total after a whole number of batches'}; ` +
      `${run.counts.backwards ? `**${run.counts.backwards} answers went back in time on a connection**` : 'no connection ever saw the count go back'}. ` +
      `Count before ${before}, after ${after} (expected ${allowed[allowed.length - 1]}).`,
  ];
  const failureSamples = new Map<string, number>();
  for (const f of [...(baseline?.groups ?? []), ...run.groups].flatMap((g) => g.failures)) failureSamples.set(f, (failureSamples.get(f) ?? 0) + 1);
  if (failureSamples.size) lines.push('', 'Failure samples (the first few of each endpoint group):');
  for (const [f, n] of failureSamples) lines.push(`- ${n > 1 ? `${n} x ` : ''}\`${f.replace(/`/g, "'")}\``);
  const ok = failures === 0 && failedBatches.length === 0 && unexpected.length === 0 && run.counts.backwards === 0 && after === allowed[allowed.length - 1];
  return { ok, lines };
}

function report(args: Args, ready: Extract<ChildMessage, { type: 'ready' }>, runs: { baseline: LoadResult | null; baseStats: ServerStats | null; run: LoadResult; runStats: ServerStats },
  verdict: Verdict, load: number[]): string {
  const { baseline, baseStats, run, runStats } = runs;
  const flags = `--conversations ${args.conversations} --seconds ${args.seconds} --connections ${args.connections} --batch ${args.batch} --baseline-seconds ${args['baseline-seconds']} --timeout ${args.timeout}`;
  const newBatches = run.batches.filter((b) => !b.resendOf && b.status === 200);
  return [
    `Command: \`npm run bench:load -- ${flags}\``,
    `Machine: ${machineDescription()}; load average before the run ${load.map((x) => x.toFixed(1)).join(' / ')} (1 / 5 / 15 min). Date: ${new Date().toISOString().slice(0, 10)}.`,
    '',
    ...(load[0]! > cpus().length
      ? [`**The machine was busy with other work (load average above its ${cpus().length} cores), so latencies and throughput here are pessimistic; re-run on an idle machine for reference numbers.**`, '']
      : []),
    `The real server (\`createApp\`, DuckDB file in a temp dir, ${ready.conversations} demo conversations loaded in ${ready.loadSeconds.toFixed(1)} s) runs in a child process on 127.0.0.1; ` +
      `the parent runs autocannon (${args.connections} keep-alive connections, one instance per endpoint group, all at once, ${args.timeout} s request timeout) over a dashboard mix ` +
      '(metrics with and without filters, weekly and daily series, conversation lists by date and score with filters and pages, single conversations by real id, ' +
      `the review queue, the weekly report) with an admin token, and POSTs NDJSON batches of ${args.batch} new generated conversations to \`/api/ingest\` one after the other, ` +
      `the first one sent twice, until ${args.seconds} s have passed; readers keep going until the last batch has answered. Latencies are per response, as the client saw them.`,
    '',
    `**Result: ${verdict.ok ? 'passed' : 'FAILED'}. ${run.overall.responses} requests in ${run.seconds.toFixed(1)} s during ingestion, ` +
      `${run.overall.errors} errors, ${run.overall.non2xx} non-2xx, ${run.overall.timeouts} timeouts; p99 ${ms(run.overall.latency.p99)} ms ` +
      `(p50 ${ms(run.overall.latency.p50)} ms)${baseline ? `, against p99 ${ms(baseline.overall.latency.p99)} ms (p50 ${ms(baseline.overall.latency.p50)} ms) with no ingestion` : ''}. ` +
      `${newBatches.length} new batch${newBatches.length === 1 ? '' : 'es'} (${newBatches.reduce((s, b) => s + b.accepted, 0)} conversations) stored meanwhile.**`,
    '',
    `### Readers during ingestion (${run.seconds.toFixed(1)} s)`, '', readersTable(run), '',
    ...(baseline ? [`### Readers alone, no ingestion (${baseline.seconds.toFixed(1)} s, before the run above)`, '', readersTable(baseline), ''] : []),
    '### Ingestion batches during the run', '', batchesTable(run), '',
    ...verdict.lines, '',
    `Server process: event-loop delay p99 ${ms(runStats.eventLoopP99Ms)} ms, max ${ms(runStats.eventLoopMaxMs)} ms during ingestion` +
      `${baseStats ? ` (p99 ${ms(baseStats.eventLoopP99Ms)} ms, max ${ms(baseStats.eventLoopMaxMs)} ms without)` : ''}; peak RSS ${Math.round(runStats.peakRssMb)} MB.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: Object.fromEntries(Object.keys(argsSchema.shape).map((k) => [k, { type: 'string' }])) as Record<keyof Args, { type: 'string' }> });
  const args = argsSchema.parse(values);
  const load = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-load-'));
  const child = fork(import.meta.filename, [SERVE_CHILD, join(dir, 'load.duckdb'), String(args.conversations)], { stdio: 'inherit' });
  try {
    console.log(`Loading ${args.conversations} demo conversations into the server process...`);
    const ready = await nextMessage(child, 'ready');
    console.log(`Server at ${ready.url} (loaded in ${ready.loadSeconds.toFixed(1)} s); generating ingest batches...`);
    const batches = ingestPlan(args);
    const groups = dashboardReaderGroups(await listConversationIds(ready.url, ready.token, 2_000));
    const common = { url: ready.url, token: ready.token, groups, connections: args.connections, tailSeconds: 1, requestTimeoutSeconds: args.timeout };
    let baseline: LoadResult | null = null;
    let baseStats: ServerStats | null = null;
    if (args['baseline-seconds'] > 0) {
      console.log(`Readers alone for ${args['baseline-seconds']} s...`);
      await serverStats(child);
      baseline = await runLoad({ ...common, batches: [], minSeconds: args['baseline-seconds'], maxSeconds: args['baseline-seconds'] + GRACE_SECONDS });
      baseStats = await serverStats(child);
    }
    const before = await conversationCount(ready.url, ready.token);
    console.log(`Readers for ${args.seconds} s while ingesting...`);
    const run = await runLoad({ ...common, batches, minSeconds: args.seconds, maxSeconds: args.seconds + GRACE_SECONDS, startBatchesUntil: args.seconds });
    const runStats = await serverStats(child);
    const after = await conversationCount(ready.url, ready.token);
    const verdict = judge(run, baseline, before, after);
    const body = report(args, ready, { baseline, baseStats, run, runStats }, verdict, load);
    console.log(body);
    writeBenchmarkSection(SECTION, body);
    console.log(`Written to ${BENCHMARKS_FILE}`);
    if (!verdict.ok) process.exitCode = 1;
  } finally {
    if (child.exitCode === null) {
      child.send({ type: 'stop' });
      await once(child, 'exit');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = process.argv[2] === SERVE_CHILD ? serveChild(process.argv[3]!, Number(process.argv[4])) : main();
run.catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
