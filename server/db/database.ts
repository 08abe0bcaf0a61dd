import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement, type DuckDBValue } from '@duckdb/node-api';
import { migrateFacts } from './facts.js';
import { ROLLUP_DDL } from './rollups.js';
import { REVIEW_DDL } from './schema-review.js';
import { migrateChildBatchIds, SCHEMA_DDL, SCHEMA_VERSION, STAGE_DDL } from './schema.js';

/**
 * DuckDB's buffer pool per process; JS, Node and the OS need the rest of a small machine's memory.
 * A process's resident memory settles ~0.5 GB above this cap (scoring models, worker threads,
 * allocator slack): at a month's volume 1 GB gave peaks of 1.55 GB (ingest) and 1.71 GB (rescore),
 * over issue 8's 1.5 GB; 768 MB gave 1.43 GB for the rescore (BENCHMARKS.md).
 */
export const DEFAULT_MEMORY_LIMIT = '768MB';

export type SqlParams = Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/**
 * A read connection kept between queries with the statements it has prepared, by SQL text. A
 * dashboard request sends the same few query shapes again and again with other parameters;
 * parsing, binding and planning them was ~20 % of a metrics request's DuckDB time (measured on
 * the month's database: 61 -> 48 ms for its eleven queries run one after another; BENCHMARKS.md).
 * DuckDB re-binds a prepared statement itself when a table it reads has changed, and each run
 * is its own transaction, so a reused statement reads the last committed state like a new one.
 */
interface Reader {
  conn: DuckDBConnection;
  statements: Map<string, DuckDBPreparedStatement>;
}

/**
 * Idle readers kept open; a burst beyond this many opens more and closes them afterwards. A
 * weekly report runs ~12 queries at once, and a query goes to an idle reader that has prepared it
 * when there is one: over the benchmark's requests at a month, every query after the first round
 * found its statement prepared, with at most 82 statements on a reader (8 readers and LIFO reuse
 * found ~80 %).
 */
const IDLE_READERS = 16;
/** Prepared statements kept per reader, least recently used dropped first. */
const STATEMENTS_PER_READER = 256;

async function prepared(reader: Reader, sql: string): Promise<DuckDBPreparedStatement> {
  const cached = reader.statements.get(sql);
  if (cached) {
    reader.statements.delete(sql);
    reader.statements.set(sql, cached);
    return cached;
  }
  const statement = await reader.conn.prepare(sql);
  reader.statements.set(sql, statement);
  if (reader.statements.size > STATEMENTS_PER_READER) {
    const [oldest, dropped] = reader.statements.entries().next().value!;
    reader.statements.delete(oldest);
    dropped.destroySync();
  }
  return statement;
}

/** Runs `work` in a transaction on `conn`: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(conn: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await conn.run('COMMIT');
    return result;
  } catch (error) {
    // A failed COMMIT (out of memory, say) has already ended the transaction, so the ROLLBACK
    // fails too ("no transaction is active"); its error must not hide the one that says why.
    await conn.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * DuckDB lets one process open a database file. Opening one another process holds (a command
 * while the server runs) fails with DuckDB's lock message; this says what to do about it.
 */
function inUseError(path: string, error: unknown): Error | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!message.includes('Could not set lock on file')) return undefined;
  const holder = /\(PID (\d+)\)/.exec(message)?.[1];
  return new Error(
    `${path} is open in another process${holder ? ` (PID ${holder})` : ''}, and DuckDB lets one process open a database file. ` +
      'Stop the server (or the other command) first, or while the server runs, use its HTTP API.',
    { cause: error },
  );
}

/**
 * The one DuckDB instance of a process (STYLE habit 1). Writes are serialised through
 * `write()`, which lends the single writer connection to one caller at a time; reads open
 * their own short-lived connection, so a long ingest never blocks the dashboard (DuckDB's MVCC
 * gives readers the last committed state).
 */
export class Database {
  private writeQueue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly idleReaders: Reader[] = [];

  /**
   * Where the writer stages a batch's rows as files before loading them (ingest/stage.ts): beside
   * the database file, on its disk; a database in memory stages in the OS's temp directory.
   */
  readonly stageDir: string;

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
  ) {
    this.stageDir = path === ':memory:' ? join(tmpdir(), `tandem-stage-${process.pid}-${randomUUID()}`) : `${path}.stage`;
  }

  /**
   * `memoryLimit` caps DuckDB's buffer pool (it spills to `<db>.tmp` beyond it); without a cap
   * DuckDB may use 80 % of RAM, so memory would grow with the size of a batch.
   * `allocator_background_threads` lets DuckDB's allocator return freed pages to the OS in the
   * background: without it a long ingest's resident memory settled ~100 MB higher (measured on
   * 600k conversations in 20k batches: steady mean 407 MB with it, 500 without; BENCHMARKS.md).
   * `asof_loop_join_threshold` 0: DuckDB turns an ASOF join whose left side it estimates under
   * 64 rows into a nested loop join, and inside the publish transaction it underestimates the
   * conversations of repeat contact (derive.ts) that badly: 100k new conversations took 8.2 s
   * by loop join instead of 0.1 s.
   */
  static async open(path: string, options: { memoryLimit?: string } = {}): Promise<Database> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const instance = await DuckDBInstance.create(path, {
      memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
      allocator_background_threads: 'true',
      asof_loop_join_threshold: '0',
    }).catch((error: unknown) => {
      throw inUseError(path, error) ?? error;
    });
    const writer = await instance.connect();
    const db = new Database(path, instance, writer);
    await db.migrate();
    return db;
  }

  private async migrate(): Promise<void> {
    for (const ddl of SCHEMA_DDL) await this.writer.run(ddl);
    // Before the review DDL: conversation_facts_reviewed reads conversation_facts.
    await inTransaction(this.writer, async () => {
      await migrateChildBatchIds(this.writer);
      await migrateFacts(this.writer);
    });
    for (const ddl of [...REVIEW_DDL, ...ROLLUP_DDL]) await this.writer.run(ddl);
    // Recovery after a crash: a batch that was still loading never published, so none of its rows
    // are live; its staged rows are dropped with the stage tables and the batch is marked as such.
    for (const ddl of STAGE_DDL) await this.writer.run(ddl);
    rmSync(this.stageDir, { recursive: true, force: true });
    await this.writer.run(`UPDATE batches SET status = 'interrupted', finished_at = now()::TIMESTAMP WHERE status = 'loading'`);
    await this.writer.run(`DELETE FROM meta WHERE key = 'schema_version'`);
    await this.writer.run(`INSERT INTO meta VALUES ('schema_version', $v)`, { v: String(SCHEMA_VERSION) });
  }

  /** Runs `work` with exclusive use of the writer connection. */
  write<T>(work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    const next = this.writeQueue.then(() => work(this.writer));
    this.writeQueue = next.catch(() => undefined);
    return next;
  }

  /** Runs `work` with the writer connection inside one transaction (all or nothing). */
  transaction<T>(work: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.write((conn) => inTransaction(conn, () => work(conn)));
  }

  /**
   * Runs one read query (one statement) on a reader connection of its own for the duration, and
   * returns JSON-safe row objects. A reader whose query failed is closed, not reused.
   */
  async all<T = Row>(sql: string, params: SqlParams = {}): Promise<T[]> {
    const reader = this.takeReader(sql) ?? { conn: await this.instance.connect(), statements: new Map() };
    let reusable = false;
    try {
      const statement = await prepared(reader, sql);
      statement.clearBindings();
      statement.bind(params);
      const rows = (await statement.runAndReadAll()).getRowObjectsJS() as T[];
      reusable = true;
      return rows;
    } finally {
      if (reusable && !this.closed && this.idleReaders.length < IDLE_READERS) this.idleReaders.push(reader);
      else reader.conn.closeSync();
    }
  }

  /** An idle reader that has prepared `sql` already, else the one used last, if any is idle. */
  private takeReader(sql: string): Reader | undefined {
    const ready = this.idleReaders.findLastIndex((reader) => reader.statements.has(sql));
    return ready >= 0 ? this.idleReaders.splice(ready, 1)[0] : this.idleReaders.pop();
  }

  async one<T = Row>(sql: string, params: SqlParams = {}): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params);
    return rows[0];
  }

  /** A fresh connection for callers that stream or need a session of their own; caller closes it. */
  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writeQueue;
    for (const reader of this.idleReaders.splice(0)) reader.conn.closeSync();
    this.writer.closeSync();
    this.instance.closeSync();
    // Each batch removes its own stage folder inside this one (ingest/stage.ts).
    rmSync(this.stageDir, { recursive: true, force: true });
  }
}
