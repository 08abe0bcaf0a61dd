import type { Request, RequestHandler } from 'express';
import type { Database } from '../db/database.js';
import { principalForSession, principalForToken, type Principal } from '../queries/users.js';
import { HttpError } from '../routes/errors.js';
import { ROUTE_ROLES, roleAtLeast, type RouteKey } from './roles.js';

export const SESSION_COOKIE = 'tandem_session';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

export class Unauthorized extends HttpError {
  constructor() {
    super(401, 'unauthorized', 'Sign in, or send an API token as "Authorization: Bearer <token>"');
  }
}

export class Forbidden extends HttpError {
  constructor(required: string) {
    super(403, 'forbidden', `This needs the ${required} role or higher`);
  }
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Resolves who is calling, from a bearer token or the dashboard's session cookie; decides nothing. */
export function authenticate(db: Database): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      req.principal = await principalForToken(db, header.slice(7).trim());
      // A wrong token is an error even where a session cookie would also be sent.
      if (!req.principal) throw new Unauthorized();
    } else {
      const session = readCookie(req, SESSION_COOKIE);
      if (session) req.principal = await principalForSession(db, session);
    }
    next();
  };
}

/** The gate for one route: its least role comes from ROUTE_ROLES, never from the router. */
export function allow(route: RouteKey): RequestHandler {
  const required = ROUTE_ROLES[route];
  return (req, _res, next) => {
    if (required === 'public') return next();
    if (!req.principal) throw new Unauthorized();
    if (!roleAtLeast(req.principal.role, required)) throw new Forbidden(required);
    next();
  };
}

/** Unknown /api routes: 401 without credentials (nothing is revealed), else 404. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  if (!req.principal) throw new Unauthorized();
  next(new HttpError(404, 'not_found', `No route for ${req.method} ${req.path}`));
};
