import type { ReportFormat } from './options.js';
import { renderPdf } from './render-pdf.js';
import { renderCsv, renderHtml, renderMarkdown } from './render-text.js';
import type { WeeklyReport } from './weekly.js';

/** One report, any format: every renderer reads the same assembled figures. */
export async function renderReport(report: WeeklyReport, format: ReportFormat): Promise<string | Buffer> {
  switch (format) {
    case 'json': return JSON.stringify(report, null, 2);
    case 'md': return renderMarkdown(report);
    case 'csv': return renderCsv(report);
    case 'html': return renderHtml(report);
    case 'pdf': return renderPdf(report);
  }
}
