import { Router } from 'express';
import type { Database } from '../db/database.js';
import { allow } from '../auth/middleware.js';

export function healthRouter(db: Database): Router {
  const router = Router();
  router.get('/health', allow('GET /health'), async (_req, res) => {
    await db.one('SELECT 1 AS ok');
    res.json({ status: 'ok' });
  });
  return router;
}
