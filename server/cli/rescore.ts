import cliProgress from 'cli-progress';
import { loadConfig } from '../config.js';
import { Database } from '../db/database.js';
import { rescore } from '../ingest/rescore.js';

const USAGE = `Usage: npm run rescore -- [--stale]
  Rescores every stored conversation with the current scoring version, in one transaction
  (--stale: only those scored by another version). Database: TANDEM_DB.`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.some((a) => a !== '--stale')) throw new Error(USAGE);
  const config = loadConfig();
  const db = await Database.open(config.dbPath, { memoryLimit: config.dbMemory });
  const total = (await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM conversations'))?.n ?? 0;
  const bar = new cliProgress.SingleBar(
    { format: 'rescore |{bar}| {value}/{total} conversations | {rate}/s', stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  if (process.stderr.isTTY) bar.start(total, 0, { rate: 0 });
  try {
    const result = await rescore(db, {
      onlyStale: args.includes('--stale'),
      onProgress: (done) => {
        if (process.stderr.isTTY) bar.update(done, { rate: Math.round(done / Math.max(0.001, (Date.now() - started) / 1000)) });
        else console.error(`rescored ${done}/${total}`); // logs and pipes get plain lines
      },
    });
    bar.stop();
    console.log(JSON.stringify({ ...result, seconds: (Date.now() - started) / 1000 }));
  } finally {
    bar.stop();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
