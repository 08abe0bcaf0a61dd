import { generateConversations } from '../data/generator/index.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { ingestBatch } from './ingest/ingest.js';

/** Fixed seed: every fresh install shows the same demo story. */
export const DEMO_SEED = 42;

/** The generator's records as JSONL chunks, streamed, so the demo goes through the real ingest path. */
async function* jsonlChunks(records: Iterable<Record<string, unknown>>): AsyncGenerator<Buffer> {
  let lines: string[] = [];
  for (const record of records) {
    lines.push(JSON.stringify(record));
    if (lines.length === 500) {
      yield Buffer.from(lines.join('\n') + '\n');
      lines = [];
    }
  }
  if (lines.length) yield Buffer.from(lines.join('\n') + '\n');
}

export async function loadDemoDataIfEmpty(
  db: Database,
  config: Pick<Config, 'demoConversations' | 'demoWeeks' | 'repeatDays'> & { ingestThreads?: number },
  log: (message: string) => void,
): Promise<void> {
  const row = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM conversations');
  if ((row?.n ?? 0) > 0) return;
  log(`Empty database: loading ${config.demoConversations} demo conversations over ${config.demoWeeks} weeks...`);
  const started = Date.now();
  const records = generateConversations({ conversations: config.demoConversations, weeks: config.demoWeeks, seed: DEMO_SEED });
  const result = await ingestBatch(db, jsonlChunks(records), { source: 'demo', format: 'jsonl', repeatDays: config.repeatDays, threads: config.ingestThreads });
  log(`Demo data loaded: ${result.accepted} conversations, ${result.messages} messages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
