import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction, type Database } from '../db/database.js';
import { newBatchId } from './batch-id.js';
import { addRedactionCounts, emptyRedactionCounts, redactText, type RedactionCounts } from './redact.js';
import { clearStage, publishStage, rejectRepeatedIds } from './finalize.js';
import { parseCsv } from './parse-csv.js';
import { parseJsonArray, parseJsonLines } from './parse-json.js';
import { createStageDir, loadStage, removeStageDir, StageWriter } from './stage.js';
import { clipRaw, decompressed, peek, sniffFormat, type IngestFormat, type SourceRecord } from './sources.js';
import type { RecordProblem } from './validate.js';
import type { ChunkOutcome, DecodedRecord } from './prepare.js';
import { defaultPrepareThreads, prepareChunk, PreparePool } from './prepare-pool.js';

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
  /** Worker threads that validate, redact, score and stage; 0 does it in this thread. Default: one per core. */
  threads?: number;
}

const MAX_REJECTS_IN_RESULT = 1_000;
const PROGRESS_EVERY = 1_000;
/** Records per job for a prepare thread: large enough to amortise the message, small enough to spread. */
const CHUNK_RECORDS = 250;
const MAX_CHUNKS_IN_FLIGHT = 8;
/** Below this many records a batch is prepared on the calling thread; starting threads costs more. */
const THREADS_AFTER_RECORDS = 2_000;

const PARSERS: Record<IngestFormat, (s: AsyncIterable<Buffer>) => AsyncGenerator<SourceRecord>> = {
  jsonl: parseJsonLines,
  json: parseJsonArray,
  csv: parseCsv,
};

/**
 * Ingests one batch (a file or request body; JSONL, JSON array or CSV, gzipped or not) in two
 * phases:
 * 1. stream: parse -> validate -> redact -> score -> write stage files (stage.ts), chunk by chunk,
 *    so memory does not grow with the file. This needs no connection, so the writer stays free
 *    meanwhile for other writes (a reviewer's flag, another upload's publish); one batch streams
 *    at a time (inStreamingTurn);
 * 2. publish, on the writer connection: one bulk insert per stage table reads the files in
 *    (readers never see the stage), then one short transaction swaps the staged rows into the
 *    live tables and marks the batch done. Either every good record of the batch is live or none is.
 * The batch is recorded as 'loading' first, so a crash in between leaves a trace: on the next
 * start the stage is dropped and the batch is marked 'interrupted' (Database.migrate).
 * Bad records are rejected with their line, field and reason and kept (redacted) for inspection.
 */
export async function ingestBatch(db: Database, input: AsyncIterable<Buffer>, options: IngestOptions): Promise<BatchResult> {
  const [result] = await ingestBatches(db, input, options);
  return result!;
}

/**
 * Records per batch of `npm run ingest` and the benchmark's file runs. A publish has costs per
 * batch (its commit, the rollups of the days it touches, repeat contact), so larger batches load
 * faster; memory does not grow with the batch, as DuckDB spills to disk beyond its cap. Into a
 * copy of the month's database, 400,000 conversations by hand (BENCHMARKS.md, "Where ingestion's
 * time goes"): as 4 batches of 100,000, ~28.6 s per 100,000; as 2 of 200,000, 24.6 s; as one of
 * 400,000, 22.4 s; peaks 1.18, 1.12 and 1.15 GB.
 */
export const DEFAULT_BATCH_RECORDS = 400_000;

/**
 * One batch streams at a time in this process, as when streaming held the writer: it keeps both
 * cores to one batch's prepare threads and bounds memory to one batch streaming and one
 * publishing, however many uploads arrive at once.
 */
let streamingTurn: Promise<unknown> = Promise.resolve();
function inStreamingTurn<T>(work: () => Promise<T>): Promise<T> {
  const run = streamingTurn.then(work);
  streamingTurn = run.catch(() => undefined);
  return run;
}

/**
 * Like ingestBatch, but a source with more than `batchRecords` records is loaded as consecutive
 * batches of at most that many, each atomic and idempotent. Publishing a batch holds its rows in
 * one DuckDB transaction, so this is what keeps memory flat for a file of any size; a load that
 * stops half way is completed by running it again (published batches come back as unchanged).
 * Batches stream and publish in turn. Publishing batch k while batch k + 1 streamed was tried:
 * 800,000 conversations into a copy of the month's database took 191 s and 361 s of CPU against
 * 172 s and 321 s in turn (BENCHMARKS.md, "Where ingestion's time goes").
 */
export async function ingestBatches(
  db: Database,
  input: AsyncIterable<Buffer>,
  options: IngestOptions & { batchRecords?: number; onBatch?: (result: BatchResult) => void },
): Promise<BatchResult[]> {
  const source = decompressed(input);
  const { head, stream } = await peek(source);
  const format = options.format ?? sniffFormat(head);
  const records = PARSERS[format](stream);
  const limit = options.batchRecords ?? Infinity;
  const results: BatchResult[] = [];
  // `next` is read ahead: after a full batch it already holds the first record of the following one.
  let next = await records.next();
  for (;;) {
    const batchId = newBatchId();
    await db.write((conn) => markLoading(conn, batchId, options.source, format));
    const batch = (async function* () {
      for (let taken = 0; !next.done && taken < limit; taken += 1) {
        yield next.value;
        next = await records.next();
      }
    })();
    let staged: StagedBatch;
    try {
      staged = await inStreamingTurn(() => stageBatch(db.stageDir, batchId, format, batch, options));
    } catch (error) {
      await db.write((conn) => markFailed(conn, batchId, error as Error));
      throw error;
    }
    const result = await db.write((conn) => publishBatch(conn, staged, options.repeatDays));
    results.push(result);
    options.onBatch?.(result);
    if (next.done) break;
  }
  return results;
}

async function markLoading(conn: DuckDBConnection, batchId: string, source: string, format: IngestFormat): Promise<void> {
  await conn.run(
    `INSERT INTO batches (batch_id, source, format, status, created_at, redactions)
     VALUES ($id, $source, $format, 'loading', now()::TIMESTAMP, '{}')`,
    { id: batchId, source, format },
  );
}

/** A batch streamed to its stage files, ready to publish. */
interface StagedBatch {
  result: BatchResult;
  dir: string;
  /** The longest row in its files (loadStage). */
  longestRow: number;
}

async function stageBatch(
  stageDir: string,
  batchId: string,
  format: IngestFormat,
  records: AsyncGenerator<SourceRecord>,
  options: IngestOptions,
): Promise<StagedBatch> {
  const result: BatchResult = {
    batchId, format, received: 0, accepted: 0, rejected: 0, unchanged: 0, messages: 0,
    redactions: emptyRedactionCounts(), rejects: [],
  };
  const dir = createStageDir(stageDir, batchId);
  // This thread's writer stages the rejects; the prepare threads stage the accepted records.
  const writer = new StageWriter(dir, 'main');
  let longestRow = 0;

  const reject = (line: number, raw: string, conversationId: string | null, { field, message: unsafe }: RecordProblem) => {
    // A JSON.parse message quotes the text around the fault, which may be personal data.
    const message = redactText(unsafe);
    result.rejected += 1;
    if (result.rejects.length < MAX_REJECTS_IN_RESULT) result.rejects.push({ line, conversationId, field, message });
    writer.addReject({ batch_id: batchId, line, conversation_id: conversationId, field, message, raw: clipRaw(redactText(raw)) });
  };
  // Chunks of decoded records go to the prepare threads, which stage them to files; their
  // outcomes (counts and rejects) are added up as they come back. At most MAX_CHUNKS_IN_FLIGHT
  // are out at once, which bounds memory and lets the parser run ahead of the threads by just
  // enough to keep them busy.
  // Threads start only once a batch proves large: a small request never waits for them to load.
  const threads = options.threads ?? defaultPrepareThreads();
  let pool: PreparePool | null = null;
  const inFlight: Promise<void>[] = [];
  let chunk: DecodedRecord[] = [];
  let raws: string[] = [];
  const apply = (chunkRaws: string[], outcome: ChunkOutcome) => {
    for (const r of outcome.rejects) reject(r.line, chunkRaws[r.index]!, r.conversationId, r.problem);
    addRedactionCounts(result.redactions, outcome.redactions);
    result.accepted += outcome.accepted;
    result.messages += outcome.messages;
    longestRow = Math.max(longestRow, outcome.longestRow);
  };
  const dispatch = () => {
    writer.flush();
    const chunkRaws = raws;
    inFlight.push(prepareChunk(pool, chunk, writer, batchId).then((outcome) => apply(chunkRaws, outcome)));
    chunk = [];
    raws = [];
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
      chunk.push({ line: record.line, value: record.value });
      raws.push(record.raw);
      if (!pool && threads > 0 && result.received === THREADS_AFTER_RECORDS) pool = PreparePool.start(threads, dir, batchId);
      if (chunk.length >= CHUNK_RECORDS) dispatch();
      if (inFlight.length >= MAX_CHUNKS_IN_FLIGHT) await inFlight.shift();
    }
    if (chunk.length) dispatch();
    while (inFlight.length) await inFlight.shift();
    writer.flush();
  } catch (error) {
    // A failed batch still waits for its outstanding chunks, so nothing writes after its files are removed.
    await Promise.allSettled(inFlight);
    await (pool as PreparePool | null)?.close();
    removeStageDir(dir);
    throw error;
  }
  await (pool as PreparePool | null)?.close();
  options.onProgress?.(result);
  if (result.rejects.length > 1) result.rejects.sort((a, b) => a.line - b.line);
  return { result, dir, longestRow: Math.max(longestRow, writer.longestRow) };
}

/** Reads a staged batch's files into the stage tables and publishes it; its files are removed either way. */
async function publishBatch(conn: DuckDBConnection, staged: StagedBatch, repeatDays: number): Promise<BatchResult> {
  const { result, dir } = staged;
  try {
    await clearStage(conn);
    await loadStage(conn, dir, staged.longestRow);
    return await inTransaction(conn, () => publishStaged(conn, result, repeatDays));
  } catch (error) {
    await clearStage(conn);
    await markFailed(conn, result.batchId, error as Error);
    throw error;
  } finally {
    removeStageDir(dir);
  }
}

async function publishStaged(conn: DuckDBConnection, result: BatchResult, repeatDays: number): Promise<BatchResult> {
  const repeated = await rejectRepeatedIds(conn, result.batchId);
  for (const r of repeated) {
    result.accepted -= 1;
    result.rejected += 1;
    result.messages -= r.messages;
    if (result.rejects.length < MAX_REJECTS_IN_RESULT) {
      result.rejects.push({
        line: r.line, conversationId: r.conversationId, field: 'conversation_id',
        message: `conversation_id is repeated in this batch (first at line ${r.firstLine}); the first one is kept`,
      });
    }
  }
  if (repeated.length) result.rejects.sort((a, b) => a.line - b.line);
  const { unchanged } = await publishStage(conn, repeatDays);
  result.unchanged = unchanged;
  await conn.run(
    `UPDATE batches SET status = 'done', finished_at = now()::TIMESTAMP, received = $received, accepted = $accepted,
       rejected = $rejected, unchanged = $unchanged, messages = $messages, redactions = $redactions
     WHERE batch_id = $id`,
    {
      id: result.batchId, received: result.received, accepted: result.accepted, rejected: result.rejected,
      unchanged, messages: result.messages, redactions: JSON.stringify(result.redactions),
    },
  );
  return result;
}

/** A batch that could not be stored still leaves a trace of why; none of its rows are live. */
async function markFailed(conn: DuckDBConnection, batchId: string, error: Error) {
  await conn.run(
    `UPDATE batches SET status = 'failed: ' || $reason, finished_at = now()::TIMESTAMP WHERE batch_id = $id`,
    { id: batchId, reason: error.message.slice(0, 500) },
  );
}
