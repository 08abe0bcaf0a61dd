/** Fixes found by the hostile corpus (issue 9) in validate.ts and parse-json.ts. */
import { describe, expect, it } from 'vitest';
import { parseJsonLines } from '../../../server/ingest/parse-json.js';
import type { SourceRecord } from '../../../server/ingest/sources.js';
import { MAX_METADATA_DEPTH, nestingProblem, validateRecord } from '../../../server/ingest/validate.js';

const record = (overrides: Record<string, unknown> = {}) => ({
  conversation_id: 'c-1',
  started_at: '2025-05-05T09:12:00Z',
  messages: [{ role: 'customer', text: 'Where is my refund?' }, { role: 'ai', text: 'Let me check.' }],
  ...overrides,
});

const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

function problemOf(value: unknown) {
  const result = validateRecord(value);
  if (result.ok) throw new Error('expected a problem');
  return result.problem;
}

describe('text that cannot be stored exactly is rejected, not altered', () => {
  it.each([
    ['NUL in a text', { messages: [{ role: 'customer', text: 'a\u0000b' }] }, 'messages[0].text', /NUL/],
    ['NUL in market', { market: 'S\u0000E' }, 'market', /NUL/],
    ['a lone surrogate in a text', { messages: [{ role: 'customer', text: 'x\ud800y' }] }, 'messages[0].text', /surrogate/],
    ['a lone surrogate in an id', { conversation_id: 'c-\udc00' }, 'conversation_id', /surrogate/],
    ['a control character in conversation_id', { conversation_id: 'c-\u0007' }, 'conversation_id', /control/],
    ['a newline inside conversation_id', { conversation_id: 'a\nb' }, 'conversation_id', /control/],
    ['an escape in customer.id', { customer: { id: 'u-\u001b[2J' } }, 'customer.id', /control/],
  ])('%s', (_name, overrides, field, message) => {
    const problem = problemOf(record(overrides));
    expect(problem.field).toBe(field);
    expect(problem.message).toMatch(message);
  });

  it('keeps other control characters and paired surrogates in text as they are', () => {
    const text = 'bell \u0007, tab \t, emoji 😀';
    const result = validateRecord(record({ messages: [{ role: 'customer', text }] }));
    expect(result.ok && result.transcript.messages[0]!.text).toBe(text);
  });

  it('says what an id must be instead of "Invalid input"', () => {
    expect(problemOf(record({ conversation_id: true })).message).toBe('conversation_id must be a non-empty string or an integer id');
    // An id past 2^53 has lost digits in JSON.parse already: refused rather than stored as another id.
    expect(problemOf(JSON.parse('{"conversation_id":12345678901234567890}')).field).toBe('conversation_id');
    expect(problemOf(record({ customer: { id: {} } })).message).toBe('customer.id must be a string or an integer id');
  });
});

describe('deeply nested metadata', () => {
  it('is rejected past MAX_METADATA_DEPTH, naming the field, without overflowing the stack', () => {
    for (const levels of [MAX_METADATA_DEPTH + 1, 100_000]) {
      const value = JSON.parse(`{"conversation_id":"d","labels":${nested(levels)}}`) as unknown;
      expect(nestingProblem(value)).toEqual({ field: 'labels', message: `labels is nested deeper than ${MAX_METADATA_DEPTH} levels` });
    }
    const inMessage = JSON.parse(`{"messages":[{"role":"customer","text":"hi","meta":${nested(10_000)}}]}`) as unknown;
    expect(nestingProblem(inMessage)?.field).toBe('messages[0].meta');
    expect(nestingProblem(JSON.parse(`[${'['.repeat(10_000)}${']'.repeat(10_000)}]`))?.field).toBeNull();
  });

  it('is accepted up to the limit, and validateRecord applies the same check', () => {
    const atLimit = JSON.parse(nested(MAX_METADATA_DEPTH)) as unknown;
    const result = validateRecord(record({ labels: atLimit }));
    expect(result.ok && result.transcript.metadata).toEqual({ labels: atLimit });
    expect(problemOf(record({ labels: JSON.parse(nested(MAX_METADATA_DEPTH + 1)) })).field).toBe('labels');
  });

  it('is rejected by the JSON Lines parser itself, before the record is cloned to a worker', async () => {
    const line = `{"conversation_id":"deep","labels":${nested(10_000)}}\n{"a":1}\n`;
    const out: SourceRecord[] = [];
    for await (const r of parseJsonLines((async function* () { yield Buffer.from(line); })())) out.push(r);
    expect(out[0]).toMatchObject({ line: 1, conversationId: 'deep', problem: { field: 'labels' } });
    expect(out[1]).toMatchObject({ line: 2, value: { a: 1 } });
  });
});
