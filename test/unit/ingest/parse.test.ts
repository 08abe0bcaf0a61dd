import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../server/ingest/parse-csv.js';
import { parseJsonArray, parseJsonLines } from '../../../server/ingest/parse-json.js';
import { decompressed, MAX_RECORD_BYTES, sniffFormat, type SourceRecord } from '../../../server/ingest/sources.js';

/** Feeds text in small chunks so records straddle chunk boundaries, as they do on a socket. */
async function* chunks(text: string | Buffer, size = 7): AsyncGenerator<Buffer> {
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text);
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function collect(gen: AsyncGenerator<SourceRecord>): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

const problems = (records: SourceRecord[]) => records.filter((r) => 'problem' in r);

describe('parseJsonLines', () => {
  it('yields one record per line with its line number, skipping blank lines', async () => {
    const records = await collect(parseJsonLines(chunks('{"a":1}\n\n{"a":2}\r\n{"a":3}')));
    expect(records.map((r) => [r.line, 'value' in r ? r.value : null])).toEqual([
      [1, { a: 1 }],
      [3, { a: 2 }],
      [4, { a: 3 }],
    ]);
  });

  it('rejects broken JSON by line and names the conversation when it can be read', async () => {
    const records = await collect(parseJsonLines(chunks('{"a":1}\n{"conversation_id": "c-9", "started_at": \n{"a":3}\n')));
    const bad = problems(records);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ line: 2, conversationId: 'c-9' });
    expect('problem' in bad[0]! && bad[0].problem.message).toMatch(/not valid JSON/);
    expect(records).toHaveLength(3);
  });

  it('rejects invalid UTF-8 instead of guessing', async () => {
    const bytes = Buffer.concat([Buffer.from('{"t":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n{"t":"ok"}\n')]);
    const records = await collect(parseJsonLines(chunks(bytes)));
    expect(problems(records)[0]).toMatchObject({ line: 1, problem: { message: 'record is not valid UTF-8' } });
    expect(records[1]).toMatchObject({ line: 2, value: { t: 'ok' } });
  });

  it('rejects a line over the size limit without losing the next one', async () => {
    const huge = `{"conversation_id":"big","x":"${'x'.repeat(MAX_RECORD_BYTES + 10)}"}`;
    const records = await collect(parseJsonLines(chunks(`${huge}\n{"a":2}\n`, 1 << 20)));
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ line: 1, conversationId: 'big' });
    expect(records[0]!.raw.length).toBeLessThan(70_000);
    expect(records[1]).toMatchObject({ line: 2, value: { a: 2 } });
  });
});

describe('parseJsonArray', () => {
  it('cuts each element, tracking strings, escapes and nesting', async () => {
    const text = '[\n {"a": "x,]}\\"", "b": [1, {"c": 2}]},\n {"a": 2}\n]';
    const records = await collect(parseJsonArray(chunks(text, 3)));
    expect(records.map((r) => ('value' in r ? r.value : r))).toEqual([{ a: 'x,]}"', b: [1, { c: 2 }] }, { a: 2 }]);
    expect(records.map((r) => r.line)).toEqual([2, 3]);
  });

  it('rejects a broken element but keeps its neighbours', async () => {
    const records = await collect(parseJsonArray(chunks('[{"a":1},{"a":tru},{"a":3}]')));
    expect(records).toHaveLength(3);
    expect(problems(records)).toHaveLength(1);
  });

  it('reports an unclosed array', async () => {
    const records = await collect(parseJsonArray(chunks('[{"a":1},{"a":2')));
    expect(records[0]).toMatchObject({ value: { a: 1 } });
    expect(problems(records)[0]).toMatchObject({ problem: { message: expect.stringMatching(/not closed/) } });
  });
});

describe('parseCsv', () => {
  const header = 'conversation_id,started_at,ts,role,text,customer_id,tier,csat\n';

  it('groups contiguous rows into one record with typed conversation columns', async () => {
    const csv = `${header}c1,2025-05-05T09:00:00Z,2025-05-05T09:00:00Z,customer,"Hi, where is my refund?",u1,vip,2\n` +
      `c1,2025-05-05T09:00:00Z,2025-05-05T09:00:04Z,ai,Let me check,,,\n` +
      `c2,2025-05-06T10:00:00Z,,customer,hello,,,\n`;
    const records = await collect(parseCsv(chunks(csv)));
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      line: 2,
      value: {
        conversation_id: 'c1', started_at: '2025-05-05T09:00:00Z', csat: 2, customer: { id: 'u1', tier: 'vip' },
        messages: [
          { role: 'customer', text: 'Hi, where is my refund?', ts: '2025-05-05T09:00:00Z' },
          { role: 'ai', text: 'Let me check', ts: '2025-05-05T09:00:04Z' },
        ],
      },
    });
    expect(records[1]).toMatchObject({ line: 4, value: { conversation_id: 'c2', messages: [{ role: 'customer', text: 'hello' }] } });
  });

  it('rejects a conversation whose rows disagree on a conversation column, naming it', async () => {
    const csv = `${header}c1,2025-05-05T09:00:00Z,,customer,a,u1,vip,\nc1,2025-05-05T09:00:00Z,,ai,b,u1,standard,\n`;
    const [record] = await collect(parseCsv(chunks(csv)));
    expect(record).toMatchObject({ line: 2, conversationId: 'c1', problem: { field: 'tier' } });
  });

  it('rejects rows with the wrong number of columns and a header without required columns', async () => {
    const rows = await collect(parseCsv(chunks(`${header}c1,2025-05-05T09:00:00Z,,customer\n`)));
    expect(problems(rows)[0]).toMatchObject({ line: 2, problem: { message: expect.stringMatching(/columns/) } });
    const noHeader = await collect(parseCsv(chunks('id,text\n1,hi\n')));
    expect(noHeader).toHaveLength(1);
    expect(noHeader[0]).toMatchObject({ line: 1, problem: { field: 'conversation_id' } });
  });
});

describe('input sniffing', () => {
  it('gunzips by magic bytes and picks the format from the first byte', async () => {
    const out: Buffer[] = [];
    for await (const c of decompressed(chunks(gzipSync('{"a":1}\n'), 5))) out.push(c);
    expect(Buffer.concat(out).toString()).toBe('{"a":1}\n');
    expect(sniffFormat(Buffer.from('\uFEFF  [{"a":1}]'))).toBe('json');
    expect(sniffFormat(Buffer.from('{"a":1}'))).toBe('jsonl');
    expect(sniffFormat(Buffer.from('conversation_id,started_at'))).toBe('csv');
  });
});
