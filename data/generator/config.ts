/**
 * Every proportion of the demo data, in one place. The numbers are chosen so the dashboards tell
 * the SPEC's story: the AI takes most chats and mostly the easy topics, so its raw CSAT looks on
 * par with humans while its mix-adjusted CSAT, its VIP handling and its escalations do not.
 */
import type { Channel, Topic } from '../../server/domain.js';

export const DEFAULT_END_DATE = '2025-06-29';

export const MARKETS = ['SE', 'NO', 'DK', 'FI', 'DE', 'GB', 'US', 'NL'] as const;
export type Market = (typeof MARKETS)[number];

export const MARKET_WEIGHTS: Record<Market, number> = {
  SE: 0.22,
  NO: 0.08,
  DK: 0.07,
  FI: 0.06,
  DE: 0.2,
  GB: 0.15,
  US: 0.15,
  NL: 0.07,
};

export const LANGUAGES = ['en', 'sv', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Share of a market's customers who write in the local language; everyone else writes English. */
export const LOCAL_LANGUAGE_SHARE: Partial<Record<Market, { language: Language; share: number }>> = {
  SE: { language: 'sv', share: 0.3 },
  DE: { language: 'de', share: 0.45 },
};

/** How sources write timestamps: most in UTC ("Z"), some sources in the market's local offset. */
export const MARKET_UTC_OFFSET_MINUTES: Record<Market, number> = {
  SE: 120,
  NO: 120,
  DK: 120,
  FI: 180,
  DE: 120,
  GB: 60,
  US: -240,
  NL: 120,
};
export const LOCAL_OFFSET_TIMESTAMP_RATE = 0.1;

export const CHANNEL_WEIGHTS: Partial<Record<Channel, number>> = {
  chat: 0.7,
  email: 0.15,
  voice: 0.08,
  social: 0.07,
};

export const TOPIC_WEIGHTS: Record<Topic, number> = {
  payments: 0.22,
  refund: 0.16,
  dispute: 0.09,
  fraud: 0.07,
  account: 0.14,
  delivery: 0.12,
  app: 0.13,
  other: 0.07,
};

/** Hard topics need judgement or empathy; the AI is routed fewer of them and does worse on them. */
export const HARD_TOPICS: ReadonlySet<Topic> = new Set<Topic>(['dispute', 'fraud', 'account']);
export type Difficulty = 'easy' | 'hard';

/** P(the AI answers first | difficulty): 0.70 * 0.75 + 0.30 * 0.42 ~= 65 % AI-started. */
export const AI_START_RATE: Record<Difficulty, number> = { easy: 0.75, hard: 0.42 };
/** An agent opens, then passes the customer to the AI for a routine step (human-started hybrid). */
export const AGENT_FIRST_HYBRID_RATE = 0.05;
/** P(an AI-started conversation is handed to a human | difficulty), planted failures aside. */
export const HANDOFF_RATE: Record<Difficulty, number> = { easy: 0.22, hard: 0.5 };
/** A handoff with no system event: the source only shows an agent message after the AI. */
export const HANDOFF_WITHOUT_EVENT_RATE = 0.25;
/** Handoffs where the AI answered 1-2 more times after the trigger before handing off. */
export const LATE_HANDOFF_RATE = 0.25;
/** What the customer said just before an ordinary handoff; 'none' is the AI's own policy handoff. */
export const HANDOFF_CAUSE_WEIGHTS = {
  human_request: 0.45,
  distress: 0.12,
  strong_negative: 0.13,
  none: 0.3,
} as const;
export type HandoffCause = keyof typeof HANDOFF_CAUSE_WEIGHTS;
/** Contained AI conversations that end with the AI admitting it cannot help. */
export const AI_CANNOT_HELP_RATE = 0.05;

/** Planted failures, as a share of eligible AI-started conversations, and at least one a week. */
export const PLANTED_RATES = {
  vip_ignored: 0.05, // of VIP AI-started conversations
  distress_kept: 0.012,
  loop: 0.012,
} as const;
export type PlantedKind = keyof typeof PLANTED_RATES;
export const PLANTED_KINDS = Object.keys(PLANTED_RATES) as PlantedKind[];
/** A week still missing a planted kind gets one forced from this day of it (0 = its first day) on. */
export const PLANTED_GUARANTEE_FROM_DAY = 2;

export const VIP_CUSTOMER_RATE = 0.08;
export const ANONYMOUS_RATE = 0.06;
/** Of anonymous conversations, the share whose record still has a `customer` object (tier only). */
export const ANONYMOUS_WITH_TIER_RATE = 0.5;
/** A known customer coming back at any time (not necessarily a repeat within R days). */
export const RETURNING_CUSTOMER_RATE = 0.1;
export const RETURNING_POOL_SIZE = 50_000;
/** Pending repeat contacts kept in memory; beyond this new repeats are not scheduled. */
export const MAX_PENDING_REPEATS = 250_000;

/** The outcome of a conversation drives its CSAT, repeat contact and resolved flag. */
export type Outcome = 'great' | 'good' | 'fair' | 'poor' | 'bad';
/** P(csat = 1..5) per outcome. */
export const CSAT_DISTRIBUTION: Record<Outcome, readonly number[]> = {
  great: [0.02, 0.02, 0.06, 0.3, 0.6],
  good: [0.04, 0.05, 0.11, 0.35, 0.45],
  fair: [0.08, 0.1, 0.22, 0.33, 0.27],
  poor: [0.22, 0.22, 0.24, 0.2, 0.12],
  bad: [0.55, 0.25, 0.12, 0.05, 0.03],
};
/**
 * Humans do as well as the AI on easy topics and much better on hard ones, where they still score
 * below their easy-topic level; since humans get more hard topics, raw CSAT looks on par.
 */
export const OUTCOME_BY_PATH = {
  human: { easy: 'good', hard: 'fair' },
  agentFirst: { easy: 'good', hard: 'fair' },
  aiContained: { easy: 'good', hard: 'poor' },
  aiCannotHelp: { easy: 'bad', hard: 'bad' },
  timelyHandoff: { easy: 'fair', hard: 'fair' },
  lateHandoff: { easy: 'poor', hard: 'poor' },
  planted: { easy: 'bad', hard: 'bad' },
} as const satisfies Record<string, Record<Difficulty, Outcome>>;
export type Path = keyof typeof OUTCOME_BY_PATH;

export const SURVEY_RATE = 0.25;
/** Some sources write `"csat": null` for unsurveyed conversations instead of omitting it. */
export const NULL_CSAT_RATE = 0.1;
/** P(the same customer contacts again within a few days) per outcome. */
export const REPEAT_RATE: Record<Outcome, number> = {
  great: 0.04,
  good: 0.05,
  fair: 0.08,
  poor: 0.28,
  bad: 0.42,
};
/** Most repeats come back within days; some after R = 7 days, to exercise the window's edge. */
export const REPEAT_DELAY_DAYS = {
  meanWithin: 1.6,
  maxWithin: 6.5,
  lateMin: 8,
  lateMax: 14,
  lateShare: 0.12,
};
export const REPEAT_SAME_TOPIC_RATE = 0.75;

export const TOPIC_OMITTED_RATE = 0.1;
export const LANGUAGE_OMITTED_RATE = 0.03;
export const CHANNEL_OMITTED_RATE = 0.03; // absent channel means chat
export const ENDED_AT_RATE = 0.5;
export const RESOLVED_FLAG_RATE = 0.4;
export const MISSING_MESSAGE_TS_RATE = 0.01;
/** Unknown source fields (`source`, `labels`, `bot`) that must survive as metadata. */
export const EXTRA_FIELDS_RATE = 0.2;

/** Customer message noise. */
export const TYPO_RATE = 0.12;
export const LOWERCASE_RATE = 0.15;
export const EMOJI_RATE = 0.06;
export const ANGRY_CAPS_RATE = 0.5;
/** PII in one customer message (redaction must catch it) and harmless look-alikes. */
export const PII_RATE = 0.03;
export const LOOKALIKE_RATE = 0.08;

/** Seconds before a message, by channel and author: [min, max]. */
export const GAP_SECONDS: Record<
  'chat' | 'email' | 'voice' | 'social',
  Record<'customer' | 'ai' | 'agent', [number, number]>
> = {
  chat: { customer: [12, 110], ai: [2, 7], agent: [35, 260] },
  email: { customer: [1800, 30000], ai: [20, 180], agent: [3600, 40000] },
  voice: { customer: [4, 25], ai: [1, 3], agent: [5, 40] },
  social: { customer: [60, 2400], ai: [4, 20], agent: [300, 3600] },
};
/** Wait in the human queue after a handoff, seconds. */
export const HANDOFF_QUEUE_SECONDS: [number, number] = [40, 900];

/** Relative arrivals by hour of day (UTC; European markets dominate) and by weekday (Mon first). */
export const HOURLY_PROFILE = [
  0.15, 0.1, 0.08, 0.08, 0.12, 0.3, 0.6, 0.9, 1.1, 1.2, 1.2, 1.15, 1.1, 1.1, 1.1, 1.05, 1.0, 1.0, 0.95, 0.9,
  0.8, 0.6, 0.4, 0.25,
] as const;
export const WEEKDAY_PROFILE = [1.15, 1.05, 1.0, 1.0, 0.95, 0.7, 0.65] as const;
