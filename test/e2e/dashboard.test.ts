import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeBrowser, launchBrowser, type TestBrowser } from './browser.js';
import { screenshot, watchPage } from './page-watch.js';
import { startTestServer, type TestServer } from './server.js';

interface MetricsJson {
  conversations: number;
  deflection: { rate: number | null; aiStarted: number };
  csat: { ai: { pct: number | null } };
  escalation: { missed: number };
  drillDown: Record<string, string | null>;
}
interface ListJson {
  total: number;
  items: { conversationId: string }[];
}

/** Each analytics page, the charts it must draw (data-testid of a Tremor chart) and its screenshot. */
const PAGES = [
  { path: '/', heading: 'Overview', charts: ['chart-volume', 'chart-deflection-trend', 'chart-handled-by'], shot: 'overview' },
  { path: '/ai-vs-human', heading: 'AI vs Human', charts: ['chart-topic-csat', 'chart-csat-trend'], shot: 'ai-vs-human' },
  {
    path: '/deflection',
    heading: 'Deflection',
    charts: ['chart-deflection-trend', 'chart-deflection-topic', 'chart-deflection-market'],
    shot: 'deflection',
  },
  { path: '/escalations', heading: 'Escalation gaps', charts: ['chart-kinds', 'chart-status', 'chart-gaps'], shot: 'escalations' },
  { path: '/vip', heading: 'VIP failures', charts: [], shot: 'vip' },
  { path: '/conversations?aiStarted=true&handledBy=ai', heading: 'Conversations', charts: [], shot: 'conversations' },
];

const XSS_IMG = '<img src=x onerror="window.__xss=1">';
const XSS_SCRIPT = '<script>window.__xss=2</script>';
const HOSTILE_ID = 'e2e-xss-1';
const HOSTILE = {
  conversation_id: HOSTILE_ID,
  started_at: '2025-05-06T10:00:00Z',
  customer: { id: 'u-e2e-xss', tier: 'standard' },
  messages: [
    { role: 'customer', text: `My card was charged twice ${XSS_IMG} ${XSS_SCRIPT}`, ts: '2025-05-06T10:00:00Z' },
    { role: 'ai', text: 'I can look into that charge for you.', ts: '2025-05-06T10:00:05Z' },
    { role: 'customer', text: 'agent please', ts: '2025-05-06T10:01:00Z' },
    { role: 'system', event: 'handoff', ts: '2025-05-06T10:01:02Z' },
    { role: 'agent', text: 'Hi, I am here to help with the charge.', ts: '2025-05-06T10:02:00Z' },
  ],
};

const fmtInt = (n: number) => n.toLocaleString('en-US');
const fmtPct = (f: number | null) =>
  f === null ? 'no data' : new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(f);

describeBrowser('dashboard pages (real server, real Chromium)', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  let watch: { problems: string[] };
  const api = async <T>(path: string): Promise<T> => (await (await server.fetch(path)).json()) as T;
  const open = (path: string) => page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
  const text = (testId: string) => page.getByTestId(testId).innerText();

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

  it('loads every analytics page without console errors and draws its charts', async () => {
    for (const p of PAGES) {
      await open(p.path);
      await page.getByRole('heading', { level: 1, name: p.heading }).waitFor();
      for (const chart of p.charts) {
        // A drawn Tremor chart: a recharts SVG with a line, area or slice path, or a bar, with geometry.
        const drawn = page.locator(
          `[data-testid="${chart}"] svg.recharts-surface :is(path[d]:not([d=""]), .recharts-bar-rectangle rect[height])`,
        );
        await drawn.first().waitFor({ timeout: 15_000 });
        expect(await drawn.count(), `${p.path} ${chart}`).toBeGreaterThan(0);
      }
      await page.getByRole('status').waitFor({ state: 'detached' });
      await screenshot(page, `page-${p.shot}`);
      expect(watch.problems, p.path).toEqual([]);
    }
  });

  it('shows the same headline numbers as the API', async () => {
    const m = await api<MetricsJson>('/api/metrics');
    await open('/');
    await page.getByTestId('kpi-conversations-value').waitFor();
    expect(await text('kpi-conversations-value')).toBe(fmtInt(m.conversations));
    expect(await text('kpi-deflection-value')).toBe(fmtPct(m.deflection.rate));
    expect(await text('kpi-missed-escalations-value')).toBe(fmtInt(m.escalation.missed));
    expect(await text('csat-ai-pct')).toBe(fmtPct(m.csat.ai.pct));
    await page.getByTestId('kpi-delta').first().waitFor();
    expect(watch.problems).toEqual([]);
  });

  it('changes the URL and the numbers when a filter changes', async () => {
    const email = await api<MetricsJson>('/api/metrics?channel=email');
    const all = await api<MetricsJson>('/api/metrics');
    expect(email.conversations).not.toBe(all.conversations);
    await open('/');
    await page.getByRole('button', { name: /All channels/ }).click();
    await page.getByRole('option', { name: 'Email' }).click();
    await page.waitForURL(/channel=email/);
    await expect
      .poll(() => text('kpi-conversations-value'), { timeout: 10_000 })
      .toBe(fmtInt(email.conversations));
    await screenshot(page, 'page-overview-email');
    expect(watch.problems).toEqual([]);
  });

  it('drills from a number to its conversations and on to the right transcript', async () => {
    const m = await api<MetricsJson>('/api/metrics');
    const query = m.drillDown['escalation.missed']!;
    const list = await api<ListJson>(`/api/conversations?${query}&limit=25`);
    await open('/');
    await page.getByTestId('kpi-missed-escalations').getByRole('link').click();
    await page.waitForURL((url) => url.pathname === '/conversations' && url.searchParams.get('escalation') === 'missed');
    await expect.poll(() => text('list-total')).toBe(`${fmtInt(list.total)} conversations`);
    expect(list.total).toBe(m.escalation.missed);
    const first = list.items[0]!.conversationId;
    await page.locator('tr[data-conversation-id]').first().click();
    await page.waitForURL(`**/conversations/${first}`);
    await page.getByRole('heading', { level: 1, name: `Conversation ${first}` }).waitFor();
    expect(await page.getByTestId('fact-escalation').innerText()).toBe('Missed');
    await page.getByRole('link', { name: /Back to the list/ }).click();
    await page.waitForURL(/escalation=missed/);
    expect(watch.problems).toEqual([]);
  });

  it('drills from a chart bar to that week of conversations', async () => {
    await open('/');
    await page.locator('[data-testid="chart-volume"] .recharts-bar-rectangle rect').first().click();
    await page.waitForURL((url) => url.pathname === '/conversations' && url.searchParams.has('handledBy'));
    const params = new URL(page.url()).searchParams;
    expect(params.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const list = await api<ListJson>(`/api/conversations?${params.toString()}&limit=1`);
    await expect.poll(() => text('list-total')).toBe(`${fmtInt(list.total)} conversations`);
    expect(watch.problems).toEqual([]);
  });

  it('renders a hostile transcript as plain text, with sentiment, triggers and the handoff', async () => {
    const ingest = await server.fetch('/api/ingest', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-ndjson' },
      body: JSON.stringify(HOSTILE),
    });
    expect(((await ingest.json()) as { accepted: number }).accepted).toBe(1);
    await open(`/conversations/${HOSTILE_ID}`);
    const transcript = page.getByTestId('transcript');
    await transcript.waitFor();
    const first = transcript.locator('[data-testid="message-text"]').first();
    expect(await first.innerText()).toContain(XSS_IMG);
    expect(await first.innerText()).toContain(XSS_SCRIPT);
    expect(await transcript.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    // Per-message sentiment on customer messages, the trigger's words marked, the handoff shown.
    expect(await transcript.locator('[data-role="customer"] [data-testid="sentiment-chip"]').count()).toBe(2);
    expect(await transcript.locator('mark[data-trigger~="human_request"]').innerText()).toBe('agent please');
    await page.getByTestId('handoff-marker').waitFor();
    expect(await page.getByTestId('fact-handled-by').innerText()).toBe('Hybrid');
    await screenshot(page, 'page-conversation-hostile');
    expect(watch.problems).toEqual([]);
  });

  it('shows a real conversation with its facts', async () => {
    const list = await api<ListJson>('/api/conversations?escalation=late&limit=1');
    const id = list.items[0]!.conversationId;
    await open(`/conversations/${id}`);
    await page.getByTestId('facts').waitFor();
    expect(await page.getByTestId('fact-escalation').innerText()).toBe('Late handoff');
    await page.getByTestId('handoff-marker').waitFor();
    expect(await page.locator('[data-testid="trigger"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'page-conversation');
    expect(watch.problems).toEqual([]);
  });
});
