import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { UserRole } from '../domain.js';
import { digest, hashPassword, newSecret } from '../auth/secrets.js';

export interface Principal {
  kind: 'session' | 'token';
  /** The user's id, or the token's id for API tokens. */
  id: string;
  name: string;
  role: UserRole;
}

export interface UserRow {
  userId: string;
  username: string;
  role: UserRole;
  createdAt: Date;
  disabled: boolean;
}

/** Dashboard sessions last a working day; signing in again is cheap. */
export const SESSION_HOURS = 12;

const USER_COLUMNS = `user_id AS "userId", username, role, created_at AS "createdAt", disabled`;

export async function countUsers(db: Database): Promise<number> {
  return (await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM users'))?.n ?? 0;
}

export async function listUsers(db: Database): Promise<UserRow[]> {
  return db.all<UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`);
}

export async function findUser(db: Database, username: string): Promise<(UserRow & { passwordHash: string }) | undefined> {
  return db.one(`SELECT ${USER_COLUMNS}, password_hash AS "passwordHash" FROM users WHERE username = $username`, { username });
}

export async function getUser(db: Database, userId: string): Promise<UserRow | undefined> {
  return db.one<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE user_id = $userId`, { userId });
}

export async function createUser(db: Database, username: string, password: string, role: UserRole): Promise<UserRow> {
  const hash = await hashPassword(password);
  const userId = randomUUID();
  await db.write((conn) =>
    conn.run(`INSERT INTO users VALUES ($userId, $username, $hash, $role, now()::TIMESTAMP, false)`, { userId, username, hash, role }),
  );
  return (await getUser(db, userId))!;
}

export async function updateUser(
  db: Database,
  userId: string,
  change: { role?: UserRole; disabled?: boolean; password?: string },
): Promise<void> {
  const hash = change.password ? await hashPassword(change.password) : null;
  await db.write(async (conn) => {
    await conn.run(
      `UPDATE users SET role = coalesce($role, role), disabled = coalesce($disabled, disabled),
         password_hash = coalesce($hash, password_hash) WHERE user_id = $userId`,
      { role: change.role ?? null, disabled: change.disabled ?? null, hash, userId },
    );
    // A disabled user or a new password ends every open session of that user.
    if (change.disabled || hash) await conn.run(`DELETE FROM sessions WHERE user_id = $userId`, { userId });
  });
}

export async function createSession(db: Database, userId: string): Promise<string> {
  const secret = newSecret('ses');
  await db.write((conn) =>
    conn.run(
      `INSERT INTO sessions VALUES ($hash, $userId, now()::TIMESTAMP, now()::TIMESTAMP + to_hours(${SESSION_HOURS}))`,
      { hash: digest(secret), userId },
    ),
  );
  return secret;
}

export async function deleteSession(db: Database, secret: string): Promise<void> {
  await db.write((conn) => conn.run(`DELETE FROM sessions WHERE session_hash = $hash`, { hash: digest(secret) }));
}

export async function principalForSession(db: Database, secret: string): Promise<Principal | undefined> {
  const row = await db.one<{ id: string; name: string; role: UserRole }>(
    `SELECT u.user_id AS id, u.username AS name, u.role FROM sessions s JOIN users u USING (user_id)
     WHERE s.session_hash = $hash AND s.expires_at > now()::TIMESTAMP AND NOT u.disabled`,
    { hash: digest(secret) },
  );
  return row && { kind: 'session', ...row };
}

export async function principalForToken(db: Database, secret: string): Promise<Principal | undefined> {
  const row = await db.one<{ id: string; name: string; role: UserRole }>(
    `SELECT token_id AS id, name, role FROM api_tokens WHERE token_hash = $hash AND revoked_at IS NULL`,
    { hash: digest(secret) },
  );
  return row && { kind: 'token', ...row };
}

/** Creates an API token; the secret is returned once and only its digest is kept. */
export async function createToken(
  db: Database,
  input: { name: string; role: UserRole; createdBy: string | null; secret?: string },
): Promise<{ tokenId: string; token: string; role: UserRole; name: string }> {
  const token = input.secret ?? newSecret('tdm');
  const tokenId = randomUUID();
  await db.write((conn) =>
    conn.run(`INSERT INTO api_tokens VALUES ($tokenId, $hash, $name, $role, $createdBy, now()::TIMESTAMP, NULL)`, {
      tokenId, hash: digest(token), name: input.name, role: input.role, createdBy: input.createdBy,
    }),
  );
  return { tokenId, token, role: input.role, name: input.name };
}

export async function tokenExists(db: Database, secret: string): Promise<boolean> {
  return (await db.one(`SELECT 1 AS x FROM api_tokens WHERE token_hash = $hash`, { hash: digest(secret) })) !== undefined;
}

export async function listTokens(db: Database) {
  return db.all(
    `SELECT token_id AS "tokenId", name, role, created_by AS "createdBy", created_at AS "createdAt", revoked_at AS "revokedAt"
     FROM api_tokens ORDER BY created_at DESC`,
  );
}

export async function revokeToken(db: Database, tokenId: string): Promise<boolean> {
  return db.write(async (conn) => {
    const result = await conn.run(
      `UPDATE api_tokens SET revoked_at = now()::TIMESTAMP WHERE token_id = $tokenId AND revoked_at IS NULL`,
      { tokenId },
    );
    return Number(result.rowsChanged) > 0;
  });
}
