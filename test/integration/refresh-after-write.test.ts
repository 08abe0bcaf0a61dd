import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateConversations, type V1Record } from '../../data/generator/index.js';
import type { Database } from '../../server/db/database.js';
import { refreshRepeatContact } from '../../server/db/derive.js';
import { factsSql } from '../../server/db/facts.js';
import { CHILD_BATCH_TABLES } from '../../server/db/schema.js';
import { refreshRollups } from '../../server/db/rollups.js';
import { ingestBatch } from '../../server/ingest/ingest.js';
import { rescore } from '../../server/ingest/rescore.js';
import { deleteCustomer, deleteOlderThan } from '../../server/queries/retention.js';
import { openTempDatabase } from '../helpers/db.js';
import { allRollupRows } from '../helpers/rollups.js';

/**
 * Every write refreshes what is derived across conversations only where it can have changed it:
 * repeat contact for the touched customers and the pending window, the rollups for the touched
 * days; the facts table for the touched conversations and the repeat-contact changes. After
 * each write below (new batches, replacements that move conversations to other days and other
 * customers, retention, rescore), a full recompute inside a rolled-back transaction must find
 * nothing to change.
 */

const REPEAT_DAYS = 7;
const records: V1Record[] = [...generateConversations({ conversations: 2400, weeks: 4, seed: 11 })];

async function ingest(db: Database, batch: V1Record[]): Promise<void> {
  const body = Buffer.from(batch.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const result = await ingestBatch(db, (async function* () { yield body; })(), { source: 'test', format: 'jsonl', repeatDays: REPEAT_DAYS, threads: 0 });
  expect(result.rejected).toBe(0);
}

/** Facts rows that differ from the join recomputed from scratch, either way (order-independent). */
const FACTS_DIFF = `SELECT count(*)::INTEGER FROM (
  (SELECT * FROM conversation_facts EXCEPT ALL (${factsSql('true')}))
  UNION ALL
  ((${factsSql('true')}) EXCEPT ALL SELECT * FROM conversation_facts))`;

interface Staleness {
  repeatChanges: number;
  factsDiff: number;
  factsRows: number;
  rollupsEqual: boolean;
  rollupRows: number;
}

/** What a full recompute would change: repeat-contact rows, facts rows, and rollup rows that differ. */
async function staleAfterWrite(db: Database): Promise<Staleness> {
  return db.write(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      await refreshRepeatContact(conn, REPEAT_DAYS, 'all');
      const changes = await conn.runAndReadAll('SELECT count(*)::INTEGER FROM repeat_contact_changes');
      const factsDiff = await conn.runAndReadAll(FACTS_DIFF);
      const factsRows = await conn.runAndReadAll('SELECT count(*)::INTEGER FROM conversation_facts');
      const kept = await allRollupRows(conn);
      await refreshRollups(conn, 'all');
      const rebuilt = await allRollupRows(conn);
      return {
        repeatChanges: Number(changes.getRows()[0]![0]),
        factsDiff: Number(factsDiff.getRows()[0]![0]),
        factsRows: Number(factsRows.getRows()[0]![0]),
        rollupsEqual: JSON.stringify(kept) === JSON.stringify(rebuilt),
        rollupRows: Object.values(rebuilt).flat().length,
      };
    } finally {
      await conn.run('ROLLBACK');
    }
  });
}

describe('repeat contact and rollups are current after every write', () => {
  let db: Database;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await openTempDatabase());
  });
  afterAll(() => close());

  const expectCurrent = async () => {
    const stale = await staleAfterWrite(db);
    expect(stale.repeatChanges).toBe(0);
    expect(stale.factsDiff).toBe(0);
    expect(stale.factsRows).toBe((await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM conversations'))!.n);
    expect(stale.rollupsEqual).toBe(true);
    // Every child row carries its conversation's batch (the detail finds it by both), and none is orphaned.
    for (const table of CHILD_BATCH_TABLES) {
      const wrong = await db.one<{ n: number; rows: number }>(
        `SELECT count(*) FILTER (WHERE c.batch_id IS DISTINCT FROM t.batch_id)::INTEGER AS n, count(*)::INTEGER AS rows
         FROM ${table} t LEFT JOIN conversations c USING (conversation_id)`,
      );
      expect([table, wrong!.n]).toEqual([table, 0]);
      expect(wrong!.rows).toBeGreaterThan(0);
    }
    return stale;
  };

  it('after the first batch into an empty database', async () => {
    await ingest(db, records.slice(0, 1000));
    expect((await expectCurrent()).rollupRows).toBeGreaterThan(1000);
  });

  it('after a later batch that moves the newest start (pending turns into false or true)', async () => {
    const pendingBefore = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM conversations WHERE repeat_contact = 'pending'`);
    expect(pendingBefore!.n).toBeGreaterThan(0);
    await ingest(db, records.slice(1000, 2000));
    await expectCurrent();
  });

  it('after a batch that replaces conversations: moved days, other customers, new ones', async () => {
    const replaced = records.slice(500, 700).map((r, i) => {
      const copy = structuredClone(r) as Record<string, unknown> & { started_at: string; customer?: { id?: string } };
      if (i % 3 === 0) copy.started_at = new Date(Date.parse(copy.started_at) + 9 * 86_400_000).toISOString();
      if (i % 3 === 1 && copy.customer?.id) copy.customer.id = `moved-${copy.customer.id}`;
      if (i % 3 === 2) copy.csat = 1;
      return copy;
    });
    await ingest(db, [...replaced, ...records.slice(2000)]);
    await expectCurrent();
  });

  it('after retention deletes a customer and everything older than a cutoff', async () => {
    const customer = await db.one<{ id: string }>(`SELECT customer_id AS id FROM conversations WHERE customer_id IS NOT NULL
      GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 1`);
    const removed = await deleteCustomer(db, { customerId: customer!.id, actor: 'test', repeatDays: REPEAT_DAYS });
    expect(removed.counts.conversations).toBeGreaterThan(1);
    await expectCurrent();
    const newest = await db.one<{ t: Date }>('SELECT max(started_at) AS t FROM conversations');
    const older = await deleteOlderThan(db, { days: 20, now: newest!.t, actor: 'test', repeatDays: REPEAT_DAYS });
    expect(older.counts.conversations).toBeGreaterThan(100);
    await expectCurrent();
  });

  it('after a rescore of stale conversations', async () => {
    await db.write((conn) => conn.run(`UPDATE conversation_scores SET scoring_version = 'old', escalation_status = 'none', gap_turns = NULL
      WHERE conversation_id IN (SELECT conversation_id FROM conversations ORDER BY conversation_id LIMIT 300)`));
    const { conversations } = await rescore(db, { onlyStale: true });
    expect(conversations).toBe(300);
    await expectCurrent();
  });
});
