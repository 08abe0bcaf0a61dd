import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../db/database.js';

export interface AuditEntry {
  actor: string;
  action: string;
  conversationId?: string | null;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

async function insertAudit(conn: DuckDBConnection, e: AuditEntry): Promise<void> {
  await conn.run(`INSERT INTO audit VALUES ($id, now()::TIMESTAMP, $actor, $action, $conversationId, $entityId, $before, $after)`, {
    id: randomUUID(), actor: e.actor, action: e.action, conversationId: e.conversationId ?? null, entityId: e.entityId ?? null,
    before: e.before === undefined ? null : JSON.stringify(e.before), after: e.after === undefined ? null : JSON.stringify(e.after),
  });
}

/** Records who did what, when, with the value before and after (issue 6 audit trail). */
export async function recordAudit(db: Database, entry: AuditEntry, conn?: DuckDBConnection): Promise<void> {
  if (conn) await insertAudit(conn, entry);
  else await db.write((c) => insertAudit(c, entry));
}

export async function listAudit(db: Database, filter: { conversationId?: string; limit: number; offset: number }) {
  return db.all(
    `SELECT audit_id AS "auditId", occurred_at AS "at", actor, action, conversation_id AS "conversationId", entity_id AS "entityId",
       before::VARCHAR AS before, after::VARCHAR AS after
     FROM audit ${filter.conversationId ? 'WHERE conversation_id = $conversationId' : ''}
     ORDER BY occurred_at DESC, audit_id LIMIT $limit OFFSET $offset`,
    { ...(filter.conversationId ? { conversationId: filter.conversationId } : {}), limit: filter.limit, offset: filter.offset },
  );
}
