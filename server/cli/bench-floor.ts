/**
 * The floor of the ingest benchmark: DuckDB loading the same JSONL file alone, with
 * `INSERT ... SELECT FROM read_json(...)` into bare `conversations` and `messages` tables shaped
 * like the stored ones (the columns the file carries; no derived facts), in one transaction. No
 * validation, redaction, scoring, repeat contacts or idempotent upsert: what is left is parsing
 * JSON, converting timestamps and writing columns, which our ingest also has to do.
 *
 * The column types are given (no sniffing), because our ingest knows the format too. The file is
 * read twice (once per table): materialising it once would hold all of it in memory or spill it.
 */
import { DuckDBInstance } from '@duckdb/node-api';

const BARE_TABLES = [
  `CREATE TABLE conversations (
    conversation_id VARCHAR NOT NULL, batch_id VARCHAR NOT NULL, source_line INTEGER NOT NULL,
    content_hash VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL, ended_at TIMESTAMP, channel VARCHAR NOT NULL,
    market VARCHAR, language VARCHAR, customer_id VARCHAR, tier VARCHAR NOT NULL, topic VARCHAR,
    topic_source VARCHAR, csat TINYINT, resolved BOOLEAN, metadata JSON NOT NULL)`,
  `CREATE TABLE messages (
    conversation_id VARCHAR NOT NULL, idx INTEGER NOT NULL, role VARCHAR NOT NULL, text VARCHAR,
    ts TIMESTAMP, event VARCHAR, agent_id VARCHAR, metadata JSON)`,
];

/** Format v1 as the demo generator writes it; `source`, `labels` and `bot` are its extra fields (metadata). */
const COLUMNS = `{
  conversation_id: 'VARCHAR', started_at: 'VARCHAR', ended_at: 'VARCHAR', channel: 'VARCHAR', market: 'VARCHAR',
  language: 'VARCHAR', customer: 'STRUCT(id VARCHAR, tier VARCHAR)', topic: 'VARCHAR', csat: 'TINYINT',
  resolved: 'BOOLEAN', source: 'JSON', labels: 'JSON', bot: 'JSON',
  messages: 'STRUCT(role VARCHAR, text VARCHAR, ts VARCHAR, event VARCHAR, agent_id VARCHAR)[]'}`;

/** Offsets such as +02:00 are honoured by the TIMESTAMPTZ cast; the cast to TIMESTAMP keeps UTC, as stored. */
const utc = (column: string) => `${column}::TIMESTAMPTZ::TIMESTAMP`;

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export interface FloorResult {
  seconds: number;
  conversations: number;
  messages: number;
}

export async function loadWithDuckDbAlone(jsonlPath: string, dbPath: string, memoryLimit: string): Promise<FloorResult> {
  const instance = await DuckDBInstance.create(dbPath, { memory_limit: memoryLimit });
  const conn = await instance.connect();
  try {
    for (const ddl of BARE_TABLES) await conn.run(ddl);
    const source = `read_json(${quoteLiteral(jsonlPath)}, format = 'newline_delimited', columns = ${COLUMNS})`;
    const started = performance.now();
    await conn.run('BEGIN TRANSACTION');
    await conn.run(`INSERT INTO conversations
      SELECT conversation_id, 'floor', 0, '', ${utc('started_at')}, ${utc('ended_at')}, coalesce(channel, 'chat'),
        market, language, customer.id, coalesce(customer.tier, 'standard'), topic, 'given', csat, resolved,
        json_object('source', source, 'labels', labels, 'bot', bot)
      FROM ${source}`);
    // Two unnests in one SELECT walk their lists side by side, which numbers the messages.
    await conn.run(`INSERT INTO messages
      SELECT conversation_id, idx::INTEGER, m.role, m.text, ${utc('m.ts')}, m.event, m.agent_id, NULL
      FROM (SELECT conversation_id, unnest(range(len(messages))) AS idx, unnest(messages) AS m FROM ${source})`);
    await conn.run('COMMIT');
    const seconds = (performance.now() - started) / 1000;
    const counts = await conn.runAndReadAll(
      'SELECT (SELECT count(*) FROM conversations)::INTEGER AS conversations, (SELECT count(*) FROM messages)::INTEGER AS messages',
    );
    const [row] = counts.getRowObjectsJS() as unknown as { conversations: number; messages: number }[];
    return { seconds, conversations: row!.conversations, messages: row!.messages };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
