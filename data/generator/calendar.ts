/**
 * Start times in ascending order without holding them: sorted uniforms are drawn one at a time
 * (sequential order statistics), then mapped through the inverse CDF of an hourly arrival
 * profile, which keeps the order. O(hours) memory whatever the number of conversations.
 */
import { HOURLY_PROFILE, WEEKDAY_PROFILE } from './config.js';
import type { Rng } from './random.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

export interface Window {
  /** 00:00Z of the first day. */
  start: number;
  /** Exclusive: 00:00Z of the day after endDate. */
  end: number;
  weeks: number;
}

/** `weeks` whole weeks of data ending with endDate (a Sunday endDate gives whole ISO weeks). */
export function windowFor(endDate: string, weeks: number): Window {
  const end = Date.parse(`${endDate}T00:00:00Z`) + DAY_MS;
  return { start: end - weeks * WEEK_MS, end, weeks };
}

/** Monday = 0; day 0 of the epoch, 1970-01-01, was a Thursday. */
function isoWeekday(ms: number): number {
  return (Math.floor(ms / DAY_MS) + 3) % 7;
}

export class ArrivalClock {
  private readonly cumulative: Float64Array;
  private readonly weights: Float64Array;
  private bucket = 0;
  private previous = 0;
  private drawn = 0;

  constructor(
    private readonly rng: Rng,
    private readonly window: Window,
    private readonly count: number,
  ) {
    const hours = window.weeks * 7 * 24;
    this.weights = new Float64Array(hours);
    this.cumulative = new Float64Array(hours + 1);
    const firstWeekday = isoWeekday(window.start);
    for (let h = 0; h < hours; h++) {
      const weight = HOURLY_PROFILE[h % 24] * WEEKDAY_PROFILE[(firstWeekday + Math.floor(h / 24)) % 7];
      this.weights[h] = weight;
      this.cumulative[h + 1] = this.cumulative[h] + weight;
    }
  }

  /** The next start time, epoch ms rounded to whole seconds; never earlier than the previous. */
  next(): number {
    const remaining = this.count - this.drawn++;
    // The smallest of `remaining` uniforms on (previous, 1): 1 - (1 - previous) * V^(1/remaining).
    const v = 1 - this.rng.next();
    this.previous = 1 - (1 - this.previous) * Math.pow(v, 1 / remaining);
    const target = this.previous * this.cumulative[this.cumulative.length - 1];
    const last = this.weights.length - 1;
    while (this.bucket < last && this.cumulative[this.bucket + 1] <= target) this.bucket++;
    const within = Math.min(1, (target - this.cumulative[this.bucket]) / this.weights[this.bucket]);
    const ms = this.window.start + (this.bucket + within) * HOUR_MS;
    return Math.min(Math.floor(ms / 1000) * 1000, this.window.end - 1000);
  }
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

/** Year, month (1-12) and day of a day number since 1970-01-01 (Hinnant's civil_from_days). */
export function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Date.toISOString per message dominated a profile; the date part is cached per day. */
let cachedDay = NaN;
let cachedDayText = '';

function dayText(dayNumber: number): string {
  if (dayNumber !== cachedDay) {
    const { year, month, day } = civilFromDays(dayNumber);
    cachedDay = dayNumber;
    cachedDayText = `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T`;
  }
  return cachedDayText;
}

function offsetSuffix(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'Z';
  const abs = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? '-' : '+'}${TWO_DIGITS[Math.floor(abs / 60)]}:${TWO_DIGITS[abs % 60]}`;
}

/** ISO-8601 without milliseconds, in UTC ("Z") or at a fixed offset such as +02:00. */
export function isoAt(ms: number, offsetMinutes: number): string {
  const local = Math.floor(ms / 1000) + offsetMinutes * 60;
  const day = Math.floor(local / 86_400);
  const second = local - day * 86_400;
  const hh = TWO_DIGITS[Math.floor(second / 3600)];
  const mm = TWO_DIGITS[Math.floor(second / 60) % 60];
  const ss = TWO_DIGITS[second % 60];
  return `${dayText(day)}${hh}:${mm}:${ss}${offsetSuffix(offsetMinutes)}`;
}
