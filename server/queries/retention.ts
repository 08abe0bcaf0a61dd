import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database, SqlParams } from '../db/database.js';
import { newestStart, refreshAfterWrite } from '../db/derive.js';
import { recordAudit } from './audit.js';

/**
 * Data retention (issue 9): delete conversations older than N days, or every conversation of one
 * customer on a data-protection request. Each operation is one transaction: its deletes, the
 * repeat-contact refresh and its own audit record commit together or not at all.
 *
 * What goes with a conversation:
 * - its rows in messages, conversation_scores, message_scores, triggers, and the review rows that
 *   point at it (flags, overrides, assignments, reviews);
 * - rejects, which hold raw (redacted) record text: for a customer request every reject that can
 *   be tied to that customer (see `customerRejectsWhere`); for the age rule every reject of a
 *   batch received before the cutoff (a record received then is older than the cutoff, whatever
 *   date it claims);
 * - audit rows about the conversation are kept (who did what, when) but their before/after
 *   payloads are replaced by `{"erased":true}`: they carry reviewers' free text (flag notes,
 *   override reasons) that may quote the transcript and are not redacted at ingest.
 *
 * The audit record of a deletion holds counts, never personal data; a customer request is
 * referenced by the SHA-256 of the customer id, the usual pseudonymous reference of an erasure log:
 * whoever knows the id can confirm it was erased, a reader of the trail does not see it (being
 * unsalted, it does not stop someone from testing guessed ids; the id is not a secret either).
 */

/** The audit payload left where a deleted conversation's reviewer text was. */
export const ERASED_PAYLOAD = '{"erased":true}';

/** Largest age accepted: beyond a century the cutoff date stops meaning anything. */
export const MAX_RETENTION_DAYS = 36_500;

const DAY_MS = 86_400_000;

export interface RetentionCounts {
  conversations: number;
  messages: number;
  conversationScores: number;
  messageScores: number;
  triggers: number;
  flags: number;
  overrides: number;
  assignments: number;
  reviews: number;
  rejects: number;
  /** Audit rows of the deleted conversations whose before/after payloads were erased. */
  auditPayloadsErased: number;
}

/** Tables whose rows belong to one conversation, by counts key; conversations itself goes last. */
const CHILD_TABLES = {
  messages: 'messages',
  conversationScores: 'conversation_scores',
  messageScores: 'message_scores',
  triggers: 'triggers',
  flags: 'flags',
  overrides: 'overrides',
  assignments: 'assignments',
  reviews: 'reviews',
} as const satisfies Partial<Record<keyof RetentionCounts, string>>;

const SELECTED = `conversation_id IN (SELECT conversation_id FROM retention_ids)`;
const AUDIT_TO_ERASE = `${SELECTED} AND (coalesce(before::VARCHAR, '${ERASED_PAYLOAD}') <> '${ERASED_PAYLOAD}'
  OR coalesce(after::VARCHAR, '${ERASED_PAYLOAD}') <> '${ERASED_PAYLOAD}')`;

/** Which rows an operation removes: the conversations and the rejects, as bound SQL conditions. */
interface Selection {
  conversations: { where: string; params: SqlParams };
  rejects: { where: string; params: SqlParams };
}

interface Audit {
  actor: string;
  action: string;
  entityId?: string;
  details: Record<string, unknown>;
}

export interface RetentionResult {
  dryRun: boolean;
  counts: RetentionCounts;
}

async function count(conn: DuckDBConnection, table: string, where: string, params: SqlParams = {}): Promise<number> {
  const reader = await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM ${table} WHERE ${where}`, params);
  return Number(reader.getRows()[0]![0]);
}

async function changed(conn: DuckDBConnection, sql: string, params: SqlParams = {}): Promise<number> {
  return Number((await conn.run(sql, params)).rowsChanged);
}

/**
 * Counts (dry run) or deletes what `selection` picks, inside the caller's transaction. Counting
 * and deleting use the same conditions, so a dry run reports exactly what a real run removes.
 */
async function apply(conn: DuckDBConnection, selection: Selection, dryRun: boolean, repeatDays: number): Promise<RetentionCounts> {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE retention_ids AS
      SELECT conversation_id, customer_id, started_at FROM conversations WHERE ${selection.conversations.where}`,
    selection.conversations.params,
  );
  const counts = { conversations: await count(conn, 'retention_ids', 'true') } as RetentionCounts;
  for (const [key, table] of Object.entries(CHILD_TABLES) as [keyof typeof CHILD_TABLES, string][]) {
    counts[key] = dryRun ? await count(conn, table, SELECTED) : await changed(conn, `DELETE FROM ${table} WHERE ${SELECTED}`);
  }
  const { where: rejectsWhere, params: rejectParams } = selection.rejects;
  counts.rejects = dryRun
    ? await count(conn, 'rejects', rejectsWhere, rejectParams)
    : await changed(conn, `DELETE FROM rejects WHERE ${rejectsWhere}`, rejectParams);
  counts.auditPayloadsErased = dryRun
    ? await count(conn, 'audit', AUDIT_TO_ERASE)
    : await changed(conn, `UPDATE audit SET
        before = CASE WHEN before IS NULL THEN NULL ELSE '${ERASED_PAYLOAD}' END,
        after = CASE WHEN after IS NULL THEN NULL ELSE '${ERASED_PAYLOAD}' END
      WHERE ${AUDIT_TO_ERASE}`);
  if (!dryRun) {
    const newestBefore = await newestStart(conn);
    await conn.run(`DELETE FROM conversations WHERE ${SELECTED}`);
    // Repeat contact of the others depends on these (and 'pending' on the newest start in the
    // data); the rollups of their days still count them. Both are refreshed before the commit.
    await refreshAfterWrite(conn, repeatDays, { table: 'retention_ids', newestBefore });
  }
  await conn.run('DROP TABLE retention_ids');
  return counts;
}

async function run(db: Database, selection: Selection, options: { dryRun: boolean; repeatDays: number; audit: Audit }): Promise<RetentionCounts> {
  return db.transaction(async (conn) => {
    const counts = await apply(conn, selection, options.dryRun, options.repeatDays);
    if (!options.dryRun) {
      const { actor, action, entityId, details } = options.audit;
      await recordAudit(db, { actor, action, entityId: entityId ?? null, after: { ...details, counts } }, conn);
    }
    return counts;
  });
}

/** A moment as the UTC wall-clock text that TIMESTAMP columns hold. */
function timestampText(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * Deletes every conversation whose started_at is strictly before `now - days` (exactly 24-hour
 * days). A conversation that started exactly at the cutoff is `days` old, not older, and stays.
 */
export async function deleteOlderThan(
  db: Database,
  options: { days: number; now?: Date; actor: string; repeatDays: number; dryRun?: boolean },
): Promise<RetentionResult & { days: number; cutoff: string }> {
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > MAX_RETENTION_DAYS) {
    throw new RangeError(`days must be an integer from 1 to ${MAX_RETENTION_DAYS}`);
  }
  const cutoffDate = new Date((options.now ?? new Date()).getTime() - options.days * DAY_MS);
  const cutoff = timestampText(cutoffDate);
  const dryRun = options.dryRun ?? false;
  const counts = await run(
    db,
    {
      conversations: { where: 'started_at < $cutoff::TIMESTAMP', params: { cutoff } },
      // batches.created_at is now()::TIMESTAMP, the session's wall clock: compare in that clock.
      rejects: {
        where: `batch_id IN (SELECT batch_id FROM batches WHERE created_at < ($cutoff || '+00')::TIMESTAMPTZ::TIMESTAMP)`,
        params: { cutoff },
      },
    },
    { dryRun, repeatDays: options.repeatDays, audit: { actor: options.actor, action: 'retention.delete_older_than', details: { days: options.days, cutoff: cutoffDate.toISOString() } } },
  );
  return { dryRun, days: options.days, cutoff: cutoffDate.toISOString(), counts };
}

/** The pseudonymous reference to a customer kept in the audit trail after their data is erased. */
export function customerDigest(customerId: string): string {
  return createHash('sha256').update(customerId, 'utf8').digest('hex');
}

function regexLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&');
}

/**
 * A reject belongs to the customer when (1) it has the id of one of their conversations (an
 * earlier, failed version of it), (2) its raw text is a JSON record whose customer.id is theirs,
 * or (3) its raw text is not valid JSON (a truncated or malformed JSON line, or CSV rows, whose
 * header is not kept) and holds their id as a whole quoted value or CSV cell. (3) can over-match
 * when another cell of the record equals the id exactly; for a record that was never stored,
 * kept only for inspection, erring towards erasure is the right side.
 */
function customerRejectsWhere(customerId: string): Selection['rejects'] {
  const delimiter = '[",\\r\\n]';
  return {
    where: `${SELECTED}
      OR (json_valid(raw) AND try(json_extract_string(raw, '$.customer.id')) = $customerId)
      OR (NOT json_valid(raw) AND regexp_matches(raw, $customerToken))`,
    params: { customerId, customerToken: `(^|${delimiter})${regexLiteral(customerId)}($|${delimiter})` },
  };
}

/** Deletes every conversation of one customer, and the rejects and reviewer text tied to them. */
export async function deleteCustomer(
  db: Database,
  options: { customerId: string; actor: string; repeatDays: number; dryRun?: boolean },
): Promise<RetentionResult & { customerIdSha256: string }> {
  if (options.customerId === '') throw new RangeError('customerId must not be empty');
  const customerIdSha256 = customerDigest(options.customerId);
  const dryRun = options.dryRun ?? false;
  const counts = await run(
    db,
    {
      conversations: { where: 'customer_id = $customerId', params: { customerId: options.customerId } },
      rejects: customerRejectsWhere(options.customerId),
    },
    {
      dryRun,
      repeatDays: options.repeatDays,
      audit: { actor: options.actor, action: 'retention.delete_customer', entityId: `sha256:${customerIdSha256}`, details: { customerIdSha256 } },
    },
  );
  return { dryRun, customerIdSha256, counts };
}
