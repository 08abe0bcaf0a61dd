import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { clipRaw, type SourceRecord } from './sources.js';

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
    const message: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row.cells)) {
      if (IGNORED.has(column)) continue;
      const v = typed(column, value);
      if (v !== null) message[column] = v;
    }
    // A system row with no text is an event row; "handoff" is the one the product reads.
    if (message.role === 'system' && message.event === undefined && message.text === undefined) message.event = 'handoff';
    return message;
  });
  return { line: first.line, raw, value: record };
}

export async function* parseCsv(stream: AsyncIterable<Buffer>): AsyncGenerator<SourceRecord> {
  const parser = Readable.from(stream).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, raw: true, info: true, trim: false }),
  );
  let header: string[] | null = null;
  let group: Row[] = [];
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; raw: string; info: { lines: number } }>) {
      const { record, raw, info } = item;
      if (!header) {
        header = record.map((h) => h.trim().toLowerCase());
        const missing = REQUIRED_COLUMNS.filter((c) => !header!.includes(c));
        if (missing.length) {
          yield {
            line: info.lines,
            raw: clipRaw(raw),
            conversationId: null,
            problem: { field: missing[0]!, message: `CSV header lacks required column(s): ${missing.join(', ')}` },
          };
          return;
        }
        continue;
      }
      if (record.length !== header.length) {
        if (group.length) yield assemble(group);
        group = [];
        yield {
          line: info.lines,
          raw: clipRaw(raw),
          conversationId: record[header.indexOf('conversation_id')] || null,
          problem: { field: null, message: `row has ${record.length} columns, the header has ${header.length}` },
        };
        continue;
      }
      const cells = Object.fromEntries(header.map((column, i) => [column, record[i]!]));
      if (group.length && group[0]!.cells.conversation_id !== cells.conversation_id) {
        yield assemble(group);
        group = [];
      }
      group.push({ line: info.lines, raw, cells });
    }
  } catch (error) {
    if (group.length) yield assemble(group);
    group = [];
    const lines = (error as { lines?: number }).lines;
    yield {
      line: lines ?? 0,
      raw: '',
      conversationId: null,
      problem: { field: null, message: `CSV could not be read past this line: ${(error as Error).message}` },
    };
  }
  if (group.length) yield assemble(group);
}
