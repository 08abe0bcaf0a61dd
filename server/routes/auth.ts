import express, { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { allow, readCookie, SESSION_COOKIE, Unauthorized } from '../auth/middleware.js';
import { verifyPassword } from '../auth/secrets.js';
import { createSession, deleteSession, findUser, SESSION_HOURS } from '../queries/users.js';
import { HttpError, parseOr400 } from './errors.js';

const loginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) });

/** Failed sign-ins allowed per username and address in a window, before answering 429. */
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 15 * 60 * 1000;

class LoginLimiter {
  private failures = new Map<string, number[]>();

  blocked(key: string, now = Date.now()): boolean {
    const recent = (this.failures.get(key) ?? []).filter((t) => now - t < FAILURE_WINDOW_MS);
    this.failures.set(key, recent);
    return recent.length >= MAX_FAILURES;
  }

  fail(key: string): void {
    this.failures.set(key, [...(this.failures.get(key) ?? []), Date.now()]);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}

export function authRouter(db: Database, opts: { secureCookies: boolean }): Router {
  const router = Router();
  const limiter = new LoginLimiter();

  router.post('/auth/login', allow('POST /auth/login'), express.json({ limit: '16kb' }), async (req, res) => {
    const { username, password } = parseOr400(loginBody, req.body);
    const key = `${username}|${req.ip}`;
    if (limiter.blocked(key)) throw new HttpError(429, 'too_many_attempts', 'Too many failed sign-ins; wait 15 minutes');
    const user = await findUser(db, username);
    // The same answer and roughly the same time whether the user exists or not.
    const ok = user && !user.disabled ? await verifyPassword(password, user.passwordHash) : await verifyPassword(password, 'scrypt$32768$8$1$AAAA$AAAA');
    if (!ok || !user) {
      limiter.fail(key);
      throw new HttpError(401, 'bad_credentials', 'Wrong username or password');
    }
    limiter.clear(key);
    const secret = await createSession(db, user.userId);
    res.cookie(SESSION_COOKIE, secret, {
      httpOnly: true, sameSite: 'strict', secure: opts.secureCookies, path: '/', maxAge: SESSION_HOURS * 3600 * 1000,
    });
    res.json({ username: user.username, role: user.role });
  });

  router.post('/auth/logout', allow('POST /auth/logout'), async (req, res) => {
    const secret = readCookie(req, SESSION_COOKIE);
    if (secret) await deleteSession(db, secret);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/auth/me', allow('GET /auth/me'), (req, res) => {
    if (!req.principal) throw new Unauthorized();
    res.json({ name: req.principal.name, role: req.principal.role, kind: req.principal.kind });
  });

  return router;
}
