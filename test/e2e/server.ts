import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../../server/app.js';
import { Database } from '../../server/db/database.js';
import { loadDemoDataIfEmpty } from '../../server/demo.js';
import { createSession, createToken, createUser } from '../../server/queries/users.js';

export const WEB_ROOT = resolve(import.meta.dirname, '..', '..', 'dist', 'web');

export interface TestServer {
  url: string;
  /** A dashboard session of an admin user, for the browser's cookie. */
  session: string;
  /** An admin API token, for calls made by the test itself. */
  token: string;
  /** fetch() against this server with the admin token. */
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
  db: Database;
  close: () => Promise<void>;
}

/** The demo data for browser tests: small enough to load in seconds, big enough to look real. */
export const E2E_DEMO = { demoConversations: 2000, demoWeeks: 4, repeatDays: 7 };

/**
 * The real server over a real DuckDB file in a temp dir, with demo data, serving the built
 * dashboard on an ephemeral port. It builds nothing: test/e2e/global-setup.ts does that.
 */
export async function startTestServer(): Promise<TestServer> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(
      `${WEB_ROOT}/index.html is missing: run \`npm run build\` (or the e2e globalSetup) first`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'tandem-e2e-db-'));
  let db: Database | undefined;
  try {
    db = await Database.open(join(dir, 'tandem.duckdb'));
    await loadDemoDataIfEmpty(db, E2E_DEMO, () => {});
    const app = createApp({
      db,
      config: { repeatDays: 7, maxIngestBytes: 64 * 1024 * 1024 },
      webRoot: WEB_ROOT,
      log: () => {},
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((ok, fail) => server.once('listening', ok).once('error', fail));
    const { port } = server.address() as AddressInfo;
    const opened = db;
    const admin = await createUser(db, 'e2e-admin', 'e2e-admin-password', 'admin');
    const session = await createSession(db, admin.userId);
    const { token } = await createToken(db, { name: 'e2e', role: 'admin', createdBy: null });
    return {
      url: `http://127.0.0.1:${port}`,
      session,
      token,
      fetch: (path, init = {}) =>
        fetch(`http://127.0.0.1:${port}${path}`, {
          ...init,
          headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
        }),
      db: opened,
      close: async () => {
        server.closeAllConnections();
        await new Promise<void>((ok) => server.close(() => ok()));
        await opened.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
