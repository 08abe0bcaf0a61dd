import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { RecordProblem } from './validate.js';

/** A record cut from its source: either a decoded value to validate, or a problem found on the way. */
export type SourceRecord =
  | { line: number; raw: string; value: unknown }
  | { line: number; raw: string; problem: RecordProblem; conversationId: string | null };

export const INGEST_FORMATS = ['jsonl', 'json', 'csv'] as const;
export type IngestFormat = (typeof INGEST_FORMATS)[number];

/** One record larger than this is an export error; it is rejected without being held in memory. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;
/** Rejects keep their raw text for inspection, up to this much of it. */
export const MAX_RAW_CHARS = 64 * 1024;

export function clipRaw(raw: string): string {
  return raw.length > MAX_RAW_CHARS ? `${raw.slice(0, MAX_RAW_CHARS)}… [truncated, ${raw.length} chars]` : raw;
}

/** Best effort to name the conversation of a record that could not be decoded. */
export function sniffConversationId(raw: string): string | null {
  const match = /"conversation_id"\s*:\s*"([^"\\]{1,256})"/.exec(raw.slice(0, 4096));
  return match ? match[1]! : null;
}

export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Gunzips when the stream starts with the gzip magic bytes, whatever the file is called.
 * pipeline, not pipe: an error thrown by the source (a size limit) must reach the reader instead
 * of leaving gunzip waiting for input forever.
 */
export async function* decompressed(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const { head, stream } = await peek(source);
  yield* isGzip(head) ? pipeline(Readable.from(stream), createGunzip(), () => undefined) : stream;
}

/** Picks the format from the first non-blank byte when the caller did not say. */
export function sniffFormat(head: Buffer): IngestFormat {
  const text = head.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) return 'jsonl';
  return 'csv';
}

/** Buffers the first chunk so the format can be sniffed, then replays it. */
export async function peek(source: AsyncIterable<Buffer>): Promise<{ head: Buffer; stream: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head: Buffer = first.done ? Buffer.alloc(0) : first.value;
  const stream = {
    async *[Symbol.asyncIterator]() {
      if (head.length) yield head;
      if (first.done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value as Buffer;
    },
  };
  return { head, stream };
}
