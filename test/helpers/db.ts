import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { createApp } from '../../server/app.js';
import { Database } from '../../server/db/database.js';
import { createToken } from '../../server/queries/users.js';

/** A real DuckDB file in a fresh temp dir; `close()` closes it and removes the dir. */
export async function openTempDatabase(): Promise<{ db: Database; dir: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-test-'));
  const db = await Database.open(join(dir, 'test.duckdb'));
  return {
    db,
    dir,
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestServer {
  url: string;
  db: Database;
  dir: string;
  /** An admin API token. */
  token: string;
  /** fetch() against this server as the admin (pass an Authorization header to be someone else). */
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
  close: () => Promise<void>;
}

export const TEST_CONFIG = { repeatDays: 7, maxIngestBytes: 64 * 1024 * 1024 };

/** The real app over a real DuckDB file, listening on an ephemeral loopback port; `log` receives what the app logs. */
export async function startTestServer(
  config: Partial<typeof TEST_CONFIG> = {},
  { log = () => undefined }: { log?: (message: string) => void } = {},
): Promise<TestServer> {
  const temp = await openTempDatabase();
  const app = createApp({ db: temp.db, config: { ...TEST_CONFIG, ...config }, log });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const { token } = await createToken(temp.db, { name: 'test admin', role: 'admin', createdBy: null });
  return {
    url,
    db: temp.db,
    dir: temp.dir,
    token,
    fetch: (path, init = {}) =>
      fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await temp.close();
    },
  };
}
