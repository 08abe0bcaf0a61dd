/**
 * Display formatters. A missing value (null, undefined, NaN) reads "no data", never 0: a
 * rate over an empty denominator is unknown, not zero (STYLE habit 4). A real 0 stays 0.
 */
export const NO_DATA = 'no data';

/** Fixed locale so the same number reads the same on every screen and in screenshots. */
const LOCALE = 'en-US';

type Maybe = number | null | undefined;

function missing(value: Maybe): value is null | undefined {
  return value === null || value === undefined || Number.isNaN(value);
}

const integerFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });

/** 1234567 -> "1,234,567"; 1.234 -> "1.23". */
export function formatNumber(value: Maybe): string {
  if (missing(value)) return NO_DATA;
  return Number.isInteger(value) ? integerFormat.format(value) : decimalFormat.format(value);
}

/** A fraction in [0, 1] as a percentage: 0.4237 -> "42.4%". */
export function formatPercent(fraction: Maybe, digits = 1): string {
  if (missing(fraction)) return NO_DATA;
  return new Intl.NumberFormat(LOCALE, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(fraction);
}

/** Seconds as a short human duration: 45 -> "45 s", 125 -> "2 min 5 s", 3725 -> "1 h 2 min". */
export function formatDuration(seconds: Maybe): string {
  if (missing(seconds)) return NO_DATA;
  const sign = seconds < 0 ? '-' : '';
  const total = Math.round(Math.abs(seconds));
  if (total < 60) return `${sign}${total} s`;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours > 0) return `${sign}${hours} h${minutes ? ` ${minutes} min` : ''}`;
  return `${sign}${minutes} min${rest ? ` ${rest} s` : ''}`;
}

type DateInput = string | number | Date | null | undefined;

function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

// Dates are shown in UTC: the API's date filters are UTC calendar dates (SPEC 8).
const dateFormat = new Intl.DateTimeFormat(LOCALE, {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
});
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "Nov 23, 2025". */
export function formatDate(value: DateInput): string {
  const date = toDate(value);
  return date ? dateFormat.format(date) : NO_DATA;
}

/** "Nov 23, 2025, 14:05 UTC". */
export function formatDateTime(value: DateInput): string {
  const date = toDate(value);
  return date ? `${dateTimeFormat.format(date)} UTC` : NO_DATA;
}

const timeFormat = new Intl.DateTimeFormat(LOCALE, {
  timeZone: 'UTC',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "14:05 UTC". */
export function formatTime(value: DateInput): string {
  const date = toDate(value);
  return date ? `${timeFormat.format(date)} UTC` : NO_DATA;
}

const shortDateFormat = new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', month: 'short', day: 'numeric' });

/** "Jun 23": chart axis labels for days and week starts. */
export function formatShortDate(value: DateInput): string {
  const date = toDate(value);
  return date ? shortDateFormat.format(date) : NO_DATA;
}

/** A share with a guarded denominator: an empty denominator is null ("no data"), never 0 or NaN. */
export function share(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}
