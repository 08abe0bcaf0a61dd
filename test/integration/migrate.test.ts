import { afterEach, describe, expect, it } from 'vitest';
import { generateConversations } from '../../data/generator/index.js';
import { Database } from '../../server/db/database.js';
import { factsSql, idKey, idKeySql } from '../../server/db/facts.js';
import { CHILD_BATCH_TABLES, SCHEMA_VERSION } from '../../server/db/schema.js';
import { getConversation } from '../../server/queries/conversations.js';
import { ingestBatch } from '../../server/ingest/ingest.js';
import { reviewQueue } from '../../server/queries/review.js';
import { openTempDatabase } from '../helpers/db.js';

/**
 * Opening a database written by an older schema brings it up to date: schema 1 had
 * conversation_facts as a view over the join, schema 2 as a table without review_risk, schema 3
 * had no batch_id on the child tables, schema 4 no id_key on the facts, schema 5 no index on it.
 * Either way, after opening, the facts table equals the join recomputed from scratch, id_key is
 * indexed, every child row carries its conversation's batch, and the queue and a conversation's
 * detail read as before.
 */

const FACTS_DIFF = `SELECT count(*)::INTEGER AS n FROM (
  (SELECT * FROM conversation_facts EXCEPT ALL (${factsSql('true')}))
  UNION ALL
  ((${factsSql('true')}) EXCEPT ALL SELECT * FROM conversation_facts))`;

const OLD_SCHEMAS: Record<string, string[]> = {
  'schema 1 (facts as a view)': [
    'DROP VIEW conversation_facts_reviewed',
    'DROP TABLE conversation_facts',
    `CREATE VIEW conversation_facts AS SELECT * EXCLUDE (review_risk, id_key) FROM (${factsSql('true')})`,
  ],
  'schema 2 (facts table without review_risk)': [
    'DROP VIEW conversation_facts_reviewed',
    'DROP INDEX conversation_facts_id_key',
    'ALTER TABLE conversation_facts DROP COLUMN review_risk',
    'ALTER TABLE conversation_facts DROP COLUMN id_key',
  ],
  'schema 3 (child tables without batch_id)': [
    ...CHILD_BATCH_TABLES.map((t) => `ALTER TABLE ${t} DROP COLUMN batch_id`),
    'DROP VIEW conversation_facts_reviewed',
    'DROP INDEX conversation_facts_id_key',
    'ALTER TABLE conversation_facts DROP COLUMN id_key',
  ],
  'schema 4 (facts table without id_key)': [
    'DROP VIEW conversation_facts_reviewed',
    'DROP INDEX conversation_facts_id_key',
    'ALTER TABLE conversation_facts DROP COLUMN id_key',
  ],
  'schema 5 (id_key without an index)': ['DROP INDEX conversation_facts_id_key'],
};

describe('opening a database of an older schema', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  for (const [name, downgrade] of Object.entries(OLD_SCHEMAS)) {
    it(`migrates ${name}`, async () => {
      const temp = await openTempDatabase();
      cleanup = temp.close;
      const body = Buffer.from([...generateConversations({ conversations: 300, weeks: 2, seed: 5 })].map((r) => JSON.stringify(r)).join('\n') + '\n');
      await ingestBatch(temp.db, (async function* () { yield body; })(), { source: 'test', format: 'jsonl', repeatDays: 7, threads: 0 });
      const expected = await reviewQueue(temp.db, {}, { mode: 'risk', seed: 1, assignee: null, unreviewedOnly: false }, { limit: 20, offset: 0 });
      const detail = await getConversation(temp.db, expected.items[0]!.conversationId as string);
      await temp.db.write(async (conn) => {
        for (const sql of downgrade) await conn.run(sql);
        await conn.run(`UPDATE meta SET value = '1' WHERE key = 'schema_version'`);
      });
      const path = temp.db.path;
      await temp.db.close();

      const db = await Database.open(path);
      cleanup = async () => { await db.close(); await temp.close(); };
      expect(await db.one(FACTS_DIFF)).toEqual({ n: 0 });
      expect(await db.one(`SELECT count(*)::INTEGER AS n FROM conversation_facts`)).toEqual({ n: 300 });
      expect(await db.all(`SELECT index_name, expressions FROM duckdb_indexes() WHERE table_name = 'conversation_facts'`))
        .toEqual([{ index_name: 'conversation_facts_id_key', expressions: '[id_key]' }]);
      expect(await db.one(`SELECT value FROM meta WHERE key = 'schema_version'`)).toEqual({ value: String(SCHEMA_VERSION) });
      const queue = await reviewQueue(db, {}, { mode: 'risk', seed: 1, assignee: null, unreviewedOnly: false }, { limit: 20, offset: 0 });
      expect(queue).toEqual(expected);
      expect(queue.items[0]!.risk).toBeGreaterThan(0);
      expect(await getConversation(db, expected.items[0]!.conversationId as string)).toEqual(detail);
      expect(detail!.messages.length).toBeGreaterThan(0);
      for (const table of CHILD_BATCH_TABLES) {
        const unset = await db.one(`SELECT count(*)::INTEGER AS n FROM ${table} t JOIN conversations c USING (conversation_id)
          WHERE t.batch_id IS DISTINCT FROM c.batch_id`);
        expect([table, unset]).toEqual([table, { n: 0 }]);
      }
    });
  }
});

describe('id_key', () => {
  it('is computed by idKey exactly as DuckDB computes the stored column', async () => {
    const temp = await openTempDatabase();
    try {
      const ids = ['c-0000001', 'b-e7e6a50cd55ce97a', '', 'ü€😀 ﬁ', "'; DROP TABLE x; --", 'x'.repeat(500), '\u0000a', '𝔘𝔫𝔦'];
      for (const id of ids) {
        const row = await temp.db.one<{ key: bigint | number | string }>(`SELECT ${idKeySql('$id')}::VARCHAR AS key`, { id });
        expect([id, row!.key]).toEqual([id, idKey(id).toString()]);
      }
    } finally {
      await temp.close();
    }
  });
});
