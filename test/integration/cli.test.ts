import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.js';
import { conversation, toJsonl } from '../helpers/factories.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

describe('command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('npm run ingest loads a gzipped file and prints the batch result', async () => {
    const file = join(dir, 'in.jsonl.gz');
    writeFileSync(file, gzipSync(toJsonl([conversation({ conversation_id: 'cli-1' }), { conversation_id: 'cli-bad' }])));
    const dbPath = join(dir, 'cli.duckdb');
    const { stdout, stderr } = await run(TSX, ['server/cli/ingest.ts', file], {
      cwd: ROOT,
      env: { ...process.env, TANDEM_DB: dbPath },
    });
    expect(JSON.parse(stdout)).toMatchObject({ received: 2, accepted: 1, rejected: 1, firstRejects: [{ line: 2, conversationId: 'cli-bad' }] });
    expect(stderr).toMatch(/1 record\(s\) rejected/);
    const db = await Database.open(dbPath);
    try {
      expect(await db.one(`SELECT count(*)::INTEGER AS n FROM conversations`)).toEqual({ n: 1 });
    } finally {
      await db.close();
    }
  });

  it('the server refuses a bad configuration, naming the variable', async () => {
    const error = await run(TSX, ['server/main.ts'], { cwd: ROOT, env: { ...process.env, PORT: 'eighty', TANDEM_DB: join(dir, 'x.duckdb') } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toMatch(/PORT="eighty"/);
  });

  it('a command on a database another process holds says so, and what to do', async () => {
    const dbPath = join(dir, 'held.duckdb');
    // Another process (as a running server would) holds the file open until killed.
    const holder = spawn(process.execPath, ['--input-type=module', '-e', [
      `import { DuckDBInstance } from '@duckdb/node-api';`,
      `await DuckDBInstance.create(${JSON.stringify(dbPath)});`,
      `console.log('open'); setInterval(() => undefined, 1000);`,
    ].join('\n')], { cwd: ROOT });
    try {
      await once(holder.stdout, 'data');
      const file = join(dir, 'one.jsonl');
      writeFileSync(file, toJsonl([conversation({ conversation_id: 'held-1' })]));
      const error = await run(TSX, ['server/cli/ingest.ts', file], { cwd: ROOT, env: { ...process.env, TANDEM_DB: dbPath } }).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(error).toMatchObject({ code: 1 });
      expect((error as { stderr: string }).stderr).toContain(
        `${dbPath} is open in another process (PID ${holder.pid}), and DuckDB lets one process open a database file. Stop the server`,
      );
    } finally {
      holder.kill();
    }
  });
});
