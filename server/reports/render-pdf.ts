import PDFDocument from 'pdfkit';
import { formatChange, formatValue } from './reading.js';
import type { WeeklyReport } from './weekly.js';

/** The product's handled_by colours, the same as the dashboard's (web/lib/colors.ts). */
const COLOURS = { ai: '#7c3aed', human: '#d97706', hybrid: '#0d9488', previous: '#9ca3af', text: '#111827', muted: '#6b7280', grid: '#e5e7eb' };
const PAGE = { margin: 40, width: 595.28 - 80 };

type Doc = InstanceType<typeof PDFDocument>;

interface Bar {
  label: string;
  value: number | null;
  colour: string;
  low?: number | null;
  high?: number | null;
}

/** A horizontal bar chart of rates in [0, 1], with 95 % interval whiskers where given. */
function rateChart(doc: Doc, title: string, bars: Bar[]): void {
  const labelWidth = 150;
  const chartWidth = PAGE.width - labelWidth - 60;
  doc.font('Helvetica-Bold').fontSize(11).fillColor(COLOURS.text).text(title, PAGE.margin, doc.y);
  let y = doc.y + 6;
  for (const bar of bars) {
    doc.font('Helvetica').fontSize(9).fillColor(COLOURS.text).text(bar.label, PAGE.margin, y + 2, { width: labelWidth - 8 });
    const x0 = PAGE.margin + labelWidth;
    doc.rect(x0, y, chartWidth, 12).fill(COLOURS.grid);
    if (bar.value !== null) {
      doc.rect(x0, y, chartWidth * bar.value, 12).fill(bar.colour);
      if (bar.low != null && bar.high != null) {
        doc.moveTo(x0 + chartWidth * bar.low, y + 6).lineTo(x0 + chartWidth * bar.high, y + 6).lineWidth(1).strokeColor(COLOURS.text).stroke();
      }
    }
    doc.font('Helvetica').fontSize(9).fillColor(COLOURS.text).text(formatValue('rate', bar.value), x0 + chartWidth + 6, y + 2);
    y += 18;
  }
  doc.y = y + 8;
}

function figuresTable(doc: Doc, r: WeeklyReport): void {
  const columns = [
    { title: 'Figure', width: 170 }, { title: 'This week', width: 70 }, { title: 'Last week', width: 70 },
    { title: 'Change', width: 70 }, { title: 'Reading', width: PAGE.width - 380 },
  ];
  const row = (cells: string[], bold = false) => {
    const top = doc.y;
    let x = PAGE.margin;
    let bottom = top;
    cells.forEach((cell, i) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8).fillColor(i === 4 ? COLOURS.muted : COLOURS.text);
      doc.text(cell, x, top, { width: columns[i]!.width - 6 });
      bottom = Math.max(bottom, doc.y);
      x += columns[i]!.width;
    });
    doc.moveTo(PAGE.margin, bottom + 2).lineTo(PAGE.margin + PAGE.width, bottom + 2).lineWidth(0.5).strokeColor(COLOURS.grid).stroke();
    doc.y = bottom + 5;
    if (doc.y > 760) doc.addPage();
  };
  row(columns.map((c) => c.title), true);
  for (const f of r.figures) {
    const n = f.kind === 'count' ? '' : ` (n ${f.n.current})`;
    row([f.label, formatValue(f.kind, f.current) + n, formatValue(f.kind, f.previous), formatChange(f.kind, f.change), f.reading]);
  }
}

/** The weekly summary as a PDF: headline table, then the key charts. Resolves with the bytes. */
export function renderPdf(r: WeeklyReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: PAGE.margin, info: { Title: `Tandem weekly summary ${r.week}`, Author: 'Tandem' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc.font('Helvetica-Bold').fontSize(18).fillColor(COLOURS.text).text(`Tandem weekly summary, ${r.week}`);
  doc.font('Helvetica').fontSize(10).fillColor(COLOURS.muted)
    .text(`${r.range.from} to ${r.range.to} (${r.timeZone}), compared with ${r.previous.week}.`).moveDown(0.8);
  if (!r.hasData) doc.font('Helvetica-Bold').fontSize(11).fillColor('#b45309').text(`No conversations in ${r.week}.`).moveDown(0.5);
  figuresTable(doc, r);

  doc.addPage();
  const { current, previous } = r.metrics;
  rateChart(doc, 'CSAT (share of surveys 4-5) with 95 % intervals', [
    ...(['ai', 'human', 'hybrid'] as const).map((h) => ({
      label: `${h === 'ai' ? 'AI' : h} (n ${current.csat[h].surveyed})`, value: current.csat[h].pct, colour: COLOURS[h], low: current.csat[h].low, high: current.csat[h].high,
    })),
    { label: 'AI, mix-adjusted', value: current.csat.aiMixAdjustedPct, colour: COLOURS.ai },
  ]);
  rateChart(doc, 'Deflection, this week vs last', [
    { label: `Deflection ${r.week}`, value: current.deflection.rate, colour: COLOURS.ai },
    { label: `Deflection ${r.previous.week}`, value: previous.deflection.rate, colour: COLOURS.previous },
    { label: `Resolved deflection ${r.week}`, value: current.deflection.resolvedRate, colour: COLOURS.ai },
    { label: `Resolved deflection ${r.previous.week}`, value: previous.deflection.resolvedRate, colour: COLOURS.previous },
  ]);
  rateChart(doc, 'Missed escalations by trigger kind (share of conversations with that trigger)', current.escalation.byKind.map((k) => ({
    label: `${k.kind.replace(/_/g, ' ')} (n ${k.conversations})`, value: k.missedRate, colour: COLOURS.hybrid,
  })));

  doc.font('Helvetica-Bold').fontSize(11).fillColor(COLOURS.text).text('Worst VIP failures', PAGE.margin, doc.y);
  doc.font('Helvetica').fontSize(9);
  if (!r.vipWorst.length) doc.text('None this week.');
  for (const v of r.vipWorst) doc.text(`${v.conversationId}: ${v.reasons.join(', ')}; escalation ${v.escalationStatus}, csat ${v.csat ?? 'not surveyed'}`);
  doc.end();
  return done;
}
