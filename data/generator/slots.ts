/**
 * Per-conversation slot values (amounts, merchants, dates, names) in the customer's language and
 * currency, so templates read naturally and the same amount recurs through one conversation.
 */
import { civilFromDays, DAY_MS } from './calendar.js';
import type { Language, Market } from './config.js';
import type { Rng } from './random.js';
import type { Slots } from './texts/index.js';

const MERCHANTS = [
  'Zalando',
  'H&M',
  'IKEA',
  'Amazon',
  'Spotify',
  'Netflix',
  'Apple',
  'Uber',
  'Booking.com',
  'Lidl',
  'ICA',
  'MediaMarkt',
  'Ryanair',
  'SAS',
  'Elgiganten',
  'Boots',
  'Tesco',
  'Steam',
  'Wolt',
  'Otto',
] as const;

const CURRENCY: Record<Market, { symbol: string; after: boolean }> = {
  SE: { symbol: 'kr', after: true },
  NO: { symbol: 'kr', after: true },
  DK: { symbol: 'kr.', after: true },
  FI: { symbol: '€', after: true },
  DE: { symbol: '€', after: true },
  NL: { symbol: '€', after: false },
  GB: { symbol: '£', after: false },
  US: { symbol: '$', after: false },
};

/** Typical purchase sizes: Nordic crowns are ~10x euros. */
const AMOUNT_SCALE: Record<Market, number> = { SE: 10, NO: 10, DK: 7, FI: 1, DE: 1, NL: 1, GB: 1, US: 1 };

const FIRST_NAMES: Record<Market, readonly string[]> = {
  SE: ['Anna', 'Erik', 'Maja', 'Lars', 'Elin', 'Johan', 'Sara', 'Oskar'],
  NO: ['Ingrid', 'Ole', 'Kari', 'Jonas', 'Nora', 'Magnus'],
  DK: ['Freja', 'Mads', 'Ida', 'Rasmus', 'Sofie'],
  FI: ['Aino', 'Mikko', 'Emilia', 'Juha', 'Venla'],
  DE: ['Lena', 'Lukas', 'Julia', 'Felix', 'Sophie', 'Jan', 'Katrin'],
  NL: ['Sanne', 'Daan', 'Emma', 'Bram', 'Lotte'],
  GB: ['Olivia', 'Harry', 'Amelia', 'George', 'Chloe', 'James'],
  US: ['Emily', 'Michael', 'Jessica', 'Chris', 'Ashley', 'David'],
};

const MONTHS: Record<Language, readonly string[]> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  sv: [
    'januari',
    'februari',
    'mars',
    'april',
    'maj',
    'juni',
    'juli',
    'augusti',
    'september',
    'oktober',
    'november',
    'december',
  ],
  de: [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ],
};

export function pickFirstName(rng: Rng, market: Market): string {
  return rng.pick(FIRST_NAMES[market]);
}

function formatAmount(rng: Rng, market: Market, language: Language): string {
  const cents = Math.round(rng.between(4, 400) * AMOUNT_SCALE[market] * 100);
  const whole = rng.chance(0.5);
  const decimalSeparator = language === 'en' && market !== 'DE' && market !== 'FI' ? '.' : ',';
  const units = Math.floor(cents / 100);
  const number = whole ? String(units) : `${units}${decimalSeparator}${String(cents % 100).padStart(2, '0')}`;
  const { symbol, after } = CURRENCY[market];
  return after ? `${number} ${symbol}` : `${symbol}${number}`;
}

function formatDate(ms: number, language: Language): string {
  const civil = civilFromDays(Math.floor(ms / DAY_MS));
  const day = civil.day;
  const month = MONTHS[language][civil.month - 1];
  if (language === 'de') return `${day}. ${month}`;
  if (language === 'sv') return `${day} ${month}`;
  return `${month} ${day}`;
}

export function makeSlots(
  rng: Rng,
  startedAt: number,
  market: Market,
  language: Language,
  name: string,
  agent: string,
): Slots {
  const days = rng.int(2, 16);
  return {
    amount: formatAmount(rng, market, language),
    merchant: rng.pick(MERCHANTS),
    date: formatDate(startedAt - days * DAY_MS, language),
    order: `#${rng.int(10_000_000, 99_999_999)}`,
    days: String(days),
    last4: rng.digits(4),
    name,
    agent,
  };
}
