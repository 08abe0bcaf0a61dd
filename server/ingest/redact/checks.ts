/**
 * Check-digit and date validation shared by the redaction rules. Kept free of regexes so the
 * rules in the sibling files read as "shape, then checksum".
 */

const CHAR_CODE_0 = 48;
const LUHN_DOUBLED_OVERFLOW = 9;

/** Luhn (mod 10), used by payment cards (ISO/IEC 7812) and the personnummer's last digit. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - CHAR_CODE_0;
    if (double) {
      d *= 2;
      if (d > LUHN_DOUBLED_OVERFLOW) d -= LUHN_DOUBLED_OVERFLOW;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const IBAN_MODULUS = 97;
const IBAN_VALID_REMAINDER = 1;
/** A..Z count as 10..35 in the ISO 13616 check. */
const IBAN_LETTER_OFFSET = 55;

/** ISO 13616 mod-97 check on an IBAN without spaces, upper case. */
export function ibanChecksumValid(compact: string): boolean {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    // Digits fold in one at a time, letters as their two-digit value; the running remainder
    // stays below 97 * 100, far inside the safe-integer range, so no BigInt is needed.
    if (code < 65) remainder = (remainder * 10 + (code - CHAR_CODE_0)) % IBAN_MODULUS;
    else remainder = (remainder * 100 + (code - IBAN_LETTER_OFFSET)) % IBAN_MODULUS;
  }
  return remainder === IBAN_VALID_REMAINDER;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const FEBRUARY = 2;
/** Samordningsnummer (coordination numbers) add 60 to the day of birth. */
const COORDINATION_DAY_OFFSET = 60;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Whether month/day form a real date of birth, or a samordningsnummer's day + 60. `year` is the
 * full year when known; for a two-digit year the century is unknown, so 29 February is allowed
 * whenever some century makes it a leap year (yy % 4 === 0, since 2000 was one).
 */
export function isBirthDate(year: number, month: number, day: number, fullYear: boolean): boolean {
  if (month < 1 || month > 12) return false;
  const birthDay = day > COORDINATION_DAY_OFFSET ? day - COORDINATION_DAY_OFFSET : day;
  if (birthDay < 1) return false;
  if (month === FEBRUARY && birthDay === 29) return fullYear ? isLeapYear(year) : year % 4 === 0;
  return birthDay <= DAYS_IN_MONTH[month - 1];
}
