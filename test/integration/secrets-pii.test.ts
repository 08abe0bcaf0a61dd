import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { conversation, message } from '../helpers/factories.js';
import { startLoggedServer } from '../helpers/logged-server.js';

/** One of each kind server/ingest/redact.ts replaces, as a customer would type it. */
const PII = {
  card: '4111 1111 1111 1111',
  email: 'anna.svensson@example.com',
  phone: '+46 70 123 45 67',
  personnummer: '19811228-9874',
  /** Short enough to fit whole in the ~10 characters a JSON.parse error quotes around the fault. */
  shortEmail: 'bo@ex.se',
};
/** Each value as typed and as bare digits, so a normalised copy is caught too. */
const PII_FORMS = Object.values(PII).flatMap((v) => [v, v.replace(/\D/g, '')]).filter((v) => v.length >= 8);
const PII_TEXT = `My card ${PII.card} was charged twice. Mail me at ${PII.email} or call ${PII.phone}, pnr ${PII.personnummer}.`;

const PASSWORD = 'correct horse battery staple 42';
const NEW_PASSWORD = 'a brand new passphrase 77';

const records = [
  conversation({
    conversation_id: 'pii-1',
    started_at: '2025-05-06T10:00:00Z',
    customer: { id: 'u-pii', tier: 'vip' },
    messages: [message('customer', PII_TEXT, '2025-05-06T10:00:00Z'), message('ai', 'I cannot help with that.', '2025-05-06T10:00:05Z')],
  }),
  // Rejected (no started_at): its raw text is kept for inspection, so it must be kept redacted.
  { conversation_id: 'pii-bad', messages: [message('customer', PII_TEXT)] },
  // Not JSON at all, and a hand-edited line with an unquoted value: the parser's error message
  // quotes the input around the fault, so the reject's message must be redacted like its raw text.
  `${PII.email} ${PII_TEXT}`,
  `{"conversation_id": "pii-broken", "email": ${PII.shortEmail}}`,
];
const ndjson = records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

describe('secrets and personal data never reach the log or an export', () => {
  let server: Awaited<ReturnType<typeof startLoggedServer>>;
  const secrets: string[] = [PASSWORD, NEW_PASSWORD];
  const consoleLines: string[] = [];
  const exports: Record<string, string> = {};

  const post = (path: string, body: unknown) =>
    server.fetch(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const login = (password: string) =>
    fetch(`${server.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ username: 'pia', password }), headers: { 'content-type': 'application/json' } });

  beforeAll(async () => {
    // Anything written to the console directly, past the app's log, is captured as well.
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')));
    }
    server = await startLoggedServer();
    secrets.push(server.token);

    const user = (await (await post('/api/users', { username: 'pia', password: PASSWORD, role: 'manager' })).json()) as { userId: string };
    expect((await login(`wrong ${PASSWORD}`)).status).toBe(401);
    const signedIn = await login(PASSWORD);
    expect(signedIn.status).toBe(200);
    const session = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    secrets.push(session.split('=')[1]!);
    const broken = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST', body: `{"username": "pia", "password": "${PASSWORD}"`, headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    const patch = await server.fetch(`/api/users/${user.userId}`, {
      method: 'PATCH', body: JSON.stringify({ password: NEW_PASSWORD }), headers: { 'content-type': 'application/json' },
    });
    expect(patch.status).toBe(200);

    const created = (await (await post('/api/tokens', { role: 'viewer', name: 'nightly' })).json()) as { token: string };
    secrets.push(created.token);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${created.token}` } })).status).toBe(200);
    expect((await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${created.token}x` } })).status).toBe(401);

    const ingest = await server.fetch('/api/ingest', { method: 'POST', body: ndjson, headers: { 'content-type': 'application/x-ndjson' } });
    exports['ingest answer'] = await ingest.text();
    expect(JSON.parse(exports['ingest answer'])).toMatchObject({ accepted: 1, rejected: 3 });
    expect((await post('/api/conversations/pii-1/flags', { reason: 'personal_data', note: 'customer shared payment details' })).status).toBe(201);

    const batchId = (JSON.parse(exports['ingest answer']) as { batchId: string }).batchId;
    const reads: Record<string, string> = {
      'rejects listing': `/api/ingest/batches/${batchId}/rejects`,
      'batches listing': '/api/ingest/batches',
      'conversation': '/api/conversations/pii-1',
      'conversation list': '/api/conversations?limit=1000',
      'audit csv': '/api/audit?format=csv',
      'audit json': '/api/audit',
    };
    for (const format of ['json', 'csv', 'md', 'html']) reads[`weekly ${format}`] = `/api/reports/weekly?week=2025-W19&format=${format}`;
    for (const [name, path] of Object.entries(reads)) {
      const res = await server.fetch(path);
      expect(res.status, name).toBe(200);
      exports[name] = await res.text();
    }

    // Errors and refusals with personal data in the request, then a genuine 500.
    expect((await server.fetch(`/api/conversations/${encodeURIComponent(PII.email)}`)).status).toBe(404);
    expect((await server.fetch(`/api/conversations?market=${encodeURIComponent(PII.phone)}`)).status).toBe(400);
    await server.db.write((conn) => conn.run('DROP VIEW conversation_facts_reviewed'));
    await server.db.write((conn) => conn.run('DROP TABLE conversation_facts'));
    expect((await server.fetch(`/api/conversations?market=SE&to=2025-05-06`)).status).toBe(500);
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await server?.close();
  });

  it('redacted the transcript before storing it (the exports below would show it otherwise)', () => {
    const detail = JSON.parse(exports.conversation!) as { messages: { text: string }[] };
    expect(detail.messages[0]!.text).toBe('My card [CARD] was charged twice. Mail me at [EMAIL] or call [PHONE], pnr [NATIONAL_ID].');
    expect(exports['audit csv']).toContain('personal_data');
  });

  it('logs the 500 but no password, session, token or personal data', () => {
    const log = [...server.logs, ...consoleLines].join('\n');
    expect(server.logs.some((l) => l.startsWith('Unhandled error on GET /api/conversations'))).toBe(true);
    for (const secret of secrets) expect(log).not.toContain(secret);
    for (const value of PII_FORMS) expect(log).not.toContain(value);
  });

  it.each(['ingest answer', 'rejects listing', 'batches listing', 'conversation', 'conversation list', 'audit csv', 'audit json', 'weekly json', 'weekly csv', 'weekly md', 'weekly html'])(
    '%s holds no raw personal data and no secret',
    (name) => {
      const text = exports[name]!;
      expect(text.length).toBeGreaterThan(0);
      for (const value of PII_FORMS) expect(text, `${name} contains ${value}`).not.toContain(value);
      for (const secret of secrets) expect(text, `${name} contains a secret`).not.toContain(secret);
    },
  );
});
