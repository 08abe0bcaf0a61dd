import { isBirthDate, luhnValid } from './checks.js';

/**
 * Shape-then-checksum rules for one candidate range of digit groups. Each answers "is this
 * whole range one X?"; choosing which ranges to try is numbers.ts's job. The order is the
 * priority when ranges overlap: checksummed kinds first, the loosest rule (phone) last.
 */
export const NUMERIC_KIND_ORDER = ['NATIONAL_ID', 'CARD', 'PHONE'] as const;
export type NumericKind = (typeof NUMERIC_KIND_ORDER)[number];

export interface Group {
  start: number;
  end: number;
  digits: string;
  inParens: boolean;
}

/** A candidate range of groups within one run, with the context the rules need. */
export interface Range {
  groups: Group[];
  /** Separators between consecutive groups, raw ("-", " ", ") ", " (", ","). */
  joints: string[];
  digits: string;
  plusPrefix: boolean;
  words: WordContext;
}

/** The words right before a range; lazy because few ranges get far enough to ask. */
export interface WordContext {
  /** A reference word ("order #", "faktura nr:") precedes the range. */
  afterReferenceWord(): boolean;
  /** A phone word ("tel.", "ring mig på") precedes the range. */
  afterPhoneWord(): boolean;
}

const NATIONAL_ID_DIGITS = 10;
const NATIONAL_ID_DIGITS_WITH_CENTURY = 12;
const CENTURIES = new Set(['18', '19', '20']);

function isNationalId(r: Range): boolean {
  const { digits, groups, joints } = r;
  if (r.plusPrefix) return false;
  if (digits.length !== NATIONAL_ID_DIGITS && digits.length !== NATIONAL_ID_DIGITS_WITH_CENTURY) return false;
  if (groups.length === 2) {
    const [date, serial] = groups;
    // "+" replaces "-" in YYMMDD-NNNN from the year the holder turns 100; never with a century.
    const joinerOk = joints[0] === '-' || (joints[0] === '+' && date.digits.length === 6);
    if (!joinerOk || serial.digits.length !== 4) return false;
  } else if (groups.length !== 1) {
    return false;
  }
  const withCentury = digits.length === NATIONAL_ID_DIGITS_WITH_CENTURY;
  if (withCentury && !CENTURIES.has(digits.slice(0, 2))) return false;
  const ten = withCentury ? digits.slice(2) : digits;
  const year = Number(withCentury ? digits.slice(0, 4) : ten.slice(0, 2));
  return isBirthDate(year, Number(ten.slice(2, 4)), Number(ten.slice(4, 6)), withCentury) && luhnValid(ten);
}

const CARD_MIN_DIGITS = 13;
const CARD_MAX_DIGITS = 19;
/** Grouped layouts printed on cards besides 4-4-4-4(-n): Amex 4-6-5 and Diners 4-6-4. */
const CARD_SPLIT_LAYOUTS = new Set(['4,6,5', '4,6,4']);

function isCardLayout(groups: Group[], joints: string[]): boolean {
  if (groups.length === 1) return true;
  if (joints.some((j) => j !== joints[0]) || (joints[0] !== ' ' && joints[0] !== '-')) return false;
  const lengths = groups.map((g) => g.digits.length);
  if (CARD_SPLIT_LAYOUTS.has(lengths.join(','))) return true;
  const last = lengths[lengths.length - 1];
  return lengths.slice(0, -1).every((n) => n === 4) && last >= 1 && last <= 4;
}

function isCard(r: Range): boolean {
  const { digits, groups } = r;
  if (r.plusPrefix || digits.length < CARD_MIN_DIGITS || digits.length > CARD_MAX_DIGITS) return false;
  // No issuer identification number starts with 0; zero-padded numbers are internal ids.
  if (digits[0] === '0' || groups.some((g) => g.inParens)) return false;
  return isCardLayout(groups, r.joints) && luhnValid(digits) && !(groups.length === 1 && r.words.afterReferenceWord());
}

/** ITU E.164 caps a full international number at 15 digits; below 8 it is a short code. */
const PHONE_MIN_DIGITS = 8;
const PHONE_MAX_INTERNATIONAL_DIGITS = 15;
/** National numbers with trunk 0: SE 8-10, UK 10-11, DE/FI up to 12 digits. */
const PHONE_MAX_NATIONAL_DIGITS = 12;
const INTERNATIONAL_PREFIX = '00';
const TRUNK_GROUP = '0';
const AREA_CODE_MAX_DIGITS = 5;
/** NANP 3-3-4 (optionally led by country code 1); area code and exchange never start 0 or 1. */
const NANP_LAYOUTS = new Set(['3,3,4', '1,3,3,4']);
/** Nordic numbers without trunk 0, as people write them: DK/NO "12 34 56 78", NO "912 34 567". */
const NORDIC_SPACED_LAYOUTS = new Set(['2,2,2,2', '3,2,3']);
const PHONE_FORBIDDEN_JOINER = /[,:/+]/;

/**
 * dd-mm-yyyy, mm.dd.yy or yyyy-mm-dd with one repeated separator. Only needed for the trunk-0
 * rule: "05-05-2025" starts with 0 and has 8 digits like a short Swedish landline.
 */
function isDateLike(groups: Group[], seps: string[]): boolean {
  if (groups.length !== 3 || seps[0] !== seps[1]) return false;
  const [a, b, c] = groups.map((g) => g.digits);
  const [na, nb, nc] = [a, b, c].map(Number);
  if (a.length === 4) return b.length <= 2 && c.length <= 2 && nb >= 1 && nb <= 12 && nc >= 1 && nc <= 31;
  const yearOk = c.length === 2 || c.length === 4;
  const dayMonth = (na >= 1 && na <= 31 && nb >= 1 && nb <= 12) || (na >= 1 && na <= 12 && nb >= 1 && nb <= 31);
  return a.length <= 2 && b.length <= 2 && yearOk && dayMonth;
}

function isNanp(groups: Group[]): boolean {
  const lengths = groups.map((g) => g.digits.length).join(',');
  if (!NANP_LAYOUTS.has(lengths)) return false;
  const local = groups.length === 4 ? groups.slice(1) : groups;
  if (groups.length === 4 && groups[0].digits !== '1') return false;
  return local[0].digits[0] >= '2' && local[1].digits[0] >= '2';
}

function isPhone(r: Range): boolean {
  return isPhoneShape(r) && !r.words.afterReferenceWord();
}

function isPhoneShape(r: Range): boolean {
  const { groups, joints } = r;
  if (joints.some((j) => PHONE_FORBIDDEN_JOINER.test(j))) return false;
  const seps = joints.map((j) => j.replace(/[()]/g, ''));
  // Digits run together only across a parenthesis ("(0)70", "(415)555"); other joints are one
  // space, dash or dot, so "12  34" or "12 - 34" are two numbers, not one.
  if (seps.some((s, k) => !(s === ' ' || s === '-' || s === '.' || (s === '' && joints[k] !== '')))) return false;
  // "(0)" is the trunk prefix written inside an international number: not dialled, not counted.
  const counted = groups.filter((g) => !(g.inParens && g.digits === TRUNK_GROUP));
  const total = counted.reduce((n, g) => n + g.digits.length, 0);
  const first = groups[0].digits;

  if (r.plusPrefix) return total >= PHONE_MIN_DIGITS && total <= PHONE_MAX_INTERNATIONAL_DIGITS && first[0] !== '0';
  if (first.startsWith(INTERNATIONAL_PREFIX)) {
    const dialled = total - INTERNATIONAL_PREFIX.length;
    return dialled >= PHONE_MIN_DIGITS && dialled <= PHONE_MAX_INTERNATIONAL_DIGITS && first[2] !== '0';
  }
  if (total < PHONE_MIN_DIGITS) return false;
  // Dots separate decimals and European dates far more often than phone groups; only the
  // unmistakable US 415.555.0132 form keeps them.
  if (seps.includes('.')) return isNanp(groups) && seps.every((s) => s === '.');
  if (isNanp(groups)) return true;
  if (groups[0].inParens && first.length <= AREA_CODE_MAX_DIGITS && groups.length > 1) {
    return total <= PHONE_MAX_NATIONAL_DIGITS;
  }
  if (first[0] === '0') {
    // A group of 3+ digits separates real numbers (070-123 45 67) from lists of small
    // numbers (05 10 15 20).
    const hasLongGroup = groups.some((g) => g.digits.length >= 3);
    return total <= PHONE_MAX_NATIONAL_DIGITS && hasLongGroup && !isDateLike(groups, seps);
  }
  const layout = groups.map((g) => g.digits.length).join(',');
  return NORDIC_SPACED_LAYOUTS.has(layout) && joints.every((j) => j === ' ') && r.words.afterPhoneWord();
}

/**
 * Bounds per kind, checked before a range is built so that long lists of numbers stay cheap;
 * the matchers check exactly.
 */
export const KIND_LIMITS: Record<NumericKind, { minDigits: number; maxDigits: number; maxGroups: number }> = {
  NATIONAL_ID: { minDigits: NATIONAL_ID_DIGITS, maxDigits: NATIONAL_ID_DIGITS_WITH_CENTURY, maxGroups: 2 },
  // 4-4-4-4-3 is the longest printed layout.
  CARD: { minDigits: CARD_MIN_DIGITS, maxDigits: CARD_MAX_DIGITS, maxGroups: 5 },
  // "00" + 15 dialled digits + a "(0)" trunk; "+46 (0)70 123 45 67" is 6 groups.
  PHONE: {
    minDigits: PHONE_MIN_DIGITS,
    maxDigits: INTERNATIONAL_PREFIX.length + PHONE_MAX_INTERNATIONAL_DIGITS + TRUNK_GROUP.length,
    maxGroups: 7,
  },
};

export const MATCHERS: Record<NumericKind, (r: Range) => boolean> = {
  NATIONAL_ID: isNationalId,
  CARD: isCard,
  PHONE: isPhone,
};

