/**
 * Latency of the dashboard's API requests, one at a time over keep-alive HTTP on loopback, timed
 * from sending the request to having read the whole body. Every request must answer 200.
 *
 * A round is the plan below once: every endpoint under every filter set, lists sorted by date
 * and by score on page 1 and on a deep page, the detail of `DETAIL_IDS` conversations and the
 * weekly report. Cold = the first round after a fresh server process starts (DuckDB's buffer
 * pool empty, nothing compiled or cached; the OS file cache is not dropped), repeated over
 * `coldStarts` restarts; the first request of each endpoint is also kept apart. Warm = `rounds`
 * rounds after `warmup` unmeasured ones, on the last of those servers.
 */
import { spawnSync } from 'node:child_process';
import { DEFAULT_END_DATE } from '../../data/generator/config.js';
import { Rng } from '../../data/generator/random.js';
import { formatWeek, isoWeekOf } from '../reports/iso-week.js';
import { startServer, type ServerChild } from './bench-child.js';
import { summarize, TARGETS, type Summary } from './bench-stats.js';

/** Conversations whose detail is fetched each round, drawn at random with the bench's seed. */
export const DETAIL_IDS = 30;
const PAGE_SIZE = 50;
/** "Deep page": page 200 of 50, as far as anyone pages before narrowing the filters. */
const DEEP_OFFSET = 199 * PAGE_SIZE;
const DAY_MS = 86_400_000;

export interface PlannedRequest {
  endpoint: string;
  filter: string;
  path: string;
}

/** The filter sets every filtered endpoint is asked with; the week is the last one of the data. */
export function filterSets(endDate: string = DEFAULT_END_DATE): [string, Record<string, string>][] {
  const end = new Date(`${endDate}T00:00:00Z`);
  const from = new Date(end.getTime() - 6 * DAY_MS).toISOString().slice(0, 10);
  return [
    ['none', {}],
    ['market=SE', { market: 'SE' }],
    ['channel=chat&tier=vip', { channel: 'chat', tier: 'vip' }],
    [`one week (${from}..${endDate})`, { from, to: endDate }],
    ['handledBy=ai', { handledBy: 'ai' }],
    ['topic=refund', { topic: 'refund' }],
  ];
}

function url(path: string, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

/** `count` distinct generated conversation ids (the generator names them c-0000001, c-0000002, ...). */
export function randomConversationIds(conversations: number, count: number, seed: number): string[] {
  const rng = new Rng(seed);
  const ids = new Set<string>();
  while (ids.size < Math.min(count, conversations)) ids.add(`c-${String(rng.int(1, conversations)).padStart(7, '0')}`);
  return [...ids];
}

export function requestPlan(detailIds: readonly string[], endDate: string = DEFAULT_END_DATE): PlannedRequest[] {
  const plan: PlannedRequest[] = [{ endpoint: 'markets', filter: 'none', path: '/api/markets' }];
  const filters = filterSets(endDate);
  const add = (endpoint: string, path: string, extra: Record<string, string>) => {
    for (const [filter, query] of filters) plan.push({ endpoint, filter, path: url(path, { ...query, ...extra }) });
  };
  add('metrics', '/api/metrics', {});
  add('series by week', '/api/metrics/series', { grain: 'week' });
  add('series by day', '/api/metrics/series', { grain: 'day' });
  for (const sort of ['date', 'score']) {
    add(`conversations by ${sort}, page 1`, '/api/conversations', { sort, limit: String(PAGE_SIZE) });
    add(`conversations by ${sort}, page 200`, '/api/conversations', { sort, limit: String(PAGE_SIZE), offset: String(DEEP_OFFSET) });
  }
  add('review queue', '/api/review/queue', { limit: String(PAGE_SIZE) });
  for (const id of detailIds) plan.push({ endpoint: 'conversation detail', filter: id, path: `/api/conversations/${id}` });
  const week = formatWeek(isoWeekOf(new Date(`${endDate}T00:00:00Z`)));
  plan.push({ endpoint: 'weekly report (json)', filter: week, path: url('/api/reports/weekly', { week, format: 'json' }) });
  return plan;
}

/** The p95 each endpoint must stay under. */
export function targetFor(endpoint: string): number {
  return endpoint === 'conversation detail' ? TARGETS.detailP95Ms : TARGETS.dashboardP95Ms;
}

async function timeRequest(server: { url: string; token: string }, path: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.token}` } });
  const body = await res.arrayBuffer();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
  return ms;
}

type Samples = Map<string, number[]>;

function push(map: Samples, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

async function runRound(server: { url: string; token: string }, plan: readonly PlannedRequest[], byEndpoint: Samples, byRequest?: Samples): Promise<Samples> {
  const firsts: Samples = new Map();
  for (const r of plan) {
    const ms = await timeRequest(server, r.path);
    if (!firsts.has(r.endpoint)) firsts.set(r.endpoint, [ms]);
    push(byEndpoint, r.endpoint, ms);
    if (byRequest) push(byRequest, `${r.endpoint}\u0000${r.filter}`, ms);
  }
  return firsts;
}

export interface EndpointLatency {
  endpoint: string;
  targetP95Ms: number;
  /** First request of the endpoint after each fresh start. */
  coldFirst: number[];
  cold: Summary;
  warm: Summary;
}

export interface LatencyResults {
  endpoints: EndpointLatency[];
  /** The warm p95 of single (endpoint, filter) pairs, slowest first. */
  slowest: { endpoint: string; filter: string; p95: number }[];
  requestsPerRound: number;
  coldStarts: number;
  warmup: number;
  rounds: number;
  serverRssAtStartMb: number;
  serverPeakRssMb: number;
  /** How much of the database file the OS had cached before the first cold start; null: unknown. */
  osCache: FileCache | null;
}

export interface FileCache {
  cachedMb: number;
  fileMb: number;
}

/**
 * How much of a file is in the OS page cache, from util-linux's `fincore` (null without it). A
 * cold detail reads rows no warm-up holds: from memory when the OS still caches them, from disk
 * when it has let them go (this machine reclaims idle pages on its own). At a month, cold detail
 * p95 was 42.1 ms with 1.5 of 2.2 GB cached, and 23.1 ms with all of it (BENCHMARKS.md).
 */
export function osCacheOf(path: string): FileCache | null {
  const run = spawnSync('fincore', ['--bytes', '--noheadings', '--output', 'RES,SIZE', path], { encoding: 'utf8' });
  const [cached, size] = run.status === 0 ? run.stdout.trim().split(/\s+/).map(Number) : [];
  if (cached === undefined || size === undefined || !Number.isFinite(cached) || !Number.isFinite(size)) return null;
  return { cachedMb: cached / 1024 / 1024, fileMb: size / 1024 / 1024 };
}

export async function measureLatency(
  serverOptions: Record<string, string>,
  plan: readonly PlannedRequest[],
  settings: { coldStarts: number; warmup: number; rounds: number },
  log: (message: string) => void,
): Promise<LatencyResults> {
  const osCache = serverOptions.db ? osCacheOf(serverOptions.db) : null;
  const cold: Samples = new Map();
  const coldFirst: Samples = new Map();
  const coldRound = async (server: ServerChild, start: number) => {
    for (const [endpoint, [ms]] of await runRound(server, plan, cold)) push(coldFirst, endpoint, ms!);
    log(`  cold start ${start}/${settings.coldStarts} measured`);
  };
  for (let start = 1; start < settings.coldStarts; start++) {
    const server = await startServer(serverOptions);
    try {
      await coldRound(server, start);
    } finally {
      await server.stop();
    }
  }
  // The last fresh server is measured cold, then warmed up and measured warm.
  const server = await startServer(serverOptions);
  const warm: Samples = new Map();
  const byRequest: Samples = new Map();
  let peakRssMb: number;
  try {
    await coldRound(server, settings.coldStarts);
    for (let i = 0; i < settings.warmup; i++) await runRound(server, plan, new Map());
    for (let i = 0; i < settings.rounds; i++) await runRound(server, plan, warm, byRequest);
    log(`  ${settings.rounds} warm rounds measured`);
  } finally {
    ({ peakRssMb } = await server.stop());
  }
  const endpoints = [...cold.keys()].map((endpoint) => ({
    endpoint,
    targetP95Ms: targetFor(endpoint),
    coldFirst: coldFirst.get(endpoint)!,
    cold: summarize(cold.get(endpoint)!)!,
    warm: summarize(warm.get(endpoint)!)!,
  }));
  const slowest = [...byRequest]
    .map(([key, samples]) => {
      const [endpoint, filter] = key.split('\u0000') as [string, string];
      return { endpoint, filter, p95: summarize(samples)!.p95 };
    })
    .sort((a, b) => b.p95 - a.p95);
  return {
    endpoints, slowest, requestsPerRound: plan.length, ...settings,
    serverRssAtStartMb: server.rssAtStartMb, serverPeakRssMb: peakRssMb, osCache,
  };
}
