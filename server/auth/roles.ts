import { USER_ROLES, type UserRole } from '../domain.js';

/** Each role can do everything the roles before it can: viewer < reviewer < manager < admin. */
export function roleAtLeast(role: UserRole, required: UserRole): boolean {
  return USER_ROLES.indexOf(role) >= USER_ROLES.indexOf(required);
}

/**
 * Every API route and the least role it needs, in one place (SPEC 6, issue 6). `public` needs no
 * credentials. Routers attach `allow('<METHOD> <path>')`, which reads this table, and a test
 * calls every entry with every role and with none.
 */
export const ROUTE_ROLES = {
  'GET /health': 'public',
  'POST /auth/login': 'public',
  'POST /auth/logout': 'public',
  'GET /auth/me': 'viewer',
  'GET /metrics': 'viewer',
  'GET /metrics/series': 'viewer',
  'GET /conversations': 'viewer',
  'GET /conversations/:id': 'viewer',
  'GET /markets': 'viewer',
  'GET /ingest/batches': 'viewer',
  'GET /ingest/batches/:id/rejects': 'viewer',
  'POST /ingest': 'admin',
  'POST /rescore': 'admin',
  'POST /retention/delete-older-than': 'admin',
  'POST /retention/delete-customer': 'admin',
  'GET /review/queue': 'viewer',
  'GET /review/quality': 'viewer',
  'GET /review/mine': 'reviewer',
  'POST /review/assignments': 'manager',
  'GET /conversations/:id/flags': 'viewer',
  'POST /conversations/:id/flags': 'reviewer',
  'PATCH /flags/:id': 'reviewer',
  'GET /conversations/:id/overrides': 'viewer',
  'POST /conversations/:id/overrides': 'reviewer',
  'POST /conversations/:id/reviews': 'reviewer',
  'GET /conversations/:id/audit': 'viewer',
  'GET /audit': 'manager',
  'GET /reports/weekly': 'viewer',
  'GET /users': 'admin',
  'POST /users': 'admin',
  'PATCH /users/:id': 'admin',
  'GET /tokens': 'admin',
  'POST /tokens': 'admin',
  'DELETE /tokens/:id': 'admin',
} as const satisfies Record<string, UserRole | 'public'>;

export type RouteKey = keyof typeof ROUTE_ROLES;
