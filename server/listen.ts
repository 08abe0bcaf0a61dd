import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/**
 * Listens on `port` (0: any free port), then sends the server one request of its own,
 * `GET /api/health`, before resolving. The first request a Node process serves compiles Node's
 * HTTP parser and Express's routing, middleware and JSON paths: ~40 ms on this machine (measured
 * over HTTP on the month's database, BENCHMARKS.md), which would otherwise fall on the first user
 * after every restart. The database warm-up (warm-up.ts) has already run by then.
 */
export async function listen(app: Express, port: number, host: string): Promise<Server> {
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const { port: bound } = server.address() as AddressInfo;
  const local = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  // A failed warm-up request only means the first user pays for it.
  await fetch(`http://${local.includes(':') ? `[${local}]` : local}:${bound}/api/health`).then((res) => res.arrayBuffer(), () => undefined);
  return server;
}
