import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildFacts } from '../../server/db/facts.js';
import { refreshRollups } from '../../server/db/rollups.js';
import { ingestBatch } from '../../server/ingest/ingest.js';
import { conversation, message, toJsonl } from '../helpers/factories.js';
import { startTestServer, type TestServer } from '../helpers/db.js';

/**
 * A 13-conversation fixture whose every metric is worked out by hand below. Transcripts go
 * through real ingestion (so handled_by and ai_started are derived in SQL); the facts that depend
 * on scoring or on other conversations (repeat status, escalation, VIP reasons) are then set
 * explicitly so that this test checks the metric definitions alone. Unfiltered and dimension-
 * filtered numbers come from the rollups; the drill-down lists read raw rows, so the drill-down
 * test also checks that the two agree.
 */
interface Case {
  id: string;
  shape: 'ai' | 'hybrid' | 'human' | 'human-first';
  topic: string;
  csat?: number;
  repeat: 'true' | 'false' | 'pending' | 'unknown';
  durationS: number;
  tier?: 'vip';
  market?: string;
  escalation?: { status: 'timely' | 'late' | 'missed'; turns: number | null; seconds: number | null; kind: string };
  overEscalation?: boolean;
  vipReasons?: string[];
}

const CASES: Case[] = [
  { id: 'a1', shape: 'ai', topic: 'refund', csat: 5, repeat: 'false', durationS: 60 },
  { id: 'a2', shape: 'ai', topic: 'refund', csat: 4, repeat: 'true', durationS: 120, tier: 'vip', escalation: { status: 'missed', turns: null, seconds: null, kind: 'human_request' }, vipReasons: ['missed_escalation'] },
  { id: 'a3', shape: 'ai', topic: 'fraud', csat: 1, repeat: 'pending', durationS: 180, tier: 'vip', vipReasons: ['low_csat'] },
  { id: 'a4', shape: 'ai', topic: 'fraud', repeat: 'unknown', durationS: 240, market: 'NO' },
  { id: 'h1', shape: 'hybrid', topic: 'refund', csat: 2, repeat: 'false', durationS: 1000, escalation: { status: 'late', turns: 2, seconds: 120, kind: 'distress' } },
  { id: 'h2', shape: 'hybrid', topic: 'fraud', csat: 4, repeat: 'false', durationS: 2000, escalation: { status: 'timely', turns: 0, seconds: 30, kind: 'human_request' } },
  { id: 'h3', shape: 'hybrid', topic: 'refund', repeat: 'false', durationS: 3000, overEscalation: true, market: 'NO' },
  { id: 'p1', shape: 'human', topic: 'refund', csat: 5, repeat: 'false', durationS: 600 },
  { id: 'p2', shape: 'human', topic: 'refund', csat: 4, repeat: 'true', durationS: 300 },
  { id: 'p3', shape: 'human', topic: 'fraud', csat: 1, repeat: 'false', durationS: 900 },
  { id: 'p4', shape: 'human', topic: 'fraud', csat: 2, repeat: 'unknown', durationS: 1200 },
  { id: 'p5', shape: 'human', topic: 'payments', csat: 5, repeat: 'false', durationS: 100 },
  { id: 'q1', shape: 'human-first', topic: 'refund', repeat: 'false', durationS: 4000 },
];

const ROLES_BY_SHAPE = { ai: ['customer', 'ai'], hybrid: ['customer', 'ai', 'agent'], human: ['customer', 'agent'], 'human-first': ['customer', 'agent', 'ai'] };

function toRecord(c: Case) {
  const start = Date.UTC(2025, 4, 6, 10);
  return conversation({
    conversation_id: c.id, topic: c.topic, csat: c.csat ?? null, market: c.market ?? 'SE',
    customer: { id: `u-${c.id}`, tier: c.tier ?? 'standard' },
    started_at: new Date(start).toISOString(), ended_at: new Date(start + c.durationS * 1000).toISOString(),
    messages: ROLES_BY_SHAPE[c.shape].map((role, i) => message(role, `message ${i}`, new Date(start + i * 1000).toISOString())),
  });
}

async function* body(text: string) {
  yield Buffer.from(text);
}

async function get(server: TestServer, path: string) {
  const res = await server.fetch(`${path}`);
  return { status: res.status, json: await res.json() };
}

describe('GET /api/metrics on a hand-worked fixture', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    await ingestBatch(server.db, body(toJsonl(CASES.map(toRecord))), { source: 'test', repeatDays: 7 });
    await server.db.write(async (conn) => {
      await conn.run('DELETE FROM triggers');
      await conn.run(`UPDATE conversation_scores SET escalation_status = 'none', gap_turns = NULL, gap_seconds = NULL,
        over_escalation = false, negative_end = false, vip_failure_reasons = []::VARCHAR[]`);
      for (const c of CASES) {
        await conn.run('UPDATE conversations SET repeat_contact = $r WHERE conversation_id = $id', { r: c.repeat, id: c.id });
        const e = c.escalation;
        await conn.run(
          `UPDATE conversation_scores SET escalation_status = $status, gap_turns = $turns, gap_seconds = $seconds,
             over_escalation = $over, vip_failure_reasons = string_split($reasons, ',') WHERE conversation_id = $id`,
          { status: e?.status ?? 'none', turns: e?.turns ?? null, seconds: e?.seconds ?? null, over: !!c.overEscalation, reasons: (c.vipReasons ?? []).join(','), id: c.id },
        );
        if (e) {
          await conn.run(`INSERT INTO triggers SELECT $id, $kind, 0, 2, 'fixture', batch_id FROM conversations WHERE conversation_id = $id`, { id: c.id, kind: e.kind });
        }
      }
      await conn.run(`UPDATE conversation_scores SET vip_failure_reasons = [] WHERE vip_failure_reasons = ['']`);
      // These writes bypass ingestion, so the facts and rollups that metrics read are rebuilt here.
      await rebuildFacts(conn);
      await refreshRollups(conn, 'all');
    });
  });
  afterAll(() => server.close());

  it('counts, deflection and handoff (a hybrid that the AI started counts as AI-started)', async () => {
    const { json: m } = await get(server, '/api/metrics');
    expect(m.conversations).toBe(13);
    expect(m.byHandledBy).toEqual({ ai: 4, human: 5, hybrid: 4, unanswered: 0 });
    // AI-started: a1-a4 and h1-h3 (q1 was started by an agent). Contained: a1-a4.
    expect(m.deflection).toMatchObject({ aiStarted: 7, contained: 4, rate: 4 / 7 });
    // Resolved: contained and repeat 'false' (a1) over AI-started with a known status (a1, a2, h1, h2, h3);
    // a3 (pending) and a4 (unknown) are in neither.
    expect(m.deflection).toMatchObject({ resolvedContained: 1, repeatKnown: 5, resolvedRate: 0.2, repeatPending: 1 });
    expect(m.handoffRate).toBeCloseTo(3 / 7, 12);
  });

  it('repeat contact and median resolution time per handled_by', async () => {
    const { json: m } = await get(server, '/api/metrics');
    expect(m.repeatContact).toEqual({ ai: 0.5, human: 0.25, hybrid: 0 });
    expect(m.repeatPending).toEqual({ ai: 1, human: 0, hybrid: 0 });
    expect(m.fractions.repeatContact.human).toEqual({ numerator: 1, denominator: 4, rate: 0.25 });
    expect(m.resolutionTime.ai.medianSeconds).toBe(150);
    expect(m.resolutionTime.human.medianSeconds).toBe(600);
    expect(m.resolutionTime.hybrid.medianSeconds).toBe(2500);
  });

  it('CSAT with Wilson intervals, means, response rates and the low-confidence mark', async () => {
    const { json: m } = await get(server, '/api/metrics');
    expect(m.csat.ai).toMatchObject({ surveyed: 3, satisfied: 2, pct: 2 / 3, lowConfidence: true, responseRate: 0.75 });
    expect(m.csat.ai.mean).toBeCloseTo(10 / 3, 12);
    expect(m.csat.ai.low).toBeCloseTo(0.20766, 4);
    expect(m.csat.ai.high).toBeCloseTo(0.93851, 4);
    expect(m.csat.human).toMatchObject({ surveyed: 5, satisfied: 3, pct: 0.6, mean: 3.4, responseRate: 1 });
    expect(m.csat.human.low).toBeCloseTo(0.23072, 4);
    expect(m.csat.hybrid).toMatchObject({ surveyed: 2, satisfied: 1, pct: 0.5, mean: 3, responseRate: 0.5 });
    expect(m.surveyResponseRate).toBeCloseTo(10 / 13, 12);
  });

  it('mix-adjusted AI CSAT weights AI per-topic CSAT by the human topic mix, over shared topics only', async () => {
    const { json: m } = await get(server, '/api/metrics');
    // refund: AI 2/2 = 100 %, human weight 2; fraud: AI 0/1 = 0 %, human weight 2; payments: human only, left out.
    expect(m.csat.aiMixAdjustedPct).toBe(0.5);
    expect(m.csat.mixAdjustment).toEqual({ topics: ['fraud', 'refund'], excludedTopics: ['payments'] });
  });

  it('escalation counts, missed rate, median gaps, by kind, over-escalation and VIP failures', async () => {
    const { json: m } = await get(server, '/api/metrics');
    expect(m.escalation).toMatchObject({
      triggered: 3, timely: 1, late: 1, missed: 1, missedRate: 1 / 3, medianGapTurns: 1, medianGapSeconds: 75,
      triggerRate: 3 / 7, overEscalation: 1,
    });
    const human = m.escalation.byKind.find((k: { kind: string }) => k.kind === 'human_request');
    expect(human).toMatchObject({ conversations: 2, timely: 1, missed: 1, missedRate: 0.5, medianGapTurns: 0 });
    // a2 (missed escalation, and its customer came back: repeat contact) and a3 (csat 1).
    expect(m.vipFailures).toBe(2);
    expect(m.vipFailuresByReason).toEqual({ low_csat: 1, negative_end: 0, missed_escalation: 1, repeat_contact: 1 });
  });

  it('filters compose: topic, market, handledBy and dates', async () => {
    expect((await get(server, '/api/metrics?topic=fraud')).json.conversations).toBe(5);
    const no = (await get(server, '/api/metrics?market=NO')).json;
    expect(no).toMatchObject({ conversations: 2, deflection: { aiStarted: 2, contained: 1 } });
    const fraudAi = (await get(server, '/api/metrics?topic=fraud&handledBy=ai')).json;
    expect(fraudAi.byHandledBy).toEqual({ ai: 2, human: 0, hybrid: 0, unanswered: 0 });
    expect(fraudAi.csat.ai).toMatchObject({ surveyed: 1, satisfied: 0, pct: 0 });
    expect((await get(server, '/api/metrics?from=2025-05-06&to=2025-05-06')).json.conversations).toBe(13);
  });

  it('an empty set gives null rates and medians, never 0 or NaN', async () => {
    const { json: m } = await get(server, '/api/metrics?from=2024-01-01&to=2024-01-31');
    expect(m.conversations).toBe(0);
    expect(m.deflection).toEqual({ aiStarted: 0, contained: 0, rate: null, resolvedRate: null, resolvedContained: 0, repeatKnown: 0, repeatPending: 0 });
    expect(m.handoffRate).toBeNull();
    expect(m.csat.ai).toMatchObject({ surveyed: 0, pct: null, low: null, high: null, mean: null });
    expect(m.csat.aiMixAdjustedPct).toBeNull();
    expect(m.escalation).toMatchObject({ missedRate: null, medianGapTurns: null, triggerRate: null });
    expect(m.resolutionTime.ai.medianSeconds).toBeNull();
  });

  it('invalid filters are 400s naming the parameter', async () => {
    const cases: [string, string][] = [
      ['from=2025-13-01', 'from'], ['to=yesterday', 'to'], ['from=2025-05-10&to=2025-05-01', 'from'],
      ['channel=fax', 'channel'], ['topic=card_arrival', 'topic'], ['tier=gold', 'tier'], ['handledBy=robot', 'handledBy'],
      ['market=XX', 'market'], ['market=SE;DROP', 'market'], ['colour=blue', 'colour'], ['market=SE&market=NO', 'market'],
    ];
    for (const [query, field] of cases) {
      const { status, json } = await get(server, `/api/metrics?${query}`);
      expect([query, status, json.error.field]).toEqual([query, 400, field]);
    }
  });

  it('every number drills down to exactly the conversations behind it', async () => {
    for (const query of ['', 'topic=fraud', 'handledBy=human', 'market=NO&tier=standard']) {
      const { json: m } = await get(server, `/api/metrics?${query}`);
      for (const [path, drill] of Object.entries(m.drillDown as Record<string, string | null>)) {
        const value = path.split('.').reduce<unknown>((obj, key) => (obj as Record<string, unknown>)[key], m);
        if (drill === null) {
          expect([query, path, value]).toEqual([query, path, 0]);
          continue;
        }
        const list = (await get(server, `/api/conversations?${drill}&limit=1`)).json;
        expect([query, path, list.total]).toEqual([query, path, value]);
      }
    }
  });
});
