/**
 * Writes the generated stream to a file (gzip when the name ends .gz) or stdout, in large chunks
 * and with backpressure: when a write reports a full buffer we wait for 'drain', so memory stays
 * flat however many conversations are written.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { CSV_HEADER, csvRowsOf } from './csv.js';
import type { V1Record } from './record.js';

export type OutputFormat = 'jsonl' | 'csv';

/** Bytes per write: few syscalls, and a small, flat footprint. */
const BUFFER_BYTES = 1024 * 1024;
/**
 * How much written-but-not-flushed data a stream may hold before write() asks us to wait. With the
 * default 16 KiB every 1 MiB write would stall generation until the disk caught up; a few MiB let
 * generation and I/O (or gzip, on the thread pool) overlap while memory stays bounded.
 */
const STREAM_HIGH_WATER = 8 * BUFFER_BYTES;

export interface Sink {
  stream: Writable;
  /** Ends the stream (not stdout) and resolves when everything is flushed. */
  close(): Promise<void>;
}

export function openSink(out: string): Sink {
  if (out === '-') {
    return { stream: process.stdout, close: async () => {} };
  }
  const file = createWriteStream(out, { highWaterMark: STREAM_HIGH_WATER });
  if (!out.endsWith('.gz')) {
    return {
      stream: file,
      close: async () => {
        file.end();
        await once(file, 'finish');
      },
    };
  }
  // Level 1: ~2x faster than the default 6 for ~30 % more bytes; this is bulk demo data.
  const gzip = createGzip({ level: 1 });
  const done = pipeline(gzip, file);
  return {
    stream: gzip,
    close: async () => {
      gzip.end();
      await done;
    },
  };
}

/**
 * Encodes lines into 1 MiB buffers. Encoding each short line on its own measured ~30 % faster
 * than concatenating a large string chunk, whose rope V8 must flatten and transcode at write.
 */
class LineBuffer {
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;

  constructor(private readonly stream: Writable) {}

  /** Adds the line unless the buffer is too full for it; then flush() and add it again. */
  tryAdd(line: string): boolean {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    const worst = line.length * 3;
    if (this.used + worst > this.buffer.length) {
      if (this.used > 0) return false;
      this.buffer = Buffer.allocUnsafe(Math.max(worst, BUFFER_BYTES));
    }
    this.used += this.buffer.write(line, this.used);
    return true;
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    const full = this.buffer.subarray(0, this.used);
    // The stream may still hold `full`, so the next lines go into a fresh buffer.
    this.buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    this.used = 0;
    if (!this.stream.write(full)) await once(this.stream, 'drain');
  }
}

/** Writes every record; `onProgress(n)` is called every 1,000 conversations. Returns the count. */
export async function writeRecords(
  records: Iterable<V1Record>,
  format: OutputFormat,
  stream: Writable,
  onProgress: (written: number) => void = () => {},
): Promise<number> {
  const out = new LineBuffer(stream);
  if (format === 'csv') out.tryAdd(CSV_HEADER + '\n');
  let written = 0;
  for (const record of records) {
    const line = format === 'csv' ? csvRowsOf(record).join('\n') + '\n' : JSON.stringify(record) + '\n';
    // Awaiting only when a buffer is full keeps the per-record path free of promises.
    if (!out.tryAdd(line)) {
      await out.flush();
      out.tryAdd(line);
    }
    written++;
    if (written % 1000 === 0) onProgress(written);
  }
  await out.flush();
  onProgress(written);
  return written;
}
