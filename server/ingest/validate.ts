import { z } from 'zod';
import { CHANNELS, ROLES, TIERS, TOPICS, type Topic, type Transcript, type TranscriptMessage } from '../domain.js';

/** Longest message text kept; longer ones are rejected, not truncated, so nothing is silently cut. */
export const MAX_TEXT_CHARS = 100_000;
/** More messages than this is a broken export, not a conversation. */
export const MAX_MESSAGES = 5_000;
/** Dates before this are export errors (epoch zero, 1900 defaults), not support history. */
const EARLIEST_DATE_MS = Date.UTC(2000, 0, 1);
/** Allow clock skew between the source system and this server, but not dates in the future. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;
/**
 * Metadata nested deeper than this is a broken or hostile export, not a source's labels. Handing
 * a record to a worker thread (structured clone) and storing it (JSON.stringify) both recurse,
 * and a few thousand levels overflow the stack and fail the whole batch.
 */
export const MAX_METADATA_DEPTH = 64;

/** A lone UTF-16 surrogate (from a "\ud800" escape) has no UTF-8 form: storage would turn it into U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Ids travel in URLs, file names and CSV exports, where a control character is always an export error. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHAR = /[\u0000-\u001f\u007f]/;

/**
 * Text must be stored exactly as sent. NUL is never typed by a person and cuts strings short in the
 * C-based tools that read exported data, so it is rejected rather than stripped.
 */
function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired UTF-16 surrogate, which is not valid Unicode';
  return null;
}

function idProblem(value: string): string | null {
  return CONTROL_CHAR.test(value) ? 'must not contain control characters' : textProblem(value);
}

const storable = (check: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const message = check(value);
  if (message) ctx.addIssue({ code: 'custom', message });
};

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/;

/** Date.parse rolls 2025-02-30 over to March; a real calendar date must survive a round trip. */
function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

const isoDate = z
  .string({ error: 'must be an ISO-8601 date-time string' })
  .regex(ISO_WITH_OFFSET, 'must be an ISO-8601 date-time with offset, e.g. 2025-05-05T09:12:00Z')
  .transform((value, ctx) => {
    const ms = Date.parse(value.replace(' ', 'T'));
    if (Number.isNaN(ms) || !isCalendarDate(value)) {
      ctx.addIssue({ code: 'custom', message: `is not a real date: ${value}` });
      return z.NEVER;
    }
    if (ms < EARLIEST_DATE_MS || ms > Date.now() + FUTURE_TOLERANCE_MS) {
      ctx.addIssue({ code: 'custom', message: `is out of range (2000-01-01 to now): ${value}` });
      return z.NEVER;
    }
    return ms;
  });

/** Case-insensitive enum: sources write "Chat" or "VIP"; the product stores the canonical form. */
function looseEnum<T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.enum(values, { error: `must be one of ${values.join(', ')}` }),
  );
}

const optionalString = (max: number) => z.string().trim().max(max).superRefine(storable(textProblem)).nullish();
/**
 * Source systems often send numeric ids; they are ids all the same. An integer beyond 2^53 has
 * already lost digits in JSON.parse, so it is refused rather than stored as a different id.
 */
const idLike = z
  .union([z.string().trim().max(256).superRefine(storable(idProblem)), z.number().int().transform(String)], {
    error: 'must be a string or an integer id',
  })
  .nullish();

const messageSchema = z
  .looseObject({
    role: looseEnum(ROLES),
    text: z.string().max(MAX_TEXT_CHARS, `is longer than ${MAX_TEXT_CHARS} characters`).superRefine(storable(textProblem)).nullish(),
    ts: isoDate.nullish(),
    event: optionalString(64),
    agent_id: idLike,
  })
  .superRefine((m, ctx) => {
    if (m.role !== 'system' && !(m.text ?? '').trim()) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: `must be non-empty for a ${m.role} message` });
    }
    if (m.role === 'system' && !m.event && !(m.text ?? '').trim()) {
      ctx.addIssue({ code: 'custom', path: ['event'], message: 'a system message needs an event or a text' });
    }
  });

const recordSchema = z.looseObject({
  conversation_id: z.union(
    [z.string().trim().min(1, 'must not be empty').max(256).superRefine(storable(idProblem)), z.number().int().transform(String)],
    { error: 'must be a non-empty string or an integer id' },
  ),
  started_at: isoDate,
  ended_at: isoDate.nullish(),
  channel: looseEnum(CHANNELS).nullish(),
  market: optionalString(64),
  language: optionalString(35),
  customer: z.looseObject({ id: idLike, tier: looseEnum(TIERS).nullish() }).nullish(),
  topic: optionalString(128),
  csat: z.number({ error: 'must be an integer from 1 to 5' }).int('must be an integer from 1 to 5').min(1).max(5).nullish(),
  resolved: z.boolean({ error: 'must be true or false' }).nullish(),
  messages: z
    .array(messageSchema, { error: 'must be a non-empty array of messages' })
    .min(1, 'must contain at least one message')
    .max(MAX_MESSAGES, `must contain at most ${MAX_MESSAGES} messages`),
});

type ParsedRecord = z.output<typeof recordSchema>;

const KNOWN_RECORD_KEYS = new Set(Object.keys(recordSchema.shape));
const KNOWN_MESSAGE_KEYS = new Set(['role', 'text', 'ts', 'event', 'agent_id']);
const KNOWN_CUSTOMER_KEYS = new Set(['id', 'tier']);
const TOPIC_SET: ReadonlySet<string> = new Set(TOPICS);

export interface RecordProblem {
  field: string | null;
  message: string;
}

export type ValidationResult = { ok: true; transcript: Transcript } | { ok: false; problem: RecordProblem };

/** `['messages', 2, 'role']` -> `messages[2].role`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}

function extras(obj: Record<string, unknown>, known: ReadonlySet<string>): [string, unknown][] {
  return Object.entries(obj).filter(([key]) => !known.has(key));
}

/**
 * Validates one decoded record (SPEC 2) and turns it into a Transcript. Unknown fields are kept
 * as metadata (built with Object.fromEntries, which defines keys such as `__proto__` as plain
 * data instead of touching a prototype).
 */
export function validateRecord(value: unknown): ValidationResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problem: { field: null, message: 'a record must be a JSON object' } };
  }
  const nesting = nestingProblem(value);
  if (nesting) return { ok: false, problem: nesting };
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const first = issues[0]!;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    const field = formatPath(first.path) || null;
    return { ok: false, problem: { field, message: `${field ?? 'record'} ${first.message}${more}` } };
  }
  return { ok: true, transcript: toTranscript(parsed.data, value as RawRecord) };
}

/**
 * Whether `value` holds objects or arrays more than `levels` deep. Recursive, but it stops
 * `levels` down, so measuring a 100,000-level object cannot itself overflow the stack. It runs on
 * every record on the parsing thread, so it stays a plain walk (about a fifth of JSON.parse's time).
 */
function deeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (deeperThan(item, levels - 1)) return true;
    return false;
  }
  for (const key in value) if (deeperThan((value as Record<string, unknown>)[key], levels - 1)) return true;
  return false;
}

/**
 * The first field of a decoded record nested deeper than MAX_METADATA_DEPTH, named as validation
 * names fields. Exported for the parsers: a decoded record is structured-cloned to a worker
 * thread before validation, and cloning recurses too.
 */
export function nestingProblem(record: unknown): RecordProblem | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return deeperThan(record, MAX_METADATA_DEPTH) ? { field: null, message: `record is nested deeper than ${MAX_METADATA_DEPTH} levels` } : null;
  }
  const tooDeep = (field: string): RecordProblem => ({ field, message: `${field} is nested deeper than ${MAX_METADATA_DEPTH} levels` });
  for (const key in record) {
    const value = (record as Record<string, unknown>)[key];
    if (key !== 'messages' || !Array.isArray(value)) {
      if (deeperThan(value, MAX_METADATA_DEPTH)) return tooDeep(key);
      continue;
    }
    for (let index = 0; index < value.length; index += 1) {
      const message: unknown = value[index];
      if (typeof message !== 'object' || message === null) continue;
      for (const field in message) {
        if (deeperThan((message as Record<string, unknown>)[field], MAX_METADATA_DEPTH)) return tooDeep(`messages[${index}].${field}`);
      }
    }
  }
  return null;
}

/** The decoded JSON as it came: extras are read from it, because zod's output drops `__proto__`. */
interface RawRecord {
  customer?: Record<string, unknown> | null;
  messages: Record<string, unknown>[];
  [key: string]: unknown;
}

function toTranscript(r: ParsedRecord, raw: RawRecord): Transcript {
  const metadataEntries = extras(raw, KNOWN_RECORD_KEYS);
  const customerExtras = raw.customer ? extras(raw.customer, KNOWN_CUSTOMER_KEYS) : [];
  if (customerExtras.length) metadataEntries.push(['customer', Object.fromEntries(customerExtras)]);
  const givenTopic = r.topic ? r.topic.toLowerCase() : null;
  const topic = givenTopic && TOPIC_SET.has(givenTopic) ? (givenTopic as Topic) : null;
  // A source topic outside the product's set is kept for reference and the topic is classified.
  if (r.topic && !topic) metadataEntries.push(['source_topic', r.topic]);

  const messages: TranscriptMessage[] = r.messages.map((m, index) => {
    const messageExtras = extras(raw.messages[index]!, KNOWN_MESSAGE_KEYS);
    return {
      index,
      role: m.role,
      text: m.text ?? null,
      ts: m.ts ?? null,
      event: m.event ?? null,
      agentId: m.agent_id ?? null,
      ...(messageExtras.length ? { metadata: Object.fromEntries(messageExtras) } : {}),
    };
  });
  return {
    conversationId: r.conversation_id,
    startedAt: r.started_at,
    endedAt: r.ended_at ?? null,
    channel: r.channel ?? 'chat',
    market: r.market || null,
    language: r.language ? r.language.toLowerCase() : null,
    customerId: r.customer?.id || null,
    tier: r.customer?.tier ?? 'standard',
    topic,
    csat: r.csat ?? null,
    resolved: r.resolved ?? null,
    metadata: Object.fromEntries(metadataEntries),
    messages,
  };
}
