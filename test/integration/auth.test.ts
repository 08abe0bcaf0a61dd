import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureInitialAdmin, ensureInitToken, INITIAL_PASSWORD_FILE } from '../../server/auth/bootstrap.js';
import { ROUTE_ROLES, type RouteKey } from '../../server/auth/roles.js';
import { USER_ROLES, type UserRole } from '../../server/domain.js';
import { createToken, createUser } from '../../server/queries/users.js';
import { conversation, toJsonl } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/db.js';

interface Example {
  method: string;
  path: string;
  body?: string;
  contentType?: string;
}

let counter = 0;

/** A concrete, valid request for each declared route, so an allowed role gets a 2xx. */
async function example(server: TestServer, route: RouteKey): Promise<Example> {
  const json = (method: string, path: string, body: unknown): Example => ({ method, path, body: JSON.stringify(body), contentType: 'application/json' });
  counter += 1;
  switch (route) {
    case 'POST /auth/login': return json('POST', '/api/auth/login', { username: 'matrix-user', password: 'matrix-password-1' });
    case 'POST /ingest': return { method: 'POST', path: '/api/ingest', body: toJsonl([conversation({ conversation_id: `m-${counter}` })]), contentType: 'application/x-ndjson' };
    case 'POST /rescore': return json('POST', '/api/rescore', { stale: true });
    // Dry runs: the matrix calls each route five times and later routes still need m-0.
    case 'POST /retention/delete-older-than': return json('POST', '/api/retention/delete-older-than', { days: 1, dryRun: true });
    case 'POST /retention/delete-customer': return json('POST', '/api/retention/delete-customer', { customerId: 'u-1', dryRun: true });
    case 'POST /users': return json('POST', '/api/users', { username: `u${counter}`, password: 'a-long-password-1', role: 'viewer' });
    case 'PATCH /users/:id': {
      const user = await createUser(server.db, `p${counter}`, 'a-long-password-1', 'viewer');
      return json('PATCH', `/api/users/${user.userId}`, { role: 'reviewer' });
    }
    case 'POST /tokens': return json('POST', '/api/tokens', { role: 'viewer', name: `t${counter}` });
    case 'DELETE /tokens/:id': {
      const { tokenId } = await createToken(server.db, { name: `d${counter}`, role: 'viewer', createdBy: null });
      return { method: 'DELETE', path: `/api/tokens/${tokenId}` };
    }
    case 'GET /conversations/:id': return { method: 'GET', path: '/api/conversations/m-0' };
    case 'GET /conversations/:id/flags': return { method: 'GET', path: '/api/conversations/m-0/flags' };
    case 'GET /conversations/:id/overrides': return { method: 'GET', path: '/api/conversations/m-0/overrides' };
    case 'GET /conversations/:id/audit': return { method: 'GET', path: '/api/conversations/m-0/audit' };
    case 'POST /conversations/:id/flags': return json('POST', '/api/conversations/m-0/flags', { reason: 'tone', note: 'matrix' });
    case 'POST /conversations/:id/overrides': return json('POST', '/api/conversations/m-0/overrides', { field: 'sentiment', value: 'neutral', reason: 'matrix' });
    case 'POST /conversations/:id/reviews': return json('POST', '/api/conversations/m-0/reviews', { escalationVerdict: 'none', flagReason: 'none' });
    case 'POST /review/assignments': return json('POST', '/api/review/assignments', { conversationIds: ['m-0'], reviewer: 'matrix-user' });
    case 'PATCH /flags/:id': {
      const row = await server.db.one<{ id: string }>(`INSERT INTO flags VALUES (gen_random_uuid()::VARCHAR, 'm-0', 'tone', '', 'open', 'x', now()::TIMESTAMP, now()::TIMESTAMP) RETURNING flag_id AS id`);
      return json('PATCH', `/api/flags/${row!.id}`, { status: 'confirmed' });
    }
    case 'GET /ingest/batches/:id/rejects': {
      const row = await server.db.one<{ id: string }>('SELECT batch_id AS id FROM batches LIMIT 1');
      return { method: 'GET', path: `/api/ingest/batches/${row!.id}/rejects` };
    }
    default: {
      const [method, path] = route.split(' ') as [string, string];
      return { method, path: `/api${path}` };
    }
  }
}

describe('roles: every route x every role (and none)', () => {
  let server: TestServer;
  const tokens: Partial<Record<UserRole, string>> = {};

  beforeAll(async () => {
    server = await startTestServer();
    await server.fetch('/api/ingest', { method: 'POST', body: toJsonl([conversation({ conversation_id: 'm-0' })]), headers: { 'content-type': 'application/x-ndjson' } });
    await createUser(server.db, 'matrix-user', 'matrix-password-1', 'viewer');
    for (const role of USER_ROLES) tokens[role] = (await createToken(server.db, { name: role, role, createdBy: null })).token;
  });
  afterAll(() => server.close());

  it.each(Object.keys(ROUTE_ROLES) as RouteKey[])('%s', async (route) => {
    const required = ROUTE_ROLES[route];
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const role of [null, ...USER_ROLES] as const) {
      const ex = await example(server, route);
      const headers: Record<string, string> = ex.contentType ? { 'content-type': ex.contentType } : {};
      if (role) headers.authorization = `Bearer ${tokens[role]}`;
      const res = await fetch(`${server.url}${ex.path}`, { method: ex.method, body: ex.body, headers });
      const allowed = required === 'public' || (role !== null && USER_ROLES.indexOf(role) >= USER_ROLES.indexOf(required));
      outcomes.push(`${role ?? 'none'}:${res.status < 300 ? '2xx' : res.status}`);
      expected.push(`${role ?? 'none'}:${allowed ? '2xx' : role === null ? 401 : 403}`);
    }
    expect(outcomes).toEqual(expected);
  });

  it('without credentials every /api route but health and sign-in answers 401, unknown ones included', async () => {
    expect((await fetch(`${server.url}/api/no-such-thing`)).status).toBe(401);
    expect((await server.fetch('/api/no-such-thing')).status).toBe(404);
    expect((await fetch(`${server.url}/api/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });
});

describe('dashboard sign-in with a session cookie', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await createUser(server.db, 'rita', 'rita-password-123', 'reviewer');
    await createUser(server.db, 'gone', 'gone-password-123', 'viewer').then((u) =>
      server.fetch(`/api/users/${u.userId}`, { method: 'PATCH', body: JSON.stringify({ disabled: true }), headers: { 'content-type': 'application/json' } }),
    );
  });
  afterAll(() => server.close());

  const login = (username: string, password: string) =>
    fetch(`${server.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ username, password }), headers: { 'content-type': 'application/json' } });

  it('sets an HttpOnly, SameSite cookie that authenticates, and logout ends it', async () => {
    const res = await login('rita', 'rita-password-123');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ username: 'rita', role: 'reviewer' });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/tandem_session=ses_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const session = cookie.split(';')[0]!;
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: session } });
    expect(await me.json()).toMatchObject({ name: 'rita', role: 'reviewer', kind: 'session' });
    expect((await fetch(`${server.url}/api/ingest/batches`, { headers: { cookie: session } })).status).toBe(200);
    expect((await fetch(`${server.url}/api/rescore`, { method: 'POST', headers: { cookie: session } })).status).toBe(403);
    await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie: session } });
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie: session } })).status).toBe(401);
  });

  it('refuses wrong passwords and disabled users alike, and rate-limits guessing', async () => {
    expect((await login('rita', 'wrong-password')).status).toBe(401);
    expect((await login('nobody', 'whatever-password')).status).toBe(401);
    expect((await login('gone', 'gone-password-123')).status).toBe(401);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await login('guess-me', `attempt-${i}`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('stores no secret in clear: passwords as scrypt hashes, sessions and tokens as digests', async () => {
    const user = await server.db.one<{ h: string }>(`SELECT password_hash AS h FROM users WHERE username = 'rita'`);
    expect(user!.h).toMatch(/^scrypt\$32768\$8\$1\$/);
    const stored = await server.db.all<{ h: string }>(`SELECT token_hash AS h FROM api_tokens`);
    expect(stored.some((r) => r.h === server.token)).toBe(false);
  });
});

describe('first start', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('creates an admin with a random password kept in an owner-only file, never logged', async () => {
    const logs: string[] = [];
    const dbPath = join(server.dir, 'test.duckdb');
    await ensureInitialAdmin(server.db, dbPath, (m) => logs.push(m));
    const file = join(server.dir, INITIAL_PASSWORD_FILE);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const password = readFileSync(file, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(logs.join('\n')).not.toContain(password);
    expect(logs.join('\n')).toContain(file);
    const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ username: 'admin', password }), headers: { 'content-type': 'application/json' } });
    expect(await res.json()).toEqual({ username: 'admin', role: 'admin' });
    await ensureInitialAdmin(server.db, dbPath, (m) => logs.push(m));
    expect(logs).toHaveLength(1);
  });

  it('TANDEM_INIT_ADMIN_TOKEN makes an admin token with that value exist', async () => {
    const value = 'init-token-for-automation-0123456789';
    await ensureInitToken(server.db, value);
    await ensureInitToken(server.db, value);
    const res = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${value}` } });
    expect(await res.json()).toMatchObject({ role: 'admin', kind: 'token' });
  });
});
