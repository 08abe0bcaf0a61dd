import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatValue } from '../../server/reports/reading.js';
import { describeBrowser, launchBrowser, type TestBrowser } from './browser.js';
import { screenshot, watchPage } from './page-watch.js';
import { startTestServer, type TestServer } from './server.js';

describeBrowser('weekly summary page (real server, real Chromium)', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  let watch: { problems: string[] };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser(server);
    page = await browser.context.newPage();
    watch = watchPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens on the newest week with data, with the same figures as the API, and downloads the PDF', async () => {
    await page.goto(`${server.url}/weekly`, { waitUntil: 'networkidle' });
    const heading = page.getByRole('heading', { level: 1, name: /Weekly summary, \d{4}-W\d{2}/ });
    await heading.waitFor();
    const week = (await heading.textContent())!.match(/\d{4}-W\d{2}/)![0];
    const report = await (await server.fetch(`/api/reports/weekly?week=${week}`)).json();
    expect(report.hasData).toBe(true);
    for (const key of ['conversations', 'deflection', 'csat.ai']) {
      const f = report.figures.find((x: { key: string }) => x.key === key);
      const row = page.locator(`tr[data-figure="${key}"]`);
      await expect(row.textContent()).resolves.toContain(formatValue(f.kind, f.current));
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(`tandem-weekly-${week}.pdf`);
    await screenshot(page, 'weekly');
    expect(watch.problems).toEqual([]);
  });

  it('a week without data says so', async () => {
    await page.goto(`${server.url}/weekly?week=2020-W53`, { waitUntil: 'networkidle' });
    await page.getByText('No conversations in 2020-W53').waitFor();
    expect(watch.problems).toEqual([]);
  });
});
