import type { DuckDBConnection } from '@duckdb/node-api';
import { STAGED_TABLES, stageTableName, type StagedTable } from '../db/schema.js';
import { derivedFactsSql, refreshRepeatContact } from '../db/derive.js';

/** Conversations derived per statement: one statement over a whole large batch runs out of DuckDB memory. */
const DERIVE_SLICE = 20_000;

const TABLES = Object.keys(STAGED_TABLES) as StagedTable[];
const CHILD_TABLES = TABLES.filter((t) => t !== 'conversations');

async function changed(conn: DuckDBConnection, sql: string): Promise<number> {
  const result = await conn.run(sql);
  return Number(result.rowsChanged);
}

/**
 * Swaps a batch's staged rows into the live tables, inside the caller's transaction:
 * 1. conversations whose content hash is already stored are dropped from the stage (the same
 *    file twice changes nothing) and counted as unchanged;
 * 2. every other staged conversation replaces any stored one with its id (idempotent upsert);
 * 3. derived facts are computed in SQL for the new rows, then repeat contact over all data.
 */
export async function finalizeStage(conn: DuckDBConnection, repeatDays: number): Promise<{ unchanged: number }> {
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
  for (const table of TABLES) {
    await conn.run(`DELETE FROM ${table} WHERE conversation_id IN (SELECT conversation_id FROM stage_conversations)`);
  }
  for (const table of CHILD_TABLES) {
    await conn.run(`INSERT INTO ${table} SELECT * FROM ${stageTableName(table)}`);
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
  for (const table of TABLES) await conn.run(`DELETE FROM ${stageTableName(table)}`);
  await conn.run(`DROP TABLE unchanged_ids`);
  await refreshRepeatContact(conn, repeatDays);
  return { unchanged };
}
