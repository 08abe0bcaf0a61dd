/**
 * Personal data that customers paste into chats (redaction must catch every kind the SPEC names),
 * and look-alikes that must survive redaction: order numbers, amounts, dates, non-Luhn digit runs.
 */
import type { Language, Market } from './config.js';
import type { Rng } from './random.js';

export const PII_KINDS = ['card', 'email', 'phone', 'personnummer', 'iban'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/** The Luhn check digit that makes `payload + digit` pass the Luhn test. */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    // Doubling starts at the rightmost payload digit, since the check digit will follow it.
    let digit = payload.charCodeAt(payload.length - 1 - i) - 48;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function isLuhnValid(digits: string): boolean {
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}

function groupDigits(digits: string, size: number, separator: string): string {
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += size) groups.push(digits.slice(i, i + size));
  return groups.join(separator);
}

export function cardNumber(rng: Rng): string {
  const amex = rng.chance(0.1);
  const payload = amex ? `3${rng.pick(['4', '7'])}${rng.digits(12)}` : `${rng.pick(['4', '51', '55'])}`;
  const body = amex ? payload : payload + rng.digits(15 - payload.length);
  const digits = body + luhnCheckDigit(body);
  const style = rng.int(0, 2);
  return style === 0 ? digits : groupDigits(digits, 4, style === 1 ? ' ' : '-');
}

/** Swedish personnummer YYMMDD-NNNC, the check digit C by Luhn over the nine digits before it. */
export function personnummer(rng: Rng): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${pad(rng.int(40, 99))}${pad(rng.int(1, 12))}${pad(rng.int(1, 28))}`;
  const serial = rng.digits(3);
  const check = luhnCheckDigit(date + serial);
  return `${date}${rng.chance(0.8) ? '-' : ''}${serial}${check}`;
}

/** ISO 13616 check digits: the numeric form of BBAN + country + "00", mod 97, from 98. */
function ibanCheckDigits(country: string, bban: string): string {
  const numeric = (bban + country + '00').replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  let remainder = 0;
  for (let i = 0; i < numeric.length; i++) remainder = (remainder * 10 + numeric.charCodeAt(i) - 48) % 97;
  return String(98 - remainder).padStart(2, '0');
}

export function iban(rng: Rng, market: Market): string {
  const country = market === 'DE' ? 'DE' : market === 'NL' ? 'NL' : 'SE';
  const bban =
    country === 'DE'
      ? rng.digits(18)
      : country === 'NL'
        ? `ABNA${rng.digits(10)}`
        : `${rng.int(100, 999)}${rng.digits(17)}`;
  const value = country + ibanCheckDigits(country, bban) + bban;
  return rng.chance(0.5) ? groupDigits(value, 4, ' ') : value;
}

const EMAIL_DOMAINS = [
  'gmail.com',
  'outlook.com',
  'hotmail.se',
  'web.de',
  'yahoo.co.uk',
  'icloud.com',
] as const;

export function email(rng: Rng, firstName: string): string {
  const separator = rng.pick(['.', '_', '']);
  return `${firstName.toLowerCase()}${separator}${rng.pick(['berg', 'smith', 'muller', 'jensen', 'k'])}${rng.int(1, 99)}@${rng.pick(EMAIL_DOMAINS)}`;
}

export function phone(rng: Rng, market: Market): string {
  switch (market) {
    case 'SE':
      return rng.chance(0.5)
        ? `+46 70 ${rng.digits(3)} ${rng.digits(2)} ${rng.digits(2)}`
        : `070-${rng.digits(7)}`;
    case 'DE':
      return `+49 151 ${rng.digits(8)}`;
    case 'GB':
      return `+44 7700 ${rng.digits(6)}`;
    case 'US':
      return `(${rng.int(201, 989)}) ${rng.digits(3)}-${rng.digits(4)}`;
    default:
      return `+${rng.pick(['47', '45', '358', '31'])} ${rng.digits(3)} ${rng.digits(3)} ${rng.digits(3)}`;
  }
}

const PII_LEAD: Record<Language, Record<PiiKind, string>> = {
  en: {
    card: 'My card number is',
    email: 'Email me at',
    phone: 'Call me on',
    personnummer: 'My personal number is',
    iban: 'My IBAN is',
  },
  sv: {
    card: 'Mitt kortnummer är',
    email: 'Maila mig på',
    phone: 'Ring mig på',
    personnummer: 'Mitt personnummer är',
    iban: 'Mitt IBAN är',
  },
  de: {
    card: 'Meine Kartennummer ist',
    email: 'Schreiben Sie mir an',
    phone: 'Rufen Sie mich an unter',
    personnummer: 'Meine Personennummer ist',
    iban: 'Meine IBAN ist',
  },
};

export function piiSentence(rng: Rng, market: Market, language: Language, firstName: string): string {
  const kind: PiiKind = market === 'SE' && rng.chance(0.3) ? 'personnummer' : rng.pick(PII_KINDS);
  const value =
    kind === 'card'
      ? cardNumber(rng)
      : kind === 'email'
        ? email(rng, firstName)
        : kind === 'phone'
          ? phone(rng, market)
          : kind === 'personnummer'
            ? personnummer(rng)
            : iban(rng, market);
  return `${PII_LEAD[language][kind]} ${value}`;
}

/** A 16-digit run that fails Luhn, so a redactor that skips the check would wrongly hide it. */
function nonLuhnDigits(rng: Rng): string {
  const body = rng.digits(15);
  return body + ((luhnCheckDigit(body) + 1 + rng.int(0, 8)) % 10);
}

export function lookalikeSentence(rng: Rng): string {
  switch (rng.int(0, 4)) {
    case 0:
      return `Order no. ${rng.int(100_000_000, 999_999_999)}`;
    case 1:
      return `Tracking ${groupDigits(nonLuhnDigits(rng), 4, ' ')}`;
    case 2:
      return `ref ${2025}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}-${rng.digits(4)}`;
    case 3:
      return `Total was ${rng.int(1, 9)} ${rng.digits(3)},${rng.digits(2)}`;
    default:
      return `Invoice INV-${rng.digits(6)} dated ${rng.int(1, 28)}/${rng.int(1, 12)}/2025`;
  }
}
