import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../server/app.js';
import { createToken } from '../../server/queries/users.js';
import { openTempDatabase, TEST_CONFIG, type TestServer } from './db.js';

/**
 * Like startTestServer, but everything the app logs is kept in `logs`, for tests that check
 * what reaches the log (a stack for a 500; never a secret or personal data).
 */
export async function startLoggedServer(): Promise<TestServer & { logs: string[] }> {
  const temp = await openTempDatabase();
  const logs: string[] = [];
  const app = createApp({ db: temp.db, config: TEST_CONFIG, log: (m) => logs.push(m) });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { token } = await createToken(temp.db, { name: 'test admin', role: 'admin', createdBy: null });
  return {
    url,
    db: temp.db,
    dir: temp.dir,
    token,
    logs,
    fetch: (path, init = {}) =>
      fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await temp.close();
    },
  };
}
