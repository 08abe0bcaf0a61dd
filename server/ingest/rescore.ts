import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction, type Database } from '../db/database.js';
import type { Channel, Role, Tier, Topic, Transcript } from '../domain.js';
import { SCORING_VERSION, scoreConversation } from '../scoring/index.js';
import { replaceFacts } from '../db/facts.js';
import { refreshRollups } from '../db/rollups.js';
import { STORAGE_ORDER, clearStage } from './finalize.js';
import { createStageDir, loadStage, removeStageDir, StageWriter } from './stage.js';

/** Conversations read and scored per round trip: large enough to amortise the query, small enough for flat memory. */
const CHUNK = 5_000;

/**
 * Conversations published per transaction: what bounds a rescore's memory whatever the size of
 * the database. One transaction over a month's 3.5M conversations ran DuckDB out of its 768 MB at
 * COMMIT ("failed to pin block"). At a month, slices of 200,000 peak at ~1.37 GB (BENCHMARKS.md).
 */
export const RESCORE_SLICE = 200_000;

interface StoredConversation {
  conversation_id: string; batch_id: string; started_at: Date; ended_at: Date | null; channel: Channel; market: string | null;
  language: string | null; customer_id: string | null; tier: Tier; topic: Topic | null; csat: number | null;
  resolved: boolean | null;
  messages: { role: Role; text: string | null; ts: Date | null; event: string | null; agent_id: string | null }[];
}

function toTranscript(r: StoredConversation): Transcript {
  return {
    conversationId: r.conversation_id, startedAt: r.started_at.getTime(), endedAt: r.ended_at?.getTime() ?? null,
    channel: r.channel, market: r.market, language: r.language, customerId: r.customer_id, tier: r.tier,
    topic: r.topic, csat: r.csat, resolved: r.resolved, metadata: {},
    messages: r.messages.map((m, index) => ({
      index, role: m.role, text: m.text, ts: m.ts?.getTime() ?? null, event: m.event, agentId: m.agent_id,
    })),
  };
}

/**
 * A slice of the rescore: the conversations after `after` up to and including `last`, in
 * (batch_id, conversation_id) order. The child tables are stored sorted by that pair per write
 * and a conversation's rows are found by it (schema.ts, CHILD_BATCH_TABLES). A slice in that order
 * writes each of its batches' scores as one run sorted by id, so a lookup reads one or two row
 * groups. Slices by day wrote a batch of 400,000 in three or four runs that each spanned every id,
 * and a detail read ~6 row groups per child table: cold, 40-55 ms instead of ~30.
 */
interface Slice {
  after: Position;
  last: Position;
}

/** A conversation's place in (batch_id, conversation_id) order; the empty pair comes before all. */
interface Position {
  batch: string;
  id: string;
}

const START: Position = { batch: '', id: '' };

/**
 * The slice's conditions on `c`, from `after` on. Spelt out pair by pair: DuckDB 1.5 turns two
 * row comparisons into a BETWEEN that it then refuses ("Invalid type for BETWEEN"). The plain
 * batch_id range lets it skip row groups by their min/max.
 */
function sliceSql(slice: Slice, after: Position): { sql: string; params: Record<string, string> } {
  return {
    sql: `c.batch_id >= $afterBatch AND c.batch_id <= $lastBatch
      AND (c.batch_id > $afterBatch OR c.conversation_id > $afterId)
      AND (c.batch_id < $lastBatch OR c.conversation_id <= $lastId)`,
    params: { afterBatch: after.batch, afterId: after.id, lastBatch: slice.last.batch, lastId: slice.last.id },
  };
}

async function readChunk(conn: DuckDBConnection, slice: Slice, after: Position, onlyStale: boolean): Promise<StoredConversation[]> {
  // The chunk's ids first, then their messages: the join and grouping see only CHUNK conversations.
  const where = sliceSql(slice, after);
  const reader = await conn.runAndReadAll(
    `WITH chunk AS (
       SELECT c.batch_id, c.conversation_id FROM conversations c
       ${onlyStale ? 'JOIN conversation_scores s USING (conversation_id)' : ''}
       WHERE ${where.sql} ${onlyStale ? 'AND s.scoring_version <> $version' : ''}
       ORDER BY c.batch_id, c.conversation_id LIMIT ${CHUNK})
     SELECT c.conversation_id, c.batch_id, c.started_at, c.ended_at, c.channel, c.market, c.language, c.customer_id, c.tier,
       CASE WHEN c.topic_source = 'given' THEN c.topic END AS topic, c.csat::INTEGER AS csat, c.resolved,
       list({role: m.role, text: m.text, ts: m.ts, event: m.event, agent_id: m.agent_id} ORDER BY m.idx) AS messages
     FROM chunk JOIN conversations c USING (batch_id, conversation_id) JOIN messages m USING (batch_id, conversation_id)
     GROUP BY ALL ORDER BY c.batch_id, c.conversation_id`,
    { ...where.params, ...(onlyStale ? { version: SCORING_VERSION } : {}) },
  );
  return reader.getRowObjectsJS() as unknown as StoredConversation[];
}

/** The conversations to rescore cut into slices (Slice) of `size`, the last one smaller. */
async function planSlices(conn: DuckDBConnection, onlyStale: boolean, size: number): Promise<Slice[]> {
  const reader = await conn.runAndReadAll(
    `SELECT batch_id, conversation_id FROM (
       SELECT c.batch_id, c.conversation_id, row_number() OVER (ORDER BY c.batch_id, c.conversation_id) AS n, count(*) OVER () AS total
       FROM conversations c ${onlyStale ? 'JOIN conversation_scores s USING (conversation_id) WHERE s.scoring_version <> $version' : ''})
     WHERE n % $size::BIGINT = 0 OR n = total ORDER BY n`,
    { size, ...(onlyStale ? { version: SCORING_VERSION } : {}) },
  );
  let after = START;
  return (reader.getRows() as [string, string][]).map(([batch, id]) => {
    const slice = { after, last: { batch, id } };
    after = slice.last;
    return slice;
  });
}

/**
 * Scores a slice's conversations into stage files, chunk by chunk, so memory stays flat, then
 * reads them into the stage tables outside a transaction; nothing staged is visible to readers,
 * and stage rows left by a crash are dropped at start.
 */
async function stageScores(
  conn: DuckDBConnection,
  stageDir: string,
  slice: Slice,
  onlyStale: boolean,
  onChunk: (scored: number) => void,
): Promise<void> {
  const dir = createStageDir(stageDir, 'rescore');
  try {
    const writer = new StageWriter(dir, 'main');
    for (let after = slice.after; ; ) {
      const rows = await readChunk(conn, slice, after, onlyStale);
      if (!rows.length) break;
      for (const row of rows) writer.addScore(scoreConversation(toTranscript(row)), row.batch_id);
      writer.flush();
      const end = rows[rows.length - 1]!;
      after = { batch: end.batch_id, id: end.conversation_id };
      onChunk(rows.length);
    }
    await loadStage(conn, dir, writer.longestRow);
  } finally {
    removeStageDir(dir);
  }
}

/**
 * Replaces the scores of the staged conversations with the staged ones, in the caller's
 * transaction; re-classifies their topics where not given, and rebuilds their facts rows and the
 * rollups of their days.
 */
async function publishScores(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE rescored AS SELECT conversation_id FROM stage_conversation_scores`);
  // The UTC days of the rescored conversations: their rollups are rebuilt below.
  await conn.run(`CREATE OR REPLACE TEMP TABLE dirty_days AS SELECT DISTINCT started_at::DATE AS day FROM conversations
    WHERE conversation_id IN (SELECT conversation_id FROM rescored)`);
  const tables = ['conversation_scores', 'message_scores', 'triggers'] as const;
  for (const table of tables) {
    await conn.run(`DELETE FROM ${table} WHERE conversation_id IN (SELECT conversation_id FROM rescored)`);
  }
  for (const table of tables) {
    await conn.run(`INSERT INTO ${table} SELECT * EXCLUDE (source_line) FROM stage_${table} ORDER BY ${STORAGE_ORDER[table]}`);
  }
  // Only rescored conversations can have a new predicted topic; the others' facts stay as they are.
  await conn.run(`UPDATE conversations SET topic = s.predicted_topic, topic_source = 'classified'
    FROM conversation_scores s
    WHERE conversations.conversation_id = s.conversation_id AND coalesce(conversations.topic_source, '') <> 'given'
      AND s.predicted_topic IS NOT NULL AND conversations.topic IS DISTINCT FROM s.predicted_topic
      AND conversations.conversation_id IN (SELECT conversation_id FROM rescored)`);
  await replaceFacts(conn, 'rescored');
  await refreshRollups(conn, { dirtyDays: 'dirty_days' });
  for (const table of ['dirty_days', 'rescored']) await conn.run(`DROP TABLE ${table}`);
}

/**
 * Rescores stored conversations with the current scoring version, slice by slice (planSlices).
 * Each slice runs in two phases like a batch (stage.ts, finalize.ts): its scores are staged, then
 * published in one transaction with its facts rows and rollups. So a crash leaves every
 * conversation scored whole by one version or the other, never a mix within one, and the
 * dashboard's numbers agree with its lists at every commit; `onlyStale` (`npm run rescore --
 * --stale`) then finishes the rest, skipping conversations already scored by this version.
 * Classified topics are re-classified; given topics stay.
 */
export async function rescore(
  db: Database,
  options: { onlyStale?: boolean; onProgress?: (done: number) => void; slice?: number } = {},
): Promise<{ conversations: number; scoringVersion: string }> {
  const onlyStale = options.onlyStale ?? false;
  return db.write(async (conn) => {
    await clearStage(conn);
    let done = 0;
    try {
      for (const slice of await planSlices(conn, onlyStale, options.slice ?? RESCORE_SLICE)) {
        await stageScores(conn, db.stageDir, slice, onlyStale, (scored) => {
          done += scored;
          options.onProgress?.(done);
        });
        await inTransaction(conn, () => publishScores(conn));
        await clearStage(conn);
      }
      return { conversations: done, scoringVersion: SCORING_VERSION };
    } finally {
      await clearStage(conn);
    }
  });
}
