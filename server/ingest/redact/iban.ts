import { ibanChecksumValid } from './checks.js';

/**
 * IBAN lengths per country from the SWIFT IBAN registry. A country code outside this table is
 * not treated as an IBAN: the length check is what keeps mod-97 (a 1-in-97 false-positive rate
 * on its own) from redacting ordinary letter-digit codes.
 */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15,
  PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19,
  SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/**
 * Country code + two check digits, then up to 30 more characters with at most one space between
 * any two ("SE45 5000 0000 0583 9825 7466" or unspaced). The run is deliberately greedy and may
 * swallow following words; `ibanEnd` cuts it back to the country's exact length. Case-insensitive
 * because customers type IBANs in lower case; the length + mod-97 checks carry the precision.
 */
const IBAN_CANDIDATE = /(?<![\p{L}\p{N}_])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}/gu;

/** Cheap gate: without two letters glued to two digits there is no IBAN to look for. */
const MAY_HOLD_IBAN = /[A-Za-z]{2}\d\d/;

/** Offset in `candidate` where a valid IBAN starting at 0 ends, or -1. */
function ibanEnd(candidate: string, after: string): number {
  const length = IBAN_LENGTHS[candidate.slice(0, 2).toUpperCase()];
  if (length === undefined) return -1;
  let compact = '';
  let end = 0;
  while (end < candidate.length && compact.length < length) {
    const ch = candidate[end];
    if (ch !== ' ') compact += ch;
    end++;
  }
  if (compact.length !== length) return -1;
  // The IBAN must end where a token ends, or "SE45...7466X" would redact a prefix of a longer code.
  const next = end < candidate.length ? candidate[end] : after;
  if (next !== undefined && next !== '' && /[\p{L}\p{N}_]/u.test(next)) return -1;
  return ibanChecksumValid(compact.toUpperCase()) ? end : -1;
}

/** Replaces valid IBANs with `placeholder`; returns the new text and how many were replaced. */
export function redactIbans(text: string, placeholder: string): { text: string; count: number } {
  if (!MAY_HOLD_IBAN.test(text)) return { text, count: 0 };
  const pattern = new RegExp(IBAN_CANDIDATE);
  let out = '';
  let copied = 0;
  let count = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const candidate = match[0];
    const end = ibanEnd(candidate, text.charAt(match.index + candidate.length));
    if (end < 0) {
      // A greedy non-IBAN run may hide a real one later ("ref AB12 SE45 5000 ..."): resume just
      // after its start instead of after its end.
      pattern.lastIndex = match.index + 1;
      continue;
    }
    out += text.slice(copied, match.index) + placeholder;
    copied = match.index + end;
    pattern.lastIndex = copied;
    count++;
  }
  return { text: count === 0 ? text : out + text.slice(copied), count };
}
