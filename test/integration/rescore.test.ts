import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoDataIfEmpty } from '../../server/demo.js';
import { generateConversations } from '../../data/generator/index.js';
import { benchConversationId } from '../../server/cli/bench-data.js';
import { ingestBatches } from '../../server/ingest/ingest.js';
import { rescore } from '../../server/ingest/rescore.js';
import { SCORING_VERSION } from '../../server/scoring/index.js';
import type { Database } from '../../server/db/database.js';
import { openTempDatabase } from '../helpers/db.js';

const SNAPSHOT = `
  SELECT (SELECT md5(string_agg(s::VARCHAR, '|' ORDER BY conversation_id)) FROM conversation_scores s) AS scores,
    (SELECT md5(string_agg(m::VARCHAR, '|' ORDER BY conversation_id, idx)) FROM message_scores m) AS messages,
    (SELECT md5(string_agg(t::VARCHAR, '|' ORDER BY conversation_id, message_index, kind)) FROM triggers t) AS triggers,
    (SELECT md5(string_agg(topic || coalesce(topic_source, ''), '|' ORDER BY conversation_id)) FROM conversations) AS topics`;

describe('npm run rescore (rescore over all stored data)', () => {
  let db: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await openTempDatabase());
    await loadDemoDataIfEmpty(db, { demoConversations: 800, demoWeeks: 2, repeatDays: 7 }, () => undefined);
  });
  afterAll(() => close());

  it('reproduces exactly the scores computed at ingestion (scoring is deterministic)', async () => {
    const before = await db.one(SNAPSHOT);
    const result = await rescore(db);
    expect(result).toEqual({ conversations: 800, scoringVersion: SCORING_VERSION });
    expect(await db.one(SNAPSHOT)).toEqual(before);
  });

  it('repairs tampered scores, and --stale touches only conversations of another version', async () => {
    const before = await db.one(SNAPSHOT);
    await db.write(async (conn) => {
      await conn.run(`DELETE FROM triggers WHERE conversation_id IN (SELECT conversation_id FROM conversations ORDER BY conversation_id LIMIT 50)`);
      await conn.run(`UPDATE conversation_scores SET scoring_version = 'old', escalation_status = 'none', escalation_score = 0
        WHERE conversation_id IN (SELECT conversation_id FROM conversations ORDER BY conversation_id LIMIT 50)`);
    });
    expect(await db.one(SNAPSHOT)).not.toEqual(before);
    const result = await rescore(db, { onlyStale: true });
    expect(result.conversations).toBe(50);
    expect(await db.one(SNAPSHOT)).toEqual(before);
  });
});

describe('rescore slices', () => {
  let db: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await openTempDatabase());
    // Ids in no particular order, as real ones are (the generator numbers them in time order),
    // in three batches.
    const records = [...generateConversations({ conversations: 600, weeks: 2, seed: 7 })]
      .map((r) => ({ ...r, conversation_id: benchConversationId(r.conversation_id as string) }));
    const lines = Buffer.from(records.map((r) => JSON.stringify(r)).join('\n'));
    const results = await ingestBatches(db, (async function* () { yield lines; })(), { source: 'test', repeatDays: 7, batchRecords: 200 });
    expect(results.map((r) => r.accepted)).toEqual([200, 200, 200]);
  });
  afterAll(() => close());

  it('store each batch\'s new scores as one run sorted by id, however small they are', async () => {
    // A detail finds a conversation's child rows by (batch_id, conversation_id) and reads the row
    // groups whose min/max hold both (schema.ts, CHILD_BATCH_TABLES): one run per batch keeps that
    // to one or two. Rows are appended in the order they are inserted, so rowid order shows the runs.
    const before = await db.one(SNAPSHOT);
    expect((await rescore(db, { slice: 150 })).conversations).toBe(600);
    expect(await db.one(SNAPSHOT)).toEqual(before);
    for (const [table, order] of [['message_scores', 'idx'], ['triggers', 'message_index']] as const) {
      const row = await db.one<{ rows: number; backwards: number }>(
        `SELECT count(*)::INTEGER AS rows,
           count(*) FILTER (WHERE batch_id < pb OR (batch_id = pb AND (conversation_id < pc OR (conversation_id = pc AND ${order} < po))))::INTEGER AS backwards
         FROM (SELECT batch_id, conversation_id, ${order}, lag(batch_id) OVER w AS pb, lag(conversation_id) OVER w AS pc, lag(${order}) OVER w AS po
               FROM ${table} WINDOW w AS (ORDER BY rowid))`,
      );
      expect(row!.rows).toBeGreaterThan(100);
      expect(row!.backwards, table).toBe(0);
    }
  });
});

describe('POST /api/rescore', () => {
  it('rescores over HTTP and validates its body', async () => {
    const { startTestServer } = await import('../helpers/db.js');
    const server = await startTestServer();
    try {
      await loadDemoDataIfEmpty(server.db, { demoConversations: 200, demoWeeks: 1, repeatDays: 7 }, () => undefined);
      const post = (body: unknown) =>
        server.fetch(`/api/rescore`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const ok = await post({ stale: true });
      expect(await ok.json()).toMatchObject({ conversations: 0, scoringVersion: SCORING_VERSION });
      const all = await post({});
      expect(await all.json()).toMatchObject({ conversations: 200 });
      const bad = await post({ stale: 'yes' });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.field).toBe('stale');
    } finally {
      await server.close();
    }
  });
});
