import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { listen } from '../../server/listen.js';

describe('listen', () => {
  it('has served its own GET /api/health once by the time it resolves, then serves others', async () => {
    const app = express();
    let health = 0;
    app.get('/api/health', (_req, res) => void res.json({ status: 'ok', n: ++health }));
    const server = await listen(app, 0, '127.0.0.1');
    try {
      expect(health).toBe(1);
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(await res.json()).toEqual({ status: 'ok', n: 2 });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('rejects when the port is taken, instead of crashing the process', async () => {
    const first = await listen(express(), 0, '127.0.0.1');
    try {
      const { port } = first.address() as AddressInfo;
      await expect(listen(express(), port, '127.0.0.1')).rejects.toThrow(/EADDRINUSE/);
    } finally {
      first.closeAllConnections();
      await new Promise((resolve) => first.close(resolve));
    }
  });
});
