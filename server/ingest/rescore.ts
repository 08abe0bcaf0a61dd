import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../db/database.js';
import type { Channel, Role, Tier, Topic, Transcript } from '../domain.js';
import { SCORING_VERSION, scoreConversation } from '../scoring/index.js';
import { replaceFacts } from '../db/facts.js';
import { refreshRollups } from '../db/rollups.js';
import { Stager } from './stage.js';

/** Conversations read and scored per round trip: large enough to amortise the query, small enough for flat memory. */
const CHUNK = 5_000;

interface StoredConversation {
  conversation_id: string; started_at: Date; ended_at: Date | null; channel: Channel; market: string | null;
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

async function readChunk(conn: DuckDBConnection, after: string, onlyStale: boolean): Promise<StoredConversation[]> {
  const reader = await conn.runAndReadAll(
    `SELECT c.conversation_id, c.started_at, c.ended_at, c.channel, c.market, c.language, c.customer_id, c.tier,
       CASE WHEN c.topic_source = 'given' THEN c.topic END AS topic, c.csat::INTEGER AS csat, c.resolved,
       list({role: m.role, text: m.text, ts: m.ts, event: m.event, agent_id: m.agent_id} ORDER BY m.idx) AS messages
     FROM conversations c JOIN messages m USING (conversation_id)
     ${onlyStale ? 'JOIN conversation_scores s USING (conversation_id)' : ''}
     WHERE c.conversation_id > $after ${onlyStale ? 'AND s.scoring_version <> $version' : ''}
     GROUP BY ALL ORDER BY c.conversation_id LIMIT ${CHUNK}`,
    onlyStale ? { after, version: SCORING_VERSION } : { after },
  );
  return reader.getRowObjectsJS() as unknown as StoredConversation[];
}

/**
 * Rescores stored conversations with the current scoring version, in one transaction: a crash
 * leaves the previous scores in place, never a mix. `onlyStale` skips conversations already
 * scored by this version. Classified topics are re-classified; given topics stay. The facts rows
 * of the rescored conversations and the rollups of their days are rebuilt in the same transaction.
 */
export async function rescore(
  db: Database,
  options: { onlyStale?: boolean; onProgress?: (done: number) => void } = {},
): Promise<{ conversations: number; scoringVersion: string }> {
  return db.transaction(async (conn) => {
    const stager = await Stager.open(conn);
    let done = 0;
    try {
      for (let after = ''; ; ) {
        const rows = await readChunk(conn, after, options.onlyStale ?? false);
        if (!rows.length) break;
        for (const row of rows) stager.addScore(scoreConversation(toTranscript(row)));
        done += rows.length;
        after = rows[rows.length - 1]!.conversation_id;
        options.onProgress?.(done);
      }
      stager.flush();
    } finally {
      stager.close();
    }
    await conn.run(`CREATE OR REPLACE TEMP TABLE rescored AS SELECT conversation_id FROM stage_conversation_scores`);
    // The UTC days of the rescored conversations: their rollups are rebuilt below.
    await conn.run(`CREATE OR REPLACE TEMP TABLE dirty_days AS SELECT DISTINCT started_at::DATE AS day FROM conversations
      WHERE conversation_id IN (SELECT conversation_id FROM rescored)`);
    const tables = ['conversation_scores', 'message_scores', 'triggers'];
    for (const table of tables) {
      await conn.run(`DELETE FROM ${table} WHERE conversation_id IN (SELECT conversation_id FROM rescored)`);
    }
    for (const table of tables) {
      await conn.run(`INSERT INTO ${table} SELECT * EXCLUDE (source_line) FROM stage_${table}`);
      await conn.run(`DELETE FROM stage_${table}`);
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
    return { conversations: done, scoringVersion: SCORING_VERSION };
  });
}
