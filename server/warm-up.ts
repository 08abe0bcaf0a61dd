import type { Database } from './db/database.js';
import { rebuildStaleRollups, rollupTables } from './db/rollups.js';
import { getConversation, listConversations, marketCounts } from './queries/conversations.js';
import { computeMetrics } from './queries/metrics.js';
import { reviewQueue } from './queries/review.js';
import { computeSeries } from './queries/series.js';
import { isoWeekOf } from './reports/iso-week.js';
import { weeklyReport } from './reports/weekly.js';
import { rollupsCurrent } from './queries/sources.js';
import { principalForSession, principalForToken } from './queries/users.js';

/**
 * The dashboard's first requests, run once before the server listens: the first user after a
 * restart would otherwise pay for compiling every query path (JIT, DuckDB's first plans, the
 * sign-in lookup every request starts with) and for reading the rollups into DuckDB's buffer
 * pool. Unfiltered, one at a time (a list's first page reads the newest rows; a detail, the
 * id_key index; the weekly report, of the newest conversation's week in the server's time zone,
 * is the week the dashboard opens on: first asked cold it took 140-210 ms at a month, 40-50 ms
 * after); then every column of every rollup table is read once, since a filtered request reads
 * columns and tables the unfiltered ones do not (at a month: 0.6 s in all, and the cold metrics
 * p95 ~110 -> ~85 ms by hand, BENCHMARKS.md). Returns how long it took, ms (the benchmark's cold
 * rounds measure a server started this way).
 */
export async function warmUp(db: Database, timeZone = 'UTC'): Promise<number> {
  const started = performance.now();
  // Every request's first query: who is calling (a digest that matches nothing).
  await principalForSession(db, '');
  await principalForToken(db, '');
  await marketCounts(db);
  await computeMetrics(db, {});
  await computeSeries(db, {}, 'week');
  await computeSeries(db, {}, 'day');
  const newest = await listConversations(db, {}, 'date', { limit: 50, offset: 0 });
  await listConversations(db, {}, 'score', { limit: 50, offset: 0 });
  await reviewQueue(db, {}, { mode: 'risk', seed: 0, assignee: null, unreviewedOnly: false }, { limit: 50, offset: 0 });
  if (newest.items[0]) {
    await getConversation(db, newest.items[0].conversationId);
    await weeklyReport(db, isoWeekOf(new Date(newest.items[0].startedAt)), timeZone);
  }
  for (const table of rollupTables()) await db.all(`SELECT max(hash(COLUMNS(*))) FROM ${table}`);
  return performance.now() - started;
}

/**
 * What a server does before it listens (`npm start`, and the benchmark's server): warms up when
 * the rollups are current; else rebuilds them whole in the background (rebuildStaleRollups, after
 * an upgrade that changed their layout), answering from raw rows meanwhile. Failures are printed
 * to stderr.
 */
export async function prepareToServe(db: Database, log: (message: string) => void, timeZone = 'UTC'): Promise<void> {
  if (await rollupsCurrent(db)) {
    log(`Warmed up in ${(await warmUp(db, timeZone)).toFixed(0)} ms`);
    return;
  }
  const started = Date.now();
  void rebuildStaleRollups(db).then(
    (rebuilt) => rebuilt && log(`Rebuilt the rollups for this version in ${((Date.now() - started) / 1000).toFixed(1)} s`),
    (error: unknown) => console.error('Rebuilding the rollups failed; queries read raw rows until a write rebuilds them:', error),
  );
}
