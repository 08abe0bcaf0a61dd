import { z } from 'zod';
import {
  CHANNELS, ESCALATION_STATUSES, HANDLED_BY, REPEAT_STATES, TIERS, TOPICS, TRIGGER_KINDS,
} from '../domain.js';
import type { ConversationFilters, DrillFilters } from '../queries/filters.js';
import { InvalidRequest, parseOr400 } from './errors.js';

/** Query lists are comma-separated: `market=SE,NO`. */
const split = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean);

function enumList<T extends readonly [string, ...string[]]>(values: T) {
  const allowed: ReadonlySet<string> = new Set(values);
  return z
    .string()
    .transform(split)
    .superRefine((list, ctx) => {
      const unknown = list.find((v) => !allowed.has(v));
      if (unknown !== undefined) ctx.addIssue({ code: 'custom', message: `unknown value "${unknown}"; expected one of ${values.join(', ')}` });
      if (!list.length) ctx.addIssue({ code: 'custom', message: 'must not be empty' });
    })
    .transform((list) => list as unknown as T[number][]);
}

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => {
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
  }, 'is not a real calendar date');

const bool = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');
const csatBound = z.coerce.number().int('must be an integer from 1 to 5').min(1).max(5);

export const baseFilterShape = {
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  market: z
    .string()
    .transform(split)
    .refine((list) => list.length > 0 && list.every((m) => /^[\w-]{1,64}$/.test(m)), 'must be market codes such as SE or SE,NO')
    .optional(),
  channel: enumList(CHANNELS).optional(),
  topic: enumList(TOPICS).optional(),
  tier: enumList(TIERS).optional(),
  handledBy: enumList(HANDLED_BY).optional(),
  overrides: bool.optional(),
};

export const drillFilterShape = {
  ...baseFilterShape,
  aiStarted: bool.optional(),
  repeat: enumList(REPEAT_STATES).optional(),
  surveyed: bool.optional(),
  csatMin: csatBound.optional(),
  csatMax: csatBound.optional(),
  escalation: enumList(ESCALATION_STATUSES).optional(),
  triggerKind: enumList(TRIGGER_KINDS).optional(),
  vipFailure: bool.optional(),
  vipReason: enumList(['low_csat', 'negative_end', 'missed_escalation', 'repeat_contact'] as const).optional(),
  overEscalation: bool.optional(),
  negativeEnd: bool.optional(),
};

/**
 * Parses a request's query against `shape`: unknown parameters, unknown values, bad dates and
 * from > to are 400s naming the parameter. Markets are checked against those in the data, so a
 * typo is an error rather than an empty dashboard.
 */
export function parseQuery<S extends z.ZodRawShape>(
  shape: S,
  query: Record<string, unknown>,
  knownMarkets?: ReadonlySet<string>,
): z.output<z.ZodObject<S>> {
  for (const key of Object.keys(query)) {
    if (!(key in shape)) throw new InvalidRequest(`${key}: unknown parameter`, key);
    if (typeof query[key] !== 'string') throw new InvalidRequest(`${key}: give it once (lists are comma-separated)`, key);
  }
  const parsed = parseOr400(z.object(shape), query) as ConversationFilters & Record<string, unknown>;
  if (parsed.from && parsed.to && parsed.from > parsed.to) throw new InvalidRequest('from: must not be after to', 'from');
  if (knownMarkets && parsed.market) {
    const unknown = parsed.market.find((m) => !knownMarkets.has(m));
    if (unknown) throw new InvalidRequest(`market: unknown value "${unknown}"; known markets: ${[...knownMarkets].sort().join(', ')}`, 'market');
  }
  return parsed as z.output<z.ZodObject<S>>;
}

/** The inverse of parseQuery for filters: a query string the list endpoint accepts. */
export function filtersToQuery(filters: DrillFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params.toString();
}
