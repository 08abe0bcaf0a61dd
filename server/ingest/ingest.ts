import { createHash, randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction, type Database } from '../db/database.js';
import { scoreConversation } from '../scoring/index.js';
import { addRedactionCounts, emptyRedactionCounts, redactText, type RedactionCounts } from './redact.js';
import { finalizeStage } from './finalize.js';
import { parseCsv } from './parse-csv.js';
import { parseJsonArray, parseJsonLines } from './parse-json.js';
import { SeenIds } from './seen-ids.js';
import { Stager } from './stage.js';
import { clipRaw, decompressed, peek, sniffFormat, type IngestFormat, type SourceRecord } from './sources.js';
import { validateRecord, type RecordProblem } from './validate.js';
import type { Transcript } from '../domain.js';

export interface Reject {
  line: number;
  conversationId: string | null;
  field: string | null;
  message: string;
}

export interface BatchResult {
  batchId: string;
  format: IngestFormat;
  received: number;
  accepted: number;
  rejected: number;
  /** Accepted conversations identical to what was already stored (nothing changed). */
  unchanged: number;
  messages: number;
  redactions: RedactionCounts;
  /** The first MAX_REJECTS_IN_RESULT rejects; all of them are listed by the rejects endpoint. */
  rejects: Reject[];
}

export interface IngestOptions {
  source: string;
  format?: IngestFormat;
  repeatDays: number;
  /** Called every PROGRESS_EVERY records with the counts so far. */
  onProgress?: (progress: { received: number; accepted: number; rejected: number }) => void;
  /** Thrown errors from here abort the batch (used to enforce a body size limit). */
  signal?: AbortSignal;
}

const MAX_REJECTS_IN_RESULT = 1_000;
const PROGRESS_EVERY = 1_000;

const PARSERS: Record<IngestFormat, (s: AsyncIterable<Buffer>) => AsyncGenerator<SourceRecord>> = {
  jsonl: parseJsonLines,
  json: parseJsonArray,
  csv: parseCsv,
};

function redactTranscript(t: Transcript, counts: RedactionCounts): Transcript {
  for (const m of t.messages) if (m.text !== null) m.text = redactText(m.text, counts);
  return t;
}

/** Identifies a conversation's stored content, so re-sending it is recognised as no change. */
function contentHash(t: Transcript): string {
  return createHash('sha1').update(JSON.stringify(t)).digest('base64url');
}

/**
 * Ingests one batch (a file or request body; JSONL, JSON array or CSV, gzipped or not):
 * parse -> validate -> redact -> score -> stage, then swap in, all in one transaction on the
 * writer connection. Either every good record of the batch is stored or none is; bad records
 * are rejected with their line, field and reason and kept (redacted) for inspection.
 */
export async function ingestBatch(db: Database, input: AsyncIterable<Buffer>, options: IngestOptions): Promise<BatchResult> {
  const source = decompressed(input);
  const { head, stream } = await peek(source);
  const format = options.format ?? sniffFormat(head);
  const batchId = randomUUID();
  return db.write(async (conn) => {
    try {
      return await inTransaction(conn, () => stageBatch(conn, batchId, format, PARSERS[format](stream), options));
    } catch (error) {
      await recordFailedBatch(conn, batchId, options.source, format, error as Error);
      throw error;
    }
  });
}

async function stageBatch(
  conn: DuckDBConnection,
  batchId: string,
  format: IngestFormat,
  records: AsyncGenerator<SourceRecord>,
  options: IngestOptions,
): Promise<BatchResult> {
  const result: BatchResult = {
    batchId, format, received: 0, accepted: 0, rejected: 0, unchanged: 0, messages: 0,
    redactions: emptyRedactionCounts(), rejects: [],
  };
  const rejectAppender = await conn.createAppender('rejects');
  const stager = await Stager.open(conn);
  const seen = new SeenIds();

  const reject = (line: number, raw: string, conversationId: string | null, problem: RecordProblem) => {
    result.rejected += 1;
    if (result.rejects.length < MAX_REJECTS_IN_RESULT) result.rejects.push({ line, conversationId, ...problem });
    for (const v of [batchId, line, conversationId, problem.field, problem.message, clipRaw(redactText(raw))]) {
      if (v === null) rejectAppender.appendNull();
      else if (typeof v === 'number') rejectAppender.appendInteger(v);
      else rejectAppender.appendVarchar(v);
    }
    rejectAppender.endRow();
  };

  try {
    for await (const record of records) {
      options.signal?.throwIfAborted();
      result.received += 1;
      if (result.received % PROGRESS_EVERY === 0) options.onProgress?.(result);
      if ('problem' in record) {
        reject(record.line, record.raw, record.conversationId, record.problem);
        continue;
      }
      const validation = validateRecord(record.value);
      if (!validation.ok) {
        const id = (record.value as { conversation_id?: unknown } | null)?.conversation_id;
        reject(record.line, record.raw, typeof id === 'string' ? id : null, validation.problem);
        continue;
      }
      const transcript = validation.transcript;
      const id = transcript.conversationId;
      const firstLine = seen.mightContain(id) ? await stager.stagedLine(conn, id) : null;
      if (firstLine !== null) {
        reject(record.line, record.raw, transcript.conversationId, {
          field: 'conversation_id',
          message: `conversation_id is repeated in this batch (first at line ${firstLine}); the first one is kept`,
        });
        continue;
      }
      seen.add(id);
      const counts = emptyRedactionCounts();
      redactTranscript(transcript, counts);
      addRedactionCounts(result.redactions, counts);
      stager.add(batchId, record.line, contentHash(transcript), transcript, scoreConversation(transcript));
      result.accepted += 1;
      result.messages += transcript.messages.length;
    }
    stager.flush();
    rejectAppender.flushSync();
  } finally {
    stager.close();
    rejectAppender.closeSync();
  }
  options.onProgress?.(result);
  const { unchanged } = await finalizeStage(conn, options.repeatDays);
  result.unchanged = unchanged;
  await conn.run(
    `INSERT INTO batches (batch_id, source, format, status, created_at, finished_at, received, accepted, rejected, unchanged, messages, redactions)
     VALUES ($id, $source, $format, 'done', now()::TIMESTAMP, now()::TIMESTAMP, $received, $accepted, $rejected, $unchanged, $messages, $redactions)`,
    {
      id: batchId, source: options.source, format, received: result.received, accepted: result.accepted,
      rejected: result.rejected, unchanged, messages: result.messages, redactions: JSON.stringify(result.redactions),
    },
  );
  return result;
}

/** A batch that could not be stored still leaves a trace of why, outside the rolled-back transaction. */
async function recordFailedBatch(conn: DuckDBConnection, batchId: string, source: string, format: string, error: Error) {
  await conn.run(
    `INSERT INTO batches (batch_id, source, format, status, created_at, finished_at, redactions)
     VALUES ($id, $source, $format, 'failed: ' || $reason, now()::TIMESTAMP, now()::TIMESTAMP, '{}')`,
    { id: batchId, source, format, reason: error.message.slice(0, 500) },
  );
}
