import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { Database } from '../db/database.js';
import { exportParquet, type DatasetResult } from '../export/parquet.js';
import { baseFilterShape } from '../routes/filter-params.js';

const USAGE = `Usage: npm run export -- --format parquet --out DIR [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--overwrite]
  Writes conversations, messages and scores as Parquet partitioned by month (DIR/<dataset>/month=YYYY-MM/)
  and DIR/manifest.json. --from/--to: inclusive UTC dates on started_at. DIR must be empty unless
  --overwrite. Database: TANDEM_DB.`;

const ArgsSchema = z
  .object({
    format: z.enum(['parquet'], {
      error: (issue) => (issue.input === undefined ? 'is required (parquet)' : `"${String(issue.input)}" is not supported; only parquet is, for now`),
    }),
    out: z.string({ error: 'is required' }).min(1, 'is required'),
    from: baseFilterShape.from,
    to: baseFilterShape.to,
    overwrite: z.boolean().default(false),
  })
  .refine((a) => !(a.from && a.to && a.from > a.to), { path: ['from'], message: 'must not be after --to' });

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

function line(r: DatasetResult): string {
  const partitions = Object.keys(r.partitions);
  const months = partitions.length ? `${partitions[0]}..${partitions.at(-1)}` : '-';
  return `  ${r.dataset.padEnd(20)} ${String(r.rows).padStart(10)} rows  ${String(partitions.length).padStart(3)} partitions (${months})  ${megabytes(r.bytes).padStart(10)}  ${r.seconds.toFixed(2)} s`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      format: { type: 'string' }, out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
      overwrite: { type: 'boolean' }, help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const args = ArgsSchema.parse(values);
  const config = loadConfig();
  const db = await Database.open(config.dbPath, { memoryLimit: config.dbMemory });
  try {
    const result = await exportParquet(db, { ...args, onDataset: (r) => console.log(line(r)) });
    const total = result.datasets.reduce((sum, r) => ({ rows: sum.rows + r.rows, bytes: sum.bytes + r.bytes }), { rows: 0, bytes: 0 });
    console.log(`Exported ${total.rows} rows (${megabytes(total.bytes)}) to ${result.out} in ${result.seconds.toFixed(2)} s; manifest: ${result.manifestPath}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  // ExportError and configuration errors are meant for the user as they are; no stack.
  if (error instanceof z.ZodError) console.error(`${error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n${USAGE}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
