import { isUtf8 } from 'node:buffer';
import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { clipRaw, type SourceRecord } from './sources.js';
import type { RecordProblem } from './validate.js';

/** SPEC 2: the message-per-row CSV form. */
const REQUIRED_COLUMNS = ['conversation_id', 'started_at', 'role', 'text'] as const;
/** Columns that describe the conversation, so every row of it must agree on them. */
const CONVERSATION_COLUMNS = ['started_at', 'ended_at', 'customer_id', 'tier', 'channel', 'market', 'language', 'topic', 'csat', 'resolved'] as const;
const IGNORED = new Set(['conversation_id', ...CONVERSATION_COLUMNS]);

interface Row {
  line: number;
  raw: string;
  cells: Record<string, string>;
}

const NEWLINE = 0x0a;

function countNewlines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) n += 1;
  return n;
}

/** Bytes at the end that begin a multi-byte UTF-8 sequence this chunk does not finish (0-3). */
function incompleteTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: its lead is further back
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/**
 * Notes the physical lines that are not valid UTF-8 as the bytes stream past: csv-parse decodes
 * leniently (to U+FFFD), and a row must be rejected rather than stored with guessed text. Whole
 * chunks are checked natively; only a chunk that fails is looked at line by line. Lines end at LF
 * here, so in a file with bare CR line ends a bad row is found but may be named a line off.
 */
class Utf8Lines {
  private readonly bad = new Set<number>();
  private line = 1;
  private carry = Buffer.alloc(0);

  async *check(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of stream) {
      this.scan(chunk);
      yield chunk;
    }
    if (this.carry.length) this.bad.add(this.line); // the input ends inside a character
  }

  private scan(chunk: Buffer): void {
    const bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = bytes.length - incompleteTail(bytes);
    this.carry = Buffer.from(bytes.subarray(end));
    const body = bytes.subarray(0, end);
    if (isUtf8(body)) {
      this.line += countNewlines(body);
      return;
    }
    for (let start = 0; ; ) {
      const nl = body.indexOf(NEWLINE, start);
      if (!isUtf8(body.subarray(start, nl === -1 ? body.length : nl))) this.bad.add(this.line);
      if (nl === -1) return;
      this.line += 1;
      start = nl + 1;
    }
  }

  anyBetween(from: number, to: number): boolean {
    if (!this.bad.size) return false;
    for (let line = from; line <= to; line += 1) if (this.bad.has(line)) return true;
    return false;
  }
}

const lineBreaks = (text: string): number => text.match(/\r\n|\r|\n/g)?.length ?? 0;

/**
 * Numbers lines from each record's raw text. csv-parse's own count (info.lines) is off by one
 * after every CR LF inside a quoted cell and on blank CR LF lines, and rejects must point at the
 * right line. Skipped blank lines lead the next record's raw text; a CR LF record delimiter
 * reaches it as its CR only.
 */
class LineCounter {
  private next = 1;

  take(raw: string): { first: number; last: number } {
    const first = this.next + lineBreaks(/^[\r\n]*/.exec(raw)![0]);
    this.next += lineBreaks(raw);
    return { first, last: /[\r\n]$/.test(raw) ? this.next - 1 : this.next };
  }
}

/** Best effort to name the conversation of a row csv-parse could not split (no quote before the id). */
function sniffCsvId(raw: string, idIndex: number): string | null {
  const cells = raw.split('\n', 1)[0]!.split(',');
  if (idIndex < 0 || cells.slice(0, idIndex + 1).some((c) => c.includes('"'))) return null;
  return cells[idIndex] || null;
}

/** csat and resolved arrive as text; numbers and booleans are restored so validation sees types. */
function typed(column: string, value: string): unknown {
  if (value === '') return null;
  if (column === 'csat' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (column === 'resolved' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return value;
}

/**
 * Groups the rows of one conversation (they must be contiguous, as exports write them) into a
 * format v1 record. A conversation whose rows disagree on a conversation-level column is
 * rejected, naming the column and the line where it changed.
 */
function assemble(rows: Row[]): SourceRecord {
  const first = rows[0]!;
  const raw = clipRaw(rows.map((r) => r.raw).join(''));
  const conversationId = first.cells.conversation_id || null;
  const level: Record<string, string> = {};
  for (const row of rows) {
    for (const column of CONVERSATION_COLUMNS) {
      const value = row.cells[column] ?? '';
      if (value === '') continue;
      if (level[column] !== undefined && level[column] !== value) {
        return {
          line: first.line,
          raw,
          conversationId,
          problem: {
            field: column,
            message: `${column} differs between rows of the conversation ("${level[column]}" then "${value}" at line ${row.line})`,
          },
        };
      }
      level[column] = value;
    }
  }
  const record: Record<string, unknown> = { conversation_id: conversationId };
  for (const column of CONVERSATION_COLUMNS) {
    const value = typed(column, level[column] ?? '');
    if (value === null) continue;
    if (column === 'customer_id') record.customer = { ...(record.customer as object), id: value };
    else if (column === 'tier') record.customer = { ...(record.customer as object), tier: value };
    else record[column] = value;
  }
  record.messages = rows.map((row) => {
    // fromEntries, not assignment: a "__proto__" column must stay data instead of vanishing.
    const message: Record<string, unknown> = Object.fromEntries(
      Object.entries(row.cells)
        .filter(([column]) => !IGNORED.has(column))
        .map(([column, value]) => [column, typed(column, value)])
        .filter(([, value]) => value !== null),
    );
    // A system row with no text is an event row; "handoff" is the one the product reads.
    if (message.role === 'system' && message.event === undefined && message.text === undefined) message.event = 'handoff';
    return message;
  });
  return { line: first.line, raw, value: record };
}

interface Skipped {
  raw: string;
  /** Records csv-parse had emitted before this one (the header and blank lines included). */
  before: number;
  error: CsvError | undefined;
}

function skippedMessage(s: Skipped, line: number): string {
  return s.error?.code === 'CSV_QUOTE_NOT_CLOSED'
    ? `a quoted field opened at line ${line} is never closed, so the rest of the input was read as that field`
    : `CSV record could not be read: ${s.error?.message ?? 'unknown error'}`;
}

function rowProblem(record: string[], header: string[], invalidUtf8: boolean): RecordProblem | null {
  if (record.length !== header.length) return { field: null, message: `row has ${record.length} columns, the header has ${header.length}` };
  if (invalidUtf8) return { field: header[record.findIndex((cell) => cell.includes('\uFFFD'))] ?? null, message: 'row is not valid UTF-8' };
  return null;
}

function headerProblem(header: string[]): RecordProblem | null {
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  return missing.length ? { field: missing[0]!, message: `CSV header lacks required column(s): ${missing.join(', ')}` } : null;
}

/**
 * A conversation's rows, collected until the next conversation starts. One bad row rejects the
 * whole conversation (reported at that row's line), so no conversation is stored with a message
 * silently missing.
 */
class Conversation {
  rows: Row[] = [];
  id: string | null = null;
  problem: { line: number; problem: RecordProblem } | null = null;

  add(row: Row, id: string, problem: RecordProblem | null): void {
    this.rows.push(row);
    this.id = id;
    if (problem && !this.problem) this.problem = { line: row.line, problem };
  }

  /** The finished record (or reject), leaving this empty for the next conversation. */
  take(): SourceRecord | null {
    const { rows, problem } = this;
    this.rows = [];
    this.problem = null;
    if (!rows.length) return null;
    if (!problem) return assemble(rows);
    const others = rows.length - 1;
    const message = others ? `${problem.problem.message}; its conversation's ${others} other row(s) are rejected with it` : problem.problem.message;
    return {
      line: problem.line,
      raw: clipRaw(rows.map((r) => r.raw).join('')),
      conversationId: this.id || null,
      problem: { field: problem.problem.field, message },
    };
  }
}

/**
 * SPEC 2's CSV, streamed. Quotes inside a cell that is not quoted as a whole are kept literally
 * (relax_quotes), as lenient readers do, so a stray quote costs nothing; a quote that is never
 * closed swallows the rest of the input, which becomes one reject at the line where it opened.
 * Blank and whitespace-only lines are skipped, as in JSON Lines.
 */
export async function* parseCsv(stream: AsyncIterable<Buffer>): AsyncGenerator<SourceRecord> {
  const utf8 = new Utf8Lines();
  const lines = new LineCounter();
  const skipped: Skipped[] = [];
  // pipeline, not pipe: an error in the source (a size limit, broken gzip) must reach the reader.
  const parser = pipeline(
    Readable.from(utf8.check(stream)),
    parse({
      bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, raw: true, info: true, trim: false,
      // Without this, one malformed record ends the stream and drops records already parsed.
      skip_records_with_error: true,
      on_skip: (error, raw) => {
        skipped.push({ raw: raw ?? '', before: Number(error?.records ?? 0), error });
        return undefined;
      },
    }),
    () => undefined,
  );
  let header: string[] | null = null;
  let idIndex = -1;
  const current = new Conversation();
  const skippedRecord = (s: Skipped): SourceRecord => {
    const line = lines.take(s.raw).first;
    return { line, raw: clipRaw(s.raw), conversationId: sniffCsvId(s.raw, idIndex), problem: { field: null, message: skippedMessage(s, line) } };
  };
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; raw: string; info: { records: number } }>) {
      const { record, raw, info } = item;
      while (skipped.length && skipped[0]!.before < info.records) {
        const done = current.take();
        if (done) yield done;
        yield skippedRecord(skipped.shift()!);
      }
      const { first, last } = lines.take(raw);
      if (record.length === 1 && !record[0]!.trim()) continue; // a whitespace-only line
      if (!header) {
        header = record.map((h) => h.trim().toLowerCase());
        idIndex = header.indexOf('conversation_id');
        const problem = headerProblem(header);
        if (!problem) continue;
        yield { line: first, raw: clipRaw(raw), conversationId: null, problem };
        return;
      }
      const id = record[idIndex] ?? '';
      const problem = rowProblem(record, header, utf8.anyBetween(first, last));
      if (current.rows.length && current.id !== id) {
        const done = current.take();
        if (done) yield done;
      }
      const cells = problem ? {} : Object.fromEntries(header.map((column, i) => [column, record[i]!]));
      current.add({ line: first, raw, cells }, id, problem);
    }
  } catch (error) {
    // Anything but a CSV syntax error (a size limit, broken gzip) fails the batch, as it should.
    if (!(error instanceof CsvError)) throw error;
    const done = current.take();
    if (done) yield done;
    yield { line: 0, raw: '', conversationId: null, problem: { field: null, message: `CSV could not be read past this point: ${error.message}` } };
    return;
  }
  const done = current.take();
  if (done) yield done;
  for (const s of skipped) yield skippedRecord(s);
}
