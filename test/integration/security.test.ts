import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { baseFilterShape, drillFilterShape } from '../../server/routes/filter-params.js';
import { conversation, handoff, message, toJsonl } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/db.js';
import { startLoggedServer } from '../helpers/logged-server.js';

/** Classic, stacked, commented, unicode-quoted and NUL-byte injections. */
const INJECTIONS = [
  "' OR 1=1 --",
  "' OR '1'='1",
  "'; DROP TABLE conversations; --",
  '1) UNION SELECT username, password_hash FROM users --',
  "SE' --",
  "SE'; DELETE FROM messages; --",
  '1; DROP TABLE users',
  'x" OR ""="',
  'SE/**/OR/**/1=1',
  "SE,NO' OR '1'='1",
  '1 OR 1=1',
  '\u2019 OR 1=1 --', // right single quotation mark
  '\u02bc; DROP TABLE audit; --', // modifier letter apostrophe
  '\uff07 OR 1=1 --', // fullwidth apostrophe
  "x'\u0000; DROP TABLE batches; --",
  '$limit', // the name of a bound parameter
  "2025-05-05' OR '1'='1",
  'score; DROP TABLE conversations',
];

const BASE = Object.keys(baseFilterShape);
const PAGING = ['limit', 'offset'];
/** Every filter, sort and paging parameter of the read endpoints (filter-params.ts and the routers). */
const ENDPOINTS: Record<string, string[]> = {
  '/api/metrics': BASE,
  '/api/metrics/series': [...BASE, 'grain'],
  '/api/conversations': [...Object.keys(drillFilterShape), 'sort', ...PAGING],
  '/api/review/queue': [...BASE, 'mode', 'seed', 'assignee', 'unreviewed', ...PAGING],
  '/api/reports/weekly': ['week', 'format', 'tz'],
  '/api/audit': ['format', 'conversationId', ...PAGING],
  '/api/ingest/batches': PAGING,
  '/api/review/mine': PAGING,
};
/** Free-text values only ever bound and compared: an injection must match nothing, like this one. */
const FREE_TEXT: Record<string, string> = { '/api/audit conversationId': 'no-such-conversation' };

/** What an error body must never show: a stack, a source file, a DuckDB error or SQL. */
const INTERNALS = /\n\s+at |\bat \S+ \(|\.[tj]s:\d|Binder Error|Parser Error|Catalog Error|Conversion Error|Invalid Input Error|duckdb|node_modules|\/work\/|\/tmp\//i;
const SQL_WORDS = /\b(SELECT|FROM|WHERE|UNION|DROP|DELETE|INSERT|UPDATE|LIMIT)\b/;

/** Errors may quote the offending value back; anything else in them must be ours. */
function expectCleanError(body: unknown, payload: string): void {
  let text = JSON.stringify(body);
  for (const piece of [payload, ...payload.split(',').map((p) => p.trim())].filter(Boolean)) {
    text = text.split(JSON.stringify(piece).slice(1, -1)).join('');
  }
  expect(text).not.toMatch(INTERNALS);
  expect(text).not.toMatch(SQL_WORDS);
}

async function tableCounts(db: Database): Promise<Record<string, number>> {
  const tables = await db.all<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    // The name comes from DuckDB's own catalog, not from a request.
    counts[name] = (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM "${name}"`))!.n;
  }
  return counts;
}

const SEED = [
  conversation({ conversation_id: 's-1', market: 'SE' }),
  conversation({ conversation_id: 's-2', market: 'NO', customer: { id: 'u-2', tier: 'vip' }, topic: 'dispute', csat: 1 }),
  conversation({
    conversation_id: 's-3', market: 'SE', started_at: '2025-05-06T10:00:00Z',
    messages: [
      message('customer', 'I want a human agent now', '2025-05-06T10:00:00Z'),
      message('ai', 'I can help with that.', '2025-05-06T10:00:05Z'),
      handoff('2025-05-06T10:01:00Z'),
      message('agent', 'Hi, I am here.', '2025-05-06T10:02:00Z'),
    ],
  }),
];

describe('SQL injection in every filter, sort, paging and path parameter', () => {
  let server: TestServer;
  let before: Record<string, number>;

  beforeAll(async () => {
    server = await startTestServer();
    const ingest = await server.fetch('/api/ingest', { method: 'POST', body: toJsonl(SEED), headers: { 'content-type': 'application/x-ndjson' } });
    expect(((await ingest.json()) as { accepted: number }).accepted).toBe(SEED.length);
    const flag = await server.fetch('/api/conversations/s-2/flags', {
      method: 'POST', body: JSON.stringify({ reason: 'tone', note: 'seed' }), headers: { 'content-type': 'application/json' },
    });
    expect(flag.status).toBe(201);
    for (const path of Object.keys(ENDPOINTS)) expect((await server.fetch(path)).status, path).toBe(200);
    before = await tableCounts(server.db);
  });
  afterAll(() => server.close());

  it.each(Object.entries(ENDPOINTS))('%s answers 400 naming the parameter, or exactly the empty result', async (path, params) => {
    for (const param of params) {
      const freeText = FREE_TEXT[`${path} ${param}`];
      const baseline = freeText === undefined ? undefined : await (await server.fetch(`${path}?${param}=${freeText}`)).json();
      for (const payload of INJECTIONS) {
        const res = await server.fetch(`${path}?${param}=${encodeURIComponent(payload)}`);
        const body = (await res.json()) as { error?: { code: string; message: string; field?: string } };
        const what = `${path}?${param}=${payload}`;
        if (baseline !== undefined) {
          expect(res.status, what).toBe(200);
          expect(body, what).toEqual(baseline);
          continue;
        }
        expect(res.status, what).toBe(400);
        expect(body.error?.field, what).toBe(param);
        // A misspelt parameter above would pass as "unknown": each one must be a real one.
        expect(body.error?.message, what).not.toMatch(/unknown parameter|Unrecognized key/);
        expectCleanError(body, payload);
      }
    }
  });

  it('answers 404 for an injected id in every path, changing nothing', async () => {
    const json = { 'content-type': 'application/json' };
    for (const payload of INJECTIONS) {
      const id = encodeURIComponent(payload);
      const requests: [string, RequestInit][] = [
        [`/api/conversations/${id}`, {}],
        [`/api/conversations/${id}/flags`, {}],
        [`/api/conversations/${id}/overrides`, {}],
        [`/api/conversations/${id}/audit`, {}],
        [`/api/conversations/${id}/flags`, { method: 'POST', body: JSON.stringify({ reason: 'tone', note: 'x' }), headers: json }],
        [`/api/ingest/batches/${id}/rejects`, {}],
        [`/api/flags/${id}`, { method: 'PATCH', body: JSON.stringify({ status: 'confirmed' }), headers: json }],
        [`/api/users/${id}`, { method: 'PATCH', body: JSON.stringify({ role: 'viewer' }), headers: json }],
        [`/api/tokens/${id}`, { method: 'DELETE' }],
      ];
      for (const [path, init] of requests) {
        const res = await server.fetch(path, init);
        expect(res.status, `${init.method ?? 'GET'} ${path}`).toBe(404);
        expectCleanError(await res.json(), payload);
      }
    }
  });

  it('refuses injected credentials and bodies without an error leak', async () => {
    const ascii = INJECTIONS.filter((p) => /^[\x20-\x7e]+$/.test(p));
    for (const payload of ascii) {
      const bearer = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${payload}` } });
      expect(bearer.status).toBe(401);
      const cookie = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: `tandem_session=${encodeURIComponent(payload)}` } });
      expect(cookie.status).toBe(401);
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST', body: JSON.stringify({ username: payload, password: payload }), headers: { 'content-type': 'application/json' },
      });
      expect(login.status).toBe(401);
      const assign = await server.fetch('/api/review/assignments', {
        method: 'POST', body: JSON.stringify({ conversationIds: ['s-1'], reviewer: payload }), headers: { 'content-type': 'application/json' },
      });
      expect(assign.status).toBe(400);
      for (const res of [bearer, cookie, login, assign]) expectCleanError(await res.json(), payload);
    }
  });

  it('leaves every table in place with the same row counts', async () => {
    expect(await tableCounts(server.db)).toEqual(before);
    expect(before.conversations).toBe(SEED.length);
    expect(((await (await server.fetch('/api/metrics')).json()) as { conversations: number }).conversations).toBe(SEED.length);
  });

  it('stores an injection in a flag note as plain text', async () => {
    const note = "'); DROP TABLE flags; --";
    const res = await server.fetch('/api/conversations/s-1/flags', {
      method: 'POST', body: JSON.stringify({ reason: 'other', note }), headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(201);
    const flags = (await (await server.fetch('/api/conversations/s-1/flags')).json()) as { items: { note: string }[] };
    expect(flags.items.map((f) => f.note)).toEqual([note]);
    expect((await tableCounts(server.db)).flags).toBe(before.flags! + 1);
  });
});

describe('CSV exports', () => {
  it('neutralise formula injection in every cell (OWASP: prefix = + - @ with a quote)', async () => {
    const server = await startTestServer();
    try {
      const ids = ['=HYPERLINK("http://evil.example","open")', '@SUM(1+1)', '+1+1', '-1+1'];
      const records = ids.map((id) => conversation({ conversation_id: id }));
      await server.fetch('/api/ingest', { method: 'POST', body: toJsonl(records), headers: { 'content-type': 'application/x-ndjson' } });
      for (const id of ids) {
        const res = await server.fetch(`/api/conversations/${encodeURIComponent(id)}/flags`, {
          method: 'POST', body: JSON.stringify({ reason: 'other', note: '=1+1' }), headers: { 'content-type': 'application/json' },
        });
        expect(res.status).toBe(201);
      }
      const csv = await (await server.fetch('/api/audit?format=csv')).text();
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""open"")"`);
      expect(csv).toContain(`"'@SUM(1+1)"`);
      expect(csv).not.toMatch(/(^|,)"[=+\-@\t\r]/m);
    } finally {
      await server.close();
    }
  });
});

describe('an internal error', () => {
  it('answers a generic 500 while the log gets the stack', async () => {
    const server = await startLoggedServer();
    try {
      await server.fetch('/api/ingest', { method: 'POST', body: toJsonl(SEED), headers: { 'content-type': 'application/x-ndjson' } });
      // A genuine DuckDB failure: the facts every raw metric reads are gone (overrides=true reads
      // raw rows; a plain market filter would be answered from the rollups).
      await server.db.write((conn) => conn.run('DROP VIEW conversation_facts_reviewed'));
      await server.db.write((conn) => conn.run('DROP TABLE conversation_facts'));
      const res = await server.fetch('/api/metrics?market=SE&overrides=true');
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: { code: 'internal', message: 'Internal server error' } });
      // The detail the body hides is in the log: the route, DuckDB's error and the failing SQL
      // (a native error has no JavaScript frames to show), but not the query string.
      expect(server.logs).toHaveLength(1);
      expect(server.logs[0]).toMatch(/^Unhandled error on GET \/api\/metrics: Error: Catalog Error/);
      expect(server.logs[0]).toMatch(/FROM conversation_facts/);
      expect(server.logs[0]).not.toContain('market=SE');
    } finally {
      await server.close();
    }
  });
});
