import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * The schema. Tables are created idempotently at start; `SCHEMA_VERSION` is stored in `meta` so
 * a later change can migrate instead of guessing.
 *
 * No PRIMARY KEY / UNIQUE constraints: DuckDB checks them row by row on append and refuses a
 * delete-then-reinsert of the same key inside one transaction, which is exactly what an
 * idempotent re-ingest does. Uniqueness of conversation_id is enforced by the batch writer
 * (duplicates within a batch are rejected; an existing id is replaced).
 *
 * Timestamps are plain TIMESTAMP holding UTC: SPEC date filters are UTC calendar dates, and this
 * keeps every comparison independent of the session time zone.
 *
 * Versions: 1 had conversation_facts as a view over the join; 2 has it as a table (facts.ts);
 * 3 adds its review_risk column; 4 adds batch_id to the child tables (CHILD_BATCH_TABLES); 5 adds
 * id_key to conversation_facts; 6 indexes id_key.
 */
export const SCHEMA_VERSION = 6;

/**
 * Child tables whose rows carry their conversation's batch_id (the last column). Their rows are
 * stored sorted by (batch_id, conversation_id, ...) per write, so a conversation's rows are found
 * by both: batch_id narrows the scan to its batch's row groups and the id to one of them. By id
 * alone every batch's row groups span all ids when ids are random (UUIDs), and a detail scanned
 * one row group per batch (~70 ms at 35 batches, growing with every batch).
 */
export const CHILD_BATCH_TABLES = ['messages', 'message_scores', 'triggers'] as const;

/** Which of `columns` the table `table` (in main) has: for migrations that add columns. */
export async function presentColumns(conn: DuckDBConnection, table: string, columns: readonly string[]): Promise<string[]> {
  const reader = await conn.runAndReadAll(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = 'main' AND table_name = $table AND list_contains(string_split($columns, ','), column_name)`,
    { table, columns: columns.join(',') },
  );
  return reader.getRows().map(([name]) => String(name));
}

/**
 * Schema 3 -> 4: gives the child tables of an older database their batch_id column, filled from
 * their conversations. Runs in the caller's transaction; a no-op where the column exists.
 */
export async function migrateChildBatchIds(conn: DuckDBConnection): Promise<void> {
  for (const table of CHILD_BATCH_TABLES) {
    if ((await presentColumns(conn, table, ['batch_id'])).length) continue;
    await conn.run(`ALTER TABLE ${table} ADD COLUMN batch_id VARCHAR`);
    await conn.run(`UPDATE ${table} t SET batch_id = c.batch_id FROM conversations c WHERE t.conversation_id = c.conversation_id`);
  }
}

const CONVERSATION_COLUMNS = `
  conversation_id VARCHAR NOT NULL,
  batch_id VARCHAR NOT NULL,
  source_line INTEGER NOT NULL,
  content_hash VARCHAR NOT NULL,
  started_at TIMESTAMP NOT NULL,
  ended_at TIMESTAMP,
  channel VARCHAR NOT NULL,
  market VARCHAR,
  language VARCHAR,
  customer_id VARCHAR,
  tier VARCHAR NOT NULL,
  topic VARCHAR,
  topic_source VARCHAR,
  csat TINYINT,
  resolved BOOLEAN,
  metadata JSON NOT NULL`;

const MESSAGE_COLUMNS = `
  conversation_id VARCHAR NOT NULL,
  idx INTEGER NOT NULL,
  role VARCHAR NOT NULL,
  text VARCHAR,
  ts TIMESTAMP,
  event VARCHAR,
  agent_id VARCHAR,
  metadata JSON,
  batch_id VARCHAR`;

const CONVERSATION_SCORE_COLUMNS = `
  conversation_id VARCHAR NOT NULL,
  scoring_version VARCHAR NOT NULL,
  sentiment_first DOUBLE,
  sentiment_last DOUBLE,
  sentiment_min DOUBLE,
  sentiment_mean DOUBLE,
  sentiment_trajectory DOUBLE,
  negative_end BOOLEAN NOT NULL,
  satisfaction_estimate DOUBLE NOT NULL,
  satisfaction_drop_index INTEGER,
  predicted_topic VARCHAR,
  ai_started BOOLEAN NOT NULL,
  escalation_status VARCHAR NOT NULL,
  gap_turns INTEGER,
  gap_seconds DOUBLE,
  escalation_score DOUBLE NOT NULL,
  over_escalation BOOLEAN NOT NULL,
  vip_failure_reasons VARCHAR[] NOT NULL`;

const MESSAGE_SCORE_COLUMNS = `
  conversation_id VARCHAR NOT NULL,
  idx INTEGER NOT NULL,
  score DOUBLE,
  label VARCHAR,
  rules VARCHAR[],
  unscored_reason VARCHAR,
  batch_id VARCHAR`;

const TRIGGER_COLUMNS = `
  conversation_id VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  message_index INTEGER NOT NULL,
  severity TINYINT NOT NULL,
  evidence VARCHAR NOT NULL,
  batch_id VARCHAR`;

/** Tables a batch stages into before it is swapped in; same shape as their targets. */
export const STAGED_TABLES = {
  conversations: CONVERSATION_COLUMNS,
  messages: MESSAGE_COLUMNS,
  conversation_scores: CONVERSATION_SCORE_COLUMNS,
  message_scores: MESSAGE_SCORE_COLUMNS,
  triggers: TRIGGER_COLUMNS,
} as const;
export type StagedTable = keyof typeof STAGED_TABLES;

/** `name` when it is a plain table name, safe to splice into SQL (temp tables passed between steps). */
export function checkedTableName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Not a table name: ${name}`);
  return name;
}

export function stageTableName(table: StagedTable): string {
  return `stage_${table}`;
}

/**
 * Stage tables hold one batch between its streaming phase and its publish. Child rows carry the
 * source line of their record, so that when a batch repeats a conversation_id the later copies
 * (conversation and children alike) can be told apart and rejected in SQL. They are scratch
 * space: dropped and recreated at start, which also clears whatever a crash left there.
 */
export const STAGE_DDL: string[] = [
  ...Object.entries(STAGED_TABLES).map(([table, columns]) => {
    const name = stageTableName(table as StagedTable);
    const line = table === 'conversations' ? '' : ',\n  source_line INTEGER NOT NULL';
    return `CREATE OR REPLACE TABLE ${name} (${columns}${line})`;
  }),
  `CREATE OR REPLACE TABLE stage_rejects AS SELECT * FROM rejects LIMIT 0`,
];

export const SCHEMA_DDL: string[] = [
  `CREATE TABLE IF NOT EXISTS meta (key VARCHAR NOT NULL, value VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS batches (
    batch_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    received INTEGER NOT NULL DEFAULT 0,
    accepted INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    messages INTEGER NOT NULL DEFAULT 0,
    redactions JSON NOT NULL DEFAULT '{}'
  )`,
  `CREATE TABLE IF NOT EXISTS rejects (
    batch_id VARCHAR NOT NULL,
    line INTEGER NOT NULL,
    conversation_id VARCHAR,
    field VARCHAR,
    message VARCHAR NOT NULL,
    raw VARCHAR NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS conversations (${CONVERSATION_COLUMNS},
    ai_started BOOLEAN,
    handled_by VARCHAR,
    handoff_index INTEGER,
    handoff_at TIMESTAMP,
    last_message_at TIMESTAMP,
    duration_seconds DOUBLE,
    message_count INTEGER,
    repeat_contact VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS messages (${MESSAGE_COLUMNS})`,
  `CREATE TABLE IF NOT EXISTS conversation_scores (${CONVERSATION_SCORE_COLUMNS})`,
  `CREATE TABLE IF NOT EXISTS message_scores (${MESSAGE_SCORE_COLUMNS})`,
  `CREATE TABLE IF NOT EXISTS triggers (${TRIGGER_COLUMNS})`,
  // conversation_facts, one row per conversation with derived facts and scores, is a table kept by
  // the writers: facts.ts (created, or migrated from the former view, by Database.migrate).
];
