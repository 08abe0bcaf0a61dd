import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { allow } from '../auth/middleware.js';
import { CONTENT_TYPES, REPORT_FORMATS, reportFileName, resolveWeek, timeZoneSchema } from '../reports/options.js';
import { renderReport } from '../reports/render.js';
import { REPORT_CSS } from '../reports/render-text.js';
import { weeklyReport } from '../reports/weekly.js';
import { InvalidRequest, parseOr400 } from './errors.js';
import { styleHash } from './security-headers.js';

/**
 * The printable HTML summary carries its own <style> so it still looks right saved to disk; the
 * dashboard's CSP would block that, so this page gets its own: that one style text by hash, and
 * no scripts, fetches or forms at all.
 */
const HTML_REPORT_CSP = `default-src 'none'; style-src ${styleHash(REPORT_CSS)}; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

export function reportsRouter(db: Database, opts: { timeZone: string }): Router {
  const router = Router();
  const query = z.object({
    week: z.string().default('last'),
    format: z.enum(REPORT_FORMATS).default('json'),
    tz: timeZoneSchema.default(opts.timeZone),
  }).strict();

  router.get('/reports/weekly', allow('GET /reports/weekly'), async (req, res) => {
    const { week: weekText, format, tz } = parseOr400(query, req.query);
    const week = resolveWeek(weekText, tz);
    if (!week) throw new InvalidRequest('week: must be YYYY-Www (an existing ISO week, e.g. 2025-W19) or last', 'week');
    const report = await weeklyReport(db, week, tz);
    if (format === 'json') return void res.json(report);
    const body = await renderReport(report, format);
    res.type(CONTENT_TYPES[format]);
    if (format === 'html') res.set('Content-Security-Policy', HTML_REPORT_CSP);
    if (format !== 'html') res.attachment(reportFileName(week, format));
    res.send(body);
  });

  return router;
}
