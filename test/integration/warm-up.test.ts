import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { loadDemoDataIfEmpty } from '../../server/demo.js';
import { rollupsCurrent } from '../../server/queries/sources.js';
import { prepareToServe, warmUp } from '../../server/warm-up.js';
import { openTempDatabase } from '../helpers/db.js';

/** server/warm-up.ts: what `npm start` runs before it listens, on a real database. */
describe('warm-up before the server listens', () => {
  let db: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await openTempDatabase());
  });
  afterAll(() => close());

  it('runs on an empty database (no rollups yet, no conversation to open)', async () => {
    expect(await rollupsCurrent(db)).toBe(false);
    expect(await warmUp(db)).toBeGreaterThan(0);
  });

  it('runs over data, from the rollups, and changes nothing', async () => {
    await loadDemoDataIfEmpty(db, { demoConversations: 500, demoWeeks: 2, repeatDays: 7 }, () => undefined);
    expect(await rollupsCurrent(db)).toBe(true);
    const before = await db.all(`SELECT table_name, estimated_size FROM duckdb_tables() ORDER BY table_name`);
    expect(await warmUp(db)).toBeGreaterThan(0);
    expect(await db.all(`SELECT table_name, estimated_size FROM duckdb_tables() ORDER BY table_name`)).toEqual(before);
  });

  it('before listening: warms up over current rollups, else rebuilds stale ones in the background', async () => {
    const logged: string[] = [];
    await prepareToServe(db, (m) => logged.push(m));
    expect(logged).toEqual([expect.stringMatching(/^Warmed up in \d+ ms$/)]);
    await db.write((conn) => conn.run(`UPDATE meta SET value = 'an older layout' WHERE key = 'rollup_version'`));
    logged.length = 0;
    await prepareToServe(db, (m) => logged.push(m));
    await db.write(async () => undefined); // the rebuild was queued on the writer before this
    expect(await rollupsCurrent(db)).toBe(true);
    expect(logged).toEqual([expect.stringMatching(/^Rebuilt the rollups for this version in [\d.]+ s$/)]);
  });
});
