import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'tandem-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function generate(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', 'data/generate.ts', ...args], { cwd: ROOT });
}

async function failure(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await generate(...args);
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { code, stderr };
  }
  throw new Error('expected the command to fail');
}

describe('generate CLI', () => {
  it('writes JSONL, and gzip when the name ends .gz, with the same content', async () => {
    const plain = join(dir, 'a.jsonl');
    const zipped = join(dir, 'a.jsonl.gz');
    await generate('--conversations', '300', '--weeks', '2', '--seed', '5', '--out', plain);
    await generate('--conversations', '300', '--weeks', '2', '--seed', '5', '--out', zipped);
    const text = readFileSync(plain, 'utf8');
    expect(text.trim().split('\n')).toHaveLength(300);
    expect(gunzipSync(readFileSync(zipped)).toString('utf8')).toBe(text);
  });

  it('writes CSV to stdout with --out -', async () => {
    const { stdout } = await generate(
      '--conversations',
      '20',
      '--weeks',
      '1',
      '--format',
      'csv',
      '--out',
      '-',
    );
    expect(stdout.split('\n')[0]).toBe(
      'conversation_id,started_at,ts,role,text,agent_id,customer_id,tier,channel,market,language,topic,csat',
    );
  });

  it('rejects bad arguments with a message naming the flag', async () => {
    const notNumber = await failure('--conversations', 'many');
    expect(notNumber.code).toBe(2);
    expect(notNumber.stderr).toMatch(/--conversations must be a whole number/);
    expect((await failure('--format', 'xml')).stderr).toMatch(/--format must be jsonl or csv/);
    expect((await failure('--end-date', '2025-02-30')).stderr).toMatch(/--end-date/);
    expect((await failure('--bogus', '1')).stderr).toMatch(/bogus/);
  });
});
