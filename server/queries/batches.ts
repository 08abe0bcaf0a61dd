import type { Database } from '../db/database.js';

export interface BatchRow {
  batchId: string;
  source: string;
  format: string;
  status: string;
  createdAt: Date;
  finishedAt: Date | null;
  received: number;
  accepted: number;
  rejected: number;
  unchanged: number;
  messages: number;
  redactions: Record<string, number>;
}

export interface RejectRow {
  line: number;
  conversationId: string | null;
  field: string | null;
  message: string;
  raw: string;
}

export interface Page {
  limit: number;
  offset: number;
}

export async function listBatches(db: Database, page: Page): Promise<{ total: number; items: BatchRow[] }> {
  const rows = await db.all<BatchRow & { redactions: string }>(
    `SELECT batch_id AS "batchId", source, format, status, created_at AS "createdAt", finished_at AS "finishedAt",
       received, accepted, rejected, unchanged, messages, redactions::VARCHAR AS redactions
     FROM batches ORDER BY created_at DESC, batch_id LIMIT $limit OFFSET $offset`,
    { limit: page.limit, offset: page.offset },
  );
  const total = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM batches`);
  return { total: total?.n ?? 0, items: rows.map((r) => ({ ...r, redactions: JSON.parse(r.redactions) })) };
}

export async function batchExists(db: Database, batchId: string): Promise<boolean> {
  const row = await db.one(`SELECT 1 AS x FROM batches WHERE batch_id = $id`, { id: batchId });
  return row !== undefined;
}

export async function listRejects(db: Database, batchId: string, page: Page): Promise<{ total: number; items: RejectRow[] }> {
  const items = await db.all<RejectRow>(
    `SELECT line, conversation_id AS "conversationId", field, message, raw
     FROM rejects WHERE batch_id = $id ORDER BY line LIMIT $limit OFFSET $offset`,
    { id: batchId, limit: page.limit, offset: page.offset },
  );
  const total = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM rejects WHERE batch_id = $id`, { id: batchId });
  return { total: total?.n ?? 0, items };
}
