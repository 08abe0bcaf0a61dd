import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { rebuildFacts } from '../../server/db/facts.js';
import { evenMedian } from '../../server/db/measures.js';
import { RANK_KEYS, rebuildStaleRollups, refreshRollups } from '../../server/db/rollups.js';
import { loadDemoDataIfEmpty } from '../../server/demo.js';
import { aggregateSql } from '../../server/queries/aggregate.js';
import { countConversations, marketCounts } from '../../server/queries/conversations.js';
import { filterSql, type ConversationFilters } from '../../server/queries/filters.js';
import { computeAdjacentMetrics, computeMetrics } from '../../server/queries/metrics.js';
import { computeSeries } from '../../server/queries/series.js';
import { rowSource } from '../../server/queries/sources.js';
import { weekRange } from '../../server/reports/iso-week.js';
import { openTempDatabase } from '../helpers/db.js';
import { allRollupRows } from '../helpers/rollups.js';

/**
 * The rollups must give exactly the raw query's numbers. Demo data (3,000 conversations over the
 * 8 ISO weeks 2025-05-05 .. 2025-06-29) goes through real ingestion; the test then rebuilds the
 * rollups itself (a no-op in effect once ingestion keeps them current) and compares every metric
 * and series computed from them with the same computed from the raw view.
 */

const stockholm = (week: number) => weekRange({ year: 2025, week }, 'Europe/Stockholm');
const newYork = weekRange({ year: 2025, week: 24 }, 'America/New_York');
const kolkata = weekRange({ year: 2025, week: 22 }, 'Asia/Kolkata');

/** Filter sets the rollups answer: dimensions, whole days, and whole hours (a week in a time zone). */
const ROLLED_UP: [string, ConversationFilters][] = [
  ['no filter', {}],
  ['market', { market: ['SE'] }],
  ['channel', { channel: ['email', 'voice'] }],
  ['topic', { topic: ['fraud', 'dispute'] }],
  ['tier', { tier: ['vip'] }],
  ['handledBy', { handledBy: ['hybrid'] }],
  ['dimensions combined', { market: ['SE', 'NO', 'DE'], tier: ['standard'], channel: ['chat'], handledBy: ['ai', 'hybrid'] }],
  ['a range across weeks, ragged ends', { from: '2025-05-07', to: '2025-06-03' }],
  ['one ISO week', { from: '2025-05-19', to: '2025-05-25' }],
  ['a single day with a dimension', { from: '2025-06-11', to: '2025-06-11', topic: ['payments'] }],
  ['from only', { from: '2025-06-18' }],
  ['to only', { to: '2025-05-12', tier: ['vip'] }],
  ['a week in Stockholm (hour ends)', { startAt: stockholm(21).startUtc, endBefore: stockholm(21).endUtc }],
  ['a week in New York (hour ends on Mondays)', { startAt: newYork.startUtc, endBefore: newYork.endUtc }],
  ['hours within one day (a Sunday)', { startAt: new Date('2025-05-25T06:00:00Z'), endBefore: new Date('2025-05-25T18:00:00Z') }],
  ['dates and instants together', { from: '2025-05-20', startAt: new Date('2025-06-02T13:00:00Z'), to: '2025-06-08' }],
  ['empty: no data in range', { from: '2024-01-01', to: '2024-01-31' }],
  ['empty: a market with no data', { market: ['ZZ'] }],
  ['empty: start after end', { startAt: new Date('2025-06-02T00:00:00Z'), endBefore: new Date('2025-06-01T00:00:00Z') }],
];

/** Filter sets that must fall back to the raw view. */
const RAW_ONLY: [string, ConversationFilters][] = [
  ['reviewer overrides', { overrides: true }],
  ['a week in a half-hour zone', { startAt: kolkata.startUtc, endBefore: kolkata.endUtc }],
  ['hours of a day without hour rows (a Wednesday)', { startAt: new Date('2025-05-21T06:00:00Z'), endBefore: new Date('2025-05-22T00:00:00Z') }],
  ['a drill-down filter', { aiStarted: true } as ConversationFilters],
];

/**
 * Adjacent periods read in one pass (the weekly report's this week and the last): filters, the
 * instants they are cut at, and whether the rollups answer. Each piece must equal computeMetrics
 * over that piece alone, raw and rolled up.
 */
const week = (w: number, zone: string) => weekRange({ year: 2025, week: w }, zone);
const ADJACENT: [string, ConversationFilters, Date[], boolean][] = [
  ['two UTC weeks', { startAt: week(22, 'UTC').startUtc, endBefore: week(23, 'UTC').endUtc }, [week(23, 'UTC').startUtc], true],
  ['two Stockholm weeks, VIPs', { startAt: stockholm(23).startUtc, endBefore: stockholm(24).endUtc, tier: ['vip'] }, [stockholm(24).startUtc], true],
  ['two New York weeks', { startAt: week(23, 'America/New_York').startUtc, endBefore: newYork.endUtc }, [newYork.startUtc], true],
  ['two Kolkata weeks (raw)', { startAt: week(21, 'Asia/Kolkata').startUtc, endBefore: kolkata.endUtc }, [kolkata.startUtc], false],
  ['three pieces, the last empty', { from: '2025-06-16', to: '2025-07-13' }, [new Date('2025-06-23T00:00:00Z'), new Date('2025-06-30T00:00:00Z')], true],
  ['cut on a Wednesday hour (raw)', { from: '2025-05-12', to: '2025-05-25' }, [new Date('2025-05-21T06:00:00Z')], false],
];

describe('rollups give the raw numbers', () => {
  let db: Database;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await openTempDatabase());
    await loadDemoDataIfEmpty(db, { demoConversations: 3000, demoWeeks: 8, repeatDays: 7 }, () => undefined);
    await db.transaction((conn) => refreshRollups(conn, 'all'));
  }, 120_000);
  afterAll(() => close());

  it.each(ROLLED_UP)('metrics and series: %s', async (_name, filters) => {
    expect((await rowSource(db, filters)).rolledUp).toBe(true);
    expect(await computeMetrics(db, filters)).toEqual(await computeMetrics(db, filters, { raw: true }));
    for (const grain of ['day', 'week'] as const) {
      expect(await computeSeries(db, filters, grain)).toEqual(await computeSeries(db, filters, grain, { raw: true }));
    }
  });

  it.each(ADJACENT)('adjacent periods in one pass: %s', async (_name, filters, splits, rolledUp) => {
    expect((await rowSource(db, filters, { splits })).rolledUp).toBe(rolledUp);
    const pieces = await computeAdjacentMetrics(db, filters, splits);
    expect(pieces).toHaveLength(splits.length + 1);
    expect(pieces.slice(0, 2).every((m) => m.conversations > 0)).toBe(true);
    expect(pieces.reduce((sum, m) => sum + m.conversations, 0)).toBe((await computeMetrics(db, filters)).conversations);
    for (const piece of pieces) expect(piece).toEqual(await computeMetrics(db, piece.filters, { raw: true }));
    expect(await computeAdjacentMetrics(db, filters, splits, { raw: true })).toEqual(pieces);
  });

  it.each(ROLLED_UP)('list total: %s', async (_name, filters) => {
    const { sql: where, params } = filterSql(filters);
    const raw = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM conversation_facts f ${where}`, params);
    expect(await countConversations(db, filters)).toBe(raw!.n);
  });

  it.each(ROLLED_UP)('conversations by escalation score and review risk, per day and in all: %s', async (_name, filters) => {
    const [rolledUp, raw] = [await rowSource(db, filters), await rowSource(db, filters, { raw: true })];
    expect([rolledUp.rolledUp, raw.rolledUp]).toEqual([true, false]);
    for (const column of RANK_KEYS) {
      for (const spec of [{ groupBy: [column] }, { groupBy: ['period', column], resolution: 'day' as const }]) {
        const read = async (source: typeof raw) => {
          const { sql, params } = aggregateSql(source, 'ranks', { counts: ['conversations'], ...spec });
          return db.all(sql, params);
        };
        expect(await read(rolledUp)).toEqual(await read(raw));
      }
    }
  });

  it('markets and their counts', async () => {
    const raw = await db.all(`SELECT market, count(*)::INTEGER AS conversations FROM conversations WHERE market IS NOT NULL GROUP BY market ORDER BY market`);
    expect(await marketCounts(db)).toEqual(raw);
  });

  it('the sets above are not trivial: data in most, and hours and medians exercised', async () => {
    const all = await computeMetrics(db, {});
    expect(all.conversations).toBe(3000);
    expect(all.escalation.medianGapSeconds).not.toBeNull();
    const set = (name: string) => ROLLED_UP.find(([n]) => n === name)![1];
    expect((await computeMetrics(db, set('a week in Stockholm (hour ends)'))).conversations).toBeGreaterThan(200);
    expect((await computeMetrics(db, set('a single day with a dimension'))).conversations).toBeGreaterThan(0);
  });

  it.each(RAW_ONLY)('falls back to the raw view: %s', async (_name, filters) => {
    expect((await rowSource(db, filters)).rolledUp).toBe(false);
  });

  it('an even count takes the median of the two middle values as DuckDB does', async () => {
    const conn = await db.connect();
    try {
      const reader = await conn.runAndReadAll(`SELECT a, b, (SELECT median(x) FROM (VALUES (a), (b)) t(x)) AS m
        FROM (SELECT random() * 2000 - 1000 AS a, random() * exp(random() * 30) AS b FROM range(2000))
        UNION ALL SELECT 0.1, 0.7, (SELECT median(x) FROM (VALUES (0.1::DOUBLE), (0.7::DOUBLE)) t(x))`);
      for (const { a, b, m } of reader.getRowObjectsJS() as { a: number; b: number; m: number }[]) {
        expect(evenMedian(Math.min(a, b), Math.max(a, b))).toBe(m);
      }
    } finally {
      conn.closeSync();
    }
  });

  it('a dirty-days refresh of two changed days equals a full rebuild', async () => {
    const [incremental, full] = await db.write(async (conn) => {
      await conn.run('BEGIN TRANSACTION');
      try {
        await changeTwoDays(conn);
        await conn.run(`CREATE OR REPLACE TEMP TABLE dirty_days AS SELECT * FROM (VALUES (DATE '2025-05-14'), (DATE '2025-06-22')) t(day)`);
        await refreshRollups(conn, { dirtyDays: 'dirty_days' });
        const afterDirty = await allRollupRows(conn);
        await refreshRollups(conn, 'all');
        return [afterDirty, await allRollupRows(conn)];
      } finally {
        await conn.run('ROLLBACK');
      }
    });
    expect(Object.values(incremental).flat().length).toBeGreaterThan(1000);
    expect(incremental).toEqual(full);
  });

  it('a rebuild in one-day chunks equals one in a single chunk', async () => {
    const [oneChunk, dayByDay] = await db.write(async (conn) => {
      await conn.run('BEGIN TRANSACTION');
      try {
        await refreshRollups(conn, 'all', { chunkConversations: 1_000_000 });
        const single = await allRollupRows(conn);
        await refreshRollups(conn, 'all', { chunkConversations: 1 });
        return [single, await allRollupRows(conn)];
      } finally {
        await conn.run('ROLLBACK');
      }
    });
    expect(Object.values(dayByDay).flat().length).toBeGreaterThan(1000);
    expect(dayByDay).toEqual(oneChunk);
  });

  it('runs in the caller\'s transaction: a rollback leaves the rollups as they were', async () => {
    const conn = await db.connect();
    try {
      const before = await allRollupRows(conn);
      await expect(db.transaction(async (w) => {
        await w.run(`DELETE FROM conversation_scores WHERE conversation_id IN (SELECT conversation_id FROM conversations WHERE started_at::DATE = DATE '2025-05-14')`);
        await rebuildFacts(w);
        await w.run(`CREATE OR REPLACE TEMP TABLE dirty_days AS SELECT DATE '2025-05-14' AS day`);
        await refreshRollups(w, { dirtyDays: 'dirty_days' });
        throw new Error('abort');
      })).rejects.toThrow('abort');
      expect(await allRollupRows(conn)).toEqual(before);
    } finally {
      conn.closeSync();
    }
  });

  it('until a full rebuild, a dirty-days refresh rebuilds everything and queries read raw rows', async () => {
    await db.write((conn) => conn.run(`DELETE FROM meta WHERE key = 'rollup_version'`));
    expect((await rowSource(db, {})).rolledUp).toBe(false);
    await db.transaction(async (conn) => {
      await conn.run(`CREATE OR REPLACE TEMP TABLE dirty_days AS SELECT DATE '2025-05-14' AS day`);
      await refreshRollups(conn, { dirtyDays: 'dirty_days' });
    });
    expect((await rowSource(db, {})).rolledUp).toBe(true);
    expect(await computeMetrics(db, {})).toEqual(await computeMetrics(db, {}, { raw: true }));
  });

  it('rollups of an older layout are rebuilt whole at start (rebuildStaleRollups), and only then', async () => {
    const conn = await db.connect();
    try {
      const current = await allRollupRows(conn);
      expect(await rebuildStaleRollups(db)).toBe(false);
      await db.write(async (w) => {
        await w.run(`UPDATE meta SET value = 'an older layout' WHERE key = 'rollup_version'`);
        await w.run('DELETE FROM rollup_rank_day');
      });
      expect((await rowSource(db, {})).rolledUp).toBe(false);
      expect(await rebuildStaleRollups(db)).toBe(true);
      expect((await rowSource(db, {})).rolledUp).toBe(true);
      expect(await allRollupRows(conn)).toEqual(current);
    } finally {
      conn.closeSync();
    }
  });
});

/**
 * Changes on 2025-05-14 and 2025-06-22: deletes a few conversations, moves one to the other day,
 * flips escalation statuses, gaps and repeat states, and drops a trigger, all as raw writes.
 */
async function changeTwoDays(conn: DuckDBConnection): Promise<void> {
  const onDay = (day: string, n: number) => `SELECT conversation_id FROM conversations WHERE started_at::DATE = DATE '${day}' ORDER BY conversation_id LIMIT ${n}`;
  for (const table of ['conversation_scores', 'triggers', 'conversations']) {
    await conn.run(`DELETE FROM ${table} WHERE conversation_id IN (${onDay('2025-05-14', 5)})`);
  }
  await conn.run(`UPDATE conversations SET started_at = TIMESTAMP '2025-06-22 10:30:00'
    WHERE conversation_id = (SELECT max(conversation_id) FROM conversations WHERE started_at::DATE = DATE '2025-05-14')`);
  await conn.run(`UPDATE conversation_scores SET escalation_status = 'late', gap_turns = 3, gap_seconds = 42.5
    WHERE conversation_id IN (${onDay('2025-06-22', 20)})`);
  await conn.run(`UPDATE conversations SET repeat_contact = 'pending', csat = 5 WHERE conversation_id IN (${onDay('2025-05-14', 40)})`);
  await conn.run(`DELETE FROM triggers WHERE conversation_id IN (SELECT conversation_id FROM triggers t JOIN conversations c USING (conversation_id)
    WHERE c.started_at::DATE = DATE '2025-06-22' LIMIT 3)`);
  // Raw writes bypass the writers that keep the facts table current.
  await rebuildFacts(conn);
}
