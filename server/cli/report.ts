import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { Database } from '../db/database.js';
import { REPORT_FORMATS, reportFileName, resolveWeek, timeZoneSchema } from '../reports/options.js';
import { renderReport } from '../reports/render.js';
import { weeklyReport } from '../reports/weekly.js';

const USAGE = `Usage: npm run report -- --week 2025-W19|last [--format json|md|csv|html|pdf] [--out DIR] [--tz ZONE]
  Writes the weekly executive summary for an ISO week (default format md, to stdout without --out).
  --tz defaults to TANDEM_TIME_ZONE (UTC). Database: TANDEM_DB.`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { week: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, tz: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help || !values.week) throw new Error(USAGE);
  const config = loadConfig();
  const args = z.object({ week: z.string(), format: z.enum(REPORT_FORMATS).default('md'), out: z.string().optional(), tz: timeZoneSchema.default(config.timeZone) }).parse(values);
  const week = resolveWeek(args.week, args.tz);
  if (!week) throw new Error(`--week must be YYYY-Www (an existing ISO week) or last\n${USAGE}`);
  const db = await Database.open(config.dbPath, { memoryLimit: config.dbMemory });
  try {
    const report = await weeklyReport(db, week, args.tz);
    const body = await renderReport(report, args.format);
    if (!args.out) {
      process.stdout.write(body);
      return;
    }
    mkdirSync(args.out, { recursive: true });
    const file = join(args.out, reportFileName(week, args.format));
    writeFileSync(file, body);
    console.error(`${report.hasData ? 'Wrote' : `No conversations in ${report.week}; wrote an empty summary to`} ${file}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof z.ZodError ? error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n') : error instanceof Error ? error.message : error);
  process.exit(1);
});
