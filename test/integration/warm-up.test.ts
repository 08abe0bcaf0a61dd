import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { loadDemoDataIfEmpty } from '../../server/demo.js';
import { rollupsCurrent } from '../../server/queries/sources.js';
import { warmUp } from '../../server/warm-up.js';
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
});
