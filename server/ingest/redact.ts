/**
 * PII redaction before storage (SPEC section 2). Every message text passes through `redactText`
 * on ingest, so the common case (no digits, no "@") must cost one native regex scan.
 *
 * Order, and why:
 *   1. EMAIL first: an address can hold digits ("anna.70123@ex.se") that would otherwise be
 *      read as a phone, and nothing else contains "@".
 *   2. IBAN next: its BBAN is a long digit string that holds card-, phone- and
 *      personnummer-shaped substrings; IBANs are told apart by their country letters.
 *   3. NATIONAL_ID, CARD, PHONE together over the same numeric runs, in that priority
 *      (see redact/numbers.ts): the checksummed kinds claim digits before the loosest rule.
 * Placeholders contain neither digits nor "@", so redacting twice changes nothing.
 */
import { redactIbans } from './redact/iban.js';
import { redactNumbers } from './redact/numbers.js';
import type { NumericKind } from './redact/rules.js';

export const PII_KINDS = ['CARD', 'IBAN', 'EMAIL', 'PHONE', 'NATIONAL_ID'] as const;
export type PiiKind = (typeof PII_KINDS)[number];
export type RedactionCounts = Record<PiiKind, number>;

const PLACEHOLDERS = {
  CARD: '[CARD]',
  IBAN: '[IBAN]',
  EMAIL: '[EMAIL]',
  PHONE: '[PHONE]',
  NATIONAL_ID: '[NATIONAL_ID]',
} as const satisfies Record<PiiKind, string>;

/** Every kind needs a digit, except e-mail which needs "@": anything else is returned as is. */
const MAY_HOLD_PII = /[\d@]/;
const HAS_DIGIT = /\d/;

/**
 * Ordinary addresses: a dot-atom local part (Unicode letters allowed, as EAI permits) and a
 * dotted domain ending in a 2+ letter TLD. Quoted local parts and IP-literal domains are left
 * alone: they do not occur in support chats. The look-behind makes each local part start at
 * the beginning of its token, so a long token without "@" is scanned once, not once per char.
 */
const EMAIL = /(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}._%+'-]+@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?![\p{L}\p{N}-])/gu;

export function emptyRedactionCounts(): RedactionCounts {
  return { CARD: 0, IBAN: 0, EMAIL: 0, PHONE: 0, NATIONAL_ID: 0 };
}

export function addRedactionCounts(into: RedactionCounts, from: RedactionCounts): void {
  for (const kind of PII_KINDS) into[kind] += from[kind];
}

/** Replaces personal data by typed placeholders: [CARD], [IBAN], [EMAIL], [PHONE], [NATIONAL_ID]. Pure. */
export function redactText(text: string, counts?: RedactionCounts): string {
  if (!MAY_HOLD_PII.test(text)) return text;
  let out = text;
  if (out.includes('@')) {
    out = out.replace(EMAIL, () => {
      if (counts) counts.EMAIL++;
      return PLACEHOLDERS.EMAIL;
    });
  }
  if (!HAS_DIGIT.test(out)) return out;
  const ibans = redactIbans(out, PLACEHOLDERS.IBAN);
  if (counts) counts.IBAN += ibans.count;
  return redactNumbers(ibans.text, PLACEHOLDERS, (kind: NumericKind) => {
    if (counts) counts[kind]++;
  });
}
