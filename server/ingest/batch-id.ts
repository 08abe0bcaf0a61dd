import { randomBytes } from 'node:crypto';

let lastMs = 0;

/**
 * A batch id: a UUID version 7 (RFC 9562), whose first 48 bits are the Unix time in
 * milliseconds, so later batches get larger ids. The child tables are stored sorted by
 * (batch_id, conversation_id) per write and a conversation's rows are found by both
 * (schema.ts, CHILD_BATCH_TABLES). With random ids, a row group holding several small batches
 * spans a wide range of ids, and a lookup of any batch in that range has to read it; with ids in
 * the order of their writes each row group's range is its own. Within one millisecond the time
 * stamp is advanced by one, so the order holds for a burst of batches too (RFC 9562, 6.2).
 */
export function newBatchId(now = Date.now()): string {
  lastMs = Math.max(now, lastMs + 1);
  const bytes = randomBytes(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
