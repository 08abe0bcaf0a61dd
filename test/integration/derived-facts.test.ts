import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../../server/ingest/ingest.js';
import type { Database } from '../../server/db/database.js';
import { conversation, handoff, message, toJsonl } from '../helpers/factories.js';
import { openTempDatabase } from '../helpers/db.js';

async function* body(text: string): AsyncGenerator<Buffer> {
  yield Buffer.from(text);
}

/**
 * Hand-worked fixture for SPEC 3. Newest started_at in the data is 2025-05-20T12:00 (c-new),
 * R = 7 days, so "pending" means an end after 2025-05-13T12:00 with no later contact.
 */
const fixture = [
  // AI only; u-1 comes back on 05-08, 3 days after this ends (10:05) -> repeat true. Duration 5 min.
  conversation({
    conversation_id: 'c-ai', customer: { id: 'u-1' }, ended_at: '2025-05-05T10:05:00Z', started_at: '2025-05-05T10:00:00Z',
    messages: [message('customer', 'Card blocked', '2025-05-05T10:00:00Z'), message('ai', 'Unblocked it', '2025-05-05T10:01:00Z')],
  }),
  // Hybrid with a system handoff at index 2; u-1's second contact, ends 05-08 09:30, 12 days before newest -> false.
  conversation({
    conversation_id: 'c-hybrid-event', customer: { id: 'u-1' }, started_at: '2025-05-08T09:00:00Z',
    messages: [
      message('customer', 'Still blocked', '2025-05-08T09:00:00Z'),
      message('ai', 'Let me look', '2025-05-08T09:00:05Z'),
      handoff('2025-05-08T09:02:00Z'),
      message('agent', 'Hi, Sara here', '2025-05-08T09:30:00Z', { agent_id: 'a-1' }),
    ],
  }),
  // Hybrid, no event: handoff is the first agent message after an AI message (index 3). No customer -> unknown.
  conversation({
    conversation_id: 'c-hybrid-implicit', customer: null, started_at: '2025-05-09T09:00:00Z',
    messages: [
      message('customer', 'Hello', '2025-05-09T09:00:00Z'),
      message('ai', 'Hi!', '2025-05-09T09:00:02Z'),
      message('customer', 'Human please', '2025-05-09T09:01:00Z'),
      message('agent', 'Here', '2025-05-09T09:10:00Z'),
    ],
  }),
  // Human only; u-2 ends 05-18 12:00, within 7 days of the newest start -> pending.
  conversation({
    conversation_id: 'c-human', customer: { id: 'u-2' }, started_at: '2025-05-18T11:00:00Z',
    messages: [message('customer', 'Hi', '2025-05-18T11:00:00Z'), message('agent', 'Hello', '2025-05-18T12:00:00Z')],
  }),
  // Agent first, then AI: hybrid but not AI-started, and no agent message after an AI one -> no handoff.
  conversation({
    conversation_id: 'c-human-first', customer: { id: 'u-3' }, started_at: '2025-05-01T08:00:00Z',
    messages: [message('customer', 'Hi', null), message('agent', 'Hello', null), message('ai', 'Survey?', null)],
  }),
  // u-3 again 8 days after c-human-first started (it has no message ts: its end is its start) -> outside R, so c-human-first is false.
  conversation({
    conversation_id: 'c-lone', customer: { id: 'u-3' }, started_at: '2025-05-09T08:00:01Z',
    messages: [message('customer', 'Anyone there?', null)],
  }),
  conversation({
    conversation_id: 'c-new', customer: { id: 'u-4' }, started_at: '2025-05-20T12:00:00Z',
    messages: [message('customer', 'New question', '2025-05-20T12:00:00Z'), message('ai', 'Sure', '2025-05-20T12:00:03Z')],
  }),
];

describe('derived facts (SPEC 3) on a hand-worked fixture', () => {
  let db: Database;
  let close: () => Promise<void>;
  let facts: Record<string, Record<string, unknown>>;

  beforeAll(async () => {
    ({ db, close } = await openTempDatabase());
    const result = await ingestBatch(db, body(toJsonl(fixture)), { source: 'test', repeatDays: 7 });
    expect(result).toMatchObject({ received: 7, accepted: 7, rejected: 0 });
    const rows = await db.all<Record<string, unknown>>(
      `SELECT conversation_id, handled_by, ai_started, handoff_index, handoff_at, duration_seconds, message_count, repeat_contact
       FROM conversations`,
    );
    facts = Object.fromEntries(rows.map((r) => [r.conversation_id as string, r]));
  });
  afterAll(() => close());

  it('handled_by and ai_started', () => {
    const pick = (id: string) => [facts[id]!.handled_by, facts[id]!.ai_started];
    expect(pick('c-ai')).toEqual(['ai', true]);
    expect(pick('c-hybrid-event')).toEqual(['hybrid', true]);
    expect(pick('c-hybrid-implicit')).toEqual(['hybrid', true]);
    expect(pick('c-human')).toEqual(['human', false]);
    expect(pick('c-human-first')).toEqual(['hybrid', false]);
    expect(pick('c-lone')).toEqual([null, false]);
  });

  it('handoff index and time', () => {
    expect(facts['c-hybrid-event']).toMatchObject({ handoff_index: 2, handoff_at: new Date('2025-05-08T09:02:00Z') });
    expect(facts['c-hybrid-implicit']).toMatchObject({ handoff_index: 3, handoff_at: new Date('2025-05-09T09:10:00Z') });
    expect(facts['c-ai']!.handoff_index).toBeNull();
    expect(facts['c-human-first']!.handoff_index).toBeNull();
  });

  it('duration from ended_at, else the last message, else unknown', () => {
    expect(facts['c-ai']!.duration_seconds).toBe(300);
    expect(facts['c-hybrid-event']!.duration_seconds).toBe(1800);
    expect(facts['c-human-first']!.duration_seconds).toBeNull();
    expect(facts['c-human']!.message_count).toBe(2);
  });

  it('repeat contact with unknown and pending states', () => {
    const repeat = (id: string) => facts[id]!.repeat_contact;
    expect(repeat('c-ai')).toBe('true');
    expect(repeat('c-hybrid-event')).toBe('false');
    expect(repeat('c-hybrid-implicit')).toBe('unknown');
    expect(repeat('c-human')).toBe('pending');
    expect(repeat('c-human-first')).toBe('false');
    expect(repeat('c-new')).toBe('pending');
  });

  it('repeat contact is recomputed over all data when a later batch arrives', async () => {
    const later = conversation({ conversation_id: 'c-u2-back', customer: { id: 'u-2' }, started_at: '2025-05-21T09:00:00Z' });
    await ingestBatch(db, body(toJsonl([later])), { source: 'test', repeatDays: 7 });
    const row = await db.one<{ r: string }>(`SELECT repeat_contact AS r FROM conversations WHERE conversation_id = 'c-human'`);
    expect(row!.r).toBe('true');
  });
});
