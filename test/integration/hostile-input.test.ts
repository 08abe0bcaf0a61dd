/**
 * Issue 9: hostile input over HTTP against the real server and a real DuckDB file. The corpus
 * (test/fixtures/hostile) says, for every record, whether it is bad (kind, line, field) or good
 * (what must be stored); this test holds the server to it, then checks the server is unharmed.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRecord } from '../../server/ingest/validate.js';
import { buildCorpus, countByKind, type CorpusBatch, type GoodExpectation } from '../fixtures/hostile/build-corpus.js';
import { conversation, message, toJsonl } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/db.js';

// Response bodies are checked field by field, so a loose type is enough here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

async function post(server: TestServer, body: Buffer | ReadableStream<Uint8Array>, contentType: string) {
  const streamed = !Buffer.isBuffer(body);
  const res = await server.fetch('/api/ingest', {
    method: 'POST',
    body: streamed ? body : new Uint8Array(body),
    headers: { 'content-type': contentType },
    // Node's fetch needs this to send a stream (chunked, without Content-Length).
    ...(streamed ? { duplex: 'half' } : {}),
  } as RequestInit);
  return { status: res.status, json: (await res.json()) as Json };
}

async function conversationCount(server: TestServer): Promise<number> {
  return (await server.db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM conversations'))!.n;
}

/** Object keys sorted at every level, so stored JSON compares regardless of key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** Everything a polluted prototype would show: new own keys on the built-in prototypes. */
function prototypeKeys(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].flatMap((p) => Object.getOwnPropertyNames(p));
}

const corpus = buildCorpus();
/** What must be stored, by id: a later batch re-sending an id replaces it, a duplicate within one keeps the first. */
const stored = new Map<string, GoodExpectation>();
for (const batch of corpus) for (const g of batch.good) stored.set(g.conversationId, g);
const expectedRejects = (batch: CorpusBatch) => [...batch.bad].sort((a, b) => a.line - b.line).map(({ line, field }) => ({ line, field }));

describe('hostile input over HTTP', () => {
  let server: TestServer;
  const prototypeBefore = prototypeKeys();
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('the corpus holds at least 300 bad records of at least 20 kinds', () => {
    const byKind = countByKind(corpus);
    expect([...byKind.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(300);
    expect(byKind.size).toBeGreaterThanOrEqual(20);
  });

  it.each(corpus.map((b) => [b.name, b] as const))(
    '%s: every bad record is rejected with its line, field and reason; every good one is accepted',
    async (_name, batch) => {
      const { status, json } = await post(server, batch.body, batch.contentType);
      expect(status, JSON.stringify(json).slice(0, 500)).toBe(200);
      expect(json).toMatchObject({ received: batch.bad.length + batch.good.length, accepted: batch.good.length, rejected: batch.bad.length });
      expect(json.rejects.map(({ line, field }: Json) => ({ line, field }))).toEqual(expectedRejects(batch));
      for (const r of json.rejects) expect(r.message, `line ${r.line}`).toMatch(/\S/);

      const listed = await (await server.fetch(`/api/ingest/batches/${json.batchId}/rejects?limit=1000`)).json();
      expect(listed.total).toBe(batch.bad.length);
      expect(listed.items.map(({ line, field }: Json) => ({ line, field }))).toEqual(expectedRejects(batch));
      for (const r of listed.items) {
        expect(r.message, `line ${r.line}`).toMatch(/\S/);
        expect(typeof r.raw).toBe('string');
      }
    },
    180_000,
  );

  it('stores every good record exactly as sent: SQL, markup, odd Unicode and prototype keys included', async () => {
    expect(await conversationCount(server)).toBe(stored.size);
    for (const expected of stored.values()) {
      const res = await server.fetch(`/api/conversations/${encodeURIComponent(expected.conversationId)}`);
      expect(res.status, `${expected.kind} ${expected.conversationId}`).toBe(200);
      const got = (await res.json()) as Json;
      const what = `${expected.kind} ${expected.conversationId}`;
      expect(got.conversationId, what).toBe(expected.conversationId);
      expect(got.messages.map((m: Json) => m.text), what).toEqual(expected.texts);
      if (expected.tier) expect(got.tier, what).toBe(expected.tier);
      if (expected.market !== undefined) expect(got.market, what).toBe(expected.market);
      if (expected.metadata !== undefined) expect(canonical(got.metadata), what).toBe(canonical(expected.metadata));
      for (const [index, metadata] of Object.entries(expected.messageMetadata ?? {})) {
        expect(canonical(got.messages[Number(index)].metadata), what).toBe(canonical(metadata));
      }
    }
  });

  it('SQL fragments reach the database as values: the tables and their rows are intact', async () => {
    const row = await server.db.one<{ text: string }>(
      `SELECT text FROM messages WHERE conversation_id = $id ORDER BY idx LIMIT 1`,
      { id: "csv-'; DROP TABLE messages; --" },
    );
    expect(row!.text).toBe("1' OR '1'='1");
    expect(await conversationCount(server)).toBe(stored.size);
  });

  it('no prototype is polluted, in the server process or by validating the corpus in this thread', () => {
    // The server runs in this process (its prepare threads have their own realms; the canary
    // record above would have come out VIP had theirs been polluted). Validate here as well.
    for (const batch of corpus.filter((b) => b.contentType === 'application/x-ndjson' && b.body[0] !== 0x1f)) {
      for (const line of batch.body.toString('utf8').split(/\r?\n/)) {
        try {
          validateRecord(JSON.parse(line));
        } catch {
          // broken JSON: nothing to validate
        }
      }
    }
    const probe = {} as Record<string, unknown>;
    expect([probe.polluted, probe.isAdmin, probe.tier, probe.prototype]).toEqual([undefined, undefined, undefined, undefined]);
    expect(prototypeKeys()).toEqual(prototypeBefore);
  });

  it('is healthy afterwards: health, metrics and an ordinary batch all work', async () => {
    expect(await (await server.fetch('/api/health')).json()).toEqual({ status: 'ok' });
    const metrics = await server.fetch('/api/metrics');
    expect(metrics.status).toBe(200);
    expect(((await metrics.json()) as Json).conversations).toBe(stored.size);
    const { status, json } = await post(server, Buffer.from(toJsonl([conversation({ conversation_id: 'after-all' })])), 'application/x-ndjson');
    expect(status).toBe(200);
    expect(json).toMatchObject({ accepted: 1, rejected: 0 });
  });
});

describe('body size limits', () => {
  const LIMIT = 1024 * 1024;
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ maxIngestBytes: LIMIT });
  });
  afterAll(() => server.close());

  // Few, long records: the limit is about bytes, and scoring thousands of small ones only costs time.
  const records = (n: number, prefix: string) =>
    Buffer.from(toJsonl(Array.from({ length: n }, (_, i) => conversation({ conversation_id: `${prefix}-${i}`, messages: [message('customer', 'Where is my refund? '.repeat(400))] }))));
  const tooLarge = { error: { code: 'payload_too_large', message: expect.stringContaining('limit of 1 MB') } };

  it('refuses a body over the limit with 413, naming the limit, and stores nothing', async () => {
    const body = records(200, 'big');
    expect(body.length).toBeGreaterThan(LIMIT);
    const { status, json } = await post(server, body, 'application/x-ndjson');
    expect(status).toBe(413);
    expect(json).toMatchObject(tooLarge);
    expect(await conversationCount(server)).toBe(0);
  });

  it('refuses a streamed body (no Content-Length) once it passes the limit', async () => {
    const body = records(200, 'stream');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < body.length; i += 64 * 1024) controller.enqueue(new Uint8Array(body.subarray(i, i + 64 * 1024)));
        controller.close();
      },
    });
    const { status, json } = await post(server, stream, 'application/x-ndjson');
    expect(status).toBe(413);
    expect(json).toMatchObject(tooLarge);
    expect(await conversationCount(server)).toBe(0);
  });

  // One endless line of blanks for JSON Lines, blank lines for CSV: both must stop at the limit.
  it.each([
    ['JSON Lines', 'application/x-ndjson', Buffer.alloc(0), 0x20],
    ['CSV', 'text/csv', Buffer.from('conversation_id,started_at,ts,role,text\n'), 0x0a],
  ])('refuses a %s gzip bomb (small compressed, huge decompressed) with 413, without holding it', async (_name, contentType, head, fill) => {
    const bomb = gzipSync(Buffer.concat([head, Buffer.alloc(64 * 1024 * 1024, fill)]));
    expect(bomb.length).toBeLessThan(LIMIT / 4);
    const rssBefore = process.memoryUsage().rss;
    const { status, json } = await post(server, bomb, contentType);
    expect(status).toBe(413);
    expect(json).toMatchObject(tooLarge);
    // Streamed and cut at the limit: the 64 MB are never held (generous bound for GC noise).
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(48 * 1024 * 1024);
    expect(await conversationCount(server)).toBe(0);
  });

  it('answers broken gzip and gzip inside gzip with a clear 400', async () => {
    const gz = gzipSync(records(10, 'trunc'));
    const truncated = await post(server, gz.subarray(0, gz.length - 20), 'application/x-ndjson');
    expect(truncated.status).toBe(400);
    expect(truncated.json.error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('not valid gzip') });
    const nested = await post(server, gzipSync(gzipSync(records(10, 'nested'))), 'application/x-ndjson');
    expect(nested.status).toBe(400);
    expect(nested.json.error.message).toContain('gzip inside gzip');
    expect(await conversationCount(server)).toBe(0);
  });

  it('stays healthy and ingests an ordinary batch afterwards', async () => {
    expect(await (await server.fetch('/api/health')).json()).toEqual({ status: 'ok' });
    const { status, json } = await post(server, records(3, 'fine'), 'application/x-ndjson');
    expect(status).toBe(200);
    expect(json).toMatchObject({ accepted: 3, rejected: 0 });
    expect(await conversationCount(server)).toBe(3);
  });
});
