import { appendFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Transcript } from '../domain.js';
import type { ConversationScore } from '../scoring/index.js';
import { STAGED_TABLES, stageTableName, type StagedTable } from '../db/schema.js';

export const NOT_CUSTOMER = 'not a customer message';

type Cell = string | number | boolean | null | readonly string[];

const TABLES = Object.keys(STAGED_TABLES) as StagedTable[];

interface Column {
  name: string;
  type: string;
}

/** A stage table's columns, in order, from its DDL (schema.ts); child tables end with source_line. */
function stageColumns(table: StagedTable): Column[] {
  const columns = STAGED_TABLES[table]
    .split(',\n')
    .map((line) => line.trim().split(/\s+/))
    .map(([name, type]) => ({ name: name!, type: type! }));
  return table === 'conversations' ? columns : [...columns, { name: 'source_line', type: 'INTEGER' }];
}

const COLUMNS = Object.fromEntries(TABLES.map((t) => [t, stageColumns(t)])) as Record<StagedTable, Column[]>;

/** Rejected records are staged too, in a file of their own (`rejects.<tag>.jsonl`), with the columns of the rejects table. */
const REJECTS = 'rejects';
const REJECT_COLUMNS: Column[] = [
  { name: 'batch_id', type: 'VARCHAR' }, { name: 'line', type: 'INTEGER' }, { name: 'conversation_id', type: 'VARCHAR' },
  { name: 'field', type: 'VARCHAR' }, { name: 'message', type: 'VARCHAR' }, { name: 'raw', type: 'VARCHAR' },
];

export interface RejectRow {
  batch_id: string;
  line: number;
  conversation_id: string | null;
  field: string | null;
  message: string;
  raw: string;
}

/**
 * How a stage file's values become a stage table's: timestamps travel as epoch milliseconds and
 * JSON documents as their text, so that what is stored is exactly what the appender of earlier
 * versions stored (JSON.stringify's text, the millisecond).
 */
function loadSql(target: string, columns: Column[], files: string[], maxRowBytes: number): string {
  const fileType = (type: string) => (type === 'TIMESTAMP' ? 'BIGINT' : type === 'JSON' ? 'VARCHAR' : type);
  const select = columns.map(({ name, type }) => (type === 'TIMESTAMP' ? `epoch_ms(${name}) AS ${name}` : name));
  const declared = columns.map(({ name, type }) => `${name}: '${fileType(type)}'`);
  const list = files.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ');
  return `INSERT INTO ${target} BY NAME SELECT ${select.join(', ')}
    FROM read_json([${list}], format = 'newline_delimited', columns = {${declared.join(', ')}},
      maximum_object_size = ${maxRowBytes})`;
}

function topicSource(t: Transcript, score: ConversationScore): string | null {
  if (t.topic) return 'given';
  return score.predictedTopic ? 'classified' : null;
}

const ms = (value: number | null): number | null => (value === null ? null : Math.round(value));

/**
 * Writes a batch's validated, scored conversations as rows of the stage tables, one JSON Lines
 * file per table and writer, which `loadStage` then reads into the tables in one bulk insert per
 * table. Each prepare thread has its own writer (its `tag` names its files), so staging runs on
 * the threads that prepare, and DuckDB parses the rows with its own threads. Appending row by row
 * through DuckDB's appender cost the thread that parses the input about as much as the prepare
 * threads' whole work (BENCHMARKS.md, "Where ingestion's time goes").
 * Rows are buffered per table and written by `flush`, once per chunk.
 */
export class StageWriter {
  /** The longest row written so far, in UTF-16 code units: what `loadStage` must be ready to read. */
  longestRow = 0;
  private readonly rows = Object.fromEntries(TABLES.map((t) => [t, [] as string[]])) as Record<StagedTable, string[]>;
  private rejects: string[] = [];

  constructor(
    private readonly dir: string,
    private readonly tag: string,
  ) {}

  private row(table: StagedTable, cells: Cell[]): void {
    const columns = COLUMNS[table];
    const record: Record<string, Cell> = {};
    cells.forEach((cell, i) => (record[columns[i]!.name] = cell));
    this.rows[table].push(this.jsonLine(record));
  }

  private jsonLine(record: object): string {
    let line = JSON.stringify(record);
    // Validation refuses lone UTF-16 surrogates in ids and text, so no cell should hold one (a
    // reject's raw text may). One would be written as a \udxxx escape, which DuckDB's reader
    // refuses, failing the batch: such a row is written again with U+FFFD in its place, as UTF-8
    // storage would.
    if (line.includes('\\ud')) line = JSON.stringify(record, (_key, value: unknown) => (typeof value === 'string' ? value.toWellFormed() : value));
    if (line.length > this.longestRow) this.longestRow = line.length;
    return line;
  }

  /** Stages a new conversation: its transcript and its scores. */
  add(batchId: string, line: number, contentHash: string, t: Transcript, score: ConversationScore): void {
    const id = t.conversationId;
    this.row('conversations', [
      id, batchId, line, contentHash, ms(t.startedAt), ms(t.endedAt), t.channel, t.market, t.language, t.customerId,
      t.tier, t.topic ?? score.predictedTopic, topicSource(t, score), t.csat, t.resolved, JSON.stringify(t.metadata),
    ]);
    for (const m of t.messages) {
      this.row('messages', [
        id, m.index, m.role, m.text, ms(m.ts), m.event, m.agentId, m.metadata ? JSON.stringify(m.metadata) : null, batchId, line,
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
      score.vipFailureReasons, line,
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
  }

  /** Stages a rejected record (columns of the rejects table), published with its batch. */
  addReject(reject: RejectRow): void {
    this.rejects.push(this.jsonLine(reject));
  }

  /** Appends the buffered rows to this writer's files. */
  flush(): void {
    if (this.rejects.length) {
      appendFileSync(join(this.dir, `${REJECTS}.${this.tag}.jsonl`), this.rejects.join('\n') + '\n');
      this.rejects = [];
    }
    for (const table of TABLES) {
      const rows = this.rows[table];
      if (!rows.length) continue;
      appendFileSync(join(this.dir, `${table}.${this.tag}.jsonl`), rows.join('\n') + '\n');
      this.rows[table] = [];
    }
  }
}

/**
 * An empty directory for one batch's (or a rescore's) stage files, inside the database's stage
 * folder (Database.stageDir): one batch can stream while another upload's batch publishes.
 */
export function createStageDir(stageDir: string, name: string): string {
  const dir = join(stageDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function removeStageDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Reads the stage files of `dir` (every writer's) into the stage tables: one insert per table,
 * committed on its own outside a transaction (the stage is never visible to readers).
 * `longestRow` is the largest of the writers' `longestRow`: DuckDB's reader holds buffers of
 * twice its largest row per thread, so this is set from the rows at hand (a UTF-16 code unit is at
 * most 3 bytes of UTF-8) rather than for the largest record possible.
 */
export async function loadStage(conn: DuckDBConnection, dir: string, longestRow: number): Promise<void> {
  const maxRowBytes = Math.max(1 << 20, longestRow * 3 + 1024);
  const names = readdirSync(dir);
  const filesOf = (table: string) => names.filter((n) => n.startsWith(`${table}.`) && n.endsWith('.jsonl')).map((n) => join(dir, n));
  for (const table of TABLES) {
    const files = filesOf(table);
    if (files.length) await conn.run(loadSql(stageTableName(table), COLUMNS[table], files, maxRowBytes));
  }
  const rejects = filesOf(REJECTS);
  if (rejects.length) await conn.run(loadSql('stage_rejects', REJECT_COLUMNS, rejects, maxRowBytes));
}
