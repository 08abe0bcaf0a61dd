/** A source loaded as several batches (`npm run ingest`, batchRecords; ingest.ts, ingestBatches). */
import { existsSync, readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestBatches } from '../../server/ingest/ingest.js';
import type { Database } from '../../server/db/database.js';
import { openTempDatabase } from '../helpers/db.js';
import { conversation, toJsonl } from '../helpers/factories.js';

let db: Database;
let close: () => Promise<void>;
beforeEach(async () => ({ db, close } = await openTempDatabase()));
afterEach(() => close());

/** 25 records, one every fifth line (5, 10, ...) rejected for its channel. */
function source(): AsyncIterable<Buffer> {
  const records = Array.from({ length: 25 }, (_, i) => conversation({
    conversation_id: `b-${String(i + 1).padStart(2, '0')}`,
    ...((i + 1) % 5 === 0 ? { channel: 'pigeon' } : {}),
  }));
  // In small pieces, as a file stream reads.
  const text = toJsonl(records);
  return (async function* () {
    for (let at = 0; at < text.length; at += 100) yield Buffer.from(text.slice(at, at + 100));
  })();
}

const stageFiles = () => (existsSync(db.stageDir) ? readdirSync(db.stageDir, { recursive: true }) : []);

describe('a source in several batches', () => {
  it('publishes each in order with its own records and rejects, and leaves no stage files', async () => {
    const seen: string[] = [];
    const results = await ingestBatches(db, source(), {
      source: 'test', repeatDays: 7, batchRecords: 10, threads: 0, onBatch: (r) => seen.push(r.batchId),
    });
    expect(results.map((r) => [r.received, r.accepted, r.rejected])).toEqual([[10, 8, 2], [10, 8, 2], [5, 4, 1]]);
    expect(results.map((r) => r.batchId)).toEqual(seen);
    // Batch ids sort in the order of the batches (batch-id.ts).
    expect([...seen].sort()).toEqual(seen);
    const rows = await db.all<{ batch: number; status: string; accepted: number; stored: number; rejects: string }>(
      `SELECT list_position(string_split($ids, ','), b.batch_id)::INTEGER AS batch, b.status, b.accepted,
         (SELECT count(*)::INTEGER FROM conversations c WHERE c.batch_id = b.batch_id) AS stored,
         (SELECT string_agg(r.line || ':' || r.field, ' ' ORDER BY r.line) FROM rejects r WHERE r.batch_id = b.batch_id) AS rejects
       FROM batches b ORDER BY batch`,
      { ids: seen.join(',') },
    );
    expect(rows).toEqual([
      { batch: 1, status: 'done', accepted: 8, stored: 8, rejects: '5:channel 10:channel' },
      { batch: 2, status: 'done', accepted: 8, stored: 8, rejects: '15:channel 20:channel' },
      { batch: 3, status: 'done', accepted: 4, stored: 4, rejects: '25:channel' },
    ]);
    expect(stageFiles()).toEqual([]);
  });

  it('keeps the batches already published when a later one fails, and marks that one failed', async () => {
    const stop = new AbortController();
    await expect(ingestBatches(db, source(), {
      source: 'test', repeatDays: 7, batchRecords: 10, threads: 0, signal: stop.signal,
      onBatch: () => stop.abort(new Error('stopped after the first batch')),
    })).rejects.toThrow('stopped after the first batch');
    expect(await db.all(`SELECT status, accepted FROM batches ORDER BY batch_id`)).toEqual([
      { status: 'done', accepted: 8 },
      { status: 'failed: stopped after the first batch', accepted: 0 },
    ]);
    expect(await db.one(`SELECT count(*)::INTEGER AS n FROM conversations`)).toEqual({ n: 8 });
    expect(stageFiles()).toEqual([]);
  });
});
