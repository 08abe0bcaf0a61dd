import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { Database } from '../db/database.js';
import { USER_ROLES } from '../domain.js';
import { recordAudit } from '../queries/audit.js';
import { createToken, createUser, findUser, listTokens, listUsers, revokeToken, updateUser } from '../queries/users.js';

const USAGE = `Usage: npm run users -- <command>
  list                                  users and their roles
  add <username> <role>                 create a user (roles: ${USER_ROLES.join(', ')}); asks for the password
  passwd <username>                     set a new password (ends the user's sessions)
  role <username> <role>                change a user's role
  disable <username> | enable <username>
  token create <name> <role>            print a new API token (shown once)
  token list | token revoke <token-id>
Passwords are read from the terminal without echo, or from the first line of standard input.
Database: TANDEM_DB.`;

const role = z.enum(USER_ROLES, { error: `role must be one of ${USER_ROLES.join(', ')}` });
const newPassword = z.string().min(12, 'password must be at least 12 characters');

/** Reads a password without echoing it on a terminal; from a pipe, the first line. */
async function readPassword(prompt: string): Promise<string> {
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const tty = process.stdin.isTTY;
  if (tty) process.stderr.write(prompt);
  const rl = createInterface({ input: process.stdin, output: tty ? muted : undefined, terminal: tty });
  const line = await new Promise<string>((resolve) => rl.once('line', resolve).once('close', () => resolve('')));
  rl.close();
  if (tty) process.stderr.write('\n');
  return newPassword.parse(line.trim());
}

async function userId(db: Database, username: string | undefined): Promise<string> {
  const user = username ? await findUser(db, username) : undefined;
  if (!user) throw new Error(`No user ${username ?? '(missing)'}\n${USAGE}`);
  return user.userId;
}

async function run(db: Database, [command, a, b, c]: string[]): Promise<void> {
  const audit = (action: string, entityId: string, after?: unknown) => recordAudit(db, { actor: 'cli', action, entityId, after });
  switch (command) {
    case 'list':
      return console.table((await listUsers(db)).map(({ username, role: r, disabled, createdAt }) => ({ username, role: r, disabled, createdAt })));
    case 'add': {
      if (!a) throw new Error(USAGE);
      const r = role.parse(b);
      const user = await createUser(db, a, await readPassword(`Password for ${a}: `), r);
      await audit('user.create', user.userId, { username: a, role: r });
      return console.log(`Created ${a} (${r}).`);
    }
    case 'passwd': {
      const id = await userId(db, a);
      await updateUser(db, id, { password: await readPassword(`New password for ${a}: `) });
      await audit('user.update', id, { passwordChanged: true });
      return console.log(`Password of ${a} changed; its sessions were ended.`);
    }
    case 'role': {
      const id = await userId(db, a);
      await updateUser(db, id, { role: role.parse(b) });
      await audit('user.update', id, { role: b });
      return console.log(`${a} is now ${b}.`);
    }
    case 'disable':
    case 'enable': {
      const id = await userId(db, a);
      await updateUser(db, id, { disabled: command === 'disable' });
      await audit('user.update', id, { disabled: command === 'disable' });
      return console.log(`${a} ${command}d.`);
    }
    case 'token':
      if (a === 'list') return console.table(await listTokens(db));
      if (a === 'create' && b) {
        const created = await createToken(db, { name: b, role: role.parse(c), createdBy: 'cli' });
        await audit('token.create', created.tokenId, { name: b, role: c });
        return console.log(`Token ${created.tokenId} (${created.role}); it is shown only now:\n${created.token}`);
      }
      if (a === 'revoke' && b) {
        if (!(await revokeToken(db, b))) throw new Error(`No active token ${b}`);
        await audit('token.revoke', b);
        return console.log(`Token ${b} revoked.`);
      }
      throw new Error(USAGE);
    default:
      throw new Error(USAGE);
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await Database.open(config.dbPath, { memoryLimit: config.dbMemory });
  try {
    await run(db, process.argv.slice(2));
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof z.ZodError ? error.issues.map((i) => i.message).join('\n') : error instanceof Error ? error.message : error);
  process.exit(1);
});
