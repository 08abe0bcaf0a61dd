import { randomUUID } from 'node:crypto';
import type { Database, Row, SqlParams } from '../db/database.js';
import type { FlagReason, FlagStatus, OverrideField } from '../domain.js';
import type { Page } from './batches.js';
import { recordAudit } from './audit.js';
import { MAX_REVIEW_RISK } from '../db/facts.js';
import { countConversations, fromRecentDays, rankWindow, type Window } from './conversations.js';
import { factsView, filterSql, whereWith, type ConversationFilters, type SqlFragment } from './filters.js';

export interface QueueOptions {
  mode: 'risk' | 'random';
  /** Random mode is a reproducible sample: the same seed gives the same order. */
  seed: number;
  assignee: string | null;
  unreviewedOnly: boolean;
}

export async function reviewQueue(db: Database, filters: ConversationFilters, options: QueueOptions, page: Page) {
  const { sql: where, params } = filterSql(filters);
  const extra: string[] = [];
  if (options.assignee) extra.push(`EXISTS (SELECT 1 FROM assignments a WHERE a.conversation_id = f.conversation_id AND a.reviewer_id = $assignee)`);
  if (options.unreviewedOnly) {
    extra.push(`NOT EXISTS (SELECT 1 FROM flags x WHERE x.conversation_id = f.conversation_id)
      AND NOT EXISTS (SELECT 1 FROM reviews x WHERE x.conversation_id = f.conversation_id)`);
  }
  // Risk: review_risk (facts.ts), stored per conversation and recomputed with overrides by the
  // reviewed view; ties break on id_key as the conversation lists' do (conversations.ts). The
  // order is over the page's own column names, so the outer query can restate the inner one's.
  const order = options.mode === 'risk' ? `risk DESC, "startedAt" DESC, "idKey"` : `hash("conversationId" || $seed), "conversationId"`;
  const assignee: SqlParams = options.assignee ? { assignee: options.assignee } : {};
  // DuckDB refuses named parameters a statement does not use, so the seed goes to the list only.
  const seed: SqlParams = options.mode === 'random' ? { seed: String(options.seed) } : {};
  // The page is chosen first and only its rows get their assignees and flag counts: as correlated
  // subqueries over the whole selection, DuckDB joined every conversation to both (1.1 s at 3.5M).
  const readPage = (clause: SqlFragment, at: Page) =>
    db.all<Row>(
      `WITH page AS MATERIALIZED (
         SELECT f.conversation_id AS "conversationId", f.started_at AS "startedAt", f.handled_by AS "handledBy", f.tier,
           f.topic, f.market, f.csat, f.escalation_status AS "escalationStatus", f.escalation_score AS "escalationScore",
           f.negative_end AS "negativeEnd", f.vip_failure_reasons AS "vipFailureReasons", f.review_risk AS risk,
           f.id_key AS "idKey"
         FROM ${factsView(filters)} f ${clause.sql} ORDER BY ${order} LIMIT $limit OFFSET $offset)
       SELECT p.* EXCLUDE ("idKey"),
         (SELECT list(u.username ORDER BY u.username) FROM assignments a JOIN users u ON u.user_id = a.reviewer_id
           WHERE a.conversation_id = p."conversationId") AS "assignedTo",
         (SELECT count(*)::INTEGER FROM flags x WHERE x.conversation_id = p."conversationId") AS flags
       FROM page p ORDER BY ${order}`,
      { ...clause.params, ...assignee, ...seed, limit: at.limit, offset: at.offset },
    );
  // A page restated over fewer rows (rankWindow): the window's own filters, with its condition.
  const readWindow = (w: Window) => {
    const narrowed = filterSql(w.filters);
    const clause = whereWith(narrowed.sql, [...extra, ...(w.condition ? [w.condition.sql] : [])]);
    return readPage({ sql: clause, params: { ...narrowed.params, ...w.condition?.params } }, w.page);
  };
  const whole = { sql: whereWith(where, extra), params };
  // By risk, the rollups place the page (rankWindow, as for lists by score) when they can count
  // the selection: not with an assignee or unreviewed-only, which they do not know. Else the page
  // is looked for among the most recent days (fromRecentDays), then in the whole selection.
  const readItems = async () => {
    if (options.mode !== 'risk') return readPage(whole, page);
    const window = extra.length ? null : await rankWindow(db, filters, { column: 'review_risk', direction: 'DESC' }, page);
    if (window === 'past the end') return [];
    if (window) return readWindow(window);
    return (await fromRecentDays(db, filters, page, (last: Row) => last.risk === MAX_REVIEW_RISK, (w) => readWindow({ filters, condition: w, page })))
      ?? readPage(whole, page);
  };
  const [items, total] = await Promise.all([
    readItems(),
    extra.length
      ? db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${factsView(filters)} f ${whole.sql}`, { ...params, ...assignee }).then((r) => r?.n ?? 0)
      : countConversations(db, filters),
  ]);
  return { total, items };
}

const FLAG_COLUMNS = `flag_id AS "flagId", conversation_id AS "conversationId", reason, note, status,
  created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"`;

export async function getFlag(db: Database, flagId: string) {
  return db.one<{ flagId: string; conversationId: string; status: FlagStatus }>(`SELECT ${FLAG_COLUMNS} FROM flags WHERE flag_id = $flagId`, { flagId });
}

export async function listFlags(db: Database, conversationId: string) {
  return db.all(`SELECT ${FLAG_COLUMNS} FROM flags WHERE conversation_id = $conversationId ORDER BY created_at, flag_id`, { conversationId });
}

export async function conversationExists(db: Database, conversationId: string): Promise<boolean> {
  return (await db.one(`SELECT 1 AS x FROM conversations WHERE conversation_id = $conversationId`, { conversationId })) !== undefined;
}

/** Each write and its audit record commit together: there is no flag without its trail. */
export async function createFlag(db: Database, actor: string, conversationId: string, reason: FlagReason, note: string) {
  const flagId = randomUUID();
  await db.transaction(async (conn) => {
    await conn.run(`INSERT INTO flags VALUES ($flagId, $conversationId, $reason, $note, 'open', $actor, now()::TIMESTAMP, now()::TIMESTAMP)`, {
      flagId, conversationId, reason, note, actor,
    });
    await recordAudit(db, { actor, action: 'flag.create', conversationId, entityId: flagId, after: { reason, note, status: 'open' } }, conn);
  });
  return (await getFlag(db, flagId))!;
}

export async function setFlagStatus(db: Database, actor: string, flagId: string, status: FlagStatus) {
  const before = await getFlag(db, flagId);
  if (!before) return undefined;
  await db.transaction(async (conn) => {
    await conn.run(`UPDATE flags SET status = $status, updated_at = now()::TIMESTAMP WHERE flag_id = $flagId`, { status, flagId });
    await recordAudit(db, { actor, action: 'flag.status', conversationId: before.conversationId, entityId: flagId, before: { status: before.status }, after: { status } }, conn);
  });
  return getFlag(db, flagId);
}

export async function addOverride(db: Database, actor: string, conversationId: string, field: OverrideField, value: string, reason: string) {
  const view = await db.one<{ escalation: string; sentiment: string | null }>(
    `SELECT escalation_status AS escalation, CASE WHEN negative_end THEN 'negative' END AS sentiment
     FROM conversation_facts_reviewed WHERE conversation_id = $conversationId`,
    { conversationId },
  );
  const before = field === 'escalation_status' ? view?.escalation : view?.sentiment;
  await db.transaction(async (conn) => {
    await conn.run(`INSERT INTO overrides VALUES ($conversationId, $field, $value, $reason, $actor, now()::TIMESTAMP)`, {
      conversationId, field, value, reason, actor,
    });
    await recordAudit(db, { actor, action: 'override', conversationId, entityId: field, before: { [field]: before ?? null }, after: { [field]: value, reason } }, conn);
  });
}

export async function listOverrides(db: Database, conversationId: string) {
  return db.all(
    `SELECT field, value, reason, created_by AS "createdBy", created_at AS "createdAt"
     FROM overrides WHERE conversation_id = $conversationId ORDER BY created_at DESC`,
    { conversationId },
  );
}

export async function assign(db: Database, actor: string, conversationIds: string[], reviewer: { userId: string; username: string }) {
  const reviewerId = reviewer.userId;
  await db.transaction(async (conn) => {
    for (const conversationId of conversationIds) {
      await conn.run(`DELETE FROM assignments WHERE conversation_id = $conversationId AND reviewer_id = $reviewerId`, { conversationId, reviewerId });
      await conn.run(`INSERT INTO assignments VALUES ($conversationId, $reviewerId, $actor, now()::TIMESTAMP)`, { conversationId, reviewerId, actor });
      await recordAudit(db, { actor, action: 'assign', conversationId, entityId: reviewerId, after: { reviewer: reviewer.username, reviewerId } }, conn);
    }
  });
}

/** A reviewer's verdict; one per reviewer and conversation (a second one replaces the first). */
export async function saveReview(db: Database, actor: { id: string; name: string }, conversationId: string, verdict: string, flagReason: string) {
  await db.transaction(async (conn) => {
    await conn.run(`DELETE FROM reviews WHERE conversation_id = $conversationId AND reviewer_id = $reviewerId`, { conversationId, reviewerId: actor.id });
    await conn.run(`INSERT INTO reviews VALUES ($conversationId, $reviewerId, $verdict, $flagReason, now()::TIMESTAMP)`, {
      conversationId, reviewerId: actor.id, verdict, flagReason,
    });
    await recordAudit(db, { actor: actor.name, action: 'review', conversationId, entityId: actor.id, after: { escalationVerdict: verdict, flagReason } }, conn);
  });
}

export async function myReviews(db: Database, actor: { id: string; name: string }, page: Page) {
  const mine = `SELECT 'flag' AS kind, conversation_id AS "conversationId", reason AS detail, status, created_at AS "occurredAt" FROM flags WHERE created_by = $name
     UNION ALL
     SELECT 'review', conversation_id, escalation_verdict || ' / ' || flag_reason, NULL, reviewed_at FROM reviews WHERE reviewer_id = $id`;
  const who = { name: actor.name, id: actor.id };
  const [items, total] = await Promise.all([
    db.all(`${mine} ORDER BY "occurredAt" DESC LIMIT $limit OFFSET $offset`, { ...who, limit: page.limit, offset: page.offset }),
    db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${mine})`, who),
  ]);
  return { total: total?.n ?? 0, items };
}
