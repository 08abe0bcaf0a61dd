import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { ESCALATION_STATUSES, FLAG_REASONS, FLAG_STATUSES, OVERRIDE_FIELDS, type OverrideField } from '../domain.js';
import { allow } from '../auth/middleware.js';
import { listAudit } from '../queries/audit.js';
import { listMarkets } from '../queries/conversations.js';
import { reviewQuality } from '../queries/review-quality.js';
import {
  addOverride, assign, conversationExists, createFlag, listFlags, listOverrides, myReviews, reviewQueue, saveReview, setFlagStatus,
} from '../queries/review.js';
import { findUser } from '../queries/users.js';
import { toCsv } from '../reports/csv.js';
import { InvalidRequest, NotFound, parseOr400 } from './errors.js';
import { baseFilterShape, parseQuery } from './filter-params.js';
import { pageSchema } from './paging.js';

const flagBody = z.object({ reason: z.enum(FLAG_REASONS), note: z.string().max(5000).default('') }).strict();
const statusBody = z.object({ status: z.enum(FLAG_STATUSES) }).strict();
const overrideBody = z.object({ field: z.enum(Object.keys(OVERRIDE_FIELDS) as [OverrideField]), value: z.string(), reason: z.string().min(1, 'say why').max(2000) }).strict();
const reviewBody = z.object({ escalationVerdict: z.enum(ESCALATION_STATUSES), flagReason: z.enum([...FLAG_REASONS, 'none']) }).strict();
const assignBody = z.object({ conversationIds: z.array(z.string().min(1)).min(1).max(1000), reviewer: z.string().min(1) }).strict();
const queueShape = {
  ...baseFilterShape,
  ...pageSchema.shape,
  mode: z.enum(['risk', 'random']).default('risk'),
  seed: z.coerce.number().int().min(0).default(1),
  assignee: z.string().max(100).optional(),
  unreviewed: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
};
const auditQuery = z.object({ format: z.enum(['json', 'csv']).default('json'), conversationId: z.string().optional(), ...pageSchema.shape, limit: z.coerce.number().int().min(1).max(100_000).default(10_000) });

export function reviewRouter(db: Database): Router {
  const router = Router();
  const json = express.json({ limit: '64kb' });
  const actor = (req: Request) => ({ id: req.principal!.id, name: req.principal!.name });
  const conversationId = async (req: Request) => {
    const id = String(req.params.id);
    if (!(await conversationExists(db, id))) throw new NotFound(`No conversation ${id}`);
    return id;
  };

  router.get('/review/queue', allow('GET /review/queue'), async (req, res) => {
    const { mode, seed, assignee, unreviewed, limit, offset, ...filters } = parseQuery(queueShape, req.query, await listMarkets(db));
    let assigneeId: string | null = null;
    if (assignee === 'me') assigneeId = req.principal!.id;
    else if (assignee) assigneeId = (await findUser(db, assignee))?.userId ?? null;
    if (assignee && !assigneeId) throw new InvalidRequest(`assignee: no user ${assignee}`, 'assignee');
    res.json(await reviewQueue(db, filters, { mode, seed, assignee: assigneeId, unreviewedOnly: unreviewed }, { limit, offset }));
  });

  router.get('/review/quality', allow('GET /review/quality'), async (_req, res) => {
    res.json(await reviewQuality(db));
  });

  router.get('/review/mine', allow('GET /review/mine'), async (req, res) => {
    res.json(await myReviews(db, actor(req), parseOr400(pageSchema, req.query)));
  });

  router.post('/review/assignments', allow('POST /review/assignments'), json, async (req, res) => {
    const body = parseOr400(assignBody, req.body);
    const reviewer = await findUser(db, body.reviewer);
    if (!reviewer || reviewer.disabled) throw new InvalidRequest(`reviewer: no active user ${body.reviewer}`, 'reviewer');
    for (const id of body.conversationIds) if (!(await conversationExists(db, id))) throw new InvalidRequest(`conversationIds: no conversation ${id}`, 'conversationIds');
    await assign(db, req.principal!.name, body.conversationIds, reviewer);
    res.status(201).json({ assigned: body.conversationIds.length, reviewer: reviewer.username });
  });

  router.get('/conversations/:id/flags', allow('GET /conversations/:id/flags'), async (req, res) => {
    res.json({ items: await listFlags(db, await conversationId(req)) });
  });

  router.post('/conversations/:id/flags', allow('POST /conversations/:id/flags'), json, async (req, res) => {
    const { reason, note } = parseOr400(flagBody, req.body);
    res.status(201).json(await createFlag(db, req.principal!.name, await conversationId(req), reason, note));
  });

  router.patch('/flags/:id', allow('PATCH /flags/:id'), json, async (req, res) => {
    const { status } = parseOr400(statusBody, req.body);
    const flag = await setFlagStatus(db, req.principal!.name, String(req.params.id), status);
    if (!flag) throw new NotFound(`No flag ${req.params.id}`);
    res.json(flag);
  });

  router.get('/conversations/:id/overrides', allow('GET /conversations/:id/overrides'), async (req, res) => {
    res.json({ items: await listOverrides(db, await conversationId(req)) });
  });

  router.post('/conversations/:id/overrides', allow('POST /conversations/:id/overrides'), json, async (req, res) => {
    const { field, value, reason } = parseOr400(overrideBody, req.body);
    const allowed: readonly string[] = OVERRIDE_FIELDS[field];
    if (!allowed.includes(value)) throw new InvalidRequest(`value: must be one of ${allowed.join(', ')} for ${field}`, 'value');
    const id = await conversationId(req);
    await addOverride(db, req.principal!.name, id, field, value, reason);
    res.status(201).json({ items: await listOverrides(db, id) });
  });

  router.post('/conversations/:id/reviews', allow('POST /conversations/:id/reviews'), json, async (req, res) => {
    const { escalationVerdict, flagReason } = parseOr400(reviewBody, req.body);
    await saveReview(db, actor(req), await conversationId(req), escalationVerdict, flagReason);
    res.status(201).json({ conversationId: req.params.id, escalationVerdict, flagReason });
  });

  router.get('/conversations/:id/audit', allow('GET /conversations/:id/audit'), async (req, res) => {
    const page = parseOr400(pageSchema, req.query);
    res.json({ items: await listAudit(db, { conversationId: await conversationId(req), ...page }) });
  });

  router.get('/audit', allow('GET /audit'), async (req, res) => {
    const { format, conversationId: id, limit, offset } = parseOr400(auditQuery, req.query);
    const items = await listAudit(db, { conversationId: id, limit, offset });
    if (format === 'json') return void res.json({ items });
    res.type('text/csv').attachment('tandem-audit.csv').send(toCsv(items as Record<string, unknown>[]));
  });

  return router;
}
