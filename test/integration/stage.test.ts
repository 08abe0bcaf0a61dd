/**
 * The stage files (server/ingest/stage.ts): what the prepare threads write must reach the stage
 * tables exactly, through DuckDB's JSON reader: text of any shape, NULL apart from '', timestamps
 * to the millisecond, lists, JSON documents as their text, and rows far larger than the reader's
 * default limit. And a batch leaves no stage files behind, loaded or failed.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.js';
import { ingestBatch } from '../../server/ingest/ingest.js';
import { createStageDir, loadStage, StageWriter } from '../../server/ingest/stage.js';
import { validateRecord } from '../../server/ingest/validate.js';
import { scoreConversation } from '../../server/scoring/index.js';
import type { Transcript } from '../../server/domain.js';
import { openTempDatabase } from '../helpers/db.js';
import { conversation, handoff, message, toJsonl } from '../helpers/factories.js';

let temp: Awaited<ReturnType<typeof openTempDatabase>>;
let db: Database;

beforeAll(async () => {
  temp = await openTempDatabase();
  db = temp.db;
});
afterAll(() => temp.close());

function transcript(record: Record<string, unknown>): Transcript {
  const v = validateRecord(record);
  if (!v.ok) throw new Error(v.problem.message);
  return v.transcript;
}

const ODD_TEXT = 'He said "no" \\ then\nleft;\ttab, emoji 🙂, literal \\ud800 text, </script>';

async function stageAndRead(write: (writer: StageWriter, other: StageWriter) => void): Promise<(sql: string) => Promise<unknown[][]>> {
  const dir = createStageDir(temp.dir, 'stage-test');
  const writer = new StageWriter(dir, 'a');
  const other = new StageWriter(dir, 'b');
  write(writer, other);
  writer.flush();
  other.flush();
  await db.write(async (conn) => {
    for (const t of ['conversations', 'messages', 'conversation_scores', 'message_scores', 'triggers', 'rejects']) await conn.run(`DELETE FROM stage_${t}`);
    await loadStage(conn, dir, Math.max(writer.longestRow, other.longestRow));
  });
  return async (sql) => (await db.all(sql)).map((r) => Object.values(r as object));
}

describe('stage files', () => {
  it('load every value exactly: odd text, NULL apart from empty text, milliseconds, lists and JSON text', async () => {
    const t = transcript(conversation({
      conversation_id: 'odd-1',
      started_at: '2025-05-05T09:00:00.123Z',
      ended_at: '2025-05-05T09:07:30Z',
      customer: { id: 'u-1', tier: 'vip' },
      csat: 1,
      metadata: { note: 'a "quoted" \\ value', n: 1.5, nested: { list: [1, null, 'x'] } },
      messages: [
        message('customer', ODD_TEXT, '2025-05-05T09:00:01.999Z'),
        message('ai', 'I cannot help with that.', '2025-05-05T09:00:30Z'),
        message('customer', 'This is useless, I am furious. I want to talk to a human now!', '2025-05-05T09:01:00Z'),
        handoff(),
      ],
    }));
    t.language = ''; // not a value validation lets through, but the files must tell it from NULL
    const score = scoreConversation(t);
    const read = await stageAndRead((writer) => writer.add('batch-1', 7, 'hash-1', t, score));

    expect(await read(`SELECT conversation_id, batch_id, source_line, content_hash, strftime(started_at, '%Y-%m-%d %H:%M:%S.%g'),
      ended_at::VARCHAR, tier, csat, metadata::VARCHAR, market, language, customer_id FROM stage_conversations`)).toEqual([
      ['odd-1', 'batch-1', 7, 'hash-1', '2025-05-05 09:00:00.123', '2025-05-05 09:07:30', 'vip', 1, JSON.stringify(t.metadata), 'SE', '', 'u-1'],
    ]);
    expect(await read(`SELECT idx, role, text, strftime(ts, '%H:%M:%S.%g'), event, source_line FROM stage_messages ORDER BY idx`)).toEqual([
      [0, 'customer', ODD_TEXT, '09:00:01.999', null, 7],
      [1, 'ai', 'I cannot help with that.', '09:00:30.000', null, 7],
      [2, 'customer', 'This is useless, I am furious. I want to talk to a human now!', '09:01:00.000', null, 7],
      [3, 'system', null, null, 'handoff', 7],
    ]);
    const [stored] = await read(`SELECT vip_failure_reasons, negative_end, satisfaction_estimate, escalation_status FROM stage_conversation_scores`);
    expect(stored).toEqual([[...score.vipFailureReasons], score.negativeEnd, score.satisfactionEstimate, score.escalation.status]);
    expect(score.vipFailureReasons.length).toBeGreaterThan(0);
    const scored = score.messages.filter((m) => m.sentiment);
    expect(await read(`SELECT idx, score, rules FROM stage_message_scores WHERE score IS NOT NULL ORDER BY idx`)).toEqual(
      scored.map((m) => [m.index, m.sentiment!.score, [...m.sentiment!.rules]]),
    );
    expect(await read(`SELECT kind, message_index, evidence FROM stage_triggers ORDER BY message_index, kind`)).toEqual(
      [...score.triggers].sort((a, b) => a.messageIndex - b.messageIndex || a.kind.localeCompare(b.kind)).map((tr) => [tr.kind, tr.messageIndex, tr.evidence]),
    );
    expect(score.triggers.length).toBeGreaterThan(0);
  });

  it('reads every writer\'s files, and a row over DuckDB\'s default 16 MB object limit', async () => {
    const big = 'x'.repeat(20 * 1024 * 1024);
    const a = transcript(conversation({ conversation_id: 'big-1' }));
    a.messages[0]!.text = big; // over validation's limit for a message: the loader must not be what refuses it
    const b = transcript(conversation({ conversation_id: 'small-2' }));
    const read = await stageAndRead((writer, other) => {
      writer.add('batch-2', 1, 'h1', a, scoreConversation(a));
      other.add('batch-2', 2, 'h2', b, scoreConversation(b));
    });
    expect(await read(`SELECT conversation_id, length(text) FROM stage_messages WHERE idx = 0 ORDER BY conversation_id`)).toEqual([
      ['big-1', BigInt(big.length)],
      ['small-2', BigInt('Where is my refund?'.length)],
    ]);
  });

  it('writes a lone UTF-16 surrogate, which its reader refuses, as U+FFFD rather than failing the batch', async () => {
    const t = transcript(conversation({ conversation_id: 'sur-1' }));
    const score = scoreConversation(t);
    const read = await stageAndRead((writer) => {
      writer.addScore({ ...score, triggers: [{ kind: 'repetition_loop', messageIndex: 0, severity: 2, evidence: 'cut \ud83d' }] }, 'batch-3');
    });
    expect(await read(`SELECT evidence FROM stage_triggers`)).toEqual([['cut \ufffd']]);
  });
});

describe('a batch', () => {
  const stageFiles = () => (existsSync(db.stageDir) ? readdirSync(db.stageDir, { recursive: true }) : []);

  it('leaves no stage files behind, whether it is published or fails', async () => {
    const body = (id: string) => (async function* () { yield Buffer.from(toJsonl([conversation({ conversation_id: id })])); })();
    const good = await ingestBatch(db, body('left-1'), { source: 'test', repeatDays: 7 });
    expect(good.accepted).toBe(1);
    expect(stageFiles()).toEqual([]);
    const aborted = new AbortController();
    aborted.abort(new Error('stop'));
    await expect(
      ingestBatch(db, body('left-2'), { source: 'test', repeatDays: 7, signal: aborted.signal }),
    ).rejects.toThrow('stop');
    expect(stageFiles()).toEqual([]);
  });

  it('finds a crash\'s leftover stage files removed when the database is opened again', async () => {
    const other = await openTempDatabase();
    const path = other.db.path;
    await other.db.close();
    mkdirSync(`${path}.stage`, { recursive: true });
    writeFileSync(`${path}.stage/messages.thread1.jsonl`, '{"conversation_id":"ghost"}\n');
    const reopened = await Database.open(path);
    expect(existsSync(`${path}.stage`)).toBe(false);
    await reopened.close();
    await other.close();
  });
});
