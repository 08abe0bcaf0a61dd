/**
 * The benchmark's input: one pass of the demo generator written as JSONL and as CSV (the same
 * conversations), remembering the byte offset after every `requestConversations` conversations so
 * the HTTP runs can send the same file as several requests of realistic size without re-parsing it.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { CSV_HEADER, csvRowsOf, generateConversations } from '../../data/generator/index.js';

/**
 * The id a generated conversation has in the benchmark's files. The generator numbers its
 * conversations in the order it writes them (c-0000001, ...), so its ids follow ingestion order,
 * which real ids (UUIDs, ticket numbers from several systems) do not: lookups by id would look
 * faster than they are. The benchmark hashes them (b- and 16 hex digits).
 */
export function benchConversationId(generatedId: string): string {
  return `b-${createHash('sha1').update(generatedId).digest('hex').slice(0, 16)}`;
}

export interface BenchFile {
  path: string;
  format: 'jsonl' | 'csv';
  bytes: number;
  /** Byte offsets where each HTTP request's part starts, then the file's end. */
  boundaries: number[];
  /** Sent before every part but the first (the CSV header); empty for JSONL. */
  partPrefix: string;
}

export interface BenchData {
  conversations: number;
  messages: number;
  seconds: number;
  jsonl: BenchFile;
  csv: BenchFile | null;
}

const BUFFER_BYTES = 1024 * 1024;

/** Buffered writes that know their byte offset (a write stream's own count lags behind its buffer). */
class CountingWriter {
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private flushed = 0;
  private readonly stream: WriteStream;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { highWaterMark: 8 * BUFFER_BYTES });
  }

  get offset(): number {
    return this.flushed + this.used;
  }

  async add(text: string): Promise<void> {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (this.used + text.length * 3 > this.buffer.length) {
      await this.flush();
      if (text.length * 3 > this.buffer.length) this.buffer = Buffer.allocUnsafe(text.length * 3);
    }
    this.used += this.buffer.write(text, this.used);
  }

  private async flush(): Promise<void> {
    if (!this.used) return;
    const full = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    this.flushed += this.used;
    this.used = 0;
    if (!this.stream.write(full)) await once(this.stream, 'drain');
  }

  async close(): Promise<number> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
    return this.flushed;
  }
}

export async function generateBenchData(
  dir: string,
  options: { conversations: number; weeks: number; seed: number; withCsv: boolean; requestConversations: number },
  onProgress: (written: number) => void = () => {},
): Promise<BenchData> {
  const started = performance.now();
  const jsonl = new CountingWriter(join(dir, 'bench.jsonl'));
  const csv = options.withCsv ? new CountingWriter(join(dir, 'bench.csv')) : null;
  const jsonlBounds = [0];
  const csvBounds = [0];
  await csv?.add(`${CSV_HEADER}\n`);
  let conversations = 0;
  let messages = 0;
  for (const record of generateConversations(options)) {
    record.conversation_id = benchConversationId(record.conversation_id as string);
    if (conversations > 0 && options.requestConversations > 0 && conversations % options.requestConversations === 0) {
      jsonlBounds.push(jsonl.offset);
      if (csv) csvBounds.push(csv.offset);
    }
    await jsonl.add(`${JSON.stringify(record)}\n`);
    await csv?.add(`${csvRowsOf(record).join('\n')}\n`);
    conversations += 1;
    messages += (record.messages as unknown[]).length;
    if (conversations % 100_000 === 0) onProgress(conversations);
  }
  const jsonlBytes = await jsonl.close();
  const csvBytes = csv ? await csv.close() : 0;
  return {
    conversations,
    messages,
    seconds: (performance.now() - started) / 1000,
    jsonl: { path: jsonl.path, format: 'jsonl', bytes: jsonlBytes, boundaries: [...jsonlBounds, jsonlBytes], partPrefix: '' },
    csv: csv ? { path: csv.path, format: 'csv', bytes: csvBytes, boundaries: [...csvBounds, csvBytes], partPrefix: `${CSV_HEADER}\n` } : null,
  };
}
