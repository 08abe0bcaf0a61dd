import type { DuckDBConnection } from '@duckdb/node-api';
import { STAGED_TABLES, stageTableName, type StagedTable } from '../db/schema.js';
import { derivedFactsSql, newestStart, refreshAfterWrite } from '../db/derive.js';

/** Conversations derived per statement: one statement over a whole large batch runs out of DuckDB memory. */
const DERIVE_SLICE = 20_000;

const TABLES = Object.keys(STAGED_TABLES) as StagedTable[];
type ChildTable = Exclude<StagedTable, 'conversations'>;
const CHILD_TABLES = TABLES.filter((t): t is ChildTable => t !== 'conversations');

/**
 * Each write stores its child rows sorted by batch and conversation (schema.ts, CHILD_BATCH_TABLES):
 * a row group then covers one batch and a narrow range of ids, and a conversation's detail
 * (WHERE batch_id = $batch AND conversation_id = $id) skips the others by their min/max statistics
 * instead of scanning every message.
 */
export const STORAGE_ORDER: Record<ChildTable, string> = {
  messages: 'batch_id, conversation_id, idx',
  conversation_scores: 'conversation_id',
  message_scores: 'batch_id, conversation_id, idx',
  triggers: 'batch_id, conversation_id, message_index, kind',
};

async function changed(conn: DuckDBConnection, sql: string, params?: Record<string, string>): Promise<number> {
  const result = await conn.run(sql, params);
  return Number(result.rowsChanged);
}

export interface RepeatedRecord {
  line: number;
  conversationId: string;
  firstLine: number;
  messages: number;
}

/**
 * A batch that repeats a conversation_id keeps the first copy; the later ones become rejects
 * naming the first line. Done in SQL over the stage, so the streaming phase (which may run on
 * several threads) needs no shared set of ids and memory does not grow with the number of ids.
 */
export async function rejectRepeatedIds(conn: DuckDBConnection, batchId: string): Promise<RepeatedRecord[]> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE repeated AS
    SELECT conversation_id, source_line, first_line FROM (
      SELECT conversation_id, source_line, min(source_line) OVER (PARTITION BY conversation_id) AS first_line
      FROM stage_conversations
      WHERE conversation_id IN (SELECT conversation_id FROM stage_conversations GROUP BY ALL HAVING count(*) > 1)
    ) WHERE source_line > first_line`);
  const reader = await conn.runAndReadAll(`SELECT r.source_line::INTEGER, r.conversation_id, r.first_line::INTEGER,
      (SELECT count(*) FROM stage_messages m WHERE m.conversation_id = r.conversation_id AND m.source_line = r.source_line)::INTEGER
    FROM repeated r ORDER BY r.source_line`);
  const repeated = reader.getRows().map(([line, conversationId, firstLine, messages]) => ({
    line: Number(line), conversationId: String(conversationId), firstLine: Number(firstLine), messages: Number(messages),
  }));
  if (!repeated.length) return repeated;
  await conn.run(
    `INSERT INTO stage_rejects (batch_id, line, conversation_id, field, message, raw)
     SELECT $batch, source_line, conversation_id, 'conversation_id',
       'conversation_id is repeated in this batch (first at line ' || first_line || '); the first one is kept', ''
     FROM repeated`,
    { batch: batchId },
  );
  for (const table of TABLES) {
    await conn.run(`DELETE FROM ${stageTableName(table)} s USING repeated r
      WHERE s.conversation_id = r.conversation_id AND s.source_line = r.source_line`);
  }
  return repeated;
}

/**
 * Publishes a batch's staged rows into the live tables. Runs inside the caller's (short)
 * transaction, so readers see the whole batch or none of it:
 * 1. conversations whose content hash is already stored are dropped from the stage (the same
 *    file twice changes nothing) and counted as unchanged;
 * 2. every other staged conversation replaces any stored one with its id (idempotent upsert);
 * 3. derived facts are computed in SQL for the new rows, then repeat contact, the facts table
 *    and the rollups wherever this batch can have changed them (refreshAfterWrite);
 * 4. the batch's rejects are published with it and the stage is emptied.
 */
export async function publishStage(conn: DuckDBConnection, repeatDays: number): Promise<{ unchanged: number }> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE unchanged_ids AS
    SELECT s.conversation_id FROM stage_conversations s
    JOIN conversations c ON c.conversation_id = s.conversation_id AND c.content_hash = s.content_hash`);
  const unchanged = await changed(
    conn,
    `DELETE FROM stage_conversations WHERE conversation_id IN (SELECT conversation_id FROM unchanged_ids)`,
  );
  if (unchanged > 0) {
    for (const table of CHILD_TABLES) {
      await conn.run(`DELETE FROM ${stageTableName(table)} WHERE conversation_id IN (SELECT conversation_id FROM unchanged_ids)`);
    }
  }
  // Old and new versions of every conversation this batch writes: what the refreshes after it cover.
  await conn.run(`CREATE OR REPLACE TEMP TABLE touched AS
    SELECT conversation_id, customer_id, started_at FROM stage_conversations
    UNION ALL
    SELECT conversation_id, customer_id, started_at FROM conversations
    WHERE conversation_id IN (SELECT conversation_id FROM stage_conversations)`);
  const newestBefore = await newestStart(conn);
  for (const table of TABLES) {
    await conn.run(`DELETE FROM ${table} WHERE conversation_id IN (SELECT conversation_id FROM stage_conversations)`);
  }
  for (const table of CHILD_TABLES) {
    await conn.run(`INSERT INTO ${table} SELECT * EXCLUDE (source_line) FROM ${stageTableName(table)} ORDER BY ${STORAGE_ORDER[table]}`);
  }
  const staged = await conn.runAndReadAll('SELECT count(*)::INTEGER FROM stage_conversations');
  const partCount = Math.max(1, Math.ceil(Number(staged.getRows()[0]![0]) / DERIVE_SLICE));
  for (let partIndex = 0; partIndex < partCount; partIndex += 1) {
    await conn.run(
      `INSERT INTO conversations BY NAME
        SELECT s.*, d.* EXCLUDE (conversation_id), NULL::VARCHAR AS repeat_contact
        FROM stage_conversations s
        JOIN (${derivedFactsSql('stage_messages', 'stage_conversations', true)}) d USING (conversation_id)`,
      { partCount, partIndex },
    );
  }
  await refreshAfterWrite(conn, repeatDays, { table: 'touched', newestBefore });
  await conn.run('INSERT INTO rejects SELECT * FROM stage_rejects');
  await clearStage(conn);
  for (const table of ['unchanged_ids', 'touched']) await conn.run(`DROP TABLE ${table}`);
  return { unchanged };
}

/** Empties the stage: after a publish, or when a batch fails before it. */
export async function clearStage(conn: DuckDBConnection): Promise<void> {
  for (const table of [...TABLES.map(stageTableName), 'stage_rejects']) await conn.run(`DELETE FROM ${table}`);
}
