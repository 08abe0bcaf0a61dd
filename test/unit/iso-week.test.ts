import { describe, expect, it } from 'vitest';
import { formatWeek, isoWeekOf, lastCompleteWeek, parseWeek, previousWeek, weekRange, weeksInYear } from '../../server/reports/iso-week.js';
import { describeChange, twoProportionZ } from '../../server/reports/reading.js';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('ISO weeks', () => {
  it('knows the year boundary: late December can be week 1, early January week 52 or 53', () => {
    expect(formatWeek(isoWeekOf(d('2024-12-30')))).toBe('2025-W01');
    expect(formatWeek(isoWeekOf(d('2021-01-03')))).toBe('2020-W53');
    expect(formatWeek(isoWeekOf(d('2027-01-01')))).toBe('2026-W53');
    expect(formatWeek(isoWeekOf(d('2025-05-05')))).toBe('2025-W19');
  });

  it('week 53 exists only in long years', () => {
    expect(weeksInYear(2020)).toBe(53);
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
    expect(parseWeek('2020-W53')).toEqual({ year: 2020, week: 53 });
    expect(parseWeek('2025-W53')).toBeNull();
    expect(parseWeek('2025-W00')).toBeNull();
    expect(parseWeek('2025-19')).toBeNull();
  });

  it('the week before week 1 is the last week of the year before', () => {
    expect(formatWeek(previousWeek({ year: 2025, week: 1 }))).toBe('2024-W52');
    expect(formatWeek(previousWeek({ year: 2021, week: 1 }))).toBe('2020-W53');
  });

  it('a week runs Monday to Sunday, in UTC by default', () => {
    const r = weekRange({ year: 2026, week: 53 });
    expect(r).toMatchObject({ fromDate: '2026-12-28', toDate: '2027-01-03' });
    expect(r.startUtc.toISOString()).toBe('2026-12-28T00:00:00.000Z');
    expect(r.endUtc.toISOString()).toBe('2027-01-04T00:00:00.000Z');
  });

  it('in a time zone, the bounds are local midnights, across a daylight-saving change', () => {
    // Stockholm moves from UTC+1 to UTC+2 on Sunday 2025-03-30: the week is 167 hours.
    const r = weekRange({ year: 2025, week: 13 }, 'Europe/Stockholm');
    expect(r.startUtc.toISOString()).toBe('2025-03-23T23:00:00.000Z');
    expect(r.endUtc.toISOString()).toBe('2025-03-30T22:00:00.000Z');
    const ny = weekRange({ year: 2025, week: 19 }, 'America/New_York');
    expect(ny.startUtc.toISOString()).toBe('2025-05-05T04:00:00.000Z');
  });

  it('"last" is the last complete week where the zone already is', () => {
    expect(formatWeek(lastCompleteWeek(new Date('2025-05-12T10:00:00Z')))).toBe('2025-W19');
    // Sunday 23:30 UTC is already Monday in Stockholm, so W19 is complete there but not in UTC.
    expect(formatWeek(lastCompleteWeek(new Date('2025-05-11T23:30:00Z'), 'Europe/Stockholm'))).toBe('2025-W19');
    expect(formatWeek(lastCompleteWeek(new Date('2025-05-11T23:30:00Z'), 'UTC'))).toBe('2025-W18');
  });
});

describe('readings of a change', () => {
  it('calls a rate change real only with enough sample and a significant z', () => {
    // 0.70 of 400 vs 0.60 of 400: pooled 0.65, se = sqrt(0.65*0.35*(2/400)) = 0.03373, z = 2.965.
    expect(twoProportionZ(0.7, 400, 0.6, 400)).toBeCloseTo(2.965, 3);
    expect(describeChange('rate', { value: 0.7, n: 400 }, { value: 0.6, n: 400 })).toMatch(/^Rose 10.0 points, a real change/);
    expect(describeChange('rate', { value: 0.7, n: 40 }, { value: 0.6, n: 40 })).toMatch(/^No clear change/);
    expect(describeChange('rate', { value: 1, n: 5 }, { value: 0, n: 5 })).toMatch(/^Too few to tell/);
    expect(describeChange('rate', { value: null, n: 0 }, { value: 0.5, n: 100 })).toBe('No data this week.');
    expect(describeChange('count', { value: 12, n: 12 }, { value: 0, n: 0 })).toBe('12 this week, none the week before.');
  });
});
