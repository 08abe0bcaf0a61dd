import { describe, expect, it } from 'vitest';
import {
  PII_KINDS,
  addRedactionCounts,
  emptyRedactionCounts,
  redactText,
  type PiiKind,
  type RedactionCounts,
} from '../../server/ingest/redact.js';

function redact(text: string): { text: string; counts: RedactionCounts } {
  const counts = emptyRedactionCounts();
  return { text: redactText(text, counts), counts };
}

function only(kind: PiiKind, n = 1): RedactionCounts {
  return { ...emptyRedactionCounts(), [kind]: n };
}

/** Each input must become exactly `Before [KIND] after.` with one redaction of that kind. */
function expectRedactedInSentence(kind: PiiKind, values: string[]): void {
  for (const value of values) {
    const result = redact(`Before ${value} after.`);
    expect(result.text, value).toBe(`Before [${kind}] after.`);
    expect(result.counts, value).toEqual(only(kind));
  }
}

function expectUntouched(values: string[]): void {
  for (const value of values) {
    const result = redact(value);
    expect(result.text, value).toBe(value);
    expect(result.counts, value).toEqual(emptyRedactionCounts());
  }
}

describe('redaction counts', () => {
  it('starts at zero for every kind and adds per kind', () => {
    const total = emptyRedactionCounts();
    expect(Object.keys(total).sort()).toEqual([...PII_KINDS].sort());
    addRedactionCounts(total, only('CARD', 2));
    addRedactionCounts(total, { ...only('EMAIL'), CARD: 1 });
    expect(total).toEqual({ ...emptyRedactionCounts(), CARD: 3, EMAIL: 1 });
  });

  it('counts every redaction in a batch of messages', () => {
    const counts = emptyRedactionCounts();
    const batch = [
      'My card is 4111 1111 1111 1111 and my mail anna@example.com',
      'Call me on 070-123 45 67 or +46 8 123 456 78, pnr 811228-9874',
      'No personal data here.',
    ];
    for (const text of batch) redactText(text, counts);
    expect(counts).toEqual({ CARD: 1, IBAN: 0, EMAIL: 1, PHONE: 2, NATIONAL_ID: 1 });
  });

  it('works without a counts object', () => {
    expect(redactText('mail me: anna@example.com')).toBe('mail me: [EMAIL]');
  });
});

describe('cards (Luhn-checked)', () => {
  it('redacts cards written plain, spaced or dashed', () => {
    expectRedactedInSentence('CARD', [
      '4111111111111111',
      '4111 1111 1111 1111',
      '5555-5555-5555-4444',
      '5105 1051 0510 5100',
      '3782 822463 10005', // Amex 4-6-5
      '6011111111111117',
      '4222222222222', // 13-digit Visa
      '6304 0000 0000 0000 018', // 19-digit Maestro
    ]);
  });

  it('keeps Luhn-invalid and non-card digit strings', () => {
    expectUntouched([
      'Number 4111 1111 1111 1112 failed',
      '4111111111111112',
      '1234567890123456',
      '0000123456789012', // zero-padded internal id
      'order 1234567890123452', // Luhn-valid, but after a reference word
      'Serial 4111 1111 11 11 1111', // not a printed card layout
    ]);
  });
});

describe('IBAN (mod-97 and country length)', () => {
  it('redacts IBANs spaced, compact and in lower case', () => {
    expectRedactedInSentence('IBAN', [
      'SE45 5000 0000 0583 9825 7466',
      'SE4550000000058398257466',
      'GB82 WEST 1234 5698 7654 32',
      'DE89 3704 0044 0532 0130 00',
      'NO93 8601 1117 947',
      'se45 5000 0000 0583 9825 7466',
    ]);
  });

  it('stops at the country length even when words follow', () => {
    expect(redact('IBAN: SE45 5000 0000 0583 9825 7466 TACK').text).toBe('IBAN: [IBAN] TACK');
  });

  it('keeps IBAN look-alikes', () => {
    expectUntouched([
      'SE45 5000 0000 0583 9825 7467', // bad check digits
      'GB82 WEST 1234 5698 7654 33',
      'SE45 5000 0000 0583 9825 74', // too short for SE
      'SE4550000000058398257466X', // part of a longer code
      'QQ12 3456 7890 1234 5678 90', // no such country
    ]);
  });
});

describe('e-mail', () => {
  it('redacts ordinary addresses', () => {
    expectRedactedInSentence('EMAIL', [
      'anna@example.com',
      'anna.svensson+support@mail.example.co.uk',
      'o_neil-77@sub.domain.se',
      'åsa.öberg@företag.se',
      'ANNA@EXAMPLE.COM',
    ]);
  });

  it('keeps @ that is not an address', () => {
    expectUntouched(['@support please help', 'meet @ 5', 'user@localhost', 'a@b.c']);
  });

  it('does not let digits in an address become a phone', () => {
    expect(redact('write to 0701234567@sms.example.se').counts).toEqual(only('EMAIL'));
  });
});

describe('phone numbers', () => {
  it('redacts international forms', () => {
    expectRedactedInSentence('PHONE', [
      '+46 70 123 45 67',
      '+46701234567',
      '+46 (0)70-123 45 67',
      '+1 (415) 555-0132',
      '+1 415 555 0132',
      '+44 20 7946 0018',
      '+44 (0)20 7946 0018',
      '0046 70 123 45 67',
      '0044 7700 900123',
    ]);
  });

  it('redacts national forms from the Nordics, UK and US', () => {
    expectRedactedInSentence('PHONE', [
      '070-123 45 67',
      '070 123 45 67',
      '0701234567',
      '08-123 456 78',
      '031-12 34 56',
      '(08) 123 456 78',
      '040 123 4567',
      '07700 900123',
      '020 7946 0018',
      '(415) 555-0132',
      '415-555-0132',
      '415.555.0132',
      '1-415-555-0132',
    ]);
  });

  it('redacts Danish/Norwegian spaced numbers only after a phone word', () => {
    expect(redact('Ring mig på 12 34 56 78').text).toBe('Ring mig på [PHONE]');
    expect(redact('tlf. 912 34 567.').text).toBe('tlf. [PHONE].');
    expectUntouched(['sizes 36 38 40 42', 'scores 912 34 567']);
  });

  it('keeps dates, times, amounts, references and short numbers', () => {
    expectUntouched([
      'Delivered 2025-05-05 at 14:30',
      'on 05/05/2025',
      'on 5.5.2025 or 05.05.2025 or 05-05-2025',
      'between 08:30-17:00',
      'It cost 1 299,00 SEK',
      'It cost $1,299.00 and €1.299,00',
      'about 12 000 kr or 1 250 000 kr',
      'order #123456789',
      'Order no. 0701234567',
      'ref ABC-2025-0042',
      'invoice 2024-001234',
      'faktura nr 0012345678',
      'customer no: 0701234567',
      'call 112 or 1177',
      'code 123456',
      'the years 1999 and 2025',
      'up 12,5 % or 3.75%',
      'tracking 1Z999AA10123456784',
      'parcel RR123456785SE arrived',
      'pi is 3.14159265358979',
      'version 0.12345678',
      'numbers 05 10 15 20 30',
      'rows 2025 2024 2023',
    ]);
  });
});

describe('Swedish personnummer', () => {
  it('redacts all written forms, coordination numbers and leap days', () => {
    expectRedactedInSentence('NATIONAL_ID', [
      '811228-9874',
      '811228+9874',
      '8112289874',
      '19811228-9874',
      '198112289874',
      '701063-2391', // samordningsnummer: day 63 = 3 + 60
      '121212+1212',
      '000229-1235', // 29 Feb 2000
      '20040229-1231',
    ]);
  });

  it('keeps numbers with a bad check digit or an impossible date', () => {
    expectUntouched([
      'pnr 811228-9875',
      '19811228-9875',
      'pnr 810230-1234', // 30 February, Luhn-valid
      'pnr 811301-1236', // month 13, Luhn-valid
      'pnr 811292-1234', // day 92: beyond a coordination day
      '19811228+9874', // "+" is only written with two-digit years
      '21811228-9874', // no such century
    ]);
  });

  it('is not eaten as a phone when it starts with 0', () => {
    // Both are also valid trunk-0 phone shapes: 10 digits starting with 0.
    expect(redact('pnr 010101-1237, tel 070-123 45 67').counts).toEqual({
      ...emptyRedactionCounts(),
      NATIONAL_ID: 1,
      PHONE: 1,
    });
    expect(redact('0101011237').text).toBe('[NATIONAL_ID]');
  });
});

describe('position, punctuation and unicode', () => {
  it('redacts at the start and end of text and next to punctuation', () => {
    expect(redact('4111111111111111').text).toBe('[CARD]');
    expect(redact('anna@example.com is mine').text).toBe('[EMAIL] is mine');
    expect(redact('call 070-123 45 67').text).toBe('call [PHONE]');
    expect(redact('(070-123 45 67)').text).toBe('([PHONE])');
    expect(redact('pnr:811228-9874.').text).toBe('pnr:[NATIONAL_ID].');
    expect(redact('"anna@example.com",').text).toBe('"[EMAIL]",');
    expect(redact('kort: 4111-1111-1111-1111!').text).toBe('kort: [CARD]!');
    expect(redact('IBAN SE4550000000058398257466?').text).toBe('IBAN [IBAN]?');
  });

  it('keeps unicode text around the placeholders intact', () => {
    const result = redact('Hej! Mitt nummer är 070-123 45 67 😊 och mejl åsa@exempel.se — tack så mycket');
    expect(result.text).toBe('Hej! Mitt nummer är [PHONE] 😊 och mejl [EMAIL] — tack så mycket');
    expect(redact('電話 +81 3 1234 5678 です').text).toBe('電話 [PHONE] です');
  });

  it('redacts several kinds in one message', () => {
    const result = redact(
      'Card 5555 5555 5555 4444, IBAN DE89370400440532013000, pnr 19811228-9874, ' +
        'mail a.b@example.org, phone +44 7700 900123; order #123456789 on 2025-05-05.',
    );
    expect(result.text).toBe(
      'Card [CARD], IBAN [IBAN], pnr [NATIONAL_ID], mail [EMAIL], phone [PHONE]; order #123456789 on 2025-05-05.',
    );
    expect(result.counts).toEqual({ CARD: 1, IBAN: 1, EMAIL: 1, PHONE: 1, NATIONAL_ID: 1 });
  });

  it('finds PII next to other numbers in the same run', () => {
    expect(redact('2025-05-05 070-123 45 67').text).toBe('2025-05-05 [PHONE]');
    expect(redact('kl 14:30 0701234567').text).toBe('kl 14:30 [PHONE]');
    expect(redact('tel/fax 0701234567/0812345678').text).toBe('tel/fax [PHONE]/[PHONE]');
    expect(redact('0701234567,811228-9874').text).toBe('[PHONE],[NATIONAL_ID]');
    expect(redact('2 x 4111 1111 1111 1111 5').text).toBe('2 x [CARD] 5');
  });
});

describe('idempotence and speed', () => {
  const samples = [
    'Card 4111 1111 1111 1111, mail anna@example.com, tel +46 70 123 45 67',
    'pnr 811228-9874 IBAN SE45 5000 0000 0583 9825 7466 order #123456789',
    '070 4111 1111 1111 1111 08-123 456 78 2025-05-05',
    'Already [CARD] and [EMAIL] and [PHONE] in here',
    'Plain text without any personal data.',
  ];

  it('gives the same text and zero counts the second time', () => {
    for (const sample of samples) {
      const once = redactText(sample);
      const again = redact(once);
      expect(again.text, sample).toBe(once);
      expect(again.counts, sample).toEqual(emptyRedactionCounts());
    }
  });

  it('returns digit-free, @-free text unchanged (same string)', () => {
    const text = 'Where is my refund? I have been waiting for weeks.';
    expect(redactText(text)).toBe(text);
  });

  it('stays linear on adversarial input', () => {
    const inputs = [
      '1 '.repeat(20_000),
      '1'.repeat(40_000),
      `${'a'.repeat(40_000)}@`,
      `${'a.'.repeat(20_000)}@x`,
      'SE12'.repeat(10_000),
      '+46 7'.repeat(8_000),
      '(0)-'.repeat(10_000) + '1',
    ];
    const started = performance.now();
    for (const input of inputs) redactText(input);
    // Linear work is well under a second even on a loaded machine; catastrophic backtracking
    // on inputs this size would take minutes.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
