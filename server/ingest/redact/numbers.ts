/**
 * Digit-based PII: personnummer, payment cards and phone numbers. All three are found in one
 * scan for "numeric runs" (digit groups joined by single separators), because they compete for
 * the same digits: each run is split into groups, and each kind in NUMERIC_KIND_ORDER claims
 * group ranges before the next kind looks, so a personnummer or card is never eaten as a phone.
 */

import {
  KIND_LIMITS,
  MATCHERS,
  NUMERIC_KIND_ORDER,
  type Group,
  type NumericKind,
  type Range,
  type WordContext,
} from './rules.js';

/**
 * A run starts at a digit, "+" or "(" that is not glued to a word or to a code such as
 * "ABC-2025-0042", and continues over digits, parentheses and single joiners followed by a
 * digit. Joiners that never occur inside a phone or card (",", ":", "/", "+") are still part of
 * the run so that amounts, times and dates ("1 299,00", "08:30", "05/05/2025") are seen whole
 * and rejected whole, rather than leaving a phone-shaped tail to be matched.
 */
const NUMERIC_RUN = /(?<![\p{L}\p{N}_+(])(?<![\p{L}\p{N}_][-/])[+(]?\d(?:[\d()]|[ .\-/,:+](?=[\d(]))*/gu;

/** Fewer digits than the shortest kind (an 8-digit phone) cannot be PII; most runs stop here. */
const MIN_PII_DIGITS = Math.min(...Object.values(KIND_LIMITS).map((limits) => limits.minDigits));

/**
 * Cheap gate before the run scan: MIN_PII_DIGITS digits with at most 3 characters between neighbours (a
 * joiner plus parentheses, as in "5) (4"). Texts with only short numbers ("3-5 days", "450 kr",
 * "14:30") skip the scan and its callbacks entirely.
 */
const MAY_HOLD_LONG_RUN = new RegExp(`\\d(?:\\D{0,3}\\d){${MIN_PII_DIGITS - 1}}`);

/**
 * A number right after one of these words is the business's own identifier, not a person's:
 * "order #123456789", "ref: 0701234567", "faktura nr 0012345678". Only ungrouped card-like runs
 * and phone shapes yield to it; a Luhn-valid 4-4-4-4 card is redacted whatever precedes it.
 */
const REFERENCE_CONTEXT =
  /(?:^|[^\p{L}])(?:(?:order|ordernr|ordernummer|ref|reference|referens|invoice|faktura|fakturanr|fakturanummer|tracking|booking|bokning|bokningsnummer|ticket|case|ärende|ärendenummer|confirmation|transaction|transaktion|kundnummer|shipment|parcel|paket)(?:\s*(?:no|nr|number|nummer|id))?|customer\s*(?:no|nr|number|id))\.?\s*[:#]?\s*$/iu;
/** Enough for "faktura nr: " or "ring mig på " with room to spare. */
const CONTEXT_CHARS = 40;

/**
 * Spaced pairs ("12 34 56 78", "912 34 567") are how Danish and Norwegian numbers are written,
 * but also how lists of sizes or scores are; they count as phones only after a phone word
 * followed by at most three short words ("ring mig på", "call me at", "tlf.").
 */
const PHONE_CONTEXT =
  /(?:tel|tlf|telefon|phone|mobil|mobile|ring|call|sms|whatsapp|nummer|number)\p{L}*(?:\P{L}+\p{L}{1,3}){0,3}\P{L}{1,6}$/iu;

/**
 * A run right after an IBAN-shaped token ("SE45 5000 0000 0583 9825 7467" with a bad checksum)
 * is the rest of that code, not a phone; valid IBANs are already gone by the time runs are read.
 */
const CODE_CONTINUATION = /\p{L}{2}\d{2}(?: [\p{L}\p{N}]{4})* $/u;

const WORD_CHAR = /[\p{L}\p{N}_]/u;

const DIGIT_0 = 48;
const DIGIT_9 = 57;

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= DIGIT_0 && c <= DIGIT_9;
}

// Hand-written loops below: this runs for every message with digits, and per-call closures
// and match arrays showed up as the top cost in profiles.
function splitGroups(run: string): Group[] {
  const groups: Group[] = [];
  let i = 0;
  while (i < run.length) {
    if (!isDigitAt(run, i)) {
      i++;
      continue;
    }
    const start = i;
    while (i < run.length && isDigitAt(run, i)) i++;
    groups.push({ start, end: i, digits: run.slice(start, i), inParens: run[start - 1] === '(' && run[i] === ')' });
  }
  return groups;
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (isDigitAt(s, i)) n++;
  return n;
}

/** The words before a run, each tested at most once and only when a rule asks. */
class WordsBefore implements WordContext {
  readonly #text: string;
  #reference: boolean | undefined;
  #phone: boolean | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  afterReferenceWord(): boolean {
    return (this.#reference ??= REFERENCE_CONTEXT.test(this.#text));
  }

  afterPhoneWord(): boolean {
    return (this.#phone ??= PHONE_CONTEXT.test(this.#text));
  }
}

/** Ranges that start inside a run are preceded by numbers, not words. */
const NO_WORDS: WordContext = {
  afterReferenceWord: () => false,
  afterPhoneWord: () => false,
};

interface Claim {
  kind: NumericKind;
  start: number;
  end: number;
}

// Ranges begin and end only where tokens meet: at a space, or at a bare "/" or "," as in
// "0701234567/0812345678", or at the run's edges. So "2025-05-05 070-123 45 67" can yield the
// phone but never the "05-05" inside the date.
function isTokenBoundary(joint: string): boolean {
  return joint.includes(' ') || joint === '/' || joint === ',';
}

function isTokenStart(joints: string[], i: number): boolean {
  return i === 0 || isTokenBoundary(joints[i]);
}

function isTokenEnd(joints: string[], j: number, gluedToWordAfter: boolean): boolean {
  return j === joints.length - 1 ? !gluedToWordAfter : isTokenBoundary(joints[j + 1]);
}

/** Finds the PII ranges inside one run; offsets are relative to the run. */
function claimRun(run: string, words: WordContext, gluedToWordAfter: boolean): Claim[] {
  const groups = splitGroups(run);
  const last = groups.length - 1;
  // joints[k] is the text between group k-1 and group k; joints[0] is unused.
  const joints = [''];
  // Prefix sums let the length filter reject most ranges before any of them is built.
  const digitsBefore = [0, groups[0].digits.length];
  for (let k = 1; k <= last; k++) {
    joints.push(run.slice(groups[k - 1].end, groups[k].start));
    digitsBefore.push(digitsBefore[k] + groups[k].digits.length);
  }
  const owner: (NumericKind | undefined)[] = new Array(groups.length);
  const claims: Claim[] = [];

  for (const kind of NUMERIC_KIND_ORDER) {
    const { minDigits, maxDigits, maxGroups } = KIND_LIMITS[kind];
    for (let i = 0; i <= last; i++) {
      if (owner[i] !== undefined || !isTokenStart(joints, i)) continue;
      let maxJ = i;
      while (maxJ < last && maxJ + 1 < i + maxGroups && owner[maxJ + 1] === undefined) maxJ++;
      for (let j = maxJ; j >= i; j--) {
        const digitCount = digitsBefore[j + 1] - digitsBefore[i];
        if (digitCount < minDigits || digitCount > maxDigits || !isTokenEnd(joints, j, gluedToWordAfter)) continue;
        const slice = groups.slice(i, j + 1);
        const range: Range = {
          groups: slice,
          joints: joints.slice(i + 1, j + 1),
          digits: slice.length === 1 ? slice[0].digits : slice.map((g) => g.digits).join(''),
          plusPrefix: i === 0 && run[0] === '+',
          words: i === 0 ? words : NO_WORDS,
        };
        if (!MATCHERS[kind](range)) continue;
        for (let k = i; k <= j; k++) owner[k] = kind;
        const start = groups[i].start - (groups[i].inParens || (range.plusPrefix && kind === 'PHONE') ? 1 : 0);
        claims.push({ kind, start, end: groups[j].end + (groups[j].inParens ? 1 : 0) });
        i = j;
        break;
      }
    }
  }
  return claims.sort((a, b) => a.start - b.start);
}

function lastDigitIndex(s: string): number {
  let i = s.length - 1;
  while (i >= 0 && !isDigitAt(s, i)) i--;
  return i;
}

/** Replaces digit-based PII; `onRedact` is told the kind of each replacement. */
export function redactNumbers(
  text: string,
  placeholders: Record<NumericKind, string>,
  onRedact: (kind: NumericKind) => void,
): string {
  if (!MAY_HOLD_LONG_RUN.test(text)) return text;
  return text.replace(NUMERIC_RUN, (run: string, offset: number) => {
    if (countDigits(run) < MIN_PII_DIGITS) return run;
    const before = text.slice(Math.max(0, offset - CONTEXT_CHARS), offset);
    const gluedToWordAfter = WORD_CHAR.test(text.charAt(offset + lastDigitIndex(run) + 1));
    const claims = claimRun(run, new WordsBefore(before), gluedToWordAfter);
    if (claims.length === 0 || CODE_CONTINUATION.test(before)) return run;
    let out = '';
    let copied = 0;
    for (const c of claims) {
      out += run.slice(copied, c.start) + placeholders[c.kind];
      copied = c.end;
      onRedact(c.kind);
    }
    return out + run.slice(copied);
  });
}
