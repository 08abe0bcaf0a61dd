import { clipRaw, MAX_RECORD_BYTES, sniffConversationId, type SourceRecord } from './sources.js';
import { nestingProblem } from './validate.js';

const NEWLINE = 0x0a;

/** Decodes one record; invalid UTF-8 is a reason to reject, not to guess with U+FFFD. */
function decodeRecord(bytes: Buffer, line: number): SourceRecord | null {
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lossy = bytes.toString('utf8');
    return {
      line,
      raw: clipRaw(lossy),
      problem: { field: null, message: 'record is not valid UTF-8' },
      conversationId: sniffConversationId(lossy),
    };
  }
  const trimmed = raw.replace(/^\uFEFF/, '').trim();
  if (!trimmed) return null;
  try {
    const value: unknown = JSON.parse(trimmed);
    // Checked here, not only in validation: a decoded record is structured-cloned to a worker
    // thread first, and cloning thousands of levels overflows the stack and fails the batch.
    const problem = nestingProblem(value);
    if (problem) return { line, raw: clipRaw(trimmed), problem, conversationId: sniffConversationId(trimmed) };
    return { line, raw: trimmed, value };
  } catch (error) {
    return {
      line,
      raw: clipRaw(trimmed),
      problem: { field: null, message: `not valid JSON: ${(error as Error).message}` },
      conversationId: sniffConversationId(trimmed),
    };
  }
}

function oversized(line: number, head: Buffer): SourceRecord {
  const raw = head.toString('utf8');
  return {
    line,
    raw: clipRaw(raw),
    problem: { field: null, message: `record is larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB` },
    conversationId: sniffConversationId(raw),
  };
}

/**
 * JSON Lines: one record per line, blank lines ignored. Memory is bounded by the largest record
 * accepted: a longer line is dropped as it streams and rejected by its line number.
 */
export async function* parseJsonLines(stream: AsyncIterable<Buffer>): AsyncGenerator<SourceRecord> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping: Buffer | null = null; // head of an oversized line being skipped
  let line = 1;
  for await (const chunk of stream) {
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE, start); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, nl);
      if (skipping) {
        yield oversized(line, skipping);
        skipping = null;
      } else if (pendingBytes + piece.length > MAX_RECORD_BYTES) {
        yield oversized(line, Buffer.concat([...pending, piece]).subarray(0, 4096));
      } else {
        const record = decodeRecord(pending.length ? Buffer.concat([...pending, piece]) : piece, line);
        if (record) yield record;
      }
      pending = [];
      pendingBytes = 0;
      line += 1;
      start = nl + 1;
    }
    const tail = chunk.subarray(start);
    if (skipping || !tail.length) continue;
    if (pendingBytes + tail.length > MAX_RECORD_BYTES) {
      skipping = Buffer.concat([...pending, tail]).subarray(0, 4096);
      pending = [];
      pendingBytes = 0;
    } else {
      pending.push(Buffer.from(tail)); // copy: the stream may reuse its chunk
      pendingBytes += tail.length;
    }
  }
  if (skipping) yield oversized(line, skipping);
  else if (pendingBytes) {
    const record = decodeRecord(Buffer.concat(pending), line);
    if (record) yield record;
  }
}

/**
 * A JSON array of records, streamed: a small scanner finds where each top-level element starts
 * and ends (tracking strings and nesting), so each element is parsed alone and an error in one
 * does not lose the others. If the array itself is malformed past some point, the rest is one
 * reject naming the line where the structure broke.
 */
export async function* parseJsonArray(stream: AsyncIterable<Buffer>): AsyncGenerator<SourceRecord> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  type State = 'before-array' | 'between' | 'in-element' | 'after-array';
  let state = 'before-array' as State;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element: string[] = [];
  let elementChars = 0;
  let elementLine = 1;
  let line = 1;

  const finishElement = (): SourceRecord | null => {
    const bytes = Buffer.from(element.join(''), 'utf8');
    element = [];
    elementChars = 0;
    return decodeRecord(bytes, elementLine);
  };
  const broken = (message: string, rest: string): SourceRecord => ({
    line,
    raw: clipRaw(rest),
    problem: { field: null, message: `JSON array is malformed at line ${line}: ${message}; the rest of the input was not read` },
    conversationId: null,
  });

  for await (const chunk of stream) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      yield broken('input is not valid UTF-8', chunk.toString('utf8'));
      return;
    }
    let segmentStart = 0;
    for (let i = 0; i < text.length; i += 1) {
      const ch = text[i]!;
      if (ch === '\n') line += 1;
      if (state === 'in-element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (ch === '\\') escaped = true;
          else if (ch === '"') inString = false;
          continue;
        }
        if (ch === '"') inString = true;
        else if (ch === '{' || ch === '[') depth += 1;
        else if ((ch === '}' || ch === ']') && depth > 0) depth -= 1;
        else if (depth === 0 && (ch === ',' || ch === ']')) {
          element.push(text.slice(segmentStart, i));
          const record = finishElement();
          if (record) yield record;
          state = ch === ',' ? 'between' : 'after-array';
        }
        continue;
      }
      if (/\s/.test(ch) || ch === '\uFEFF') continue;
      if (state === 'before-array') {
        if (ch !== '[') return yield broken('expected "[" to open the array', text.slice(i, i + 200));
        state = 'between';
      } else if (state === 'between') {
        if (ch === ']') state = 'after-array';
        else if (ch === ',') continue;
        else {
          state = 'in-element';
          elementLine = line;
          segmentStart = i;
          depth = ch === '{' || ch === '[' ? 1 : 0;
          inString = ch === '"';
        }
      } else {
        return yield broken('unexpected content after the closing "]"', text.slice(i, i + 200));
      }
    }
    if (state === 'in-element') {
      element.push(text.slice(segmentStart));
      elementChars += text.length - segmentStart;
      if (elementChars > MAX_RECORD_BYTES) {
        return yield broken(`an element is larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB`, element.join('').slice(0, 4096));
      }
    }
  }
  if (state === 'after-array') return;
  const rest = element.join('');
  if (state === 'before-array' && !rest) return; // empty input: no records, nothing wrong
  yield broken('the array is not closed with "]"', rest);
}
