import { z } from 'zod';
import { formatWeek, isValidTimeZone, lastCompleteWeek, parseWeek, type IsoWeek } from './iso-week.js';

export const REPORT_FORMATS = ['json', 'md', 'csv', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json', md: 'text/markdown; charset=utf-8', csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8', pdf: 'application/pdf',
};

export const timeZoneSchema = z.string().refine(isValidTimeZone, 'is not an IANA time zone such as UTC or Europe/Stockholm');

/** `YYYY-Www` or `last` (the last complete ISO week in the time zone). */
export function resolveWeek(text: string, timeZone: string, now = new Date()): IsoWeek | null {
  return text === 'last' ? lastCompleteWeek(now, timeZone) : parseWeek(text);
}

export const reportFileName = (week: IsoWeek, format: ReportFormat) => `tandem-weekly-${formatWeek(week)}.${format}`;
