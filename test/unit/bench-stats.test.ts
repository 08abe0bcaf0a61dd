import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatCount, formatSeconds, MONTH_CONVERSATIONS, percentile, perSecond, projectedMonthSeconds, summarize,
} from '../../server/cli/bench-stats.js';
import { filterSets, osCacheOf, randomConversationIds, requestPlan, targetFor } from '../../server/cli/bench-latency.js';
import { benchConversationId, generateBenchData } from '../../server/cli/bench-data.js';

describe('bench percentiles', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('uses the nearest rank, so every percentile is a measured value', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(percentile([7], 99)).toBe(7);
  });

  it('reports the worst sample as p95 and p99 of a small round', () => {
    // 6 samples: rank ceil(0.95 * 6) = 6, so one slow request shows.
    expect(summarize([5, 1, 4, 2, 3, 90])).toEqual({ n: 6, p50: 3, p95: 90, p99: 90, max: 90 });
  });

  it('sorts its own copy and has nothing to say about no samples', () => {
    const samples = [3, 1, 2];
    expect(summarize(samples)?.p50).toBe(2);
    expect(samples).toEqual([3, 1, 2]);
    expect(summarize([])).toBeNull();
    expect(() => percentile([], 50)).toThrow();
  });
});

describe('bench rates and projections', () => {
  it('guards a zero time', () => {
    expect(perSecond(100, 2)).toBe(50);
    expect(perSecond(100, 0)).toBeNull();
  });

  it('projects a month linearly from the measured throughput', () => {
    expect(projectedMonthSeconds(10, 20_000)).toBeCloseTo((10 * MONTH_CONVERSATIONS) / 20_000);
    expect(projectedMonthSeconds(240, MONTH_CONVERSATIONS)).toBe(240);
  });

  it('formats sizes and durations for the tables', () => {
    expect(formatCount(3_500_000)).toBe('3,500,000');
    expect(formatSeconds(9.14)).toBe('9.1 s');
    expect(formatSeconds(239.6)).toBe('4 min 00 s');
    expect(formatSeconds(3601)).toBe('60 min 01 s');
  });
});

describe('bench request plan', () => {
  it('asks every filtered endpoint under every filter set, with the last week of data', () => {
    const plan = requestPlan(['c-0000001', 'c-0000002'], '2025-06-29');
    const metrics = plan.filter((r) => r.endpoint === 'metrics').map((r) => r.path);
    expect(metrics).toHaveLength(filterSets().length);
    expect(metrics).toContain('/api/metrics?from=2025-06-23&to=2025-06-29');
    expect(metrics).toContain('/api/metrics?channel=chat&tier=vip');
    expect(plan.filter((r) => r.endpoint === 'conversation detail').map((r) => r.path)).toEqual([
      '/api/conversations/c-0000001', '/api/conversations/c-0000002',
    ]);
    expect(plan).toContainEqual({ endpoint: 'weekly report (json)', filter: '2025-W26', path: '/api/reports/weekly?week=2025-W26&format=json' });
    expect(plan.find((r) => r.endpoint === 'conversations by score, page 200')?.path).toBe('/api/conversations?sort=score&limit=50&offset=9950');
  });

  it('holds the conversation detail to the tighter target', () => {
    expect(targetFor('conversation detail')).toBe(30);
    expect(targetFor('metrics')).toBe(100);
  });

  it('draws distinct ids that the generator wrote, the same for the same seed', () => {
    const ids = randomConversationIds(20_000, 30, 42);
    expect(new Set(ids).size).toBe(30);
    expect(ids.every((id) => /^c-\d{7}$/.test(id) && Number(id.slice(2)) >= 1 && Number(id.slice(2)) <= 20_000)).toBe(true);
    expect(randomConversationIds(20_000, 30, 42)).toEqual(ids);
    expect(randomConversationIds(5, 30, 42)).toHaveLength(5);
  });

  it('writes hashed ids, out of generation order, that the latency plan can name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-data-'));
    try {
      const data = await generateBenchData(dir, { conversations: 200, weeks: 1, seed: 42, withCsv: true, requestConversations: 0 });
      const ids = readFileSync(data.jsonl.path, 'utf8').trim().split('\n').map((line) => JSON.parse(line).conversation_id as string);
      const generated = Array.from({ length: 200 }, (_, i) => `c-${String(i + 1).padStart(7, '0')}`);
      expect(new Set(ids)).toEqual(new Set(generated.map(benchConversationId)));
      expect(ids.every((id) => /^b-[0-9a-f]{16}$/.test(id))).toBe(true);
      expect(ids).not.toEqual([...ids].sort());
      const csv = readFileSync(data.csv!.path, 'utf8');
      for (const id of randomConversationIds(200, 10, 42).map(benchConversationId)) expect(csv).toContain(id);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("bench: the database file's share of the OS cache", () => {
  const hasFincore = spawnSync('fincore', ['--version']).status === 0;

  it.runIf(hasFincore)('reads a file just written as cached, up to its size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-fincore-'));
    try {
      const file = join(dir, 'two-mb.bin');
      writeFileSync(file, Buffer.alloc(2 * 1024 * 1024, 7));
      readFileSync(file);
      const cache = osCacheOf(file)!;
      expect(cache.fileMb).toBe(2);
      expect(cache.cachedMb).toBeGreaterThan(0);
      expect(cache.cachedMb).toBeLessThanOrEqual(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is unknown (null) for a file that is not there, or without fincore', () => {
    expect(osCacheOf(join(tmpdir(), 'tandem-no-such-file.duckdb'))).toBeNull();
  });
});
