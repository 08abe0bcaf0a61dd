import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../server/auth/middleware.js';
import { describeBrowser, launchBrowser, type TestBrowser } from './browser.js';
import { screenshot, watchPage } from './page-watch.js';
import { addUser, seedReviews, type E2eUser } from './review-seed.js';
import { startTestServer, type TestServer } from './server.js';


interface FlagJson {
  reason: string;
  note: string;
  status: string;
  createdBy: string;
}

describeBrowser('QA review workflow (real server, real Chromium)', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  let watch: { problems: string[] };
  let rita: E2eUser;
  let vera: E2eUser;
  let mona: E2eUser;
  let flaggedId = '';

  beforeAll(async () => {
    server = await startTestServer();
    rita = await addUser(server, 'rita', 'reviewer');
    vera = await addUser(server, 'vera', 'viewer');
    mona = await addUser(server, 'mona', 'manager');
    await seedReviews(
      server,
      await addUser(server, 'qa-ann', 'reviewer'),
      await addUser(server, 'qa-ben', 'reviewer'),
      24,
    );
    browser = await launchBrowser(server);
    page = await browser.context.newPage();
    watch = watchPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = (path: string) => page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
  const signInAs = async (user: E2eUser) => {
    await browser.context.clearCookies();
    await browser.context.addCookies([{ name: SESSION_COOKIE, value: user.session, url: server.url }]);
  };
  /** Problems that are the point of a test (an expected 401 or 403) are removed; any other stays. */
  const expectOnly = (pattern: RegExp) => {
    const unexpected = watch.problems.filter((p) => !pattern.test(p));
    watch.problems.length = 0;
    expect(unexpected, unexpected.join('\n')).toEqual([]);
  };
  const queueRows = () => page.locator('[data-testid="review-queue"] tbody tr');
  // Screenshots go to test-results/ only; docs/screenshots is refreshed by hand from there.
  const shot = (name: string) => screenshot(page, name);

  it('signs a reviewer in through the login form and returns to the page they asked for', async () => {
    await browser.context.clearCookies();
    await open('/login?next=%2Freview');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.fill('#login-username', 'rita');
    await page.fill('#login-password', rita.password);
    await shot('review-login');
    await page.fill('#login-password', 'not-her-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('Wrong username or password');
    expectOnly(/401/);

    await page.fill('#login-password', rita.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/review`);
    await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    const menu = page.getByTestId('user-menu');
    await expect(menu.innerText()).resolves.toMatch(/rita[\s\S]*reviewer/i);
    await expect(page.getByRole('link', { name: 'My reviews' }).count()).resolves.toBe(1);
    expect(watch.problems, watch.problems.join('\n')).toEqual([]);
  });

  it('sends a signed-out user to /login?next=<page> and back there after signing in', async () => {
    await browser.context.clearCookies();
    await page.goto(`${server.url}/review?mode=random&seed=42`);
    await page.waitForURL(/\/login\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/review?mode=random&seed=42');
    // The refused requests' events (response, console) can arrive after the redirect on a busy
    // machine: let the page settle first, so that they are the ones expected here, not later.
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.waitForLoadState('networkidle');
    expectOnly(/401/);
    await page.fill('#login-username', 'rita');
    await page.fill('#login-password', rita.password);
    await page.press('#login-password', 'Enter');
    await page.waitForURL(`${server.url}/review?mode=random&seed=42`);
    await queueRows().first().waitFor();
    const sample = await queueRows().evaluateAll((rows) =>
      rows.slice(0, 5).map((r) => r.getAttribute('data-conversation-id')),
    );
    await page.reload({ waitUntil: 'networkidle' });
    await queueRows().first().waitFor();
    const again = await queueRows().evaluateAll((rows) =>
      rows.slice(0, 5).map((r) => r.getAttribute('data-conversation-id')),
    );
    expect(again).toEqual(sample);
    expect(watch.problems, watch.problems.join('\n')).toEqual([]);
  });

  it('flags a conversation from the queue with the keyboard only (j, f, a digit, Enter)', async () => {
    await signInAs(rita);
    await open('/review');
    await queueRows().first().waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const active = page.locator('[data-testid="review-queue"] tbody tr[data-active="true"]');
    flaggedId = (await active.getAttribute('data-conversation-id')) ?? '';
    expect(flaggedId).toBe(await queueRows().first().getAttribute('data-conversation-id'));

    await page.keyboard.press('f');
    const dialog = page.getByRole('dialog', { name: 'Flag conversation' });
    await dialog.waitFor();
    await page.keyboard.press('3');
    await expect(dialog.locator('input[value="tone"]').isChecked()).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: `Flagged ${flaggedId}: Tone.` })
      .waitFor();
    await dialog.waitFor({ state: 'detached' });

    const flags = (await (await server.fetch(`/api/conversations/${flaggedId}/flags`)).json()) as {
      items: FlagJson[];
    };
    expect(flags.items).toEqual([
      expect.objectContaining({ reason: 'tone', status: 'open', createdBy: 'rita' }),
    ]);
    await active.locator('[data-col="flags"]', { hasText: /^1 flag$/ }).waitFor();
    await shot('review-queue');
    expect(watch.problems, watch.problems.join('\n')).toEqual([]);
  });

  it('keeps shortcuts out of text fields', async () => {
    const active = () =>
      page
        .locator('[data-testid="review-queue"] tbody tr[data-active="true"]')
        .getAttribute('data-conversation-id');
    const before = await active();
    await page.focus('#filter-market');
    await page.keyboard.type('jf');
    expect(await active()).toBe(before);
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await page.fill('#filter-market', '');
    await page.locator('h1').click();
    await page.keyboard.press('f');
    await page.getByRole('dialog').waitFor();
    await page.focus('#flag-note');
    await page.keyboard.type('12 jk');
    await expect(page.inputValue('#flag-note')).resolves.toBe('12 jk');
    await expect(page.locator('input[name="flag-reason"]:checked').count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(watch.problems, watch.problems.join('\n')).toEqual([]);
  });

  it('opens the flagged conversation with Enter and reviews it in the review panel', async () => {
    await page.locator('h1').click();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/conversations/${encodeURIComponent(flaggedId)}`);
    const panel = page.getByTestId('review-panel');
    await panel.getByTestId('flag-list').waitFor();
    await expect(panel.getByTestId('flag-list').innerText()).resolves.toContain('Tone');

    await panel.getByRole('button', { name: 'Confirm' }).click();
    await panel.getByTestId('flag-list').getByText('Confirmed').waitFor();
    await panel
      .getByRole('form', { name: 'Your verdict' })
      .getByRole('button', { name: /verdict/ })
      .click();
    await panel.getByText('Saved.').waitFor();
    const form = panel.getByRole('form', { name: 'Override a value' });
    await form.locator('select').first().selectOption('escalation_status');
    await form.getByLabel('Override value').selectOption('late');
    await form.getByPlaceholder('Why the score is wrong').fill('The handoff came, two replies late.');
    await form.getByRole('button', { name: 'Override' }).click();
    await panel.getByTestId('override-escalation_status').waitFor();
    await panel.getByTestId('audit-trail').getByText('Overrode a value').waitFor();

    const flags = (await (await server.fetch(`/api/conversations/${flaggedId}/flags`)).json()) as {
      items: FlagJson[];
    };
    expect(flags.items[0]?.status).toBe('confirmed');
    await shot('conversation-review');
    expect(watch.problems, watch.problems.join('\n')).toEqual([]);
  });

  it("lists the reviewer's own flags and verdicts on My reviews", async () => {
    await open('/reviews/mine');
    await page.getByRole('heading', { level: 1, name: 'My reviews' }).waitFor();
    const rows = page.locator('[data-testid="my-reviews"] tbody tr');
    await rows.first().waitFor();
    await expect(rows.filter({ hasText: flaggedId }).count()).resolves.toBe(2);
    await expect(
      page.locator('[data-testid="my-reviews"] tr[data-kind="flag"]').innerText(),
    ).resolves.toContain('Confirmed');
    await shot('my-reviews');
    expect(watch.problems, watch.problems.join('\n')).toEqual([]);
  });

  it('lets a manager assign selected rows to a reviewer', async () => {
    await signInAs(mona);
    await open('/review?unreviewed=true');
    await queueRows().first().waitFor();
    const ids = await queueRows().evaluateAll((rows) =>
      rows.slice(0, 2).map((r) => r.getAttribute('data-conversation-id') ?? ''),
    );
    for (const id of ids) await page.getByLabel(`Select ${id}`).check();
    await page.fill('#assign-reviewer', 'rita');
    await shot('review-queue-manager');
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Assigned 2 conversations to rita.' }).waitFor();
    const mine = (await (await rita.fetch('/api/review/queue?assignee=me')).json()) as {
      items: { conversationId: string }[];
    };
    expect(mine.items.map((i) => i.conversationId).sort()).toEqual([...ids].sort());
    expect(watch.problems, watch.problems.join('\n')).toEqual([]);
  });

  it('does not offer a viewer the flag action, and shows the 403 when a write is refused', async () => {
    await signInAs(vera);
    await open('/review');
    await queueRows().first().waitFor();
    await expect(page.getByTestId('shortcut-help').innerText()).resolves.not.toContain('flag');
    await expect(page.getByRole('link', { name: 'My reviews' }).count()).resolves.toBe(0);
    await page.keyboard.press('j');
    await page.keyboard.press('f');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    expect(watch.problems, watch.problems.join('\n')).toEqual([]);

    const refused = await page.evaluate(async (id) => {
      const response = await fetch(`/api/conversations/${encodeURIComponent(id)}/flags`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'tone', note: '' }),
      });
      return { status: response.status, body: (await response.json()) as { error: { message: string } } };
    }, flaggedId);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('This needs the reviewer role or higher');
    expectOnly(/403/);

    await open(`/conversations/${encodeURIComponent(flaggedId)}`);
    const panel = page.getByTestId('review-panel');
    await panel.getByTestId('flag-list').waitFor();
    await expect(panel.getByRole('button', { name: /Flag|Confirm|Dismiss|Override/ }).count()).resolves.toBe(
      0,
    );
    expect(watch.problems, watch.problems.join('\n')).toEqual([]);
  });

  it("shows the server's 403 message when a role is lowered while the page is open", async () => {
    const demoted = await addUser(server, 'dora', 'reviewer');
    await signInAs(demoted);
    await open(`/conversations/${encodeURIComponent(flaggedId)}`);
    await page.getByRole('button', { name: 'Flag…' }).click();
    const patched = await server.fetch(`/api/users/${demoted.userId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'viewer' }),
    });
    expect(patched.status).toBe(200);
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('dialog').getByRole('alert');
    await expect(alert.innerText()).resolves.toContain('This needs the reviewer role or higher');
    expectOnly(/403/);
  });
});
