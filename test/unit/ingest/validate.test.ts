import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS, validateRecord } from '../../../server/ingest/validate.js';

const good = () => ({
  conversation_id: 'c-1001',
  started_at: '2025-05-05T09:12:00Z',
  channel: 'chat',
  market: 'SE',
  language: 'en',
  customer: { id: 'u-77', tier: 'vip' },
  topic: 'refund',
  csat: 2,
  messages: [
    { role: 'customer', text: 'Where is my refund?', ts: '2025-05-05T09:12:00Z' },
    { role: 'ai', text: 'Let me check that for you.', ts: '2025-05-05T09:12:04+00:00' },
    { role: 'system', event: 'handoff', ts: '2025-05-05T09:15:10Z' },
    { role: 'agent', agent_id: 'a-12', text: "Hi, I'm Sara", ts: '2025-05-05T11:16:00+02:00' },
  ],
});

function problemOf(record: unknown) {
  const result = validateRecord(record);
  if (result.ok) throw new Error('expected a problem');
  return result.problem;
}

describe('validateRecord', () => {
  it('turns the SPEC example into a transcript with epoch-ms times and defaults', () => {
    const result = validateRecord(good());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const t = result.transcript;
    expect(t).toMatchObject({ conversationId: 'c-1001', tier: 'vip', topic: 'refund', csat: 2, customerId: 'u-77', metadata: {} });
    expect(t.startedAt).toBe(Date.UTC(2025, 4, 5, 9, 12));
    expect(t.messages[3]).toMatchObject({ index: 3, role: 'agent', agentId: 'a-12', ts: Date.UTC(2025, 4, 5, 9, 16) });
    expect(t.messages[2]).toMatchObject({ role: 'system', event: 'handoff', text: null });
  });

  it('applies SPEC defaults: channel chat, tier standard, absent and null mean the same', () => {
    const { channel: _c, customer: _cu, ...rest } = good();
    const result = validateRecord({ ...rest, csat: null, topic: null });
    expect(result.ok && result.transcript).toMatchObject({ channel: 'chat', tier: 'standard', csat: null, topic: null, customerId: null });
  });

  it('keeps unknown fields, unchanged, as metadata, including prototype-like keys', () => {
    const record = JSON.parse(JSON.stringify({ ...good(), labels: { sentiment: 'negative' }, topic: 'card_arrival' }).replace('{', '{"__proto__":{"x":1},'));
    const result = validateRecord(record);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.transcript.metadata).toEqual(JSON.parse('{"__proto__":{"x":1},"labels":{"sentiment":"negative"},"source_topic":"card_arrival"}'));
    expect(result.transcript.topic).toBeNull();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it.each([
    ['missing conversation_id', (r: Record<string, unknown>) => delete r.conversation_id, 'conversation_id'],
    ['date without offset', (r: Record<string, unknown>) => (r.started_at = '2025-05-05 09:12'), 'started_at'],
    ['impossible date', (r: Record<string, unknown>) => (r.started_at = '2025-02-30T09:12:00Z'), 'started_at'],
    ['date far in the future', (r: Record<string, unknown>) => (r.started_at = '2999-01-01T00:00:00Z'), 'started_at'],
    ['csat as a string', (r: Record<string, unknown>) => (r.csat = '4'), 'csat'],
    ['csat out of range', (r: Record<string, unknown>) => (r.csat = 6), 'csat'],
    ['unknown channel', (r: Record<string, unknown>) => (r.channel = 'fax'), 'channel'],
    ['empty messages', (r: Record<string, unknown>) => (r.messages = []), 'messages'],
    ['unknown role', (r: { messages: { role: string }[] }) => (r.messages[1]!.role = 'bot'), 'messages[1].role'],
    ['empty text', (r: { messages: { text: string }[] }) => (r.messages[0]!.text = '   '), 'messages[0].text'],
    ['text of the wrong type', (r: { messages: { text: unknown }[] }) => (r.messages[0]!.text = 42), 'messages[0].text'],
    ['a huge text', (r: { messages: { text: string }[] }) => (r.messages[0]!.text = 'x'.repeat(MAX_TEXT_CHARS + 1)), 'messages[0].text'],
  ] as const)('rejects %s, naming the field', (_name, mutate, field) => {
    const record = good();
    (mutate as (r: unknown) => void)(record);
    const problem = problemOf(record);
    expect(problem.field).toBe(field);
    expect(problem.message).toContain(field);
  });

  it('rejects a record that is not an object', () => {
    expect(problemOf([1, 2]).message).toMatch(/JSON object/);
    expect(problemOf(null).message).toMatch(/JSON object/);
  });

  it('accepts case variants of enums and numeric ids', () => {
    const record = { ...good(), channel: 'Twitter', customer: { id: 77, tier: 'VIP' } };
    const result = validateRecord(record);
    expect(result.ok && result.transcript).toMatchObject({ channel: 'twitter', tier: 'vip', customerId: '77' });
  });
});
