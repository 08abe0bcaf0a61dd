import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoDataIfEmpty } from '../../server/demo.js';
import { formatValue } from '../../server/reports/reading.js';
import { startTestServer, type TestServer } from '../helpers/db.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const WEEK = '2025-W26';
const FROM = '2025-06-23';
const TO = '2025-06-29';

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const standardFontDataUrl = `${resolve('node_modules/pdfjs-dist/standard_fonts')}/`;
  const doc = await pdfjs.getDocument({ data: bytes, standardFontDataUrl, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join('\n');
}

describe('weekly executive summary', () => {
  let server: TestServer;
  let metrics: Json;
  let report: Json;

  beforeAll(async () => {
    server = await startTestServer();
    await loadDemoDataIfEmpty(server.db, { demoConversations: 1500, demoWeeks: 3, repeatDays: 7 }, () => undefined);
    metrics = await (await server.fetch(`/api/metrics?from=${FROM}&to=${TO}`)).json();
    report = await (await server.fetch(`/api/reports/weekly?week=${WEEK}&format=json`)).json();
  });
  afterAll(() => server.close());

  const figure = (key: string) => report.figures.find((f: Json) => f.key === key);

  it('JSON figures equal /api/metrics for the same dates, this week and the week before', async () => {
    expect(report).toMatchObject({ week: WEEK, range: { from: FROM, to: TO }, previous: { week: '2025-W25' }, hasData: true });
    expect(figure('conversations').current).toBe(metrics.conversations);
    expect(figure('deflection').current).toBe(metrics.deflection.rate);
    expect(figure('resolvedDeflection').current).toBe(metrics.deflection.resolvedRate);
    expect(figure('csat.ai')).toMatchObject({ current: metrics.csat.ai.pct, n: { current: metrics.csat.ai.surveyed }, interval: { current: { low: metrics.csat.ai.low, high: metrics.csat.ai.high } } });
    expect(figure('csat.aiMixAdjusted').current).toBe(metrics.csat.aiMixAdjustedPct);
    expect(figure('escalation.missedRate').current).toBe(metrics.escalation.missedRate);
    expect(figure('vipFailures').current).toBe(metrics.vipFailures);
    expect(figure('resolutionTime.human').current).toBe(metrics.resolutionTime.human.medianSeconds);
    const before = await (await server.fetch('/api/metrics?from=2025-06-16&to=2025-06-22')).json();
    expect(figure('conversations').previous).toBe(before.conversations);
    expect(figure('conversations').change).toBe(metrics.conversations - before.conversations);
    expect(report.vipWorst.length).toBeGreaterThan(0);
    expect(report.vipWorst[0].link).toBe(`/conversations/${report.vipWorst[0].conversationId}`);
  });

  it('Markdown renders to a table with the same figures', async () => {
    const md = await (await server.fetch(`/api/reports/weekly?week=${WEEK}&format=md`)).text();
    const html = await marked.parse(md);
    expect(html).toContain(`<h1>Tandem weekly summary, ${WEEK}</h1>`);
    const row = html.split('<tr>').find((r) => r.includes('<td>Deflection</td>'))!;
    expect(row).toContain(formatValue('rate', metrics.deflection.rate));
    const conversations = html.split('<tr>').find((r) => r.includes('<td>Conversations</td>'))!;
    expect(conversations).toContain(metrics.conversations.toLocaleString('en-US'));
  });

  it('CSV has one row per figure with the raw numbers', async () => {
    const res = await server.fetch(`/api/reports/weekly?week=${WEEK}&format=csv`);
    expect(res.headers.get('content-disposition')).toContain(`tandem-weekly-${WEEK}.csv`);
    const rows = parseCsv(await res.text(), { columns: true }) as Record<string, string>[];
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(Number(byKey.conversations!.this_week)).toBe(metrics.conversations);
    expect(Number(byKey.deflection!.this_week)).toBeCloseTo(metrics.deflection.rate, 12);
    expect(Number(byKey['csat.human']!.n_this_week)).toBe(metrics.csat.human.surveyed);
  });

  it('HTML is a printable page with the figures and no script', async () => {
    const html = await (await server.fetch(`/api/reports/weekly?week=${WEEK}&format=html`)).text();
    expect(html).toContain(formatValue('rate', metrics.csat.ai.pct));
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script/i);
  });

  it('the PDF opens and its text carries the figures and the charts\' titles', async () => {
    const res = await server.fetch(`/api/reports/weekly?week=${WEEK}&format=pdf`);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain(`Tandem weekly summary, ${WEEK}`);
    expect(text).toContain(metrics.conversations.toLocaleString('en-US'));
    expect(text).toContain(formatValue('rate', metrics.deflection.rate));
    expect(text).toContain('CSAT (share of surveys 4-5) with 95 % intervals');
  });

  it('a week with no data says so; bad weeks and zones are 400s', async () => {
    const empty = await (await server.fetch('/api/reports/weekly?week=2020-W53&format=md')).text();
    expect(empty).toContain('No conversations in 2020-W53');
    expect((await (await server.fetch('/api/reports/weekly?week=2025-W53')).json()).error.field).toBe('week');
    expect((await (await server.fetch('/api/reports/weekly?week=2025-W26&tz=Mars/Base')).json()).error.field).toBe('tz');
    expect((await server.fetch('/api/reports/weekly?week=2025-W26&format=docx')).status).toBe(400);
  });

  it('npm run report writes the PDF for a scheduled job', async () => {
    const out = join(server.dir, 'reports');
    await promisify(execFile)(resolve('node_modules/.bin/tsx'), ['server/cli/report.ts', '--week', WEEK, '--format', 'pdf', '--out', out], {
      env: { ...process.env, TANDEM_DB: join(server.dir, 'cli.duckdb') },
    });
    const file = join(out, `tandem-weekly-${WEEK}.pdf`);
    expect(existsSync(file)).toBe(true);
    expect(await pdfText(new Uint8Array(readFileSync(file)))).toContain(`No conversations in ${WEEK}`);
  });
});
