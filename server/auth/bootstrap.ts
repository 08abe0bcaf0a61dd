import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Database } from '../db/database.js';
import { countUsers, createToken, createUser, tokenExists } from '../queries/users.js';

export const INITIAL_ADMIN = 'admin';
export const INITIAL_PASSWORD_FILE = 'tandem-initial-admin-password.txt';

/**
 * First start: with no users, create `admin` with a random password. The password is written to
 * a file beside the database, readable only by its owner, and never printed or logged: the log
 * says where to find it. There is no default password in the code.
 */
export async function ensureInitialAdmin(db: Database, dbPath: string, log: (m: string) => void): Promise<void> {
  if ((await countUsers(db)) > 0) return;
  const password = randomBytes(18).toString('base64url');
  await createUser(db, INITIAL_ADMIN, password, 'admin');
  const file = resolve(dbPath === ':memory:' ? '.' : dirname(dbPath), INITIAL_PASSWORD_FILE);
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  log(
    `Created the first user "${INITIAL_ADMIN}" (role admin). Its password is in ${join(file)} (readable only by you).\n` +
      `Sign in with it, then change it: npm run users -- passwd ${INITIAL_ADMIN}, and delete that file.`,
  );
}

/** SPEC 9: TANDEM_INIT_ADMIN_TOKEN makes an admin API token with that value exist, for automation. */
export async function ensureInitToken(db: Database, token: string | undefined): Promise<void> {
  if (!token || (await tokenExists(db, token))) return;
  await createToken(db, { name: 'TANDEM_INIT_ADMIN_TOKEN', role: 'admin', createdBy: null, secret: token });
}
