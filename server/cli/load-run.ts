/**
 * A load run over loopback HTTP: dashboard readers (autocannon, one instance per endpoint group,
 * all running at once) while batches of generated conversations are POSTed to /api/ingest one
 * after the other. Shared by `npm run bench:load` and test/integration/load.test.ts, so the test
 * checks the same traffic the benchmark measures.
 *
 * Besides latency and failures it watches what readers see: every unfiltered /api/metrics answer's
 * `conversations` is recorded, so a caller can check it is always the total after a whole number
 * of batches (a batch is atomic) and never goes back on one connection.
 */
import autocannon from 'autocannon';
import { generateConversations } from '../../data/generator/index.js';

/** The generator's default window: 8 ISO weeks, 2025-W19 (from 2025-05-05) to 2025-W26 (to Sunday 2025-06-29). */
const LAST_WEEK = '2025-W26';
const PREVIOUS_WEEK = '2025-W25';
const UNFILTERED_METRICS = '/api/metrics';
/** By default a request slower than this counts as a timeout (autocannon's default). */
export const REQUEST_TIMEOUT_SECONDS = 10;
const FAILURE_SAMPLES = 5;

export interface ReaderGroup {
  name: string;
  /** Share of the connections (weights, normalised over the groups). */
  weight: number;
  /** Cycled through, in order, by each connection. */
  paths: string[];
  /** When set, each request picks its path here instead (e.g. a random real conversation). */
  pickPath?: () => string;
}

/** A realistic dashboard mix: what the Overview, lists, transcripts, review queue and weekly pages ask. */
export function dashboardReaderGroups(conversationIds: string[]): ReaderGroup[] {
  if (conversationIds.length === 0) throw new Error('dashboardReaderGroups: need real conversation ids');
  let next = 0;
  return [
    { name: 'GET /api/metrics', weight: 12, paths: [
      UNFILTERED_METRICS, '/api/metrics?from=2025-06-02&to=2025-06-29', '/api/metrics?market=SE,NO&channel=chat',
      '/api/metrics?tier=vip&handledBy=ai', '/api/metrics?topic=refund,dispute&from=2025-05-05&to=2025-05-31',
    ] },
    { name: 'GET /api/metrics/series', weight: 8, paths: [
      '/api/metrics/series?grain=week', '/api/metrics/series?grain=day',
      '/api/metrics/series?grain=day&market=SE&from=2025-06-01&to=2025-06-29', '/api/metrics/series?grain=week&tier=vip',
    ] },
    { name: 'GET /api/conversations', weight: 12, paths: [
      '/api/conversations?sort=date&limit=50', '/api/conversations?sort=date&limit=50&offset=500',
      '/api/conversations?sort=score&limit=50', '/api/conversations?sort=score&vipFailure=true&limit=50',
      '/api/conversations?sort=score&escalation=missed,late&market=SE&limit=50&offset=50',
      '/api/conversations?sort=date_asc&topic=refund&from=2025-06-01&to=2025-06-29&limit=100',
    ] },
    { name: 'GET /api/conversations/:id', weight: 10, paths: [],
      pickPath: () => `/api/conversations/${encodeURIComponent(conversationIds[next++ % conversationIds.length]!)}` },
    { name: 'GET /api/review/queue', weight: 5, paths: [
      '/api/review/queue?limit=50', '/api/review/queue?limit=50&offset=50&tier=vip', '/api/review/queue?mode=random&seed=7&limit=50',
    ] },
    { name: 'GET /api/reports/weekly', weight: 3, paths: [`/api/reports/weekly?week=${LAST_WEEK}`, `/api/reports/weekly?week=${PREVIOUS_WEEK}`] },
  ];
}

/** Splits `total` connections over the groups by weight (largest remainder), at least one each. */
export function splitConnections(groups: ReaderGroup[], total: number): number[] {
  if (total < groups.length) throw new Error(`need at least ${groups.length} connections, one per group`);
  const sum = groups.reduce((s, g) => s + g.weight, 0);
  const exact = groups.map((g) => (g.weight / sum) * total);
  const counts = exact.map((x) => Math.max(1, Math.floor(x)));
  const byRemainder = exact.map((_, i) => i).sort((a, b) => (exact[b]! - counts[b]!) - (exact[a]! - counts[a]!));
  for (let k = 0, missing = total - counts.reduce((s, c) => s + c, 0); k < missing; k++) counts[byRemainder[k % counts.length]!]! += 1;
  // Groups raised to one connection are paid for by the largest groups.
  while (counts.reduce((s, c) => s + c, 0) > total) counts[counts.indexOf(Math.max(...counts))]! -= 1;
  return counts;
}

export interface LatencySummary { p50: number; p90: number; p99: number; max: number; mean: number }

export interface GroupResult {
  name: string;
  connections: number;
  /** Responses received (any status). */
  responses: number;
  /** Connection errors, including timeouts. */
  errors: number;
  timeouts: number;
  non2xx: number;
  latency: LatencySummary;
  /** The first few failures (status, path and body, or the error), for the report. */
  failures: string[];
}

export function summarise(latencies: number[]): LatencySummary {
  if (latencies.length === 0) return { p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(latencies).sort();
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { p50: rank(0.5), p90: rank(0.9), p99: rank(0.99), max: sorted[sorted.length - 1]!, mean: latencies.reduce((s, x) => s + x, 0) / latencies.length };
}

/** What readers saw of the unfiltered conversation count. */
export class CommittedCounts {
  /** Count -> how many answers showed it. */
  readonly seen = new Map<number, number>();
  /** Answers that showed a smaller count than the previous answer on the same connection. */
  backwards = 0;
  private pending: number | undefined;
  private readonly lastByClient = new WeakMap<object, number>();

  /** autocannon calls a request's onResponse and then, synchronously, emits 'response' with the client. */
  noteBody(status: number, body: string): void {
    this.pending = status === 200 ? (JSON.parse(body) as { conversations: number }).conversations : undefined;
  }

  noteClient(client: object): void {
    const count = this.pending;
    this.pending = undefined;
    if (count === undefined) return;
    this.seen.set(count, (this.seen.get(count) ?? 0) + 1);
    const last = this.lastByClient.get(client);
    if (last !== undefined && count < last) this.backwards += 1;
    this.lastByClient.set(client, count);
  }
}

interface RunningGroup { stop: () => void; done: Promise<GroupResult>; latencies: number[] }

function requestsOf(group: ReaderGroup, counts: CommittedCounts, failures: string[]): autocannon.Request[] {
  const onResponse = (path: string) => (status: number, body: string) => {
    if (path === UNFILTERED_METRICS) counts.noteBody(status, body);
    if ((status < 200 || status > 299) && failures.length < FAILURE_SAMPLES) failures.push(`${status} ${path}: ${body.slice(0, 300)}`);
  };
  if (group.pickPath) {
    const pick = group.pickPath;
    // The context is the connection's own, so the answer is matched with the path it asked for.
    return [{
      method: 'GET',
      setupRequest: (req, context) => ({ ...req, path: ((context as { path?: string }).path = pick()) }),
      onResponse: (status, body, context) => onResponse((context as { path?: string }).path ?? '?')(status, body),
    }];
  }
  return group.paths.map((path) => ({ method: 'GET', path, onResponse: onResponse(path) }));
}

interface ReadersOptions {
  url: string; token: string; groups: ReaderGroup[]; connections: number; maxSeconds: number; timeoutSeconds: number; counts: CommittedCounts;
}

function startGroup(o: ReadersOptions, group: ReaderGroup, connections: number): RunningGroup {
  const latencies: number[] = [];
  const failures: string[] = [];
  let resolveDone!: (r: GroupResult) => void;
  let rejectDone!: (e: unknown) => void;
  const done = new Promise<GroupResult>((res, rej) => { resolveDone = res; rejectDone = rej; });
  const instance = autocannon({
    url: o.url, connections, duration: o.maxSeconds, timeout: o.timeoutSeconds,
    headers: { authorization: `Bearer ${o.token}`, accept: 'application/json' },
    requests: requestsOf(group, o.counts, failures),
  }, (error: unknown, result: autocannon.Result) => {
    if (error) return rejectDone(error);
    resolveDone({
      name: group.name, connections, responses: latencies.length, errors: result.errors, timeouts: result.timeouts,
      non2xx: result.non2xx, latency: summarise(latencies), failures,
    });
  });
  instance.on('response', (client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
    o.counts.noteClient(client);
  });
  instance.on('reqError', (error: unknown) => {
    if (failures.length < FAILURE_SAMPLES) failures.push(`${group.name}: ${String((error as Error)?.message ?? error)}`);
  });
  return { stop: () => instance.stop(), done, latencies };
}

export interface ReadersRun { stop: () => Promise<{ groups: GroupResult[]; overall: GroupResult }> }

/** Starts every group at once; they run until `stop()` or `maxSeconds`, whichever comes first. */
export function startReaders(opts: ReadersOptions): ReadersRun {
  const split = splitConnections(opts.groups, opts.connections);
  const running = opts.groups.map((g, i) => startGroup(opts, g, split[i]!));
  return {
    stop: async () => {
      for (const r of running) r.stop();
      const groups = await Promise.all(running.map((r) => r.done));
      const overall: GroupResult = {
        name: 'all', connections: opts.connections,
        responses: groups.reduce((s, g) => s + g.responses, 0), errors: groups.reduce((s, g) => s + g.errors, 0),
        timeouts: groups.reduce((s, g) => s + g.timeouts, 0), non2xx: groups.reduce((s, g) => s + g.non2xx, 0),
        latency: summarise(running.flatMap((r) => r.latencies)), failures: groups.flatMap((g) => g.failures).slice(0, FAILURE_SAMPLES),
      };
      return { groups, overall };
    },
  };
}

export interface IngestBatch {
  label: string;
  /** NDJSON, encoded once up front so sending it costs the load generator little. */
  body: Uint8Array<ArrayBuffer>;
  conversations: number;
  messages: number;
  /** The label of the batch this one re-sends (same bytes: nothing should change). */
  resendOf?: string;
}

/** `conversations` generated conversations as an NDJSON body, ids prefixed with `label` so they are new data. */
export function generatedBatch(label: string, opts: { seed: number; conversations: number; weeks: number }): IngestBatch {
  const lines: string[] = [];
  let messages = 0;
  for (const record of generateConversations(opts)) {
    messages += (record.messages as unknown[]).length;
    lines.push(JSON.stringify({ ...record, conversation_id: `${label}-${record.conversation_id}` }));
  }
  return { label, body: new TextEncoder().encode(lines.join('\n') + '\n'), conversations: lines.length, messages };
}

/** Up to `max` real conversation ids, newest first, read through the API like a dashboard would. */
export async function listConversationIds(url: string, token: string, max: number): Promise<string[]> {
  const ids: string[] = [];
  while (ids.length < max) {
    const res = await fetch(`${url}/api/conversations?sort=date&limit=${Math.min(1000, max - ids.length)}&offset=${ids.length}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`listing conversations: ${res.status} ${await res.text()}`);
    const { items } = (await res.json()) as { items: { conversationId: string }[] };
    ids.push(...items.map((i) => i.conversationId));
    if (items.length === 0) break;
  }
  return ids;
}

export interface IngestOutcome {
  label: string;
  resendOf?: string;
  conversations: number;
  status: number;
  accepted: number;
  unchanged: number;
  rejected: number;
  /** Seconds from the start of the run to the start and end of the request. */
  startedAt: number;
  seconds: number;
  error?: string;
}

/** POSTs the batches one after the other while `keepGoing()` says so; each is bounded by `timeoutSeconds`. */
export async function runIngestLoop(opts: {
  url: string; token: string; batches: IngestBatch[]; keepGoing: () => boolean; timeoutSeconds: number; t0: number;
}): Promise<IngestOutcome[]> {
  const outcomes: IngestOutcome[] = [];
  for (const batch of opts.batches) {
    if (!opts.keepGoing()) break;
    const started = performance.now();
    const base = { label: batch.label, resendOf: batch.resendOf, conversations: batch.conversations, startedAt: (started - opts.t0) / 1000 };
    try {
      const res = await fetch(`${opts.url}/api/ingest?source=load-${batch.label}`, {
        method: 'POST', body: batch.body, signal: AbortSignal.timeout(opts.timeoutSeconds * 1000),
        headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/x-ndjson' },
      });
      const text = await res.text();
      const seconds = (performance.now() - started) / 1000;
      const r = (res.ok ? JSON.parse(text) : {}) as { accepted?: number; unchanged?: number; rejected?: number };
      outcomes.push({ ...base, status: res.status, accepted: r.accepted ?? 0, unchanged: r.unchanged ?? 0, rejected: r.rejected ?? 0, seconds,
        ...(res.ok ? {} : { error: text.slice(0, 300) }) });
    } catch (error) {
      outcomes.push({ ...base, status: 0, accepted: 0, unchanged: 0, rejected: 0, seconds: (performance.now() - started) / 1000, error: String(error) });
    }
  }
  return outcomes;
}

/**
 * The conversation counts a reader may see: the total after 0, 1, 2... of the batches, in order.
 * A re-send or a failed batch adds nothing; a new batch adds its accepted conversations (its ids are new).
 */
export function committedTotals(before: number, outcomes: IngestOutcome[]): number[] {
  const totals = [before];
  for (const o of outcomes) totals.push(totals[totals.length - 1]! + (o.status === 200 && !o.resendOf ? o.accepted : 0));
  return totals;
}

export interface LoadResult {
  /** How long the readers ran. */
  seconds: number;
  groups: GroupResult[];
  overall: GroupResult;
  batches: IngestOutcome[];
  counts: CommittedCounts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Readers and ingestion at once. Readers run for at least `minSeconds` and until `tailSeconds`
 * after the last batch (so they see its result), never past `maxSeconds`, which also bounds each
 * batch. With `startBatchesUntil` no batch starts after that many seconds (the benchmark's
 * deadline); otherwise every batch runs (the test's fixed plan). A reader request slower than
 * `requestTimeoutSeconds` (default 10) counts as a timeout.
 */
export async function runLoad(o: {
  url: string; token: string; groups: ReaderGroup[]; connections: number; batches: IngestBatch[];
  minSeconds: number; tailSeconds: number; maxSeconds: number; startBatchesUntil?: number; requestTimeoutSeconds?: number;
}): Promise<LoadResult> {
  const counts = new CommittedCounts();
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  const readers = startReaders({
    url: o.url, token: o.token, groups: o.groups, connections: o.connections, maxSeconds: o.maxSeconds,
    timeoutSeconds: o.requestTimeoutSeconds ?? REQUEST_TIMEOUT_SECONDS, counts,
  });
  const batches = await runIngestLoop({
    url: o.url, token: o.token, batches: o.batches, t0, timeoutSeconds: o.maxSeconds,
    keepGoing: () => o.startBatchesUntil === undefined || elapsed() < o.startBatchesUntil,
  });
  const endAt = Math.min(o.maxSeconds, Math.max(o.minSeconds, o.batches.length ? elapsed() + o.tailSeconds : 0));
  await sleep((endAt - elapsed()) * 1000);
  const { groups, overall } = await readers.stop();
  return { seconds: elapsed(), groups, overall, batches, counts };
}
