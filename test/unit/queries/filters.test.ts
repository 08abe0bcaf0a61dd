import { describe, expect, it } from 'vitest';
import { filterSql } from '../../../server/queries/filters.js';
import { mixAdjustedPct } from '../../../server/queries/metrics.js';
import { fraction, ratio, wilsonInterval } from '../../../server/queries/stats.js';

describe('filterSql', () => {
  it('binds every value under a deterministic name, so the SQL for a filter set is stable', () => {
    const { sql, params } = filterSql({ from: '2025-05-01', to: '2025-05-31', market: ['SE', 'NO'], handledBy: ['ai'], aiStarted: true, triggerKind: ['distress'] });
    expect(sql).toBe(
      "WHERE f.started_at >= $from::DATE AND f.started_at < $to::DATE + INTERVAL 1 DAY AND f.market IN ($market_0, $market_1) " +
        "AND f.handled_by IN ($handledBy_0) AND (f.ai_started) AND EXISTS (SELECT 1 FROM triggers t WHERE t.conversation_id = f.conversation_id AND t.kind IN ($triggerKind_0))",
    );
    expect(params).toEqual({ from: '2025-05-01', to: '2025-05-31', market_0: 'SE', market_1: 'NO', handledBy_0: 'ai', triggerKind_0: 'distress' });
  });

  it('never puts a value into the SQL text', () => {
    const hostile = "SE'); DROP TABLE conversations; --";
    const { sql, params } = filterSql({ market: [hostile], vipReason: [hostile] });
    expect(sql).not.toContain('DROP');
    expect(Object.values(params)).toContain(hostile);
  });

  it('an empty filter set is no WHERE clause', () => {
    expect(filterSql({})).toEqual({ sql: '', params: {} });
  });
});

describe('stats', () => {
  it('a rate with a zero denominator is null, a real zero stays zero', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(0, 5)).toBe(0);
    expect(fraction(1, 4)).toEqual({ numerator: 1, denominator: 4, rate: 0.25 });
  });

  it('Wilson interval matches the textbook values and stays in [0, 1]', () => {
    // 2 of 3: worked by hand with z = 1.959964.
    const i = wilsonInterval(2, 3)!;
    expect(i.low).toBeCloseTo(0.20766, 5);
    expect(i.high).toBeCloseTo(0.93851, 5);
    expect(wilsonInterval(0, 10)!.low).toBeCloseTo(0, 12);
    expect(wilsonInterval(10, 10)!.high).toBeCloseTo(1, 12);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('mix adjustment uses only topics both sides have, weighted by the human surveys', () => {
    const topics = [
      { topic: 'refund', ai: fraction(9, 10), human: fraction(6, 10), hybrid: fraction(0, 0) },
      { topic: 'fraud', ai: fraction(1, 10), human: fraction(5, 30), hybrid: fraction(0, 0) },
      { topic: 'app', ai: fraction(50, 50), human: fraction(0, 0), hybrid: fraction(0, 0) },
    ];
    // (10 * 0.9 + 30 * 0.1) / 40 = 0.3
    expect(mixAdjustedPct(topics)).toEqual({ pct: 0.3, topics: ['refund', 'fraud'], excluded: ['app'] });
    expect(mixAdjustedPct([]).pct).toBeNull();
  });
});
