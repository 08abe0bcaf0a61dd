import { startTestServer, type TestServer } from './db.js';

/**
 * Like startTestServer, but everything the app logs is kept in `logs`, for tests that check
 * what reaches the log (a stack for a 500; never a secret or personal data).
 */
export async function startLoggedServer(): Promise<TestServer & { logs: string[] }> {
  const logs: string[] = [];
  const server = await startTestServer({}, { log: (message) => logs.push(message) });
  return { ...server, logs };
}
