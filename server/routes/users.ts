import express, { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { USER_ROLES } from '../domain.js';
import { allow } from '../auth/middleware.js';
import { recordAudit } from '../queries/audit.js';
import { createToken, createUser, findUser, getUser, listTokens, listUsers, revokeToken, updateUser } from '../queries/users.js';
import { HttpError, NotFound, parseOr400 } from './errors.js';

/** At least 12 characters: long passphrases beat composition rules. */
const password = z.string().min(12, 'must be at least 12 characters').max(1000);
const newUser = z.object({ username: z.string().regex(/^[\w.@-]{2,64}$/, 'letters, digits, . _ @ - (2-64)'), password, role: z.enum(USER_ROLES) }).strict();
const userChange = z.object({ role: z.enum(USER_ROLES).optional(), disabled: z.boolean().optional(), password: password.optional() }).strict();
const newToken = z.object({ role: z.enum(USER_ROLES), name: z.string().min(1).max(100) }).strict();

export function usersRouter(db: Database): Router {
  const router = Router();
  const json = express.json({ limit: '16kb' });

  router.get('/users', allow('GET /users'), async (_req, res) => {
    res.json({ items: await listUsers(db) });
  });

  router.post('/users', allow('POST /users'), json, async (req, res) => {
    const body = parseOr400(newUser, req.body);
    if (await findUser(db, body.username)) throw new HttpError(409, 'conflict', `username: ${body.username} exists`, 'username');
    const user = await createUser(db, body.username, body.password, body.role);
    await recordAudit(db, { actor: req.principal!.name, action: 'user.create', entityId: user.userId, after: { username: user.username, role: user.role } });
    res.status(201).json(user);
  });

  router.patch('/users/:id', allow('PATCH /users/:id'), json, async (req, res) => {
    const change = parseOr400(userChange, req.body);
    const before = await getUser(db, String(req.params.id));
    if (!before) throw new NotFound(`No user ${req.params.id}`);
    await updateUser(db, before.userId, change);
    const after = await getUser(db, before.userId);
    await recordAudit(db, {
      actor: req.principal!.name, action: 'user.update', entityId: before.userId,
      before: { role: before.role, disabled: before.disabled }, after: { role: after!.role, disabled: after!.disabled, passwordChanged: !!change.password },
    });
    res.json(after);
  });

  router.get('/tokens', allow('GET /tokens'), async (_req, res) => {
    res.json({ items: await listTokens(db) });
  });

  router.post('/tokens', allow('POST /tokens'), json, async (req, res) => {
    const body = parseOr400(newToken, req.body);
    const created = await createToken(db, { ...body, createdBy: req.principal!.name });
    await recordAudit(db, { actor: req.principal!.name, action: 'token.create', entityId: created.tokenId, after: { name: body.name, role: body.role } });
    res.status(201).json(created);
  });

  router.delete('/tokens/:id', allow('DELETE /tokens/:id'), async (req, res) => {
    if (!(await revokeToken(db, String(req.params.id)))) throw new NotFound(`No active token ${req.params.id}`);
    await recordAudit(db, { actor: req.principal!.name, action: 'token.revoke', entityId: String(req.params.id) });
    res.status(204).end();
  });

  return router;
}
