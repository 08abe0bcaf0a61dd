import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { describe, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/auth/middleware.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a quiet, deterministic headless Chromium in a container: no sandbox, no GPU, no phoning home. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const LAPTOP_VIEWPORT = { width: 1366, height: 800 };

export interface TestBrowser {
  context: BrowserContext;
  close: () => Promise<void>;
}

export function browserAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * Launches Chromium with a fresh profile directory, which `close()` removes again, signed in to
 * `server` as its admin through the dashboard's session cookie.
 */
export async function launchBrowser(server: { url: string; session: string }): Promise<TestBrowser> {
  const profileDir = mkdtempSync(join(tmpdir(), 'tandem-e2e-profile-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: LAPTOP_VIEWPORT,
    });
    await context.addCookies([{ name: SESSION_COOKIE, value: server.session, url: server.url }]);
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    close: async () => {
      try {
        await context.close();
      } finally {
        rmSync(profileDir, { recursive: true, force: true });
      }
    },
  };
}

function warnSkipped(name: string): void {
  const line = '='.repeat(78);
  console.warn(
    `\n${line}\n  BROWSER TESTS SKIPPED: "${name}"\n  ${CHROMIUM_PATH} was not found, so the dashboard was NOT tested in a browser.\n` +
      `  Install Chromium (apt-get install chromium) to run them. In CI (CI=true) this is a failure.\n${line}\n`,
  );
}

/**
 * `describe` for suites that need Chromium. Without the browser the suite is skipped with a
 * loud warning on a developer machine, but fails in CI, where a silently skipped browser
 * suite would hide a broken dashboard.
 */
export function describeBrowser(name: string, suite: () => void): void {
  if (browserAvailable()) {
    describe(name, suite);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`${CHROMIUM_PATH} is missing: browser tests cannot be skipped in CI`);
      });
    });
  } else {
    warnSkipped(name);
    describe.skip(name, suite);
  }
}
