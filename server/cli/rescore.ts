import cliProgress from 'cli-progress';
import { loadConfig } from '../config.js';
import { Database } from '../db/database.js';
import { RESCORE_SLICE, rescore } from '../ingest/rescore.js';

const USAGE = `Usage: npm run rescore -- [--stale] [--slice N]
  Rescores every stored conversation with the current scoring version (--stale: only those
  scored by another version), published in transactions of at most N
  conversations (default ${RESCORE_SLICE}). Interrupted, it leaves each conversation scored by
  one version or the other; --stale finishes the rest. Database: TANDEM_DB.`;

function parseArgs(args: string[]): { onlyStale: boolean; slice: number } {
  let onlyStale = false;
  let slice = RESCORE_SLICE;
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--stale') onlyStale = true;
    else if (args[i] === '--slice' && /^[1-9]\d*$/.test(args[i + 1] ?? '')) slice = Number(args[++i]);
    else throw new Error(USAGE);
  }
  return { onlyStale, slice };
}

async function main(): Promise<void> {
  const { onlyStale, slice } = parseArgs(process.argv.slice(2));
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
      onlyStale,
      slice,
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
