import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoDataIfEmpty } from '../../server/demo.js';
import { CONVERSATION_SORTS, listConversationItems, rankWindow, recentPage, type ConversationSort } from '../../server/queries/conversations.js';
import { filterSql, type ConversationFilters, type DrillFilters } from '../../server/queries/filters.js';
import { reviewQueue } from '../../server/queries/review.js';
import { MAX_REVIEW_RISK } from '../../server/db/facts.js';
import { refreshRollups } from '../../server/db/rollups.js';
import type { SqlParams } from '../../server/db/database.js';
import { startTestServer, type TestServer } from '../helpers/db.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function get(server: TestServer, path: string): Promise<{ status: number; json: Json }> {
  const res = await server.fetch(`${path}`);
  return { status: res.status, json: await res.json() };
}

describe('metrics and conversations over the demo data', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await loadDemoDataIfEmpty(server.db, { demoConversations: 3000, demoWeeks: 4, repeatDays: 7 }, () => undefined);
  });
  afterAll(() => server.close());

  it('the drill-down is exact: every number equals the total of its conversations list', async () => {
    const filterSets = ['', 'tier=vip', 'topic=fraud,dispute&channel=chat', 'handledBy=ai&market=SE,NO', 'from=2025-06-09&to=2025-06-15'];
    let checked = 0;
    for (const query of filterSets) {
      const { json: m } = await get(server, `/api/metrics?${query}`);
      expect(m.conversations).toBeGreaterThan(0);
      for (const [path, drill] of Object.entries(m.drillDown as Record<string, string | null>)) {
        const value = path.split('.').reduce<Json>((obj, key) => obj[key], m);
        if (drill === null) {
          expect([query, path, value]).toEqual([query, path, 0]);
          continue;
        }
        const { json: list } = await get(server, `/api/conversations?${drill}&limit=1`);
        expect([query, path, list.total]).toEqual([query, path, value]);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('lists every market with its conversations', async () => {
    const { json } = await get(server, '/api/markets');
    const total = json.items.reduce((sum: number, m: Json) => sum + m.conversations, 0);
    const row = await server.db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM conversations WHERE market IS NOT NULL`);
    expect(total).toBe(row!.n);
    expect(json.items.map((m: Json) => m.market)).toEqual(['DE', 'DK', 'FI', 'GB', 'NL', 'NO', 'SE', 'US']);
  });

  it('the AI-started flag of scoring agrees with the one derived in SQL for every conversation', async () => {
    const row = await server.db.one<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM conversations c JOIN conversation_scores s USING (conversation_id)
       WHERE c.ai_started IS DISTINCT FROM s.ai_started`,
    );
    expect(row!.n).toBe(0);
  });

  it('the demo data tells the story: raw AI CSAT near human, mix-adjusted clearly lower, failures present', async () => {
    const { json: m } = await get(server, '/api/metrics');
    expect(Math.abs(m.csat.ai.pct - m.csat.human.pct)).toBeLessThan(0.08);
    expect(m.csat.aiMixAdjustedPct).toBeLessThan(m.csat.ai.pct - 0.05);
    expect(m.vipFailures).toBeGreaterThan(0);
    expect(m.escalation.missed).toBeGreaterThan(0);
  });

  it('lists sort by escalation-gap score or date and page stably', async () => {
    const byScore = (await get(server, '/api/conversations?sort=score&limit=20')).json.items as Json[];
    const scores = byScore.map((c) => c.escalationScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const byDate = (await get(server, '/api/conversations?sort=date_asc&limit=20')).json.items as Json[];
    const dates = byDate.map((c) => c.startedAt);
    expect(dates).toEqual([...dates].sort());
    const page1 = (await get(server, '/api/conversations?sort=score&limit=10&offset=0')).json.items as Json[];
    const page2 = (await get(server, '/api/conversations?sort=score&limit=10&offset=10')).json.items as Json[];
    expect(new Set([...page1, ...page2].map((c) => c.conversationId)).size).toBe(20);
    expect((await get(server, '/api/conversations?sort=random')).status).toBe(400);
    expect((await get(server, '/api/conversations?csatMin=0')).json.error.field).toBe('csatMin');
  });

  it('deep pages (ids sorted first, then read) give the same rows as shallow ones, for every sort and with filters', async () => {
    // Offsets from DEEP_OFFSET (1000) on take the other path in listConversationItems: the page at
    // 1000 must be the second half of the shallow page at 950 with twice the limit.
    const sorts = ['score', 'score_asc', 'date', 'date_asc', 'satisfaction', 'csat'];
    for (const filter of ['', '&tier=standard', '&handledBy=ai&from=2025-06-02']) {
      for (const sort of sorts) {
        const { json: shallow } = await get(server, `/api/conversations?sort=${sort}&offset=950&limit=100${filter}`);
        const { json: deep } = await get(server, `/api/conversations?sort=${sort}&offset=1000&limit=50${filter}`);
        const ids = (list: Json) => list.items.map((c: Json) => c.conversationId);
        expect(shallow.total, `${sort}${filter}`).toBeGreaterThan(1050);
        expect(ids(deep), `${sort}${filter}`).toEqual(ids(shallow).slice(50));
        expect(deep.items[0], `${sort}${filter}`).toEqual(shallow.items[50]);
      }
    }
  });

  it('deep pages, narrowed to their days (rollups) or score buckets, equal the plain query at every offset', async () => {
    const filterSets: [string, DrillFilters][] = [
      ['', {}],
      ['&market=SE,NO,DE,GB', { market: ['SE', 'NO', 'DE', 'GB'] }],
      ['&handledBy=ai&from=2025-06-02&to=2025-06-26', { handledBy: ['ai'], from: '2025-06-02', to: '2025-06-26' }],
      // A drill-down filter the rollups cannot count: lists by score take the score buckets.
      ['&aiStarted=true', { aiStarted: true }],
    ];
    for (const [query, filters] of filterSets) {
      const { sql: where, params } = filterSql(filters);
      const total = (await server.db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM conversation_facts f ${where}`, params))!.n;
      expect(total).toBeGreaterThan(1050);
      for (const sort of Object.keys(CONVERSATION_SORTS) as ConversationSort[]) {
        for (const offset of [1000, 1001, 1077, total - 30, total - 1, total, total + 5]) {
          const expected = await server.db.all<{ id: string }>(
            `SELECT conversation_id AS id FROM conversation_facts f ${where} ORDER BY ${CONVERSATION_SORTS[sort]} LIMIT 40 OFFSET ${offset}`,
            params,
          );
          const { json } = await get(server, `/api/conversations?sort=${sort}&offset=${offset}&limit=40${query}`);
          expect([query, sort, offset, json.items.map((c: Json) => c.conversationId)]).toEqual([query, sort, offset, expected.map((r) => r.id)]);
        }
      }
    }
  });

  it('pages by score read from the most recent days equal the plain query, and are found there when they lie there', async () => {
    const filterSets: DrillFilters[] = [{}, { market: ['SE', 'NO'] }, { handledBy: ['ai'], to: '2025-06-20' }, { tier: ['vip'], channel: ['chat'] }];
    const found = { score: 0, score_asc: 0 };
    let notFound = 0;
    for (const filters of filterSets) {
      const { sql: where, params } = filterSql(filters);
      for (const sort of ['score', 'score_asc'] as const) {
        for (const limit of [1, 5, 40]) {
          for (const offset of [0, 1, 4, 39, 200, 1000]) {
            const expected = await server.db.all<{ id: string }>(
              `SELECT conversation_id AS id FROM conversation_facts f ${where} ORDER BY ${CONVERSATION_SORTS[sort]} LIMIT ${limit} OFFSET ${offset}`,
              params,
            );
            const recent = await recentPage(server.db, filters, sort, { limit, offset });
            const label = [JSON.stringify(filters), sort, limit, offset];
            if (recent === null) notFound += 1;
            else {
              found[sort] += 1;
              expect([...label, recent.map((c) => c.conversationId)]).toEqual([...label, expected.map((r) => r.id)]);
            }
            const { json } = await get(server, `/api/conversations?sort=${sort}&offset=${offset}&limit=${limit}&${new URLSearchParams(filters as Record<string, string>)}`);
            expect([...label, json.items.map((c: Json) => c.conversationId)]).toEqual([...label, expected.map((r) => r.id)]);
          }
        }
      }
    }
    // Both ways are taken: pages of the best score near the newest day, and the rest.
    expect(found.score).toBeGreaterThan(0);
    expect(found.score_asc).toBeGreaterThan(20);
    expect(notFound).toBeGreaterThan(20);
  });

  it('pages by score placed by the rollups (rankWindow) equal the plain query, within one score and across scores', async () => {
    const filterSets: DrillFilters[] = [
      {}, { market: ['SE', 'NO'] }, { handledBy: ['ai'], from: '2025-06-02', to: '2025-06-20' }, { tier: ['vip'], channel: ['chat'] },
      // Hour bounds (a week in a time zone, as the weekly report asks): the rollups' hour rows count its ends.
      { startAt: new Date('2025-06-08T22:00:00Z'), endBefore: new Date('2025-06-15T22:00:00Z') },
    ];
    const placed = { 'one value': 0, 'across values': 0, 'past the end': 0 };
    for (const filters of filterSets) {
      const { sql: where, params } = filterSql(filters);
      const total = (await server.db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM conversation_facts f ${where}`, params))!.n;
      for (const sort of ['score', 'score_asc'] as const) {
        const ranking = { column: 'escalation_score', direction: sort === 'score' ? 'DESC' : 'ASC' } as const;
        for (const limit of [1, 40, 700]) {
          for (const offset of [0, 1, 39, 200, 1000, 1500, total - 30, total - 1, total]) {
            const expected = await server.db.all<{ id: string }>(
              `SELECT conversation_id AS id FROM conversation_facts f ${where} ORDER BY ${CONVERSATION_SORTS[sort]} LIMIT ${limit} OFFSET ${offset}`,
              params,
            );
            const window = await rankWindow(server.db, filters, ranking, { limit, offset });
            expect(window).not.toBeNull();
            placed[window === 'past the end' ? window : window!.condition!.sql.includes('BETWEEN') ? 'across values' : 'one value'] += 1;
            const items = await listConversationItems(server.db, filters, sort, { limit, offset });
            const label = [JSON.stringify(filters), sort, limit, offset];
            expect([...label, items.map((c) => c.conversationId)]).toEqual([...label, expected.map((r) => r.id)]);
          }
        }
      }
    }
    expect(placed['one value']).toBeGreaterThan(20);
    expect(placed['across values']).toBeGreaterThan(20);
    expect(placed['past the end']).toBeGreaterThan(0);
  });

  it('a conversation answers in the SPEC shape, with per-message sentiment and trigger evidence', async () => {
    const { json: list } = await get(server, '/api/conversations?vipFailure=true&escalation=missed&limit=1');
    const id = list.items[0].conversationId as string;
    const { status, json: c } = await get(server, `/api/conversations/${encodeURIComponent(id)}`);
    expect(status).toBe(200);
    expect(c).toMatchObject({
      conversationId: id, tier: 'vip', handledBy: expect.stringMatching(/^(ai|hybrid)$/),
      repeatContact: expect.toSatisfy((v: unknown) => [true, false, 'unknown', 'pending'].includes(v as string)),
      escalation: { status: 'missed', gapTurns: expect.toSatisfy((v: unknown) => v === null || typeof v === 'number') },
      vipFailure: { reasons: expect.arrayContaining(['missed_escalation']) },
    });
    expect(c.escalation.score).toBeGreaterThan(0);
    expect(c.escalation.triggers.length).toBeGreaterThan(0);
    for (const t of c.escalation.triggers) {
      expect(t).toMatchObject({ kind: expect.any(String), messageIndex: expect.any(Number), severity: expect.any(Number), evidence: expect.any(String) });
      expect(t.evidence.length).toBeGreaterThan(0);
    }
    expect(c.satisfactionEstimate).toBeGreaterThanOrEqual(1);
    expect(c.satisfactionEstimate).toBeLessThanOrEqual(5);
    expect(Object.keys(c.sentiment).sort()).toEqual(['first', 'last', 'mean', 'min', 'trajectory']);
    for (const m of c.messages) {
      if (m.role === 'customer' && m.sentiment) {
        expect(m.sentiment.score).toBeGreaterThanOrEqual(-1);
        expect(m.sentiment.score).toBeLessThanOrEqual(1);
        expect(['negative', 'neutral', 'positive']).toContain(m.sentiment.label);
        expect(Array.isArray(m.sentiment.rules)).toBe(true);
      } else if (m.role !== 'customer') {
        expect(m.sentiment).toBeNull();
      }
    }
    expect((await get(server, '/api/conversations/does-not-exist')).status).toBe(404);
  });
});

describe('the review queue by risk, placed by the rollups or looked for in the most recent days', () => {
  let server: TestServer;
  const windowReads: string[] = [];
  beforeAll(async () => {
    server = await startTestServer();
    await loadDemoDataIfEmpty(server.db, { demoConversations: 2000, demoWeeks: 4, repeatDays: 7 }, () => undefined);
    // The highest risk there can be is rare (about 1 in 3,000 in the demo): give a fifth of the
    // conversations that risk, so that pages of it lie within the newest days.
    await server.db.write(async (conn) => {
      await conn.run(`UPDATE conversation_facts SET review_risk = ${MAX_REVIEW_RISK} WHERE hash(conversation_id) % 5 = 0`);
      await refreshRollups(conn, 'all');
    });
    // Record which reads were the window's (a spy on the real database, not a stand-in).
    const all = server.db.all.bind(server.db);
    server.db.all = ((sql: string, params?: SqlParams) => {
      if (sql.includes('$anchor')) windowReads.push('recent days');
      if (sql.includes('$rank')) windowReads.push('rollups');
      return all(sql, params);
    }) as typeof server.db.all;
  });
  afterAll(() => server.close());

  it('gives the plain query\'s page for every filter set, limit and offset, by either way', async () => {
    const filterSets: ConversationFilters[] = [{}, { market: ['SE', 'NO'] }, { handledBy: ['ai'], to: '2025-06-20' }, { tier: ['vip'] }];
    // Unreviewed only (none is reviewed here, so the same rows): the rollups cannot count that.
    for (const unreviewedOnly of [false, true]) {
      for (const filters of filterSets) {
        const { sql: where, params } = filterSql(filters);
        for (const limit of [1, 10, 40]) {
          for (const offset of [0, 3, 39, 120, 1000]) {
            const expected = await server.db.all<{ id: string }>(
              `SELECT conversation_id AS id FROM conversation_facts f ${where} ORDER BY review_risk DESC, started_at DESC, id_key LIMIT ${limit} OFFSET ${offset}`,
              params,
            );
            const queue = await reviewQueue(server.db, filters, { mode: 'risk', seed: 1, assignee: null, unreviewedOnly }, { limit, offset });
            const label = [JSON.stringify(filters), unreviewedOnly, limit, offset];
            expect([...label, queue.items.map((c) => c.conversationId)]).toEqual([...label, expected.map((r) => r.id)]);
            expect(queue.total).toBe((await server.db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM conversation_facts f ${where}`, params))!.n);
          }
        }
      }
    }
    expect(windowReads.filter((w) => w === 'rollups').length).toBeGreaterThan(40);
    expect(windowReads.filter((w) => w === 'recent days').length).toBeGreaterThan(40);
  });
});
