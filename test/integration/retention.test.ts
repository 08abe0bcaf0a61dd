import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.js';
import { ingestBatch } from '../../server/ingest/ingest.js';
import { deleteOlderThan, ERASED_PAYLOAD } from '../../server/queries/retention.js';
import { createToken, createUser } from '../../server/queries/users.js';
import { conversation, message, toJsonl } from '../helpers/factories.js';
import { openTempDatabase, startTestServer, type TestServer } from '../helpers/db.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const DAY = 86_400_000;
const NOW = Date.now();
const ago = (days: number, plusMinutes = 0) => new Date(NOW - days * DAY + plusMinutes * 60_000).toISOString();

const ZED = 'cust-zed-4417';
/** Text only the erased customer ever wrote or had written about them. */
const ZED_SECRET = 'Bartholomew';
const CHILD_TABLES = ['messages', 'conversation_scores', 'message_scores', 'triggers', 'flags', 'overrides', 'assignments', 'reviews'];

/** A conversation `daysAgo` days old, two minutes long; with `escalate` the customer asks for a human. */
function convo(id: string, customerId: string | null, daysAgo: number, extra: { csat?: number; agent?: boolean; escalate?: boolean; text?: string } = {}) {
  const messages = [
    message('customer', extra.text ?? (extra.escalate ? 'This is useless, I want to talk to a human now' : 'Where is my refund?'), ago(daysAgo)),
    message('ai', 'Let me check that for you.', ago(daysAgo, 1)),
  ];
  if (extra.agent) messages.push(message('agent', 'Hi, I am Sara and I will help.', ago(daysAgo, 2)));
  return conversation({
    conversation_id: id, started_at: ago(daysAgo), csat: extra.csat ?? null,
    customer: customerId ? { id: customerId, tier: 'standard' } : null, messages,
  });
}

/**
 * With R = 7 and the cutoff of the age rule at 365 days:
 * - old-1, amy-0 and bo-0 started before the cutoff; bo-0 was a repeat contact because of bo-1;
 * - zed-1 is the newest conversation, so xav-1 (12 days) is 'false'; once zed is erased the
 *   newest is none-1 (10 days) and xav-1's window is open again: 'pending'.
 */
const RECORDS = [
  convo('old-1', 'cust-old', 400, { escalate: true, csat: 1 }),
  convo('amy-0', 'cust-amy', 380, { csat: 5 }),
  convo('bo-0', 'cust-bo', 366, { agent: true, csat: 2 }),
  convo('bo-1', 'cust-bo', 364, { csat: 4 }),
  convo('amy-1', 'cust-amy', 30, { agent: true, csat: 3 }),
  convo('amy-2', 'cust-amy', 28, { csat: 4 }),
  convo('zed-2', ZED, 20, { csat: 5 }),
  convo('xav-1', 'cust-xav', 12, { escalate: true, agent: true, csat: 2 }),
  convo('none-1', null, 10, { csat: 4 }),
  convo('zed-1', ZED, 1, { escalate: true, csat: 1, text: `My parrot ${ZED_SECRET} ate my card, I want to talk to a human now` }),
];
const AGED = ['old-1', 'amy-0', 'bo-0'];
const ZEDS = ['zed-1', 'zed-2'];

/** Rejected records: four can be tied to zed (by field, by raw text, by CSV cell, by conversation id), two are amy's. */
const REJECTED_JSONL = [
  JSON.stringify({ conversation_id: 'zed-bad', started_at: ago(5), customer: { id: ZED }, messages: [] }),
  `{"conversation_id": "zed-cut", "customer": {"id": "${ZED}"}, "messages": [{"role": "customer", "text": "${ZED_SECRET} again`,
  JSON.stringify({ conversation_id: 'zed-2', started_at: 'yesterday-ish', messages: [] }),
  JSON.stringify({ conversation_id: 'amy-bad', started_at: ago(5), customer: { id: 'cust-amy' }, messages: [] }),
].join('\n') + '\n';
const REJECTED_CSV = [
  'conversation_id,started_at,ts,role,text,customer_id,csat',
  `zed-csv,${ago(4)},${ago(4)},customer,${ZED_SECRET} says hi,${ZED},9`,
  `amy-csv,${ago(4)},${ago(4)},customer,hello,cust-amy,9`,
].join('\n') + '\n';

async function ingest(server: TestServer, body: string, contentType = 'application/x-ndjson') {
  const res = await server.fetch('/api/ingest', { method: 'POST', body, headers: { 'content-type': contentType } });
  expect(res.status).toBe(200);
  return res.json() as Promise<Json>;
}

async function call(server: TestServer, path: string, body?: unknown, token?: string) {
  const init: RequestInit = body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  if (token) init.headers = { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` };
  const res = await server.fetch(path, init);
  return { status: res.status, json: (await res.json()) as Json };
}

async function tableCounts(db: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [...CHILD_TABLES, 'conversations', 'rejects', 'audit']) out[t] = (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${t}`))!.n;
  return out;
}

async function rowsOf(db: Database, table: string, ids: string[]): Promise<number> {
  return (await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE list_contains(string_split($ids, ','), conversation_id)`, { ids: ids.join(',') }))!.n;
}

/** What the dashboard shows: every metric, and each conversation's repeat status. */
async function observable(server: TestServer) {
  const metrics = (await call(server, '/api/metrics')).json;
  const list = (await call(server, '/api/conversations?sort=date&limit=100')).json;
  const repeat = Object.fromEntries(list.items.map((c: Json) => [c.conversationId, c.repeatContact]));
  return { metrics, repeat };
}

/** The same views on a database that only ever had `records`. */
async function observableWithOnly(records: unknown[]) {
  const fresh = await startTestServer();
  try {
    await ingest(fresh, toJsonl(records));
    return await observable(fresh);
  } finally {
    await fresh.close();
  }
}

describe('retention: delete by age and by customer', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const dryRuns: Record<string, Json> = {};

  beforeAll(async () => {
    server = await startTestServer();
    await ingest(server, toJsonl(RECORDS) + REJECTED_JSONL);
    await ingest(server, REJECTED_CSV, 'text/csv');
    await createUser(server.db, 'rita', 'rita-password-12', 'reviewer');
    for (const id of ['old-1', 'zed-1', 'amy-1']) {
      const note = id === 'zed-1' ? `Quotes the customer: parrot ${ZED_SECRET}` : `note on ${id}`;
      expect((await call(server, `/api/conversations/${id}/flags`, { reason: 'personal_data', note })).status).toBe(201);
      expect((await call(server, `/api/conversations/${id}/overrides`, { field: 'sentiment', value: 'negative', reason: `reason on ${id}` })).status).toBe(201);
      expect((await call(server, `/api/conversations/${id}/reviews`, { escalationVerdict: 'missed', flagReason: 'tone' })).status).toBe(201);
    }
    expect((await call(server, '/api/review/assignments', { conversationIds: ['old-1', 'zed-1', 'amy-1'], reviewer: 'rita' })).status).toBe(201);
    for (const role of ['viewer', 'manager'] as const) tokens[role] = (await createToken(server.db, { name: role, role, createdBy: null })).token;
  });
  afterAll(() => server.close());

  it('the fixture has rows in every table for the conversations to delete', async () => {
    expect((await rowsOf(server.db, 'conversations', [...AGED, ...ZEDS]))).toBe(5);
    for (const table of CHILD_TABLES) expect(await rowsOf(server.db, table, ['old-1', 'zed-1']), table).toBeGreaterThan(0);
    expect((await server.db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM rejects`))!.n).toBe(6);
    const repeat = (await observable(server)).repeat;
    expect(repeat).toMatchObject({ 'bo-0': 'true', 'bo-1': 'false', 'amy-1': 'true', 'xav-1': 'false', 'none-1': 'unknown' });
  });

  it('only an admin may delete: a viewer and a manager get 403', async () => {
    for (const role of ['viewer', 'manager']) {
      expect((await call(server, '/api/retention/delete-older-than', { days: 1 }, tokens[role])).status).toBe(403);
      expect((await call(server, '/api/retention/delete-customer', { customerId: ZED }, tokens[role])).status).toBe(403);
    }
    const anonymous = await fetch(`${server.url}/api/retention/delete-customer`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(anonymous.status).toBe(401);
    expect((await server.db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM conversations`))!.n).toBe(RECORDS.length);
  });

  it('rejects bad bodies with 400 naming the field', async () => {
    for (const [body, field] of [[{ days: 0 }, 'days'], [{ days: 1.5 }, 'days'], [{ days: '30' }, 'days'], [{}, 'days'], [{ days: 30, force: true }, undefined]] as const) {
      const res = await call(server, '/api/retention/delete-older-than', body);
      expect(res.status).toBe(400);
      expect(res.json.error.field).toBe(field);
    }
    expect((await call(server, '/api/retention/delete-customer', { customerId: '' })).json.error.field).toBe('customerId');
    expect((await call(server, '/api/retention/delete-customer', { customerId: ZED, dryRun: 'yes' })).json.error.field).toBe('dryRun');
  });

  it('a dry run answers the counts and changes nothing', async () => {
    const before = await tableCounts(server.db);
    dryRuns.age = (await call(server, '/api/retention/delete-older-than', { days: 365, dryRun: true })).json;
    dryRuns.zed = (await call(server, '/api/retention/delete-customer', { customerId: ZED, dryRun: true })).json;
    expect(dryRuns.age).toMatchObject({ dryRun: true, days: 365, counts: { conversations: 3, flags: 1, overrides: 1, assignments: 1, reviews: 1, rejects: 0, auditPayloadsErased: 4 } });
    expect(dryRuns.zed).toMatchObject({ dryRun: true, counts: { conversations: 2, rejects: 4, flags: 1, auditPayloadsErased: 4 } });
    expect(await tableCounts(server.db)).toEqual(before);
    expect(await server.db.all(`SELECT * FROM audit WHERE action LIKE 'retention.%'`)).toEqual([]);
  });

  it('by age: deletes exactly the conversations started before the cutoff, with every row of theirs', async () => {
    const before = await tableCounts(server.db);
    const res = await call(server, '/api/retention/delete-older-than', { days: 365 });
    expect(res.status).toBe(200);
    expect(res.json.dryRun).toBe(false);
    expect(res.json.counts).toEqual(dryRuns.age.counts);
    const left = await server.db.all<{ id: string }>(`SELECT conversation_id AS id FROM conversations ORDER BY id`);
    expect(left.map((r) => r.id)).toEqual(RECORDS.map((r) => r.conversation_id as string).filter((id) => !AGED.includes(id)).sort());
    for (const table of CHILD_TABLES) expect(await rowsOf(server.db, table, AGED), table).toBe(0);
    const after = await tableCounts(server.db);
    for (const [table, key] of [['messages', 'messages'], ['message_scores', 'messageScores'], ['triggers', 'triggers'], ['flags', 'flags']]) {
      expect(before[table]! - after[table]!, table).toBe(res.json.counts[key!]);
    }
    // Everyone else's rows are all still there.
    for (const table of CHILD_TABLES) expect(await rowsOf(server.db, table, ['zed-1', 'amy-1']), table).toBeGreaterThan(0);
    expect(after.rejects).toBe(6);
  });

  it('by age: audit rows of deleted conversations keep who and when, their payloads are erased', async () => {
    const rows = await server.db.all<{ conversationId: string; before: string | null; after: string | null }>(
      `SELECT conversation_id AS "conversationId", before::VARCHAR AS before, after::VARCHAR AS after FROM audit WHERE conversation_id IN ('old-1', 'amy-1')`,
    );
    const old = rows.filter((r) => r.conversationId === 'old-1');
    expect(old).toHaveLength(4);
    expect(old.every((r) => r.after === ERASED_PAYLOAD && (r.before === null || r.before === ERASED_PAYLOAD))).toBe(true);
    expect(rows.filter((r) => r.conversationId === 'amy-1').some((r) => r.after?.includes('note on amy-1'))).toBe(true);
  });

  it('by age: metrics and repeat contact equal a database that never had the deleted conversations', async () => {
    const kept = RECORDS.filter((r) => !AGED.includes(r.conversation_id as string));
    const now = await observable(server);
    expect(now).toEqual(await observableWithOnly(kept));
    expect(now.repeat['bo-1']).toBe('false');
  });

  it('by customer: deletes that customer only, their rejects included, and recomputes the others\' repeat contact', async () => {
    const res = await call(server, '/api/retention/delete-customer', { customerId: ZED });
    expect(res.status).toBe(200);
    expect(res.json.counts).toEqual(dryRuns.zed.counts);
    expect(res.json.customerIdSha256).toBe(createHash('sha256').update(ZED).digest('hex'));
    for (const table of ['conversations', ...CHILD_TABLES]) expect(await rowsOf(server.db, table, ZEDS), table).toBe(0);
    const rejects = await server.db.all<{ id: string }>(`SELECT conversation_id AS id FROM rejects ORDER BY id`);
    expect(rejects.map((r) => r.id)).toEqual(['amy-bad', 'amy-csv']);
    const kept = RECORDS.filter((r) => !AGED.includes(r.conversation_id as string) && !ZEDS.includes(r.conversation_id as string));
    const now = await observable(server);
    expect(now.repeat['xav-1']).toBe('pending');
    expect(now).toEqual(await observableWithOnly(kept));
    for (const table of CHILD_TABLES) expect(await rowsOf(server.db, table, ['amy-1', 'xav-1']), table).toBeGreaterThan(0);
  });

  it('by customer: no table holds the customer id or their text any more', async () => {
    const tables = await server.db.all<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary`);
    expect(tables.length).toBeGreaterThan(10);
    for (const { name } of tables) {
      for (const needle of [ZED, ZED_SECRET]) {
        const hit = await server.db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM "${name}" AS tbl_row WHERE CAST(tbl_row AS VARCHAR) LIKE '%' || $needle || '%'`, { needle });
        expect(hit!.n, `${needle} in ${name}`).toBe(0);
      }
    }
  });

  it('the audit trail records each deletion with its counts, without personal data', async () => {
    const { items } = (await call(server, '/api/audit')).json;
    const age = items.find((a: Json) => a.action === 'retention.delete_older_than');
    const zed = items.find((a: Json) => a.action === 'retention.delete_customer');
    expect(age).toMatchObject({ actor: 'test admin', conversationId: null });
    expect(JSON.parse(age.after)).toEqual({ days: 365, cutoff: expect.any(String), counts: dryRuns.age.counts });
    const digest = createHash('sha256').update(ZED).digest('hex');
    expect(zed).toMatchObject({ actor: 'test admin', conversationId: null, entityId: `sha256:${digest}`, before: null });
    expect(JSON.parse(zed.after)).toEqual({ customerIdSha256: digest, counts: dryRuns.zed.counts });
    expect(JSON.stringify(items)).not.toContain(ZED);
  });

  it('running a request again finds nothing more to delete', async () => {
    const again = (await call(server, '/api/retention/delete-customer', { customerId: ZED })).json.counts;
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
  });
});

describe('retention: the cutoff boundary', () => {
  let server: TestServer;
  const at = (iso: string, id: string) => conversation({ conversation_id: id, started_at: iso, customer: { id: `u-${id}` }, messages: [message('customer', 'Hello', iso), message('ai', 'Hi', iso)] });

  beforeAll(async () => {
    server = await startTestServer();
    await ingest(server, toJsonl([
      at('2025-03-01T11:59:59.999Z', 'before'), at('2025-03-01T12:00:00.000Z', 'exactly'), at('2025-03-01T12:00:00.001Z', 'after'),
    ]) + '{"conversation_id": "broken"\n');
  });
  afterAll(() => server.close());

  it('deletes what started strictly before now - days x 24 h; exactly at the cutoff is kept', async () => {
    const now = new Date('2025-03-31T12:00:00Z');
    const result = await deleteOlderThan(server.db, { days: 30, now, actor: 'test', repeatDays: 7 });
    expect(result).toMatchObject({ cutoff: '2025-03-01T12:00:00.000Z', counts: { conversations: 1 } });
    const left = await server.db.all<{ id: string }>(`SELECT conversation_id AS id FROM conversations ORDER BY id`);
    expect(left.map((r) => r.id)).toEqual(['after', 'exactly']);
  });

  it('rejects go with the age rule once their batch was received before the cutoff', async () => {
    const today = await deleteOlderThan(server.db, { days: 1, actor: 'test', repeatDays: 7, dryRun: true });
    expect(today.counts.rejects).toBe(0);
    const later = await deleteOlderThan(server.db, { days: 1, now: new Date(Date.now() + 2 * DAY), actor: 'test', repeatDays: 7, dryRun: true });
    expect(later.counts).toMatchObject({ rejects: 1, conversations: 2 });
  });
});

describe('retention: command line', () => {
  const run = promisify(execFile);
  const ROOT = resolve(import.meta.dirname, '..', '..');
  const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
  let temp: Awaited<ReturnType<typeof openTempDatabase>>;
  let dbPath: string;

  beforeAll(async () => {
    temp = await openTempDatabase();
    dbPath = join(temp.dir, 'test.duckdb');
    const records = [convo('c-old', 'cust-1', 400), convo('c-new', 'cust-1', 3), convo('c-other', 'cust-2', 2)];
    await ingestBatch(temp.db, (async function* () { yield Buffer.from(toJsonl(records)); })(), { source: 'test', repeatDays: 7 });
    await temp.db.close();
  });
  afterAll(() => temp.close());

  const retention = async (...args: string[]) => {
    const { stdout } = await run(TSX, ['server/cli/retention.ts', ...args], { cwd: ROOT, env: { ...process.env, TANDEM_DB: dbPath } });
    return JSON.parse(stdout) as Json;
  };

  it('npm run retention: a --dry-run deletes nothing, a customer request deletes, audited as "cli"', async () => {
    expect(await retention('older-than', '365', '--dry-run')).toMatchObject({ dryRun: true, days: 365, counts: { conversations: 1, messages: 2 } });
    expect(await retention('customer', 'cust-1')).toMatchObject({ dryRun: false, counts: { conversations: 2, messages: 4 } });
    const db = await Database.open(dbPath);
    try {
      expect(await db.all(`SELECT conversation_id AS id FROM conversations`)).toEqual([{ id: 'c-other' }]);
      expect(await db.all(`SELECT actor, action FROM audit`)).toEqual([{ actor: 'cli', action: 'retention.delete_customer' }]);
    } finally {
      await db.close();
    }
  });
});
