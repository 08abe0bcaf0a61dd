import { LIST, VARCHAR, listValue, timestampValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import type { Transcript } from '../domain.js';
import type { ConversationScore } from '../scoring/index.js';
import { stageTableName, type StagedTable } from '../db/schema.js';

type Cell = string | number | boolean | null | string[] | { ts: number | null };

const STRING_LIST = LIST(VARCHAR);
export const NOT_CUSTOMER = 'not a customer message';

function appendCell(appender: DuckDBAppender, cell: Cell): void {
  if (cell === null) appender.appendNull();
  else if (typeof cell === 'string') appender.appendVarchar(cell);
  else if (typeof cell === 'boolean') appender.appendBoolean(cell);
  else if (typeof cell === 'number') appender.appendDouble(cell);
  else if (Array.isArray(cell)) appender.appendList(listValue(cell), STRING_LIST);
  else if (cell.ts === null) appender.appendNull();
  else appender.appendTimestamp(timestampValue(BigInt(Math.round(cell.ts)) * 1000n));
}

function topicSource(t: Transcript, score: ConversationScore): Cell {
  if (t.topic) return 'given';
  return score.predictedTopic ? 'classified' : null;
}

const at = (ms: number | null): Cell => ({ ts: ms });

/**
 * Appends a batch's validated, scored conversations to the stage tables, one DuckDB appender per
 * table, flushed every `FLUSH_EVERY` conversations. Outside a transaction each flush commits, so
 * memory stays flat whatever the file size; nothing staged is visible to readers until the batch
 * is published (finalize.ts), and a crash before that leaves only stage rows, dropped at start.
 */
export class Stager {
  private static readonly FLUSH_EVERY = 2_000;
  private pending = 0;

  private constructor(private readonly appenders: Record<StagedTable, DuckDBAppender>) {}

  static async open(conn: DuckDBConnection): Promise<Stager> {
    const tables: StagedTable[] = ['conversations', 'messages', 'conversation_scores', 'message_scores', 'triggers'];
    const entries = await Promise.all(tables.map(async (t) => [t, await conn.createAppender(stageTableName(t))] as const));
    return new Stager(Object.fromEntries(entries) as Record<StagedTable, DuckDBAppender>);
  }

  private row(table: StagedTable, cells: Cell[]): void {
    const appender = this.appenders[table];
    for (const cell of cells) appendCell(appender, cell);
    appender.endRow();
  }

  /** Stages a new conversation: its transcript and its scores. */
  add(batchId: string, line: number, contentHash: string, t: Transcript, score: ConversationScore): void {
    const id = t.conversationId;
    this.row('conversations', [
      id, batchId, line, contentHash, at(t.startedAt), at(t.endedAt), t.channel, t.market, t.language, t.customerId,
      t.tier, t.topic ?? score.predictedTopic, topicSource(t, score), t.csat, t.resolved, JSON.stringify(t.metadata),
    ]);
    for (const m of t.messages) {
      this.row('messages', [
        id, m.index, m.role, m.text, at(m.ts), m.event, m.agentId, m.metadata ? JSON.stringify(m.metadata) : null, batchId, line,
      ]);
    }
    this.addScore(score, batchId, line);
  }

  /**
   * Stages only scores (rescoring keeps transcripts as they are), with the batch of their
   * conversation; `line` tells copies of one id apart.
   */
  addScore(score: ConversationScore, batchId: string, line = 0): void {
    const id = score.conversationId;
    const s = score.sentiment;
    const e = score.escalation;
    this.row('conversation_scores', [
      id, score.scoringVersion, s?.first ?? null, s?.last ?? null, s?.min ?? null, s?.mean ?? null,
      s?.trajectory ?? null, score.negativeEnd, score.satisfactionEstimate, score.satisfactionDropIndex,
      score.predictedTopic, e.aiStarted, e.status, e.gapTurns, e.gapSeconds, e.score, e.overEscalation,
      [...score.vipFailureReasons], line,
    ]);
    for (const m of score.messages) {
      // Agent, AI and system messages are never scored; their rows would only restate the role.
      if (!m.sentiment && (!m.unscoredReason || m.unscoredReason === NOT_CUSTOMER)) continue;
      this.row('message_scores', [
        id, m.index, m.sentiment?.score ?? null, m.sentiment?.label ?? null, m.sentiment ? m.sentiment.rules : null,
        m.unscoredReason, batchId, line,
      ]);
    }
    for (const tr of score.triggers) this.row('triggers', [id, tr.kind, tr.messageIndex, tr.severity, tr.evidence, batchId, line]);
    this.pending += 1;
    if (this.pending >= Stager.FLUSH_EVERY) this.flush();
  }

  flush(): void {
    for (const appender of Object.values(this.appenders)) appender.flushSync();
    this.pending = 0;
  }

  close(): void {
    for (const appender of Object.values(this.appenders)) appender.closeSync();
  }
}
