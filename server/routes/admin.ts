import express, { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { rescore } from '../ingest/rescore.js';
import { parseOr400 } from './errors.js';
import { allow } from '../auth/middleware.js';

const rescoreBody = z.object({ stale: z.boolean().default(false) }).strict();

export function adminRouter(db: Database): Router {
  const router = Router();
  /** Rescores every conversation (or only those of another scoring version) with the current scoring. */
  router.post('/rescore', allow('POST /rescore'), express.json({ limit: '16kb' }), async (req, res) => {
    const { stale } = parseOr400(rescoreBody, req.body ?? {});
    const started = Date.now();
    const result = await rescore(db, { onlyStale: stale });
    res.json({ ...result, seconds: (Date.now() - started) / 1000 });
  });
  return router;
}
