import type { EscalationStatus, SentimentLabel, Topic, TriggerKind } from '../domain.js';

/** Sentiment of one customer message. `rules` says, in words, what moved the score. */
export interface MessageSentiment {
  /** In [-1, 1]: P(positive) - P(negative) under the sentiment model. */
  score: number;
  label: SentimentLabel;
  /** Human-readable, e.g. "lexicon: useless (-2)", "negation: not happy", "caps: TERRIBLE", "emoji: 😡 (-3)". */
  rules: string[];
}

export interface MessageScore {
  index: number;
  sentiment: MessageSentiment | null;
  /** Why `sentiment` is null, e.g. 'not a customer message', 'language de not supported'. */
  unscoredReason: string | null;
}

export interface Trigger {
  kind: TriggerKind;
  messageIndex: number;
  severity: 1 | 2 | 3;
  /** The words or pattern that set the trigger off. */
  evidence: string;
}

export interface ConversationSentiment {
  first: number;
  last: number;
  min: number;
  mean: number;
  /** last - first. */
  trajectory: number;
}

export interface EscalationResult {
  aiStarted: boolean;
  handoffIndex: number | null;
  status: EscalationStatus;
  gapTurns: number | null;
  gapSeconds: number | null;
  /** 0-100, 0 when status is 'none'. See escalation.ts for the formula. */
  score: number;
  overEscalation: boolean;
}

export type VipFailureReason = 'low_csat' | 'negative_end' | 'missed_escalation';

export interface ConversationScore {
  conversationId: string;
  scoringVersion: string;
  /** One per transcript message, same order and index. */
  messages: MessageScore[];
  /** Over scored customer messages; null when there is none. */
  sentiment: ConversationSentiment | null;
  negativeEnd: boolean;
  /** In [1, 5], for every conversation. */
  satisfactionEstimate: number;
  satisfactionDropIndex: number | null;
  /** Classifier output when the transcript has no topic, else null. */
  predictedTopic: Topic | null;
  triggers: Trigger[];
  escalation: EscalationResult;
  /** Only for tier vip; 'repeat_contact' is added in SQL since it needs other conversations. */
  vipFailureReasons: VipFailureReason[];
}
