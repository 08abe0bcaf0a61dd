/**
 * Benchmark of the dashboard: the production bundle's size (raw and gzip) and the time to the
 * first chart on the Overview page in headless Chromium on localhost, written to BENCHMARKS.md.
 *
 *   npx tsx server/cli/bench-web.ts [--runs 5] [--conversations 20000] [--weeks 8] [--no-build]
 *
 * Time to first chart = from navigation start to the first Tremor chart (a recharts SVG with a
 * drawn path or bar) on `/`, measured in the page, median of `runs` cold loads (a new browser
 * context each time: empty cache, no service worker). The server is the real one over a fresh
 * DuckDB file with demo data, signed in as an admin through the session cookie.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { z } from 'zod';
import { createApp } from '../app.js';
import { SESSION_COOKIE } from '../auth/middleware.js';
import { Database } from '../db/database.js';
import { loadDemoDataIfEmpty } from '../demo.js';
import { createSession, createUser } from '../queries/users.js';
import { machineDescription, writeBenchmarkSection } from './benchmarks-file.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const WEB_ROOT = join(REPO, 'dist', 'web');
const CHROMIUM = '/usr/bin/chromium';
/** The same test as the e2e suite uses for "a chart is drawn". */
const DRAWN_CHART = 'svg.recharts-surface :is(path[d]:not([d=""]), .recharts-bar-rectangle rect[height])';

/** Records in the page when the first chart is drawn, relative to navigation start. */
const FIRST_CHART_PROBE = `
  new MutationObserver(function () {
    if (window.__firstChart === undefined && document.querySelector(${JSON.stringify(DRAWN_CHART)})) {
      window.__firstChart = performance.now();
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
`;

const argsSchema = z.object({
  runs: z.coerce.number().int().min(1).max(50).default(5),
  conversations: z.coerce.number().int().min(100).default(20_000),
  weeks: z.coerce.number().int().min(1).max(104).default(8),
  build: z.boolean().default(true),
});

interface Asset {
  file: string;
  bytes: number;
  gzip: number;
  initial: boolean;
}

function build(): void {
  const result = spawnSync(join(REPO, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
    cwd: REPO,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
}

/** Every JS and CSS file of dist/web/assets; `initial` when index.html loads it (script, style or preload). */
function measureAssets(): Asset[] {
  const html = readFileSync(join(WEB_ROOT, 'index.html'), 'utf8');
  const dir = join(WEB_ROOT, 'assets');
  return readdirSync(dir)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((file) => {
      const content = readFileSync(join(dir, file));
      return { file, bytes: statSync(join(dir, file)).size, gzip: gzipSync(content, { level: 9 }).length, initial: html.includes(`/assets/${file}`) };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

async function startServer(conversations: number, weeks: number) {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-web-'));
  const db = await Database.open(join(dir, 'tandem.duckdb'));
  await loadDemoDataIfEmpty(db, { demoConversations: conversations, demoWeeks: weeks, repeatDays: 7 }, () => {});
  const admin = await createUser(db, 'bench-admin', 'bench-admin-password', 'admin');
  const session = await createSession(db, admin.userId);
  const app = createApp({ db, config: { repeatDays: 7, maxIngestBytes: 64 * 1024 * 1024 }, webRoot: WEB_ROOT, log: () => {} });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((ok, fail) => server.once('listening', ok).once('error', fail));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    session,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Milliseconds from navigation start to the first drawn chart, observed in the page itself. */
async function timeToFirstChart(browser: Browser, url: string, session: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  try {
    await context.addCookies([{ name: SESSION_COOKIE, value: session, url }]);
    // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
    await context.addInitScript(FIRST_CHART_PROBE);
    const page = await context.newPage();
    await page.goto(`${url}/`);
    await page.waitForFunction(() => (window as unknown as { __firstChart?: number }).__firstChart !== undefined, null, {
      timeout: 30_000,
    });
    return await page.evaluate(() => (window as unknown as { __firstChart: number }).__firstChart);
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function report(assets: Asset[], times: number[], args: z.infer<typeof argsSchema>): string {
  const sum = (list: Asset[], key: 'bytes' | 'gzip') => list.reduce((s, a) => s + a[key], 0);
  const initial = assets.filter((a) => a.initial);
  const rows = assets.map((a) => `| ${a.file.replace(/-[\w-]{8}\./, '.')} | ${kb(a.bytes)} | ${kb(a.gzip)} | ${a.initial ? 'yes' : 'on demand'} |`);
  return [
    `Command: \`npx tsx server/cli/bench-web.ts --runs ${args.runs} --conversations ${args.conversations} --weeks ${args.weeks}\``,
    `Machine: ${machineDescription()}, Chromium headless (${CHROMIUM}). Date: ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `- Production bundle (gzip -9): **${kb(sum(assets, 'gzip'))} KiB** in all (JS + CSS), of which **${kb(sum(initial, 'gzip'))} KiB** loads for the first page; the other pages are split out and load on first visit.`,
    `- Time to first chart on \`/\` (navigation start to the first drawn Tremor chart, ${args.runs} cold loads on localhost, ${args.conversations} demo conversations): **median ${Math.round(median(times))} ms** (runs: ${times.map((t) => Math.round(t)).join(', ')} ms).`,
    '',
    '| asset | raw (KiB) | gzip (KiB) | first page |',
    '|---|---:|---:|---|',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string' }, conversations: { type: 'string' }, weeks: { type: 'string' }, 'no-build': { type: 'boolean' } },
  });
  const args = argsSchema.parse({ ...values, build: !values['no-build'] });
  if (args.build) build();
  const assets = measureAssets();
  console.log(`Starting the server with ${args.conversations} demo conversations…`);
  const server = await startServer(args.conversations, args.weeks);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const times: number[] = [];
  try {
    await timeToFirstChart(browser, server.url, server.session); // warm the server's first query, not measured
    for (let i = 0; i < args.runs; i++) {
      times.push(await timeToFirstChart(browser, server.url, server.session));
      console.log(`run ${i + 1}: ${Math.round(times[i]!)} ms`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const body = report(assets, times, args);
  writeBenchmarkSection('Dashboard', body);
  console.log(`\n${body}\n\nWritten to BENCHMARKS.md (section "Dashboard").`);
}

await main();
