import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, createToken, createUser } from '../../server/queries/users.js';
import { cohensKappa } from '../../server/queries/stats.js';
import { conversation, message, toJsonl } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/db.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Review risk by its definition (facts.ts): score + 25 if a VIP failure + 15 if a negative end + 15 if csat <= 2. */
function expectedRisk(item: Json): number {
  return item.escalationScore + (item.vipFailureReasons.length ? 25 : 0) + (item.negativeEnd ? 15 : 0) + (item.csat !== null && item.csat <= 2 ? 15 : 0);
}

describe('QA review workflow', () => {
  let server: TestServer;
  const as: Record<string, (path: string, body?: unknown, method?: string) => Promise<{ status: number; json: Json; text: string }>> = {};

  beforeAll(async () => {
    server = await startTestServer();
    const records = [
      conversation({ conversation_id: 'r-vip', customer: { id: 'v1', tier: 'vip' }, csat: 1, messages: [message('customer', 'I want to talk to a human now, this is useless'), message('ai', 'I can help with that.'), message('customer', 'Get me a real person!!')] }),
      conversation({ conversation_id: 'r-calm', csat: 5, messages: [message('customer', 'Thanks, all sorted'), message('ai', 'Glad to help')] }),
      conversation({ conversation_id: 'r-mid', csat: 3, messages: [message('customer', 'Where is my card?'), message('ai', 'It ships tomorrow')] }),
    ];
    await server.fetch('/api/ingest', { method: 'POST', body: toJsonl(records), headers: { 'content-type': 'application/x-ndjson' } });
    for (const [name, role] of [['rita', 'reviewer'], ['ravi', 'reviewer'], ['mona', 'manager'], ['vera', 'viewer']] as const) {
      const user = await createUser(server.db, name, `${name}-password-12`, role);
      const cookie = `tandem_session=${await createSession(server.db, user.userId)}`;
      as[name] = async (path, body, method = body === undefined ? 'GET' : 'POST') => {
        const res = await fetch(`${server.url}${path}`, {
          method, headers: { cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        return { status: res.status, text, json: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
      };
    }
  });
  afterAll(() => server.close());

  it('orders the queue by risk: the VIP with a missed escalation and csat 1 first', async () => {
    const { json } = await as.vera!('/api/review/queue');
    expect(json.items[0].conversationId).toBe('r-vip');
    const risks = json.items.map((i: Json) => i.risk);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
    for (const item of json.items) expect(item.risk, item.conversationId).toBe(expectedRisk(item));
    expect(json.items[0].risk).toBeGreaterThanOrEqual(25 + 15);
    // The tie-break key (id_key) orders the page but is not part of an item.
    expect(Object.keys(json.items[0])).not.toContain('idKey');
    // No overrides yet: the detail has no reviewed values of its own.
    expect((await as.vera!('/api/conversations/r-vip')).json.review).toEqual({ overrides: [], withOverrides: null });
  });

  it('random mode is a reproducible sample: the same seed, the same order', async () => {
    const a = (await as.vera!('/api/review/queue?mode=random&seed=7')).json.items.map((i: Json) => i.conversationId);
    const b = (await as.vera!('/api/review/queue?mode=random&seed=7')).json.items.map((i: Json) => i.conversationId);
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set(['r-vip', 'r-calm', 'r-mid']));
  });

  it('a manager assigns, the reviewer sees it as theirs; a viewer may not write', async () => {
    expect((await as.mona!('/api/review/assignments', { conversationIds: ['r-mid'], reviewer: 'rita' })).status).toBe(201);
    const mine = (await as.rita!('/api/review/queue?assignee=me')).json;
    expect(mine.items.map((i: Json) => i.conversationId)).toEqual(['r-mid']);
    expect(mine.items[0].assignedTo).toEqual(['rita']);
    expect((await as.rita!('/api/review/assignments', { conversationIds: ['r-mid'], reviewer: 'rita' })).status).toBe(403);
    expect((await as.vera!('/api/conversations/r-vip/flags', { reason: 'tone', note: '' })).status).toBe(403);
  });

  it('flags carry reason, note, status, who and when; status changes are audited with before and after', async () => {
    const created = await as.rita!('/api/conversations/r-vip/flags', { reason: 'missed_escalation', note: 'Asked twice for a human' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ conversationId: 'r-vip', reason: 'missed_escalation', note: 'Asked twice for a human', status: 'open', createdBy: 'rita' });
    const patched = await as.ravi!(`/api/flags/${created.json.flagId}`, { status: 'confirmed' }, 'PATCH');
    expect(patched.json.status).toBe('confirmed');
    expect((await as.rita!('/api/conversations/r-vip/flags', { reason: 'rude' })).json.error.field).toBe('reason');
    const audit = (await as.vera!('/api/conversations/r-vip/audit')).json.items;
    const status = audit.find((a: Json) => a.action === 'flag.status');
    expect(status).toMatchObject({ actor: 'ravi', conversationId: 'r-vip' });
    expect(JSON.parse(status.before)).toEqual({ status: 'open' });
    expect(JSON.parse(status.after)).toEqual({ status: 'confirmed' });
    expect(audit.some((a: Json) => a.action === 'flag.create' && a.actor === 'rita')).toBe(true);
  });

  it('an override shows beside the automatic value and metrics read with or without it', async () => {
    const before = (await as.vera!('/api/metrics')).json.escalation;
    const auto = (await as.vera!('/api/conversations/r-vip')).json.escalation.status;
    expect(auto).toBe('missed');
    const bad = await as.rita!('/api/conversations/r-vip/overrides', { field: 'escalation_status', value: 'never', reason: 'x' });
    expect(bad.json.error.field).toBe('value');
    const res = await as.rita!('/api/conversations/r-vip/overrides', { field: 'escalation_status', value: 'timely', reason: 'Handed off by phone, outside the transcript' });
    expect(res.status).toBe(201);
    expect(res.json.items[0]).toMatchObject({ field: 'escalation_status', value: 'timely', createdBy: 'rita' });
    expect((await as.vera!('/api/conversations/r-vip')).json.escalation.status).toBe('missed');
    expect((await as.vera!('/api/metrics')).json.escalation).toEqual(before);
    const reviewed = (await as.vera!('/api/metrics?overrides=true')).json.escalation;
    expect(reviewed.missed).toBe(before.missed - 1);
    expect(reviewed.timely).toBe(before.timely + 1);
    expect((await as.vera!('/api/conversations?overrides=true&escalation=timely')).json.items.map((i: Json) => i.conversationId)).toContain('r-vip');
    expect((await as.vera!('/api/conversations/r-vip')).json.review.withOverrides).toMatchObject({ escalationStatus: 'timely' });
    // The queue read with overrides recomputes the risk from the overridden values.
    const queue = (await as.vera!('/api/review/queue?overrides=true')).json.items as Json[];
    const vip = queue.find((i) => i.conversationId === 'r-vip');
    expect(vip.escalationStatus).toBe('timely');
    expect(vip.vipFailureReasons).not.toContain('missed_escalation');
    for (const item of queue) expect(item.risk, item.conversationId).toBe(expectedRisk(item));
    const audit = (await as.vera!('/api/conversations/r-vip/audit')).json.items.find((a: Json) => a.action === 'override');
    expect(JSON.parse(audit.before)).toEqual({ escalation_status: 'missed' });
  });

  it('two reviewers: Cohen kappa on flag reason and escalation verdict, confirmed failure rate per handled_by', async () => {
    await as.rita!('/api/conversations/r-vip/reviews', { escalationVerdict: 'missed', flagReason: 'missed_escalation' });
    await as.ravi!('/api/conversations/r-vip/reviews', { escalationVerdict: 'missed', flagReason: 'missed_escalation' });
    await as.rita!('/api/conversations/r-calm/reviews', { escalationVerdict: 'none', flagReason: 'none' });
    await as.ravi!('/api/conversations/r-calm/reviews', { escalationVerdict: 'none', flagReason: 'tone' });
    const q = (await as.vera!('/api/review/quality')).json;
    expect(q.doubleReviewed).toBe(2);
    // Escalation verdicts agree on both (missed/missed, none/none): po = 1, pe = 0.5 -> kappa 1.
    expect(q.kappa.escalationVerdict).toBe(1);
    // Flag reasons: (missed, missed), (none, tone): po = 0.5; pe = 0.5*0.5 (missed) + 0.5*0 (none) = 0.25 -> 0.333.
    expect(q.kappa.flagReason).toBeCloseTo(1 / 3, 12);
    // Reviewed: r-vip (ai, confirmed flag), r-calm (ai), r-mid (assigned only, not reviewed).
    expect(q.confirmedFailureRate.ai).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(q.confirmedFailureRate.human.rate).toBeNull();
    const mine = (await as.rita!('/api/review/mine')).json;
    expect(mine.items.map((m: Json) => m.kind).sort()).toEqual(['flag', 'review', 'review']);
    expect(mine.total).toBe(3);
    const page2 = (await as.rita!('/api/review/mine?limit=2&offset=2')).json;
    expect(page2).toMatchObject({ total: 3, items: [expect.anything()] });
  });

  it('the audit export is CSV with formula injection neutralised', async () => {
    await as.rita!('/api/conversations/r-mid/flags', { reason: 'other', note: '=HYPERLINK("http://evil","click")' });
    const csv = await as.mona!('/api/audit?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('HYPERLINK');
    // No cell may start with a formula character; the note sits inside the JSON "after" cell.
    expect(csv.text).not.toMatch(/(^|,)"[=+\-@]/m);
    expect((await as.vera!('/api/audit?format=csv')).status).toBe(403);
    const token = await createToken(server.db, { name: 'x', role: 'viewer', createdBy: null });
    expect((await fetch(`${server.url}/api/audit`, { headers: { authorization: `Bearer ${token.token}` } })).status).toBe(403);
  });
});

describe('csvCell', () => {
  it('neutralises cells a spreadsheet would run as formulas', async () => {
    const { csvCell, toCsv } = await import('../../server/reports/csv.js');
    expect(csvCell('=1+2')).toBe(`"'=1+2"`);
    expect(csvCell('+46 70')).toBe(`"'+46 70"`);
    expect(csvCell('-5')).toBe(`"'-5"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe('');
    expect(toCsv([{ a: 1, b: '=x' }])).toBe(`"a","b"\r\n"1","'=x"\r\n`);
  });
});

describe('cohensKappa', () => {
  it('matches a textbook example and handles edge cases', () => {
    // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> po 0.7, pe 0.5*0.6 + 0.5*0.4 = 0.5, kappa 0.4.
    const pairs = [
      ...Array(20).fill(['yes', 'yes']), ...Array(5).fill(['yes', 'no']), ...Array(10).fill(['no', 'yes']), ...Array(15).fill(['no', 'no']),
    ] as [string, string][];
    expect(cohensKappa(pairs)).toBeCloseTo(0.4, 12);
    expect(cohensKappa([])).toBeNull();
    expect(cohensKappa([['a', 'a'], ['a', 'a']])).toBe(1);
  });
});
