/**
 * Benchmark: generate demo data, ingest it (parse, validate, redact, score, store) into a fresh
 * DuckDB file from JSONL and from CSV, and record throughput and peak memory in BENCHMARKS.md.
 *
 *   npm run bench -- [--conversations 50000] [--weeks 8]
 *
 * Peak memory is the process's max resident set size (getrusage), which includes DuckDB's
 * native buffers, not just the JS heap.
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { generateConversations } from '../../data/generator/index.js';
import { openSink, writeRecords } from '../../data/generator/output.js';
import { Database } from '../db/database.js';
import { ingestBatch } from '../ingest/ingest.js';
import { DEMO_SEED } from '../demo.js';

const argsSchema = z.object({
  conversations: z.coerce.number().int().min(100).default(50_000),
  weeks: z.coerce.number().int().min(1).max(104).default(8),
});

const BENCH_FILE = resolve(import.meta.dirname, '..', '..', 'BENCHMARKS.md');
const SECTION = 'Ingestion throughput';

interface Measurement {
  name: string;
  conversations: number;
  messages: number;
  seconds: number;
  peakRssMb: number;
}

async function measureIngest(name: string, file: string, dir: string): Promise<Measurement> {
  const db = await Database.open(join(dir, `${name}.duckdb`));
  try {
    const started = performance.now();
    const result = await ingestBatch(db, createReadStream(file), { source: `bench:${name}`, repeatDays: 7 });
    const seconds = (performance.now() - started) / 1000;
    if (result.rejected > 0) throw new Error(`${name}: ${result.rejected} records rejected: ${JSON.stringify(result.rejects[0])}`);
    return { name, conversations: result.accepted, messages: result.messages, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  } finally {
    await db.close();
  }
}

function table(rows: Measurement[]): string {
  const lines = ['| run | conversations | messages | seconds | conversations/s | messages/s | peak RSS (MB) |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${r.conversations} | ${r.messages} | ${r.seconds.toFixed(1)} | ${Math.round(r.conversations / r.seconds)} | ${Math.round(r.messages / r.seconds)} | ${Math.round(r.peakRssMb)} |`,
    );
  }
  return lines.join('\n');
}

/** Replaces this benchmark's section of BENCHMARKS.md, keeping the others. */
function writeSection(body: string): void {
  let text: string;
  try {
    text = readFileSync(BENCH_FILE, 'utf8');
  } catch {
    text = '# Benchmarks\n\nReproduce with the command in each section. Numbers are from the machine named there.\n';
  }
  const start = text.indexOf(`## ${SECTION}`);
  const next = start === -1 ? -1 : text.indexOf('\n## ', start + 1);
  const section = `## ${SECTION}\n\n${body}\n`;
  text = start === -1 ? `${text.trimEnd()}\n\n${section}` : `${text.slice(0, start)}${section}${next === -1 ? '' : text.slice(next + 1)}`;
  writeFileSync(BENCH_FILE, text);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { conversations: { type: 'string' }, weeks: { type: 'string' } } });
  const args = argsSchema.parse(values);
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  try {
    const opts = { conversations: args.conversations, weeks: args.weeks, seed: DEMO_SEED };
    const jsonl = join(dir, 'bench.jsonl');
    const csv = join(dir, 'bench.csv');
    for (const [file, format] of [[jsonl, 'jsonl'], [csv, 'csv']] as const) {
      const sink = openSink(file);
      await writeRecords(generateConversations(opts), format, sink.stream);
      await sink.close();
    }
    const results = [await measureIngest('JSONL file', jsonl, dir), await measureIngest('CSV file', csv, dir)];
    console.log(table(results));
    const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}`;
    writeSection(
      `Command: \`npm run bench -- --conversations ${args.conversations} --weeks ${args.weeks}\`\n` +
        `Machine: ${machine}. Date: ${new Date().toISOString().slice(0, 10)}.\n\n` +
        `Each run ingests a freshly generated demo file (seed ${DEMO_SEED}) into a new DuckDB file: parse, validate, redact, ` +
        `score and store in one transaction, on one core. Peak RSS is the process maximum so far (runs are sequential).\n\n${table(results)}`,
    );
    console.log(`Written to ${BENCH_FILE}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
