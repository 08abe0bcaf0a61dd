import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { openTempDatabase } from '../helpers/db.js';

/**
 * Database.all keeps reader connections and their prepared statements between queries
 * (server/db/database.ts). Reuse must never change what a query returns.
 */
describe('reader connections kept between queries', () => {
  let db: Database;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ db, close } = await openTempDatabase());
  });
  afterEach(() => close());

  it('a query run again reuses its reader and still reads every write committed since', async () => {
    const count = `SELECT count(*)::INTEGER AS n, current_connection_id()::INTEGER AS reader FROM meta WHERE key LIKE $prefix`;
    const first = await db.one<{ n: number; reader: number }>(count, { prefix: 'pool-%' });
    await db.write((conn) => conn.run(`INSERT INTO meta VALUES ('pool-a', '1'), ('pool-b', '2')`));
    const second = await db.one<{ n: number; reader: number }>(count, { prefix: 'pool-%' });
    expect(second!.reader).toBe(first!.reader);
    expect([first!.n, second!.n]).toEqual([0, 2]);
    // Other parameters, same statement.
    expect(await db.one(count, { prefix: 'pool-a' })).toMatchObject({ n: 1, reader: first!.reader });
  });

  it('a table dropped and created again with other columns is read as it is now', async () => {
    await db.write((conn) => conn.run(`CREATE TABLE pool_t (a INTEGER); INSERT INTO pool_t VALUES (1)`));
    expect(await db.all('SELECT * FROM pool_t')).toEqual([{ a: 1 }]);
    await db.write((conn) => conn.run(`DROP TABLE pool_t; CREATE TABLE pool_t (a INTEGER, b VARCHAR); INSERT INTO pool_t VALUES (2, 'x')`));
    expect(await db.all('SELECT * FROM pool_t')).toEqual([{ a: 2, b: 'x' }]);
  });

  it('a failed query closes its reader: the error reaches the caller and later queries are unaffected', async () => {
    const reader = `SELECT current_connection_id()::INTEGER AS reader`;
    const before = (await db.one<{ reader: number }>(reader))!.reader;
    await expect(db.all(`SELECT error('no such luck')`)).rejects.toThrow('no such luck');
    await expect(db.all('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
    const after = (await db.one<{ reader: number }>(reader))!.reader;
    // The idle reader was taken by the failing query and closed, so this one is new.
    expect(after).not.toBe(before);
    expect(await db.one(`SELECT 41 + 1 AS n`)).toEqual({ n: 42 });
  });

  it('many queries at once each get a reader of their own, and the database closes with them all', async () => {
    const rows = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      db.one<{ i: number; reader: number }>(`SELECT $i::INTEGER AS i, current_connection_id()::INTEGER AS reader FROM range(20000) GROUP BY ALL`, { i })));
    expect(rows.map((r) => r!.i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(new Set(rows.map((r) => r!.reader)).size).toBeGreaterThan(1);
    await close();
    await expect(db.all('SELECT 1')).rejects.toThrow();
  });
});
