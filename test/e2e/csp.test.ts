import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page, Response } from 'playwright-core';
import { describeBrowser, launchBrowser, type TestBrowser } from './browser.js';
import { watchPage } from './page-watch.js';
import { startTestServer, type TestServer } from './server.js';

/** Every dashboard route (SPEC 6) and the charts it must still draw under the policy. */
const PAGES: { path: string; heading: string | RegExp; charts: string[] }[] = [
  { path: '/', heading: 'Overview', charts: ['chart-volume', 'chart-deflection-trend', 'chart-handled-by'] },
  { path: '/ai-vs-human', heading: 'AI vs Human', charts: ['chart-topic-csat', 'chart-csat-trend'] },
  { path: '/deflection', heading: 'Deflection', charts: ['chart-deflection-trend', 'chart-deflection-topic', 'chart-deflection-market'] },
  { path: '/escalations', heading: 'Escalation gaps', charts: ['chart-kinds', 'chart-status', 'chart-gaps'] },
  { path: '/vip', heading: 'VIP failures', charts: [] },
  { path: '/review', heading: 'Review queue', charts: [] },
  { path: '/reviews/mine', heading: /./, charts: [] },
  { path: '/conversations', heading: 'Conversations', charts: [] },
  { path: '/weekly', heading: /Weekly summary/, charts: [] },
  { path: '/ingestion', heading: 'Ingestion', charts: [] },
  { path: '/login', heading: 'Sign in', charts: [] },
];

/** A drawn Tremor chart: a recharts SVG with a line, area or slice path, or a bar with geometry. */
const drawnChart = (testId: string) =>
  `[data-testid="${testId}"] svg.recharts-surface :is(path[d]:not([d=""]), .recharts-bar-rectangle rect[height])`;

describeBrowser('content security policy (real server, real Chromium)', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  let watch: { problems: string[] };
  /** Violations as the page reports them (securitypolicyviolation) and as Chromium logs them. */
  const violations: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser(server);
    page = await browser.context.newPage();
    watch = watchPage(page);
    // A binding outlives navigations, unlike a list kept on window.
    await page.exposeFunction('__cspViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const report = (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation;
        report(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sample}) on ${location.pathname}`);
      });
    });
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) violations.push(`console: ${m.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = (path: string) => page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });

  it('sends a strict CSP and the other helmet headers, on pages and on the API', async () => {
    const documentResponse = (await open('/'))!;
    const api = await server.fetch('/api/health');
    for (const headers of [await documentResponse.allHeaders(), Object.fromEntries(api.headers)]) {
      const csp = headers['content-security-policy']!;
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('style-src')).toEqual(["'self'"]);
      expect(directives.get('style-src-attr')).not.toContain("'unsafe-inline'");
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(directives.get('base-uri')).toEqual(["'self'"]);
      expect(directives.get('form-action')).toEqual(["'self'"]);
      expect(directives.get('connect-src')).toEqual(["'self'"]);
      expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
      expect(csp).not.toMatch(/unsafe-eval|upgrade-insecure-requests/);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(headers['x-powered-by']).toBeUndefined();
    }
  });

  it('loads every page with zero CSP violations, and the charts still draw', async () => {
    const list = (await (await server.fetch('/api/conversations?escalation=late&limit=1')).json()) as { items: { conversationId: string }[] };
    const conversationPath = `/conversations/${list.items[0]!.conversationId}`;
    for (const p of [...PAGES, { path: conversationPath, heading: /^Conversation /, charts: [] }]) {
      await open(p.path);
      await page.getByRole('heading', { level: 1, name: p.heading }).first().waitFor();
      for (const chart of p.charts) {
        await page.locator(drawnChart(chart)).first().waitFor({ timeout: 15_000 });
        expect(await page.locator(drawnChart(chart)).count(), `${p.path} ${chart}`).toBeGreaterThan(0);
      }
      // Hovering a chart draws its tooltip, which positions itself with inline styles.
      if (p.charts[0]) await page.locator(`[data-testid="${p.charts[0]}"] svg.recharts-surface`).first().hover();
      expect(violations, p.path).toEqual([]);
    }
    expect(watch.problems).toEqual([]);
  });

  it('drills from a donut slice without a violation (Tremor writes a style attribute on click)', async () => {
    await open('/');
    const donut = page.locator('[data-testid="chart-handled-by"] svg.recharts-surface').first();
    await page.locator(drawnChart('chart-handled-by')).first().waitFor();
    // The top of the ring: the donut's inner radius is 75 % of its outer one.
    const box = (await donut.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height * (1 - 0.875) / 2);
    await page.waitForURL(/\/conversations\?handledBy=/);
    await page.getByRole('heading', { level: 1, name: 'Conversations' }).waitFor();
    expect(violations).toEqual([]);
    expect(watch.problems).toEqual([]);
  });

  it('would notice a violation (the detector is not blind)', async () => {
    await open('/vip');
    await page.evaluate(() => document.body.setAttribute('style', 'color: red'));
    // Both channels must see it: the page's event and Chromium's console message.
    await expect.poll(() => violations.filter((v) => v.startsWith('console:')).length).toBe(1);
    await expect.poll(() => violations.filter((v) => !v.startsWith('console:')).length).toBe(1);
    expect(violations.join('\n')).toMatch(/style-src-attr/);
    violations.length = 0;
    watch.problems.length = 0;
  });

  it('serves the printable weekly summary with its own policy under which its style applies', async () => {
    const response: Response = (await open('/api/reports/weekly?week=last&format=html'))!;
    const csp = (await response.allHeaders())['content-security-policy']!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    // The <style> block is allowed by hash, so the page keeps its print layout.
    expect(await page.evaluate(() => getComputedStyle(document.body).maxWidth)).toBe('1000px');
    expect(violations).toEqual([]);
    expect(watch.problems).toEqual([]);
  });
});
