/** The Markdown of one `npm run bench` run: its tables, the targets as PASS/FAIL, and how each number was measured. */
import { readFileSync, writeFileSync } from 'node:fs';
import { MAIN_HEAP_FLAG } from '../memory.js';
import { BENCHMARKS_FILE } from './benchmarks-file.js';
import type { FileCache, LatencyResults } from './bench-latency.js';
import { RESCORE_SLICE } from '../ingest/rescore.js';
import { DEFAULT_BATCH_RECORDS } from '../ingest/ingest.js';
import {
  formatCount, formatMs, formatSeconds, MONTH_CONVERSATIONS, perSecond, projectedMonthSeconds, TARGETS, verdict,
} from './bench-stats.js';

export interface IngestRun {
  name: string;
  conversations: number;
  messages: number;
  seconds: number;
  peakRssMb: number;
  /** HTTP runs: how many requests the file was sent as. */
  requests?: number;
}

export interface BenchResults {
  command: string;
  machine: string;
  date: string;
  settings: { conversations: number; weeks: number; seed: number; dbMemory: string; requestConversations: number };
  data: { conversations: number; messages: number; jsonlBytes: number; csvBytes: number | null; seconds: number };
  ingest: IngestRun[];
  http: { largestRequestBytes: number } | null;
  floor: IngestRun | null;
  rescore: { conversations: number; seconds: number; peakRssMb: number } | null;
  latency: LatencyResults | null;
  elapsed: [string, number][];
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const rate = (count: number, seconds: number) => formatCount(perSecond(count, seconds) ?? 0);

function isMonth(r: BenchResults): boolean {
  return r.settings.conversations >= MONTH_CONVERSATIONS;
}

function monthSeconds(r: BenchResults, run: IngestRun): number {
  return isMonth(r) ? run.seconds : projectedMonthSeconds(run.seconds, run.conversations);
}

function ingestTable(r: BenchResults): string {
  const lines = [
    `| run | conversations | messages | seconds | conversations/s | messages/s | x DuckDB alone | peak RSS (MB) | a month (${isMonth(r) ? 'measured' : 'projected'}) |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const run of [...r.ingest, ...(r.floor ? [r.floor] : [])]) {
    const ratio = r.floor ? (run.seconds / r.floor.seconds).toFixed(2) : '—';
    const name = run.requests ? `${run.name} (${run.requests} request${run.requests === 1 ? '' : 's'})` : run.name;
    lines.push(
      `| ${name} | ${formatCount(run.conversations)} | ${formatCount(run.messages)} | ${run.seconds.toFixed(1)} | ` +
        `${rate(run.conversations, run.seconds)} | ${rate(run.messages, run.seconds)} | ${ratio} | ${Math.round(run.peakRssMb)} | ${formatSeconds(monthSeconds(r, run))} |`,
    );
  }
  return lines.join('\n');
}

function ingestNotes(r: BenchResults): string {
  const s = r.settings;
  const notes = [
    `- File runs: \`ingestBatches\` over a file stream into a fresh database, as \`npm run ingest\` does: parse; validate, redact, score and write stage files on the prepare threads; read them into the stage tables; then publish each batch of up to ${DEFAULT_BATCH_RECORDS.toLocaleString('en-US')} conversations in one transaction (swap in, derive facts, repeat contact, the facts table and the rollups of the touched days). Time from the first byte read to the last commit; the process start and opening the database are not counted.`,
  ];
  if (r.http) {
    notes.push(
      `- HTTP runs: the real server (\`createApp\`, an admin API token) in a process of its own over a fresh database; the same file streamed to \`POST /api/ingest\` as ` +
        (s.requestConversations > 0 ? `requests of up to ${formatCount(s.requestConversations)} conversations each (the largest ${mb(r.http.largestRequestBytes)}; a CSV part repeats the header)` : `one request (${mb(r.http.largestRequestBytes)})`) +
        `, one after the other, each its own batch. Time from the first byte sent to the last answer; peak RSS is the server's.`,
    );
  }
  if (r.floor) {
    notes.push(
      `- DuckDB alone (the floor): the same JSONL file loaded with \`INSERT ... SELECT FROM read_json(...)\` into bare \`conversations\` and \`messages\` tables (messages unnested) in a fresh database with the same memory cap, in one transaction: no validation, redaction, scoring or derived facts. "x DuckDB alone" = a run's seconds / the floor's (CSV runs against the JSONL floor: the same conversations).`,
    );
  }
  notes.push(
    `- Peak RSS: each run is a process of its own (\`node ${MAIN_HEAP_FLAG} --import tsx server/cli/bench-run.ts\`, V8's heap capped as in server/memory.ts), so \`process.resourceUsage().maxRSS\` is that run's peak: the JS heap, Node and DuckDB's native memory (capped at ${s.dbMemory}), not the largest run so far.`,
    `- A month = ${formatCount(MONTH_CONVERSATIONS)} conversations (SPEC 7). ${isMonth(r) ? 'Measured.' : `Projected linearly from this run's throughput, which assumes nothing slows down with size: only \`--month\` measures it.`}`,
  );
  return notes.join('\n');
}

function rescoreTable(r: NonNullable<BenchResults['rescore']>): string {
  return [
    '| conversations | seconds | conversations/s | peak RSS (MB) |',
    '|---:|---:|---:|---:|',
    `| ${formatCount(r.conversations)} | ${r.seconds.toFixed(1)} | ${rate(r.conversations, r.seconds)} | ${Math.round(r.peakRssMb)} |`,
  ].join('\n');
}

/** What the OS had cached of the database file before the first cold start. */
function osCacheText(cache: FileCache | null): string {
  if (!cache) return 'how much of the database file it held is unknown, without fincore';
  return `it held ${Math.round(cache.cachedMb)} of the database file's ${Math.round(cache.fileMb)} MB before the first start (fincore)`;
}

export function latencySection(l: LatencyResults): string {
  const detail = l.endpoints.find((e) => e.endpoint === 'conversation detail');
  const detailPerRound = detail ? detail.warm.n / l.rounds : 0;
  const lines = [
    `${l.requestsPerRound} requests per round, one at a time over keep-alive HTTP on loopback, timed from sending to having read the whole body (every answer 200). ` +
      `Cold = the first round after a fresh server process starts and warms up as \`npm start\` does (server/warm-up.ts: one unfiltered run of the first requests and one read of every rollup table before it listens; every filter set's own plans, and the rows of lists and details, are still cold; the OS file cache is not dropped: ${osCacheText(l.osCache)}), over ${l.coldStarts} starts; ` +
      `"first" is the first request of each endpoint after a start (median of ${l.coldStarts}, then the largest). Warm = ${l.rounds} rounds after ${l.warmup} unmeasured ones. ` +
      `Filter sets: none, market, channel+tier, one week, handledBy, topic; lists sorted by date and by score, page 1 and page 200 (offset 9950); the detail of ${detailPerRound} random conversations; the weekly report of the last week. ` +
      `Server RSS: ${Math.round(l.serverRssAtStartMb)} MB after start, ${Math.round(l.serverPeakRssMb)} MB at peak.`,
    '',
    '| request (ms) | per round | target p95 | cold first (median / max) | cold p50 | cold p95 | cold p99 | warm p50 | warm p95 | warm p99 | warm max | warm vs target |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const e of l.endpoints) {
    const firsts = [...e.coldFirst].sort((a, b) => a - b);
    const first = `${formatMs(firsts[Math.floor((firsts.length - 1) / 2)]!)} / ${formatMs(firsts[firsts.length - 1]!)}`;
    lines.push(
      `| ${e.endpoint} | ${e.warm.n / l.rounds} | < ${e.targetP95Ms} | ${first} | ${formatMs(e.cold.p50)} | ${formatMs(e.cold.p95)} | ${formatMs(e.cold.p99)} | ` +
        `${formatMs(e.warm.p50)} | ${formatMs(e.warm.p95)} | ${formatMs(e.warm.p99)} | ${formatMs(e.warm.max)} | ${verdict(e.warm.p95 < e.targetP95Ms)} |`,
    );
  }
  lines.push('', 'Slowest single requests, warm p95 (ms): ' + l.slowest.slice(0, 5).map((s) => `${s.endpoint} [${s.filter}] ${formatMs(s.p95)}`).join('; ') + '.');
  return lines.join('\n');
}

/** One line per target; a target this run did not measure says so instead of passing. */
export function targetLines(r: BenchResults): string[] {
  const lines: string[] = [];
  const projected = isMonth(r) ? '' : ' (projected from this run)';
  for (const run of r.ingest) {
    const month = monthSeconds(r, run);
    lines.push(`${verdict(month <= TARGETS.monthIngestSeconds)} a month ingested and scored in <= 4 min, ${run.name}: ${formatSeconds(month)}${projected}`);
  }
  for (const run of r.ingest) {
    if (!r.floor) {
      lines.push(`—    within ${TARGETS.floorRatio}x of DuckDB alone, ${run.name}: not measured (floor skipped)`);
      continue;
    }
    const ratio = run.seconds / r.floor.seconds;
    lines.push(`${verdict(ratio <= TARGETS.floorRatio)} within ${TARGETS.floorRatio}x of DuckDB alone, ${run.name}: ${ratio.toFixed(2)}x`);
  }
  const memoryRuns = [...r.ingest, ...(r.rescore ? [{ name: 'rescore', peakRssMb: r.rescore.peakRssMb }] : [])];
  for (const run of memoryRuns) {
    lines.push(`${verdict(run.peakRssMb < TARGETS.peakRssMb)} peak memory < 1.5 GB, ${run.name}: ${Math.round(run.peakRssMb)} MB${isMonth(r) ? '' : ` (at ${formatCount(r.settings.conversations)} conversations)`}`);
  }
  if (!r.latency) return [...lines, '—    dashboard latency: not measured (latency skipped)'];
  for (const phase of ['warm', 'cold'] as const) {
    const over = r.latency.endpoints.filter((e) => e[phase].p95 >= e.targetP95Ms);
    const worst = [...r.latency.endpoints].sort((a, b) => b[phase].p95 / b.targetP95Ms - a[phase].p95 / a.targetP95Ms)[0]!;
    lines.push(
      `${verdict(!over.length)} every dashboard request p95 < ${TARGETS.dashboardP95Ms} ms (conversation detail < ${TARGETS.detailP95Ms} ms), ${phase}: ` +
        (over.length ? `over: ${over.map((e) => `${e.endpoint} ${formatMs(e[phase].p95)} ms`).join(', ')}` : `worst ${worst.endpoint} ${formatMs(worst[phase].p95)} ms`),
    );
  }
  return lines;
}

export function renderBenchmark(r: BenchResults): string {
  const s = r.settings;
  const parts = [
    `Command: \`${r.command}\``,
    `Machine: ${r.machine}. Date: ${r.date}.`,
    '',
    `Data: ${formatCount(r.data.conversations)} conversations (${formatCount(r.data.messages)} messages) from the demo generator (seed ${s.seed}, ${s.weeks} weeks), ` +
      `written once as JSONL (${mb(r.data.jsonlBytes)})${r.data.csvBytes === null ? '' : ` and as CSV (${mb(r.data.csvBytes)})`} in ${formatSeconds(r.data.seconds)}. DuckDB memory cap ${s.dbMemory}.`,
    '',
    '### Targets',
    '',
    ...targetLines(r).map((line) => `- ${line}`),
    '',
    '### Ingest and score',
    '',
    ingestTable(r),
    '',
    ingestNotes(r),
  ];
  if (r.rescore) {
    parts.push('', '### Rescore all data', '', `\`rescore(db)\` (what \`npm run rescore\` runs) over the JSONL run's database, in a process of its own: read every conversation back slice by slice (at most ${formatCount(RESCORE_SLICE)} conversations, in order of batch and id), score it into the stage, then swap the slice's scores in and rebuild its facts rows and rollups in one transaction.`, '', rescoreTable(r.rescore));
  }
  if (r.latency) parts.push('', '### Dashboard API latency', '', `Over the JSONL run's database${r.rescore ? ', after the rescore' : ''}. ${latencySection(r.latency)}`);
  parts.push('', `Elapsed: ${r.elapsed.map(([phase, seconds]) => `${phase} ${formatSeconds(seconds)}`).join(', ')}.`);
  return parts.join('\n');
}

/** Drops the `## ...` sections whose titles start with one of `prefixes` (sections this run supersedes). */
export function removeBenchmarkSections(prefixes: readonly string[]): string[] {
  const text = readFileSync(BENCHMARKS_FILE, 'utf8');
  const removed: string[] = [];
  const kept = text.split(/\n(?=## )/).filter((section) => {
    const title = section.startsWith('## ') ? section.slice(3, section.indexOf('\n') === -1 ? undefined : section.indexOf('\n')) : null;
    const drop = title !== null && prefixes.some((p) => title.startsWith(p));
    if (drop) removed.push(title);
    return !drop;
  });
  if (removed.length) writeFileSync(BENCHMARKS_FILE, `${kept.map((s) => s.trimEnd()).join('\n\n')}\n`);
  return removed;
}
