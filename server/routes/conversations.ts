import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { CONVERSATION_SORTS, getConversation, listConversations, listMarkets, marketCounts, type ConversationSort } from '../queries/conversations.js';
import { NotFound } from './errors.js';
import { drillFilterShape, parseQuery } from './filter-params.js';
import { pageSchema } from './paging.js';
import { allow } from '../auth/middleware.js';

const SORTS = Object.keys(CONVERSATION_SORTS) as [ConversationSort, ...ConversationSort[]];

const listShape = {
  ...drillFilterShape,
  ...pageSchema.shape,
  sort: z.enum(SORTS, { error: `must be one of ${SORTS.join(', ')}` }).default('score'),
};

export function conversationsRouter(db: Database): Router {
  const router = Router();

  router.get('/conversations', allow('GET /conversations'), async (req, res) => {
    const { sort, limit, offset, ...filters } = parseQuery(listShape, req.query, await listMarkets(db));
    res.json(await listConversations(db, filters, sort, { limit, offset }));
  });

  router.get('/markets', allow('GET /markets'), async (_req, res) => {
    res.json({ items: await marketCounts(db) });
  });

  router.get('/conversations/:id', allow('GET /conversations/:id'), async (req, res) => {
    const conversation = await getConversation(db, String(req.params.id));
    if (!conversation) throw new NotFound(`No conversation ${req.params.id}`);
    res.json(conversation);
  });

  return router;
}
