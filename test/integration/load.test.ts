/**
 * Issue 9: 50 dashboard readers while ingestion runs, in small (the benchmark, `npm run bench:load`,
 * measures the same traffic at full size). Readers must get no errors, and must only ever see
 * committed states: whole batches, never part of one. Latencies are not asserted here; they go to
 * BENCHMARKS.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  committedTotals, dashboardReaderGroups, generatedBatch, listConversationIds, runLoad, type IngestBatch, type LoadResult,
} from '../../server/cli/load-run.js';
import { startTestServer, type TestServer } from '../helpers/db.js';

const BASE_CONVERSATIONS = 3_000;
const BATCH_CONVERSATIONS = 500;
const WEEKS = 8;
const CONNECTIONS = 50;
/**
 * A bound, not an expectation: a busy machine may make the run slow, never wrong. A request counts
 * as timed out only when it is not answered within the whole run, so "no timeouts" means "no
 * request hung": the test asserts no latency.
 */
const MAX_SECONDS = 90;

let server: TestServer;
let plan: IngestBatch[];
let before: number;
let result: LoadResult;

async function conversationCount(): Promise<number> {
  const res = await server.fetch('/api/metrics');
  expect(res.status).toBe(200);
  return ((await res.json()) as { conversations: number }).conversations;
}

beforeAll(async () => {
  server = await startTestServer();
  const base = generatedBatch('base', { seed: 42, conversations: BASE_CONVERSATIONS, weeks: WEEKS });
  const loaded = await server.fetch('/api/ingest', { method: 'POST', body: base.body, headers: { 'content-type': 'application/x-ndjson' } });
  expect(loaded.status).toBe(200);
  before = await conversationCount();
  const first = generatedBatch('b1', { seed: 1001, conversations: BATCH_CONVERSATIONS, weeks: WEEKS });
  const second = generatedBatch('b2', { seed: 1002, conversations: BATCH_CONVERSATIONS, weeks: WEEKS });
  plan = [first, second, { ...first, label: 'b1-again', resendOf: 'b1' }];
  result = await runLoad({
    url: server.url, token: server.token, connections: CONNECTIONS, batches: plan,
    groups: dashboardReaderGroups(await listConversationIds(server.url, server.token, 1_000)),
    minSeconds: 5, tailSeconds: 1, maxSeconds: MAX_SECONDS, requestTimeoutSeconds: MAX_SECONDS,
  });
});

afterAll(async () => {
  await server?.close();
});

describe('50 dashboard readers during ingestion', () => {
  it('answers every request with 2xx: no errors, no timeouts', () => {
    const { overall, groups } = result;
    expect(overall.failures).toEqual([]);
    expect({ errors: overall.errors, timeouts: overall.timeouts, non2xx: overall.non2xx }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
    expect(groups.reduce((s, g) => s + g.connections, 0)).toBe(CONNECTIONS);
    for (const g of groups) expect(g.responses, g.name).toBeGreaterThan(0);
  });

  it('completes every batch while the readers run: new ones accepted in full, the re-send unchanged', () => {
    expect(result.batches.map((b) => [b.label, b.status, b.error])).toEqual(plan.map((b) => [b.label, 200, undefined]));
    for (const b of result.batches) {
      expect(b.rejected, b.label).toBe(0);
      expect(b.accepted, b.label).toBe(BATCH_CONVERSATIONS);
      expect(b.startedAt + b.seconds, b.label).toBeLessThan(result.seconds);
    }
    expect(result.batches[2]!.unchanged).toBe(BATCH_CONVERSATIONS);
  });

  it('stores all of every batch: conversations and messages', async () => {
    expect(before).toBe(BASE_CONVERSATIONS);
    expect(await conversationCount()).toBe(BASE_CONVERSATIONS + 2 * BATCH_CONVERSATIONS);
    for (const batch of plan.slice(0, 2)) {
      const row = await server.db.one<{ conversations: number; messages: number }>(
        `SELECT (SELECT count(*) FROM conversations WHERE starts_with(conversation_id, $prefix))::INTEGER AS conversations,
                (SELECT count(*) FROM messages WHERE starts_with(conversation_id, $prefix))::INTEGER AS messages`,
        { prefix: `${batch.label}-` },
      );
      expect(row, batch.label).toEqual({ conversations: batch.conversations, messages: batch.messages });
    }
  });

  it('shows readers only whole batches, never going back in time on a connection', () => {
    // Any committed state may be seen, so the allowed counts are the totals after 0, 1, 2... batches.
    const allowed = new Set(committedTotals(before, result.batches));
    const seen = [...result.counts.seen.keys()].sort((a, b) => a - b);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((n) => !allowed.has(n))).toEqual([]);
    expect(result.counts.backwards).toBe(0);
  });
});
