/**
 * The product's vocabulary, written once. Each enum is a `const` tuple so that zod schemas
 * (`z.enum(ROLES)`), TypeScript types and the web app (type-only imports) share one source.
 * Definitions follow ../shared/SPEC.md; see docs in README.md "Definitions".
 */

export const ROLES = ['customer', 'ai', 'agent', 'system'] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ['chat', 'email', 'voice', 'social', 'twitter', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const TIERS = ['vip', 'standard'] as const;
export type Tier = (typeof TIERS)[number];

/** SPEC 3: ai = only the AI replied, human = only agents replied, hybrid = both. */
export const HANDLED_BY = ['ai', 'human', 'hybrid'] as const;
export type HandledBy = (typeof HANDLED_BY)[number];

/** SPEC 3: the fixed topic set a conversation is classified into when the source gives none. */
export const TOPICS = ['payments', 'refund', 'dispute', 'fraud', 'account', 'delivery', 'app', 'other'] as const;
export type Topic = (typeof TOPICS)[number];

/** SPEC 4: the escalation triggers, found in customer messages while the AI is in charge. */
export const TRIGGER_KINDS = [
  'human_request',
  'strong_negative',
  'distress',
  'repetition_loop',
  'ai_cannot_help',
  'vip_sensitive_topic',
] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

export const ESCALATION_STATUSES = ['none', 'timely', 'late', 'missed'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/** SPEC 3: repeat contact is only true/false when knowable. */
export const REPEAT_STATES = ['true', 'false', 'unknown', 'pending'] as const;
export type RepeatState = (typeof REPEAT_STATES)[number];

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export const USER_ROLES = ['viewer', 'reviewer', 'manager', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** One message of a validated, redacted transcript. `index` is its 0-based position. */
export interface TranscriptMessage {
  index: number;
  role: Role;
  /** null only for system events. */
  text: string | null;
  /** Epoch milliseconds, or null when the source gave no timestamp. */
  ts: number | null;
  /** System events such as "handoff"; null for ordinary messages. */
  event: string | null;
  agentId: string | null;
  /** Fields of the source message this format does not define, unchanged. */
  metadata?: Record<string, unknown>;
}

/** A conversation after validation and redaction: the unit that is stored and scored. */
export interface Transcript {
  conversationId: string;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt: number | null;
  channel: Channel;
  market: string | null;
  language: string | null;
  customerId: string | null;
  tier: Tier;
  topic: Topic | null;
  csat: number | null;
  resolved: boolean | null;
  /** Every field of the source record this format does not define, unchanged. */
  metadata: Record<string, unknown>;
  messages: TranscriptMessage[];
}

/** Issue 6: why a QA reviewer flags a conversation. */
export const FLAG_REASONS = ['missed_escalation', 'wrong_answer', 'tone', 'policy', 'personal_data', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export const FLAG_STATUSES = ['open', 'confirmed', 'dismissed'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/** What a reviewer may override, and the values each takes. */
export const OVERRIDE_FIELDS = { escalation_status: ESCALATION_STATUSES, sentiment: SENTIMENT_LABELS } as const;
export type OverrideField = keyof typeof OVERRIDE_FIELDS;
