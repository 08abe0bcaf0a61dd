import { describe, expect, it } from 'vitest';
import { generateConversations, generateCsvRows } from '../../../data/generator/index.js';

const MB = 1024 * 1024;

describe('streaming', () => {
  it('starts yielding at once: the first record of 200k is there before the rest is made', () => {
    const before = process.memoryUsage().heapUsed;
    const stream = generateConversations({ conversations: 200_000, weeks: 8, seed: 1 });
    const first = stream.next();
    expect(first.done).toBe(false);
    expect(first.value?.conversation_id).toBe('c-0000001');
    // 200k records held at once would take hundreds of MB.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(30 * MB);
    stream.return(undefined);
  });

  it('generates 200k records without holding them', () => {
    const before = process.memoryUsage().heapUsed;
    let count = 0;
    let peak = 0;
    for (const record of generateConversations({ conversations: 200_000, weeks: 8, seed: 2 })) {
      count += record.messages ? 1 : 0;
      if (count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect(count).toBe(200_000);
    // Bounded customer pool and repeat queue only; the records themselves are ~200 MB of objects.
    expect(peak).toBeLessThan(120 * MB);
  });

  it('streams CSV rows lazily too', () => {
    const rows = generateCsvRows({ conversations: 200_000, weeks: 8, seed: 1 });
    expect(rows.next().value).toMatch(/^conversation_id,started_at,ts,role,text/);
    expect(rows.next().value).toMatch(/^c-0000001,/);
    rows.return(undefined);
  });
});
