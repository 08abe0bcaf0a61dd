/**
 * ISO 8601 weeks (Monday to Sunday; week 1 holds the year's first Thursday) in a time zone.
 * A week's bounds are local midnights, turned into UTC instants with the zone's offset at each
 * bound, so a week across a daylight-saving change is 167 or 169 hours long, as it should be.
 */

export interface IsoWeek {
  year: number;
  week: number;
}

export interface WeekRange {
  week: string;
  /** Local calendar dates, inclusive. */
  fromDate: string;
  toDate: string;
  /** UTC instants: start inclusive, end exclusive. */
  startUtc: Date;
  endUtc: Date;
}

const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

export function formatWeek({ year, week }: IsoWeek): string {
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week of a calendar date given as UTC midnight. */
export function isoWeekOf(date: Date): IsoWeek {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return { year: d.getUTCFullYear(), week: Math.ceil(((d.getTime() - yearStart) / DAY_MS + 1) / 7) };
}

export function weeksInYear(year: number): number {
  return isoWeekOf(new Date(Date.UTC(year, 11, 28))).week;
}

/** Monday of an ISO week, as UTC midnight of that calendar date. */
export function mondayOf({ year, week }: IsoWeek): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayWeek1 = jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * DAY_MS;
  return new Date(mondayWeek1 + (week - 1) * 7 * DAY_MS);
}

export function parseWeek(text: string): IsoWeek | null {
  const match = WEEK_RE.exec(text);
  if (!match) return null;
  const week = { year: Number(match[1]), week: Number(match[2]) };
  return week.week >= 1 && week.week <= weeksInYear(week.year) ? week : null;
}

export function previousWeek(week: IsoWeek): IsoWeek {
  return isoWeekOf(new Date(mondayOf(week).getTime() - 7 * DAY_MS));
}

/** The zone's offset from UTC in ms at a UTC instant, read from Intl (no tz database of our own). */
function offsetAt(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(utcMs / 1000) * 1000;
}

/** The UTC instant of local midnight at the start of a calendar date in a zone. */
export function localMidnightUtc(dateUtcMidnight: Date, timeZone: string): Date {
  const guess = dateUtcMidnight.getTime();
  const first = guess - offsetAt(guess, timeZone);
  return new Date(guess - offsetAt(first, timeZone));
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function weekRange(week: IsoWeek, timeZone = 'UTC'): WeekRange {
  const monday = mondayOf(week);
  const nextMonday = new Date(monday.getTime() + 7 * DAY_MS);
  const sunday = new Date(monday.getTime() + 6 * DAY_MS);
  return {
    week: formatWeek(week),
    fromDate: monday.toISOString().slice(0, 10),
    toDate: sunday.toISOString().slice(0, 10),
    startUtc: localMidnightUtc(monday, timeZone),
    endUtc: localMidnightUtc(nextMonday, timeZone),
  };
}

/** "last": the last complete ISO week before `now` in the zone. */
export function lastCompleteWeek(now: Date, timeZone = 'UTC'): IsoWeek {
  const local = new Date(now.getTime() + offsetAt(now.getTime(), timeZone));
  return previousWeek(isoWeekOf(local));
}
