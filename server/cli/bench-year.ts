/**
 * Dashboard latency at a year's volume (issue 8: about 40 million conversations, p95 under
 * 250 ms), measured with conversation-level data built from a month the benchmark kept:
 *
 *   npm run bench -- --month --keep /tmp/month         (once: 3.5M conversations, ~45 min)
 *   npm run bench:year -- --from /tmp/month/tandem.duckdb [--out /tmp/year] [--rounds 10]
 *
 * The month's database is copied and its conversation-level tables, `conversation_facts` and
 * every rollup table, are copied `--copies` more times (default 11: 12 x 3.5M = 42M), each 28
 * days earlier than the last (whole ISO weeks, so week rollups stay whole) with new ids and id
 * keys. Messages, message scores and triggers are not copied: no dashboard request reads them in
 * bulk (a conversation's detail reads one conversation's, and the details measured are the
 * month's own conversations, now found among 42M id keys). Then the month benchmark's request
 * plan runs against a server over the copy, with the server's default DuckDB memory cap; the
 * copying itself gets more (DuckDB maintains the id_key index in memory while inserting).
 * Results go to BENCHMARKS.md under "A year".
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Database, DEFAULT_MEMORY_LIMIT } from '../db/database.js';
import { idKeySql } from '../db/facts.js';
import { benchConversationId } from './bench-data.js';
import { DETAIL_IDS, measureLatency, randomConversationIds, requestPlan, type LatencyResults } from './bench-latency.js';
import { latencySection } from './bench-report.js';
import { formatCount, verdict } from './bench-stats.js';
import { machineDescription, writeBenchmarkSection } from './benchmarks-file.js';

/** Issue 8: every dashboard request at a year's volume. */
const YEAR_P95_MS = 250;
const SHIFT_DAYS = 28;
const SEED = 42;

const ArgsSchema = z.object({
  from: z.string().min(1),
  out: z.string().min(1).optional(),
  copies: z.coerce.number().int().min(1).max(20).default(11),
  rounds: z.coerce.number().int().min(1).default(10),
  warmup: z.coerce.number().int().min(0).default(2),
  'cold-starts': z.coerce.number().int().min(1).default(2),
  'build-memory': z.string().default('8GB'),
});

const USAGE = `Usage: npm run bench:year -- --from <month db kept by npm run bench -- --month --keep DIR>
  [--out DIR (kept; default a temp dir, removed)] [--copies 11] [--rounds 10] [--warmup 2] [--cold-starts 2] [--build-memory 8GB]`;

interface Year {
  /** The month's own conversations (those with messages). */
  monthConversations: number;
  conversations: number;
  first: string;
  last: string;
}

/** Copies the month's facts rows and rollup rows `copies` times, each SHIFT_DAYS earlier. */
async function buildYear(path: string, copies: number, memoryLimit: string, log: (m: string) => void): Promise<Year> {
  const db = await Database.open(path, { memoryLimit });
  try {
    const month = (await db.one<{ first: string; conversations: number }>(
      `SELECT min(started_at)::DATE::VARCHAR AS first, count(*)::INTEGER AS conversations FROM conversation_facts`,
    ))!;
    const rollups = (await db.all<{ name: string; type: string }>(
      `SELECT table_name AS name, data_type AS type FROM duckdb_columns()
       WHERE table_name LIKE 'rollup%' AND column_name = 'period' AND NOT internal ORDER BY table_name`,
    )).filter((t) => /^rollup[a-z_]*$/.test(t.name));
    for (let k = 1; k <= copies; k += 1) {
      const shift = `INTERVAL ${SHIFT_DAYS * k} DAY`;
      const id = `'y${k}-' || conversation_id`;
      await db.transaction(async (conn) => {
        await conn.run(
          `INSERT INTO conversation_facts SELECT * REPLACE (${id} AS conversation_id, started_at - ${shift} AS started_at,
             ended_at - ${shift} AS ended_at, handoff_at - ${shift} AS handoff_at, last_message_at - ${shift} AS last_message_at,
             ${idKeySql(id)} AS id_key)
           FROM conversation_facts WHERE started_at >= $first::DATE ORDER BY started_at`,
          { first: month.first },
        );
        for (const t of rollups) {
          const period = t.type === 'DATE' ? `(period - ${shift})::DATE` : `period - ${shift}`;
          await conn.run(`INSERT INTO ${t.name} SELECT * REPLACE (${period} AS period) FROM ${t.name} WHERE period >= $first::DATE`, { first: month.first });
        }
      });
      log(`  copy ${k}/${copies} of the month written`);
    }
    await db.write((conn) => conn.run('CHECKPOINT'));
    const year = (await db.one<Omit<Year, 'monthConversations'>>(
      `SELECT count(*)::INTEGER AS conversations, min(started_at)::DATE::VARCHAR AS first, max(started_at)::DATE::VARCHAR AS last FROM conversation_facts`,
    ))!;
    return { ...year, monthConversations: month.conversations };
  } finally {
    await db.close();
  }
}

function render(latency: LatencyResults, year: Year, args: z.infer<typeof ArgsSchema>, buildSeconds: number): string {
  const endpoints = latency.endpoints.map((e) => ({ ...e, targetP95Ms: YEAR_P95_MS }));
  const failing = endpoints.filter((e) => e.warm.p95 >= YEAR_P95_MS).map((e) => e.endpoint);
  return [
    `Machine: ${machineDescription()}. Date: ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `Command: \`npm run bench:year -- --from <month>/tandem.duckdb --copies ${args.copies} --rounds ${args.rounds} --warmup ${args.warmup} --cold-starts ${args['cold-starts']}\` ` +
      `over a month kept by \`npm run bench -- --month --keep <month>\`. Conversation-level data, not a year of transcripts: ` +
      `the month's facts rows and rollups copied ${args.copies} times, ${SHIFT_DAYS} days apart, with new ids (server/cli/bench-year.ts says why that is what the dashboard reads): ` +
      `${formatCount(year.conversations)} conversations from ${year.first} to ${year.last}, built in ${buildSeconds.toFixed(0)} s. The server ran with its default DuckDB memory cap.`,
    '',
    `Target: every request's warm p95 under ${YEAR_P95_MS} ms: ${verdict(failing.length === 0)}${failing.length ? ` (over: ${failing.join(', ')})` : ''}.`,
    '',
    latencySection({ ...latency, endpoints }),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' }, out: { type: 'string' }, copies: { type: 'string' }, rounds: { type: 'string' },
      warmup: { type: 'string' }, 'cold-starts': { type: 'string' }, 'build-memory': { type: 'string' },
    },
  });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n${USAGE}`);
  const args = parsed.data;
  if (!existsSync(args.from)) throw new Error(`No database at ${args.from}\n${USAGE}`);
  const dir = args.out ?? mkdtempSync(join(tmpdir(), 'tandem-year-'));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'tandem.duckdb');
  const log = (m: string) => console.error(m);
  try {
    log(`copying ${args.from} to ${path}...`);
    rmSync(`${path}.wal`, { force: true });
    copyFileSync(args.from, path);
    if (existsSync(`${args.from}.wal`)) copyFileSync(`${args.from}.wal`, `${path}.wal`);
    const started = Date.now();
    const year = await buildYear(path, args.copies, args['build-memory'], log);
    const buildSeconds = (Date.now() - started) / 1000;
    log(`${formatCount(year.conversations)} conversations; measuring latency...`);
    // The month's own conversations (generated ids renamed as the benchmark's file names them).
    const details = randomConversationIds(year.monthConversations, DETAIL_IDS, SEED).map(benchConversationId);
    const latency = await measureLatency({ db: path, memory: DEFAULT_MEMORY_LIMIT }, requestPlan(details), { coldStarts: args['cold-starts'], warmup: args.warmup, rounds: args.rounds }, log);
    writeBenchmarkSection('A year', render(latency, year, args, buildSeconds));
    for (const e of latency.endpoints) console.log(`${e.endpoint.padEnd(36)} warm p95 ${e.warm.p95.toFixed(1).padStart(7)} ms  cold p95 ${e.cold.p95.toFixed(1).padStart(7)} ms`);
  } finally {
    if (!args.out) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
