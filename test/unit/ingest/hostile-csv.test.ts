/** Fixes found by the hostile corpus (issue 9) in parse-csv.ts and sources.ts. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../server/ingest/parse-csv.js';
import { decompressed, type SourceRecord } from '../../../server/ingest/sources.js';

const HEADER = 'conversation_id,started_at,ts,role,text\n';
const row = (id: string, text = 'hi', role = 'customer') => `${id},2025-05-05T09:00:00Z,,${role},${text}\n`;

async function* chunks(input: string | Buffer, size = 7): AsyncGenerator<Buffer> {
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input);
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function parse(input: string | Buffer): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of parseCsv(chunks(input))) out.push(r);
  return out;
}

/** [line, id of a record | the reject's field and message] for compact assertions. */
const summary = (records: SourceRecord[]) =>
  records.map((r) => ('value' in r ? [r.line, (r.value as { conversation_id: string }).conversation_id] : [r.line, r.problem.field, r.problem.message]));

describe('parseCsv on malformed input', () => {
  it('keeps a stray quote inside an unquoted cell literally, and every neighbour', async () => {
    const records = await parse(HEADER + row('a') + row('b', 'he said "hi') + row('c', '"abc"def') + row('d'));
    expect(summary(records)).toEqual([[2, 'a'], [3, 'b'], [4, 'c'], [5, 'd']]);
    expect(records[1]).toMatchObject({ value: { messages: [{ text: 'he said "hi' }] } });
    expect(records[2]).toMatchObject({ value: { messages: [{ text: '"abc"def' }] } });
  });

  it('rejects a never-closed quote at the line it opened, keeping the records before it', async () => {
    const records = await parse(HEADER + row('a') + row('b') + row('c', '"open') + row('d'));
    expect(summary(records).slice(0, 2)).toEqual([[2, 'a'], [3, 'b']]);
    expect(records[2]).toMatchObject({ line: 4, conversationId: 'c', problem: { field: null, message: expect.stringMatching(/never closed/) } });
  });

  it('rejects a row with invalid UTF-8, naming the column, instead of storing U+FFFD', async () => {
    const bad = Buffer.concat([Buffer.from('b,2025-05-05T09:00:00Z,,customer,caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const records = await parse(Buffer.concat([Buffer.from(HEADER + row('a')), bad, Buffer.from(row('c'))]));
    expect(summary(records)).toEqual([[2, 'a'], [3, 'text', 'row is not valid UTF-8'], [4, 'c']]);
  });

  it('rejects the whole conversation when one of its rows is bad, at that row', async () => {
    const records = await parse(HEADER + row('a') + row('b') + 'b,2025-05-05T09:00:00Z,,ai\n' + row('b', 'more') + row('c'));
    expect(summary(records)).toEqual([
      [2, 'a'],
      [4, null, "row has 4 columns, the header has 5; its conversation's 2 other row(s) are rejected with it"],
      [6, 'c'],
    ]);
  });

  it('keeps a "__proto__" column as message metadata instead of dropping it', async () => {
    const [record] = await parse('conversation_id,started_at,role,text,__proto__\na,2025-05-05T09:00:00Z,customer,hi,"{""polluted"":1}"\n');
    const message = ((record as { value: { messages: Record<string, unknown>[] } }).value.messages)[0]!;
    expect(Object.keys(message)).toContain('__proto__');
    expect(Object.getPrototypeOf(message)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('numbers lines right after CR LF inside quoted cells and around blank lines', async () => {
    const crlf = `${HEADER}\r\n${row('a', '"1\r\n2\n3"')}\r\n  \t\r\n${row('b')}`.replace(/(?<!\r)\n/g, '\r\n');
    expect(summary(await parse(crlf))).toEqual([[3, 'a'], [8, 'b']]);
    const lf = `${HEADER}\n\n${row('a', '"x\r\ny"')}${row('b')}\n${row('c')}`;
    expect(summary(await parse(lf))).toEqual([[4, 'a'], [6, 'b'], [8, 'c']]);
  });

  it('lets an error from the source (a size limit) fail the parse instead of hanging or becoming a reject', async () => {
    async function* failing() {
      yield Buffer.from(HEADER + row('a'));
      throw new Error('body too large');
    }
    const read = async () => {
      for await (const _ of parseCsv(failing())) void _;
    };
    await expect(read()).rejects.toThrow('body too large');
  });
});

describe('decompressed', () => {
  it('passes an error from the source through gunzip instead of waiting forever', async () => {
    const gz = gzipSync(Buffer.alloc(1 << 20, 0x0a));
    async function* failing() {
      yield gz.subarray(0, 1024);
      throw new Error('body too large');
    }
    const read = async () => {
      for await (const _ of decompressed(failing())) void _;
    };
    await expect(read()).rejects.toThrow('body too large');
  });
});
