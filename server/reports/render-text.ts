import { toCsv } from './csv.js';
import { formatChange, formatValue } from './reading.js';
import type { WeeklyReport } from './weekly.js';

/** Markdown table cells cannot hold a pipe or a newline. */
const mdCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function sampleText(f: WeeklyReport['figures'][number]): string {
  return f.kind === 'count' ? '' : `n = ${f.n.current} / ${f.n.previous}`;
}

function intervalText(f: WeeklyReport['figures'][number]): string {
  const i = f.interval?.current;
  return i && i.low !== null && i.high !== null ? ` (95 % CI ${formatValue('rate', i.low)}-${formatValue('rate', i.high)})` : '';
}

export function renderMarkdown(r: WeeklyReport, baseUrl = ''): string {
  const lines = [
    `# Tandem weekly summary, ${r.week}`,
    '',
    `${r.range.from} to ${r.range.to} (${r.timeZone}), compared with ${r.previous.week}.`,
    '',
  ];
  if (!r.hasData) lines.push(`**No conversations in ${r.week}.** Figures below are empty for this week.`, '');
  lines.push('| Figure | This week | Last week | Change | Sample | Reading |', '|---|---:|---:|---:|---:|---|');
  for (const f of r.figures) {
    lines.push(`| ${mdCell(f.label)} | ${formatValue(f.kind, f.current)}${intervalText(f)} | ${formatValue(f.kind, f.previous)} | ${formatChange(f.kind, f.change)} | ${sampleText(f)} | ${mdCell(f.reading)} |`);
  }
  lines.push('', '## Worst VIP failures', '');
  if (!r.vipWorst.length) lines.push('None this week.');
  for (const v of r.vipWorst) {
    lines.push(`- [${mdCell(v.conversationId)}](${baseUrl}${v.link}): ${v.reasons.join(', ')}; escalation ${v.escalationStatus} (score ${Math.round(v.escalationScore)}), csat ${v.csat ?? 'not surveyed'}`);
  }
  lines.push('', '## Topics where the AI does worst', '', '| Topic | AI CSAT | Human CSAT | Gap |', '|---|---:|---:|---:|');
  for (const t of r.aiWorstTopics) {
    const note = t.smallSample ? ' (small sample)' : '';
    lines.push(`| ${t.topic}${note} | ${formatValue('rate', t.ai.rate)} (n = ${t.ai.denominator}) | ${formatValue('rate', t.human.rate)} (n = ${t.human.denominator}) | ${formatChange('points', t.gap)} |`);
  }
  if (!r.aiWorstTopics.length) lines.push('| no topic with surveys on both sides | | | |');
  lines.push('', 'Definitions: see the README ("Definitions"); rates are over the sample shown, changes are in percentage points.', '');
  return lines.join('\n');
}

export function renderCsv(r: WeeklyReport): string {
  return toCsv(
    r.figures.map((f) => ({
      week: r.week, key: f.key, figure: f.label, this_week: f.current, last_week: f.previous, change: f.change,
      n_this_week: f.n.current, n_last_week: f.n.previous, ci_low: f.interval?.current.low ?? null, ci_high: f.interval?.current.high ?? null,
      reading: f.reading,
    })),
  );
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The printable page's only style sheet; reports.ts allows exactly this text by hash in its CSP. */
export const REPORT_CSS = `
body{font:14px/1.45 system-ui,sans-serif;color:#111827;margin:2rem auto;max-width:1000px;padding:0 1rem}
h1{font-size:1.5rem;margin:0}p.sub{color:#4b5563;margin:.25rem 0 1.5rem}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border-bottom:1px solid #e5e7eb;padding:.4rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}th{font-size:.8rem;text-transform:uppercase;color:#6b7280}
.empty{background:#fef3c7;padding:.75rem;border-radius:.375rem}@media print{body{margin:0}a{color:inherit}}
`;

/** A self-contained printable page: inline styles only, no scripts, every value escaped. */
export function renderHtml(r: WeeklyReport): string {
  const rows = r.figures
    .map((f) => `<tr><td>${escapeHtml(f.label)}</td><td class="n">${escapeHtml(formatValue(f.kind, f.current) + intervalText(f))}</td><td class="n">${escapeHtml(formatValue(f.kind, f.previous))}</td><td class="n">${escapeHtml(formatChange(f.kind, f.change))}</td><td class="n">${escapeHtml(sampleText(f))}</td><td>${escapeHtml(f.reading)}</td></tr>`)
    .join('\n');
  const vip = r.vipWorst
    .map((v) => `<li><a href="${escapeHtml(v.link)}">${escapeHtml(v.conversationId)}</a>: ${escapeHtml(v.reasons.join(', '))}; escalation ${escapeHtml(v.escalationStatus)}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tandem weekly summary ${escapeHtml(r.week)}</title>
<style>${REPORT_CSS}</style></head><body>
<h1>Tandem weekly summary, ${escapeHtml(r.week)}</h1>
<p class="sub">${escapeHtml(r.range.from)} to ${escapeHtml(r.range.to)} (${escapeHtml(r.timeZone)}), compared with ${escapeHtml(r.previous.week)}</p>
${r.hasData ? '' : `<p class="empty">No conversations in ${escapeHtml(r.week)}.</p>`}
<table><thead><tr><th>Figure</th><th class="n">This week</th><th class="n">Last week</th><th class="n">Change</th><th class="n">Sample</th><th>Reading</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Worst VIP failures</h2>
${vip ? `<ul>${vip}</ul>` : '<p>None this week.</p>'}
</body></html>
`;
}
