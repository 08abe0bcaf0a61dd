/**
 * The CSV form of SPEC 2: one message per row, conversation-level columns repeated on every row.
 * CSV has no column for system events, so a system row carries its event name ("handoff") as text.
 */
import { generateConversations, type GenerateOptions } from './conversations.js';
import type { V1Record } from './record.js';

export const CSV_HEADER =
  'conversation_id,started_at,ts,role,text,agent_id,customer_id,tier,channel,market,language,topic,csat';

const NEEDS_QUOTES = /[",\r\n]/;

function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

interface MessageFields {
  role: string;
  text?: string;
  event?: string;
  ts?: string;
  agent_id?: string;
}

/** The rows of one conversation, each without its line ending. */
export function csvRowsOf(record: V1Record): string[] {
  const customer = (record.customer ?? {}) as { id?: string; tier?: string };
  const tail = [
    csvField(customer.id),
    csvField(customer.tier),
    csvField(record.channel),
    csvField(record.market),
    csvField(record.language),
    csvField(record.topic),
    csvField(record.csat),
  ].join(',');
  const head = `${csvField(record.conversation_id)},${csvField(record.started_at)}`;
  return (record.messages as MessageFields[]).map(
    (m) =>
      `${head},${csvField(m.ts)},${m.role},${csvField(m.role === 'system' ? m.event : m.text)},${csvField(m.agent_id)},${tail}`,
  );
}

/** The header, then every message row of the generated conversations, lazily, without line endings. */
export function* generateCsvRows(options: GenerateOptions): Generator<string> {
  yield CSV_HEADER;
  for (const record of generateConversations(options)) yield* csvRowsOf(record);
}
