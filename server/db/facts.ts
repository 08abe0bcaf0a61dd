import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { MAX_ESCALATION_SCORE } from '../scoring/escalation.js';
import { checkedTableName, presentColumns } from './schema.js';

/**
 * `conversation_facts`: one row per conversation with its derived facts and scores, what metrics,
 * lists, details and the rollups read. It is a table, not a view over the join, because the
 * dashboard's lists and details at millions of conversations cannot pay the join per request:
 * a sorted table lets DuckDB skip row groups by started_at (a list sorted by date, a week) and
 * read one row without joining two wide tables.
 *
 * Every writer keeps it current inside its own transaction, so readers see facts, raw rows and
 * rollups of the same commit:
 * - a batch and retention through refreshAfterWrite (derive.ts): facts rows of the touched
 *   conversations are replaced, repeat-contact changes of the others updated in place;
 * - rescore: facts rows of the rescored conversations are replaced;
 * - anything that writes conversations or conversation_scores by hand (tests, repairs) calls
 *   rebuildFacts afterwards, as it calls refreshRollups(conn, 'all').
 *
 * Rows are inserted in (started_at, conversation_id) order per write, which keeps each row
 * group's started_at range narrow; rebuildFacts rewrites the whole table in that order.
 */

/**
 * The one definition of a facts row. 'repeat_contact' joins the VIP failure reasons here because
 * it depends on other conversations (the scores alone cannot know it).
 */
const FACTS_SELECT = `
  SELECT c.conversation_id, c.batch_id, c.started_at, c.ended_at, c.channel, c.market, c.language,
    c.customer_id, c.tier, c.topic, c.topic_source, c.csat, c.resolved, c.metadata,
    c.ai_started, c.handled_by, c.handoff_index, c.handoff_at, c.last_message_at, c.duration_seconds,
    c.message_count, c.repeat_contact,
    s.scoring_version, s.sentiment_first, s.sentiment_last, s.sentiment_min, s.sentiment_mean,
    s.sentiment_trajectory, s.negative_end, s.satisfaction_estimate, s.satisfaction_drop_index,
    s.escalation_status, s.gap_turns, s.gap_seconds, s.escalation_score, s.over_escalation,
    CASE WHEN c.tier = 'vip' AND c.repeat_contact = 'true'
      THEN list_append(s.vip_failure_reasons, 'repeat_contact') ELSE s.vip_failure_reasons END AS vip_failure_reasons
  FROM conversations c JOIN conversation_scores s USING (conversation_id)`;

/**
 * Review risk, 0-100+: what a QA reviewer should read first (issue 6), over a facts row's columns.
 * The escalation-gap score (0-100) leads; a VIP failure, a negative end and a low survey each add
 * a fixed weight, so a missed escalation on a VIP who left angry outranks a merely late one. It is
 * stored (review_risk) so that the risk-ordered queue sorts a column instead of computing it per
 * row (80 -> 50 ms at 3.5M conversations); conversation_facts_reviewed recomputes it with overrides.
 */
const RISK_WEIGHTS = { vipFailure: 25, negativeEnd: 15, lowCsat: 15 } as const;
export const REVIEW_RISK_SQL = `(escalation_score
  + CASE WHEN len(vip_failure_reasons) > 0 THEN ${RISK_WEIGHTS.vipFailure} ELSE 0 END
  + CASE WHEN negative_end THEN ${RISK_WEIGHTS.negativeEnd} ELSE 0 END
  + CASE WHEN csat <= 2 THEN ${RISK_WEIGHTS.lowCsat} ELSE 0 END)::DOUBLE`;

/** The highest review risk there can be: a top escalation score with every weight added. */
export const MAX_REVIEW_RISK = MAX_ESCALATION_SCORE + RISK_WEIGHTS.vipFailure + RISK_WEIGHTS.negativeEnd + RISK_WEIGHTS.lowCsat;

/**
 * id_key: a 63-bit number from the id (from the low half of its MD5, stable across DuckDB versions),
 * for finding one conversation by id. The table is in started_at order and ids do not follow it,
 * so `conversation_id = $id` compares every id string (32 ms at 3.5M conversations, ten times
 * that at a year). An ART index on id_key (ID_KEY_INDEX_SQL) finds the row without a scan, but
 * DuckDB uses it only for a bound constant compared alone, so lookups bind idKey(id) and check the
 * id of what comes back (7.6 -> 2.1 ms at 3.5M; a scan of the key column grows with the data).
 */
export function idKeySql(value: string): string {
  // 63 bits, so it is a BIGINT: an unsigned column has no portable Parquet type (export).
  return `(md5_number_lower(${value}) >> 1)::BIGINT`;
}

/** idKeySql's value computed here: DuckDB's md5_number_lower is the digest's bytes 8-15, little-endian. */
export function idKey(id: string): bigint {
  return createHash('md5').update(id, 'utf8').digest().readBigUInt64LE(8) >> 1n;
}

/** The index lookups by id use; a table rewritten by CREATE OR REPLACE loses it, so rebuildFacts recreates it. */
const ID_KEY_INDEX_SQL = 'CREATE INDEX IF NOT EXISTS conversation_facts_id_key ON conversation_facts (id_key)';

/** Columns a facts row has beyond the join: what migrateFacts checks for. */
const COMPUTED_COLUMNS = ['review_risk', 'id_key'] as const;

/** Facts rows of the conversations `where` selects (over aliases c and s), in storage order. */
export function factsSql(where: string): string {
  return `SELECT *, ${REVIEW_RISK_SQL} AS review_risk, ${idKeySql('conversation_id')} AS id_key
    FROM (${FACTS_SELECT} WHERE ${where}) ORDER BY started_at, conversation_id`;
}

function idsIn(table: string): string {
  return `(SELECT conversation_id FROM ${checkedTableName(table)})`;
}

/** Rewrites the whole table from the join, sorted: after raw writes, and by the migration from the view. */
export async function rebuildFacts(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE OR REPLACE TABLE conversation_facts AS ${factsSql('true')}`);
  await conn.run(ID_KEY_INDEX_SQL);
}

/**
 * Turns a database whose conversation_facts is the former view (schema 1), a table without
 * review_risk (schema 2) or id_key (schema 4), or missing, into one with the current table,
 * filled from the join, and indexes id_key (schema 5 had no index); a no-op when it is current.
 * Runs in the caller's transaction. conversation_facts_reviewed reads the table, so it goes too;
 * the caller recreates it.
 */
export async function migrateFacts(conn: DuckDBConnection): Promise<void> {
  const reader = await conn.runAndReadAll(`SELECT table_type FROM information_schema.tables
    WHERE table_schema = 'main' AND table_name = 'conversation_facts'`);
  const type = reader.getRows()[0]?.[0];
  if (type === 'BASE TABLE' && (await presentColumns(conn, 'conversation_facts', COMPUTED_COLUMNS)).length === COMPUTED_COLUMNS.length) {
    await conn.run(ID_KEY_INDEX_SQL); // schema 5 had no index (3 s to build at 3.5M conversations)
    return;
  }
  await conn.run('DROP VIEW IF EXISTS conversation_facts_reviewed');
  if (type === 'VIEW') await conn.run('DROP VIEW conversation_facts');
  await rebuildFacts(conn);
}

/**
 * Replaces the facts rows of the conversations listed in `idsTable` (a conversation_id column):
 * deleted, then inserted from the join for those that still exist. For writes that changed those
 * conversations' rows or scores, after their derived facts and repeat contact are current.
 */
export async function replaceFacts(conn: DuckDBConnection, idsTable: string): Promise<void> {
  await conn.run(`DELETE FROM conversation_facts WHERE conversation_id IN ${idsIn(idsTable)}`);
  await conn.run(`INSERT INTO conversation_facts ${factsSql(`c.conversation_id IN ${idsIn(idsTable)}`)}`);
}

/**
 * Applies repeat-contact changes (`changesTable`: conversation_id, ...) to the facts rows of
 * conversations not in `exceptTable` (those are replaced whole). repeat_contact is updated in
 * place; vip_failure_reasons (and review_risk, which reads it) only where it differs, because
 * DuckDB updates a LIST column by delete and re-insert, which would move the row to the end of
 * the table (out of date order).
 */
export async function updateRepeatFacts(conn: DuckDBConnection, changesTable: string, exceptTable: string): Promise<void> {
  const where = `c.conversation_id IN ${idsIn(changesTable)} AND c.conversation_id NOT IN ${idsIn(exceptTable)}`;
  // The join is paid once for both updates; only the columns they set are kept.
  await conn.run(`CREATE OR REPLACE TEMP TABLE facts_repeat_changes AS
    SELECT conversation_id, repeat_contact, vip_failure_reasons, review_risk FROM (${factsSql(where)})`);
  await conn.run(`UPDATE conversation_facts f SET repeat_contact = x.repeat_contact FROM facts_repeat_changes x
    WHERE f.conversation_id = x.conversation_id`);
  await conn.run(`UPDATE conversation_facts f SET vip_failure_reasons = x.vip_failure_reasons, review_risk = x.review_risk
    FROM facts_repeat_changes x
    WHERE f.conversation_id = x.conversation_id AND f.vip_failure_reasons IS DISTINCT FROM x.vip_failure_reasons`);
  await conn.run('DROP TABLE facts_repeat_changes');
}
