import { SESSION_COOKIE } from '../../server/auth/middleware.js';
import type { UserRole } from '../../server/domain.js';
import { createSession, createUser } from '../../server/queries/users.js';
import type { TestServer } from './server.js';

export interface E2eUser {
  username: string;
  password: string;
  userId: string;
  session: string;
  /** fetch() against the server as this user, through the dashboard's session cookie. */
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
}

export async function addUser(server: TestServer, username: string, role: UserRole): Promise<E2eUser> {
  const password = `${username}-password-123`;
  const user = await createUser(server.db, username, password, role);
  const session = await createSession(server.db, user.userId);
  return {
    username,
    password,
    userId: user.userId,
    session,
    fetch: (path, init = {}) =>
      fetch(`${server.url}${path}`, {
        ...init,
        headers: {
          cookie: `${SESSION_COOKIE}=${session}`,
          'content-type': 'application/json',
          ...(init.headers as Record<string, string>),
        },
      }),
  };
}

const VERDICTS = ['missed', 'late', 'timely', 'none'] as const;
const REASONS = ['missed_escalation', 'wrong_answer', 'tone', 'none'] as const;

/**
 * Two QA reviewers who each review the same riskiest conversations (agreeing on most, as real
 * reviewers do) and confirm or dismiss a few flags, so review quality has numbers to show.
 */
export async function seedReviews(
  server: TestServer,
  a: E2eUser,
  b: E2eUser,
  count: number,
): Promise<string[]> {
  const queue = (await (await server.fetch(`/api/review/queue?limit=${count + 40}`)).json()) as {
    items: { conversationId: string }[];
  };
  const ids = queue.items.slice(40, 40 + count).map((i) => i.conversationId);
  for (const [n, id] of ids.entries()) {
    const first = { escalationVerdict: VERDICTS[n % 4], flagReason: REASONS[n % 4] };
    const second =
      n % 5 === 0
        ? { ...first, escalationVerdict: VERDICTS[(n + 1) % 4] }
        : n % 7 === 3
          ? { ...first, flagReason: REASONS[(n + 1) % 4] }
          : first;
    await ok(a.fetch(`/api/conversations/${id}/reviews`, { method: 'POST', body: JSON.stringify(first) }));
    await ok(b.fetch(`/api/conversations/${id}/reviews`, { method: 'POST', body: JSON.stringify(second) }));
    if (n % 3 === 0) {
      const flag = (await (
        await ok(
          a.fetch(`/api/conversations/${id}/flags`, {
            method: 'POST',
            body: JSON.stringify({ reason: 'missed_escalation', note: 'Customer asked twice for a person.' }),
          }),
        )
      ).json()) as { flagId: string };
      const status = n % 2 === 0 ? 'confirmed' : 'dismissed';
      await ok(b.fetch(`/api/flags/${flag.flagId}`, { method: 'PATCH', body: JSON.stringify({ status }) }));
    }
  }
  return ids;
}

async function ok(pending: Promise<Response>): Promise<Response> {
  const response = await pending;
  if (!response.ok) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
  return response;
}
