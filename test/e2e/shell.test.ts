import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeBrowser, launchBrowser, type TestBrowser } from './browser.js';
import { screenshot, watchPage } from './page-watch.js';
import { startTestServer, type TestServer } from './server.js';

interface BatchJson {
  batchId: string;
  source: string;
  received: number;
  accepted: number;
  rejected: number;
  unchanged: number;
  messages: number;
}

const ROUTES: { path: string; heading: RegExp | string; shot: string }[] = [
  { path: '/', heading: 'Overview', shot: 'overview' },
  { path: '/ai-vs-human', heading: 'AI vs Human', shot: 'ai-vs-human' },
  { path: '/deflection', heading: 'Deflection', shot: 'deflection' },
  { path: '/escalations', heading: 'Escalation gaps', shot: 'escalations' },
  { path: '/vip', heading: 'VIP failures', shot: 'vip' },
  { path: '/review', heading: 'Review queue', shot: 'review' },
  { path: '/conversations', heading: 'Conversations', shot: 'conversations' },
  { path: '/weekly', heading: 'Weekly summary', shot: 'weekly' },
  { path: '/ingestion', heading: 'Ingestion', shot: 'ingestion' },
  { path: '/login', heading: 'Sign in', shot: 'login' },
  { path: '/no-such-page', heading: 'Page not found', shot: 'not-found' },
];

const XSS_LINE = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

/** One good record, one with no started_at (a field error) and one line of hostile non-JSON. */
const UPLOAD_FILE = [
  JSON.stringify({
    conversation_id: 'e2e-good-1',
    started_at: '2025-05-05T09:12:00Z',
    messages: [
      { role: 'customer', text: 'Where is my refund?', ts: '2025-05-05T09:12:00Z' },
      { role: 'ai', text: 'Let me check that for you.', ts: '2025-05-05T09:12:04Z' },
    ],
  }),
  JSON.stringify({ conversation_id: 'e2e-bad-1', messages: [{ role: 'customer', text: 'Hello' }] }),
  XSS_LINE,
].join('\n');

describeBrowser('dashboard shell (real server, real Chromium)', () => {
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

  const open = (path: string) => page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });

  it('loads every dashboard route without console errors or failed requests', async () => {
    for (const route of ROUTES) {
      await open(route.path);
      await page.getByRole('heading', { level: 1, name: route.heading }).waitFor();
      await screenshot(page, route.shot);
      expect(watch.problems, route.path).toEqual([]);
    }
  });

  it('keeps the filters in the URL and across navigation', async () => {
    await open('/');
    await page.fill('#filter-from', '2025-05-01');
    await page.fill('#filter-to', '2025-05-31');
    await page.fill('#filter-market', 'se');
    await page.press('#filter-market', 'Enter');
    await page.getByRole('button', { name: /All channels/ }).click();
    await page.getByRole('option', { name: 'Email' }).click();
    await page.getByRole('button', { name: /All tiers/ }).click();
    await page.getByRole('option', { name: 'VIP' }).click();
    await page.waitForURL(/tier=vip/);
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    const expected = { from: '2025-05-01', to: '2025-05-31', market: 'SE', channel: 'email', tier: 'vip' };
    const query = () => Object.fromEntries(new URL(page.url()).searchParams);
    expect(query()).toEqual(expected);
    await screenshot(page, 'overview-filtered');

    await page.getByRole('link', { name: 'Deflection' }).click();
    await page.getByRole('heading', { level: 1, name: 'Deflection' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/deflection');
    expect(query()).toEqual(expected);
    expect(await page.inputValue('#filter-from')).toBe('2025-05-01');

    // Through a page without filters and back: the links still carry them.
    await page.getByRole('link', { name: 'Ingestion' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ingestion' }).waitFor();
    await page.getByRole('link', { name: 'VIP failures' }).click();
    await page.getByRole('heading', { level: 1, name: 'VIP failures' }).waitFor();
    expect(query()).toEqual(expected);

    // A shared link restores the view.
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.inputValue('#filter-market')).toBe('SE');
    await expect(page.getByRole('button', { name: /Email/ }).count()).resolves.toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => url.search === '');
    expect(watch.problems).toEqual([]);
  });

  it('lists the demo batch with the same numbers as the API', async () => {
    const api = (await (await server.fetch(`/api/ingest/batches?limit=50`)).json()) as {
      items: BatchJson[];
    };
    const demo = api.items.find((b) => b.source === 'demo');
    expect(demo).toBeDefined();
    await open('/ingestion');
    const row = page.locator(`tr[data-batch-id="${demo!.batchId}"]`);
    await row.waitFor();
    for (const col of ['received', 'accepted', 'rejected', 'unchanged', 'messages'] as const) {
      expect(await row.locator(`[data-col="${col}"]`).innerText(), col).toBe(
        demo![col].toLocaleString('en-US'),
      );
    }
    expect(watch.problems).toEqual([]);
  });

  it("shows the API's own message for an unknown batch", async () => {
    await open('/ingestion?batch=no-such-batch');
    const alert = page.getByRole('alert').filter({ hasText: 'Could not load the rejects' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('No batch no-such-batch');
    // The 404 is the point of this test; anything else would still be a problem.
    expect(watch.problems.every((p) => p.includes('404') || p.includes('no-such-batch'))).toBe(true);
    watch.problems.length = 0;
  });

  it('uploads a file, shows its rejects, and renders hostile raw text as inert text', async () => {
    await open('/ingestion');
    await page.setInputFiles('#upload-file', {
      name: 'e2e-mixed.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(UPLOAD_FILE),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    const result = page.getByTestId('upload-result');
    await result.waitFor();
    expect(await result.getByTestId('upload-received').innerText()).toBe('3');
    expect(await result.getByTestId('upload-accepted').innerText()).toBe('1');
    expect(await result.getByTestId('upload-rejected').innerText()).toBe('2');
    expect(await result.innerText()).toContain('e2e-bad-1');
    expect(await result.innerText()).toContain('started_at');

    await result.getByRole('button', { name: /See all 2 rejects/ }).click();
    const raws = page.getByTestId('reject-raw');
    await raws.nth(1).waitFor();
    const texts = await raws.allTextContents();
    expect(texts).toContain(XSS_LINE);
    expect(
      await page.locator('[data-testid="reject-raw"] img, [data-testid="reject-raw"] script').count(),
    ).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    await screenshot(page, 'ingestion-rejects');
    expect(watch.problems).toEqual([]);
  });
});
