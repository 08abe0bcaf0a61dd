import type { DuckDBConnection } from '@duckdb/node-api';
import { replaceFacts, updateRepeatFacts } from './facts.js';
import { refreshRollups } from './rollups.js';
import { checkedTableName } from './schema.js';

/**
 * SPEC 3, derived facts per conversation, computed in SQL from the stored messages:
 *
 * - handled_by: 'ai' when the AI replied and no human agent did, 'human' when an agent replied
 *   and the AI did not, 'hybrid' when both did. A conversation nobody answered (a lone customer
 *   tweet) has handled_by NULL: it counts as a conversation but in no handled_by group.
 * - ai_started: the first ai-or-agent message is the AI's.
 * - handoff_index / handoff_at: the first system message with event 'handoff', else the first
 *   agent message after an AI message; handoff_at is that message's ts (NULL without one).
 * - last_message_at: the latest message ts (real exports are not always in time order, so the
 *   latest, not the last by position).
 * - duration_seconds: (ended_at, else last_message_at) minus started_at; NULL when neither end
 *   is known or the end is before the start (inconsistent source clocks, not a negative duration).
 *
 * Returns the SELECT that yields these columns for every conversation in `messagesTable`.
 */
export function derivedFactsSql(messagesTable: string, conversationsTable: string, partitioned = false): string {
  // Partitioned: only conversations whose id hashes to $partIndex of $partCount, so a big batch is
  // derived in slices whose working set fits DuckDB's memory limit.
  const part = partitioned ? 'WHERE hash(conversation_id) % $partCount = $partIndex' : '';
  return `
    WITH msgs AS (SELECT * FROM ${messagesTable} ${part}),
    fa AS (
      SELECT conversation_id, min(CASE WHEN role = 'ai' THEN idx END) AS first_ai
      FROM msgs GROUP BY conversation_id
    ),
    m AS (
      SELECT x.conversation_id, x.idx, x.role, x.event, x.ts, fa.first_ai
      FROM msgs x JOIN fa USING (conversation_id)
    ),
    f AS (
      SELECT conversation_id,
        bool_or(role = 'ai') AS has_ai,
        bool_or(role = 'agent') AS has_agent,
        min(first_ai) AS first_ai,
        min(CASE WHEN role = 'agent' THEN idx END) AS first_agent,
        coalesce(
          min(CASE WHEN role = 'system' AND event = 'handoff' THEN idx END),
          min(CASE WHEN role = 'agent' AND idx > first_ai THEN idx END)
        ) AS handoff_index,
        max(ts) AS last_message_at,
        count(*)::INTEGER AS message_count
      FROM m GROUP BY conversation_id
    )
    SELECT f.conversation_id,
      f.first_ai IS NOT NULL AND (f.first_agent IS NULL OR f.first_ai < f.first_agent) AS ai_started,
      CASE WHEN f.has_ai AND f.has_agent THEN 'hybrid' WHEN f.has_ai THEN 'ai' WHEN f.has_agent THEN 'human' END AS handled_by,
      f.handoff_index,
      h.ts AS handoff_at,
      f.last_message_at,
      CASE WHEN coalesce(c.ended_at, f.last_message_at) >= c.started_at
        THEN epoch(coalesce(c.ended_at, f.last_message_at) - c.started_at) END AS duration_seconds,
      f.message_count
    FROM f
    JOIN ${conversationsTable} c USING (conversation_id)
    LEFT JOIN msgs h ON h.conversation_id = f.conversation_id AND h.idx = f.handoff_index`;
}

/**
 * The conversations one write touched, for the refreshes after it: a temp table
 * (conversation_id, customer_id, started_at) holding every version written or removed (old and
 * new rows of a replaced conversation), and the newest started_at in the data before the write.
 */
export interface TouchedConversations {
  table: string;
  /** NULL when the database held no conversations before the write. */
  newestBefore: string | null;
}

/** The newest started_at in the data, as text for `newestBefore`; null when there are no conversations. */
export async function newestStart(conn: DuckDBConnection): Promise<string | null> {
  const reader = await conn.runAndReadAll('SELECT max(started_at)::VARCHAR FROM conversations');
  const value = reader.getRows()[0]?.[0];
  return value == null ? null : String(value);
}

const REPEAT_CHANGES = 'repeat_contact_changes';

/**
 * SPEC 3, repeat contact, over all data whatever the filters: 'true' when the same customer
 * starts another conversation after this one ended (ended_at, else last_message_at, else
 * started_at) and within R days of that end; else 'pending' when the end is less than R days
 * before the newest started_at in the data (the answer is not knowable yet); else 'false';
 * 'unknown' when the conversation has no customer id.
 *
 * The ASOF join finds, per conversation, the customer's first conversation starting strictly
 * after its end, in O(n log n) even for a customer with thousands of conversations.
 *
 * A conversation's state depends only on its own customer's conversations and on the newest
 * start, so after a write only these can change: the touched conversations, every conversation
 * of a touched customer, and those ending after (the lesser of the newest start before and after
 * the write) minus R days, where 'pending' can turn into 'false' or back. `scope` 'all'
 * recomputes everything (the reference the scoped refresh is tested against).
 *
 * Leaves the changed rows (conversation_id, started_at) in the temp table repeat_contact_changes,
 * for the rollups of their days.
 */
export async function refreshRepeatContact(
  conn: DuckDBConnection,
  repeatDays: number,
  scope: 'all' | TouchedConversations,
): Promise<void> {
  if (scope !== 'all') checkedTableName(scope.table);
  const endAt = 'greatest(coalesce(ended_at, last_message_at, started_at), started_at)';
  const inScope = scope === 'all' ? 'true' : `conversation_id IN (SELECT conversation_id FROM ${scope.table})
      OR customer_id IN (SELECT customer_id FROM ${scope.table} WHERE customer_id IS NOT NULL)
      OR ${endAt} > least((SELECT newest FROM newest), $before::TIMESTAMP) - to_days($days)`;
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${REPEAT_CHANGES} AS
      WITH newest AS (SELECT max(started_at) AS newest FROM conversations),
      ends AS (
        SELECT conversation_id, customer_id, started_at, repeat_contact, ${endAt} AS end_at
        FROM conversations WHERE ${inScope}
      ),
      starts AS (
        SELECT customer_id, started_at FROM conversations
        WHERE customer_id IN (SELECT customer_id FROM ends WHERE customer_id IS NOT NULL)
      ),
      nxt AS (
        SELECT e.conversation_id, s.started_at AS next_start
        FROM ends e ASOF LEFT JOIN starts s ON e.customer_id = s.customer_id AND s.started_at > e.end_at
      ),
      states AS (
        SELECT e.conversation_id, e.started_at, e.repeat_contact,
          CASE
            WHEN e.customer_id IS NULL THEN 'unknown'
            WHEN n.next_start <= e.end_at + to_days($days) THEN 'true'
            WHEN e.end_at > newest.newest - to_days($days) THEN 'pending'
            ELSE 'false'
          END AS state
        FROM ends e JOIN nxt n USING (conversation_id) CROSS JOIN newest
      )
      SELECT conversation_id, started_at, state FROM states WHERE repeat_contact IS DISTINCT FROM state`,
    scope === 'all' ? { days: repeatDays } : { days: repeatDays, before: scope.newestBefore ?? '-infinity' },
  );
  await conn.run(
    `UPDATE conversations SET repeat_contact = r.state FROM ${REPEAT_CHANGES} r
     WHERE conversations.conversation_id = r.conversation_id`,
  );
}

/**
 * Everything derived across conversations, brought up to date after a write inside the
 * writer's transaction: repeat contact (scoped as above); the facts table (facts.ts), whose rows
 * of touched conversations are replaced and whose other rows take their repeat-contact changes;
 * then the rollups, which read the facts, of every UTC day that a touched conversation (old or
 * new version) or a repeat-contact change falls on.
 */
export async function refreshAfterWrite(conn: DuckDBConnection, repeatDays: number, touched: TouchedConversations): Promise<void> {
  await refreshRepeatContact(conn, repeatDays, touched);
  await updateRepeatFacts(conn, REPEAT_CHANGES, touched.table);
  await replaceFacts(conn, touched.table);
  await conn.run(`CREATE OR REPLACE TEMP TABLE dirty_days AS
    SELECT started_at::DATE AS day FROM ${touched.table}
    UNION SELECT started_at::DATE FROM ${REPEAT_CHANGES}`);
  await refreshRollups(conn, { dirtyDays: 'dirty_days' });
  await conn.run(`DROP TABLE dirty_days`);
  await conn.run(`DROP TABLE ${REPEAT_CHANGES}`);
}
