/**
 * Benchmark: generate demo data, ingest it (parse, validate, redact, score, store) into a fresh
 * DuckDB file from JSONL and from CSV, and record throughput and peak memory in BENCHMARKS.md.
 *
 *   npm run bench -- [--conversations 50000] [--weeks 8]
 *
 * Peak memory is the process's max resident set size (getrusage), which includes DuckDB's
 * native buffers, not just the JS heap.
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { generateConversations } from '../../data/generator/index.js';
import { openSink, writeRecords } from '../../data/generator/output.js';
import { Database } from '../db/database.js';
import { ingestBatch } from '../ingest/ingest.js';
import { DEMO_SEED } from '../demo.js';
import { BENCHMARKS_FILE, machineDescription, writeBenchmarkSection } from './benchmarks-file.js';

const argsSchema = z.object({
  conversations: z.coerce.number().int().min(100).default(50_000),
  weeks: z.coerce.number().int().min(1).max(104).default(8),
});

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
    const machine = machineDescription();
    writeBenchmarkSection(SECTION,
      `Command: \`npm run bench -- --conversations ${args.conversations} --weeks ${args.weeks}\`\n` +
        `Machine: ${machine}. Date: ${new Date().toISOString().slice(0, 10)}.\n\n` +
        `Each run ingests a freshly generated demo file (seed ${DEMO_SEED}) into a new DuckDB file: parse, validate, redact, ` +
        `score and store in one transaction, on one core. Peak RSS is the process maximum so far (runs are sequential).\n\n${table(results)}`,
    );
    console.log(`Written to ${BENCHMARKS_FILE}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
