/**
 * Crash safety (issue 9): the real server and the real rescore command run as child processes
 * and are killed with SIGKILL at random moments. After every kill the database must open, no
 * batch may be half-stored, every acknowledged batch must be complete, and re-sending the
 * interrupted batch must make the data whole. A rescore killed mid-run must leave every
 * conversation scored whole by one version or the other (it publishes slice by slice), and
 * `--stale` must finish the rest.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateConversations } from '../../data/generator/index.js';
import { Database } from '../../server/db/database.js';
import { SCORING_VERSION } from '../../server/scoring/index.js';
import { startServerProcess } from '../helpers/server-process.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TOKEN = 'crash-test-admin-token-0123456789';
const KILLS = 20;
/** Small batches keep the 20 rounds quick; large ones go through the same two phases. */
const BATCH_SIZE = 800;

/** A seeded random source, so a failing run can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

/** Batch k: generated demo conversations with ids unique to the batch, and its message count. */
function batchBody(k: number): { body: string; messages: number } {
  let messages = 0;
  const lines: string[] = [];
  for (const record of generateConversations({ conversations: BATCH_SIZE, weeks: 2, seed: 1000 + k })) {
    const r = record as { conversation_id: string; messages: unknown[] };
    messages += r.messages.length;
    lines.push(JSON.stringify({ ...r, conversation_id: `b${k}-${r.conversation_id}` }));
  }
  return { body: `${lines.join('\n')}\n`, messages };
}

function childEnv(dbPath: string): NodeJS.ProcessEnv {
  return {
    ...process.env, TANDEM_DB: dbPath, TANDEM_DEMO: 'off', PORT: '0', HOST: '127.0.0.1',
    TANDEM_INIT_ADMIN_TOKEN: TOKEN, DOTENV_CONFIG_QUIET: 'true',
  };
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

async function api<T>(url: string, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${url}/api${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, ...init.headers } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const storedCount = (url: string) => api<{ conversations: number }>(url, '/metrics').then((m) => m.conversations);

describe('crash safety under SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-crash-'));
  const dbPath = join(dir, 'crash.duckdb');
  const batches = new Map<number, { body: string; messages: number }>();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`ingestion: ${KILLS} kills at random moments lose no acknowledged batch and half-store none`, async () => {
    const rand = random(7);
    let acknowledged = 0; // conversations in acknowledged batches
    let nextBatch = 0;
    let interrupted: number | null = null;
    let killedMidRequest = 0;
    for (let round = 0; round <= KILLS; round += 1) {
      const { child, url } = await startServerProcess(childEnv(dbPath));
      // The database opened; an interrupted batch is stored whole or not at all.
      const count = await storedCount(url);
      const allowed = interrupted === null ? [acknowledged] : [acknowledged, acknowledged + BATCH_SIZE];
      expect(allowed, `round ${round}: ${count} conversations stored`).toContain(count);
      const loading = await api<{ items: { status: string }[] }>(url, '/ingest/batches?limit=200');
      expect(loading.items.filter((b) => b.status === 'loading')).toEqual([]);
      if (interrupted !== null) {
        // Re-sending the interrupted batch makes the data whole, whether or not it had been published.
        await api(url, '/ingest', { method: 'POST', body: batches.get(interrupted)!.body, headers: { 'content-type': 'application/x-ndjson' } });
        acknowledged += BATCH_SIZE;
        expect(await storedCount(url)).toBe(acknowledged);
      }
      if (round === KILLS) {
        await killed(child);
        break;
      }
      const killAfter = 100 + rand() * 1_500;
      const timer = setTimeout(() => child.kill('SIGKILL'), killAfter);
      for (;;) {
        const k = nextBatch;
        if (!batches.has(k)) batches.set(k, batchBody(k));
        try {
          await api(url, '/ingest', { method: 'POST', body: batches.get(k)!.body, headers: { 'content-type': 'application/x-ndjson' } });
          acknowledged += BATCH_SIZE;
          nextBatch += 1;
        } catch {
          interrupted = k;
          nextBatch += 1;
          killedMidRequest += 1;
          break;
        }
      }
      clearTimeout(timer);
      await killed(child);
    }
    expect(killedMidRequest).toBe(KILLS);

    // Every batch is complete down to its messages.
    const db = await Database.open(dbPath);
    try {
      const rows = await db.all<{ batch: number; conversations: number; messages: number }>(
        `SELECT split_part(conversation_id, '-', 1)[2:]::INTEGER AS batch, count(DISTINCT conversation_id)::INTEGER AS conversations,
           count(*)::INTEGER AS messages
         FROM messages GROUP BY ALL ORDER BY batch`,
      );
      expect(rows.map((r) => r.batch)).toEqual([...Array(nextBatch).keys()]);
      for (const r of rows) expect(r).toEqual({ batch: r.batch, conversations: BATCH_SIZE, messages: batches.get(r.batch)!.messages });
      expect(await db.one(`SELECT count(*)::INTEGER AS n FROM conversation_facts`)).toEqual({ n: nextBatch * BATCH_SIZE });
      expect(await db.one(`SELECT count(*)::INTEGER AS n FROM stage_conversations`)).toEqual({ n: 0 });
    } finally {
      await db.close();
    }
  }, 600_000);

  it(`rescore: ${KILLS} kills mid-run leave every conversation scored whole by one version, and --stale finishes the rest`, async () => {
    const rand = random(11);
    const STALE = '0.0.0-stale';
    /** Small slices, so that a run publishes several (one per day here) and kills land between them. */
    const SLICE = '1000';
    const stateOf = async () => {
      const db = await Database.open(dbPath);
      try {
        return (await db.one<{ conversations: number; scores: number; ids: number; stale: number; current: number; triggers: number; factsDiffer: number }>(
          `SELECT (SELECT count(*) FROM conversations)::INTEGER AS conversations, count(*)::INTEGER AS scores,
             count(DISTINCT conversation_id)::INTEGER AS ids,
             count(*) FILTER (WHERE scoring_version = $stale AND escalation_score = -1)::INTEGER AS stale,
             count(*) FILTER (WHERE scoring_version = $current AND escalation_score >= 0)::INTEGER AS current,
             (SELECT count(*) FROM triggers)::INTEGER AS triggers,
             (SELECT count(*) FROM conversation_facts f JOIN conversation_scores x USING (conversation_id)
              WHERE f.scoring_version <> x.scoring_version OR f.escalation_score <> x.escalation_score)::INTEGER AS "factsDiffer"
           FROM conversation_scores`,
          { stale: STALE, current: SCORING_VERSION },
        ))!;
      } finally {
        await db.close();
      }
    };
    const makeStale = async () => {
      const db = await Database.open(dbPath);
      for (const table of ['conversation_scores', 'conversation_facts']) {
        await db.write((conn) => conn.run(`UPDATE ${table} SET scoring_version = $v, escalation_score = -1`, { v: STALE }));
      }
      await db.close();
    };
    await makeStale();
    const before = await stateOf();
    expect(before).toMatchObject({ stale: before.conversations, scores: before.conversations, factsDiffer: 0 });

    let stale = before.stale;
    for (let kill = 0; kill < KILLS; kill += 1) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/rescore.ts', '--slice', SLICE], { cwd: ROOT, env: childEnv(dbPath) });
      // Kill after the first or second progress line (the second comes after the first slice is
      // published), so every kill lands inside the run.
      const afterLines = 1 + Math.floor(rand() * 2);
      let lines = 0;
      let completed = false;
      child.stdout!.on('data', () => (completed = true));
      await new Promise<void>((done) => {
        child.stderr!.on('data', (d: Buffer) => {
          lines += (d.toString().match(/^rescored /gm) ?? []).length;
          if (lines >= afterLines) setTimeout(() => child.kill('SIGKILL'), rand() * 200);
        });
        child.once('exit', () => done());
      });
      expect(completed, `kill ${kill} came after the rescore finished`).toBe(false);
      // Every conversation has one score row, of one version or the other, with its triggers,
      // and its facts row agrees with it (published in the same transaction).
      const state = await stateOf();
      expect(state).toEqual({ ...before, stale: state.stale, current: before.conversations - state.stale });
      expect(state.stale).toBeLessThanOrEqual(stale);
      stale = state.stale;
    }
    // Kills after the second progress line come after a slice was published.
    expect(stale).toBeLessThan(before.conversations);

    const finish = spawn(process.execPath, ['--import', 'tsx', 'server/cli/rescore.ts', '--stale', '--slice', SLICE], { cwd: ROOT, env: childEnv(dbPath) });
    let output = '';
    let errors = '';
    finish.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    finish.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
    expect(await new Promise((r) => finish.once('exit', r)), errors).toBe(0);
    expect(JSON.parse(output)).toMatchObject({ conversations: stale, scoringVersion: SCORING_VERSION });
    expect(await stateOf()).toEqual({ ...before, stale: 0, current: before.conversations });
  }, 600_000);
});
