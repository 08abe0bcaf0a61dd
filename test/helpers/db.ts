import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { createApp } from '../../server/app.js';
import { Database } from '../../server/db/database.js';

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
  close: () => Promise<void>;
}

export const TEST_CONFIG = { repeatDays: 7, maxIngestBytes: 64 * 1024 * 1024 };

/** The real app over a real DuckDB file, listening on an ephemeral loopback port. */
export async function startTestServer(config: Partial<typeof TEST_CONFIG> = {}): Promise<TestServer> {
  const temp = await openTempDatabase();
  const app = createApp({ db: temp.db, config: { ...TEST_CONFIG, ...config }, log: () => undefined });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db: temp.db,
    dir: temp.dir,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await temp.close();
    },
  };
}
