import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvRowsOf, generateConversations } from '../../../data/generator/index.js';
import {
  cardNumber,
  iban,
  isLuhnValid,
  lookalikeSentence,
  personnummer,
} from '../../../data/generator/pii.js';
import { Rng } from '../../../data/generator/random.js';
import { isoAt } from '../../../data/generator/calendar.js';

function ibanValid(value: string): boolean {
  const compact = value.replaceAll(' ', '');
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  const numeric = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return BigInt(numeric) % 97n === 1n;
}

describe('PII and look-alikes', () => {
  const rng = new Rng(3);

  it('card numbers are Luhn-valid runs of 15-16 digits, plain, spaced or dashed', () => {
    for (let i = 0; i < 500; i++) {
      const digits = cardNumber(rng).replace(/[ -]/g, '');
      expect(digits).toMatch(/^\d{15,16}$/);
      expect(isLuhnValid(digits)).toBe(true);
    }
  });

  it('personnummer carry a valid check digit and IBANs pass mod 97', () => {
    for (let i = 0; i < 300; i++) {
      const pnr = personnummer(rng).replace('-', '');
      expect(pnr).toMatch(/^\d{10}$/);
      expect(isLuhnValid(pnr)).toBe(true);
      for (const market of ['SE', 'DE', 'NL'] as const) expect(ibanValid(iban(rng, market))).toBe(true);
    }
  });

  it('long digit look-alikes fail Luhn, so a careful redactor keeps them', () => {
    for (let i = 0; i < 300; i++) {
      const sentence = lookalikeSentence(rng);
      const run = sentence.match(/(?:\d[ -]?){13,19}/)?.[0]?.replace(/\D/g, '');
      if (run && run.length >= 13) expect(isLuhnValid(run)).toBe(false);
    }
  });

  it('the generated texts contain PII at a small rate', () => {
    const texts = [...generateConversations({ conversations: 5000, weeks: 4, seed: 8 })].flatMap((r) =>
      (r.messages as Array<{ text?: string }>).map((m) => m.text ?? ''),
    );
    const withEmail = texts.filter((t) => /\S+@\S+\.\w+/.test(t)).length;
    const withCard = texts.filter((t) =>
      (t.match(/\b(?:\d[ -]?){12,18}\d\b/g) ?? []).some((run) => isLuhnValid(run.replace(/\D/g, ''))),
    ).length;
    expect(withEmail).toBeGreaterThan(0);
    expect(withCard).toBeGreaterThan(0);
    expect((withEmail + withCard) / texts.length).toBeLessThan(0.02);
  });
});

describe('CSV form', () => {
  const records = [...generateConversations({ conversations: 500, weeks: 2, seed: 4 })];
  const text = [CSV_HEADER, ...records.flatMap(csvRowsOf)].join('\n') + '\n';
  const rows = parse(text, { columns: true }) as Array<Record<string, string>>;

  it('has one row per message with the SPEC 2 columns', () => {
    const messages = records.reduce((n, r) => n + (r.messages as unknown[]).length, 0);
    expect(rows).toHaveLength(messages);
    expect(Object.keys(rows[0])).toEqual(CSV_HEADER.split(','));
  });

  it('round-trips texts (quotes, commas) and keeps conversation columns equal across rows', () => {
    let row = 0;
    for (const record of records) {
      for (const message of record.messages as Array<{ role: string; text?: string; event?: string }>) {
        expect(rows[row].conversation_id).toBe(record.conversation_id);
        expect(rows[row].role).toBe(message.role);
        expect(rows[row].text).toBe(message.text ?? message.event);
        expect(rows[row].csat).toBe(typeof record.csat === 'number' ? String(record.csat) : '');
        row++;
      }
    }
  });
});

describe('isoAt', () => {
  it('writes the same instant in UTC and at fixed offsets', () => {
    const ms = Date.UTC(2025, 5, 29, 23, 30, 5);
    expect(isoAt(ms, 0)).toBe('2025-06-29T23:30:05Z');
    expect(isoAt(ms, 120)).toBe('2025-06-30T01:30:05+02:00');
    expect(isoAt(ms, -240)).toBe('2025-06-29T19:30:05-04:00');
    for (const offset of [0, 60, 120, 180, -240]) expect(Date.parse(isoAt(ms, offset))).toBe(ms);
  });
});
