import express, { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { allow } from '../auth/middleware.js';
import { deleteCustomer, deleteOlderThan, MAX_RETENTION_DAYS } from '../queries/retention.js';
import { parseOr400 } from './errors.js';

const olderThanBody = z.object({ days: z.number().int().min(1).max(MAX_RETENTION_DAYS), dryRun: z.boolean().default(false) }).strict();
const customerBody = z.object({ customerId: z.string().min(1).max(1000), dryRun: z.boolean().default(false) }).strict();

/** Retention (issue 9): both answer the counts per table, deleted or (dryRun) that would be. */
export function retentionRouter(db: Database, opts: { repeatDays: number }): Router {
  const router = Router();
  const json = express.json({ limit: '16kb' });

  router.post('/retention/delete-older-than', allow('POST /retention/delete-older-than'), json, async (req, res) => {
    const { days, dryRun } = parseOr400(olderThanBody, req.body ?? {});
    res.json(await deleteOlderThan(db, { days, dryRun, actor: req.principal!.name, repeatDays: opts.repeatDays }));
  });

  router.post('/retention/delete-customer', allow('POST /retention/delete-customer'), json, async (req, res) => {
    const { customerId, dryRun } = parseOr400(customerBody, req.body ?? {});
    res.json(await deleteCustomer(db, { customerId, dryRun, actor: req.principal!.name, repeatDays: opts.repeatDays }));
  });

  return router;
}
