import { describe, expect, it } from 'vitest';
import { generateConversations, windowFor } from '../../../data/generator/index.js';
import { v1Record } from './helpers.js';

const OPTIONS = { conversations: 5000, weeks: 8, seed: 7 };
const records = [...generateConversations(OPTIONS)];

describe('generated records are format v1', () => {
  it('yields the requested number of conversations with unique ids', () => {
    expect(records).toHaveLength(5000);
    expect(new Set(records.map((r) => r.conversation_id)).size).toBe(5000);
  });

  it('every record passes the SPEC 2 schema', () => {
    const problems = records
      .map((record, line) => ({ line, result: v1Record.safeParse(record) }))
      .filter(({ result }) => !result.success)
      .map(({ line, result }) => `${line}: ${result.error?.issues[0]?.message}`);
    expect(problems).toEqual([]);
  });

  it('survives a JSON round trip unchanged (no undefined, NaN or Dates leak out)', () => {
    for (const record of records.slice(0, 500)) {
      expect(JSON.parse(JSON.stringify(record))).toEqual(record);
      expect(JSON.stringify(record)).not.toMatch(/NaN|Infinity/);
    }
  });

  it('is in started_at order, inside the requested weeks', () => {
    const window = windowFor('2025-06-29', OPTIONS.weeks);
    expect(new Date(window.start).toISOString()).toBe('2025-05-05T00:00:00.000Z');
    let previous = -Infinity;
    for (const record of records) {
      const started = Date.parse(record.started_at as string);
      expect(started).toBeGreaterThanOrEqual(previous);
      expect(started).toBeGreaterThanOrEqual(window.start);
      expect(started).toBeLessThan(window.end);
      previous = started;
    }
  });

  it('gives each message a timestamp that never goes back in time', () => {
    for (const record of records.map((r) => v1Record.parse(r))) {
      const times = record.messages.filter((m) => m.ts !== undefined).map((m) => Date.parse(m.ts as string));
      if (times.length === 0) continue;
      expect(times[0]).toBe(Date.parse(record.started_at));
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
      if (record.ended_at)
        expect(Date.parse(record.ended_at)).toBeGreaterThanOrEqual(times[times.length - 1]);
    }
  });

  it('gives agent messages an agent_id and system messages an event', () => {
    for (const record of records.map((r) => v1Record.parse(r))) {
      for (const m of record.messages) {
        if (m.role === 'agent') expect(m.agent_id).toMatch(/^a-\d+$/);
        if (m.role === 'system') expect(m.event).toBe('handoff');
      }
    }
  });

  it('honours a custom end date and a one-week window', () => {
    const window = windowFor('2025-01-15', 1);
    const sample = [
      ...generateConversations({ conversations: 300, weeks: 1, seed: 3, endDate: '2025-01-15' }),
    ];
    for (const record of sample) {
      const started = Date.parse(record.started_at as string);
      expect(started).toBeGreaterThanOrEqual(window.start);
      expect(started).toBeLessThan(window.end);
    }
    expect(new Date(window.start).toISOString()).toBe('2025-01-09T00:00:00.000Z');
    expect(new Date(window.end).toISOString()).toBe('2025-01-16T00:00:00.000Z');
  });

  it('rejects invalid options with a clear error', () => {
    expect(() => generateConversations({ conversations: -1, weeks: 1, seed: 1 }).next()).toThrow(
      /conversations/,
    );
    expect(() => generateConversations({ conversations: 1, weeks: 0, seed: 1 }).next()).toThrow(/weeks/);
    expect(() =>
      generateConversations({ conversations: 1, weeks: 1, seed: 1, endDate: '2025-13-40' }).next(),
    ).toThrow(/endDate/);
  });

  it('produces nothing for zero conversations', () => {
    expect([...generateConversations({ conversations: 0, weeks: 2, seed: 1 })]).toEqual([]);
  });
});
