import type { EscalationStatus, HandledBy, TriggerKind } from '../../server/domain.js';
import type { CsatGroup } from '../../server/queries/metrics.js';
import type { Fraction } from '../../server/queries/stats.js';

/** The JSON shapes of the metrics and conversations API (README "HTTP API"), as the dashboard reads them. */

// The server's own types, so the two sides cannot drift apart.
export type { CsatGroup, Fraction };

export interface KindRow {
  kind: TriggerKind;
  conversations: number;
  timely: number;
  late: number;
  missed: number;
  missedRate: number | null;
  medianGapTurns: number | null;
  medianGapSeconds: number | null;
}

export type VipReason = 'low_csat' | 'negative_end' | 'missed_escalation' | 'repeat_contact';

export interface Metrics {
  conversations: number;
  byHandledBy: Record<HandledBy, number> & { unanswered: number };
  deflection: {
    aiStarted: number;
    contained: number;
    rate: number | null;
    resolvedRate: number | null;
    resolvedContained: number;
    repeatKnown: number;
  };
  handoffRate: number | null;
  repeatContact: Record<HandledBy, number | null>;
  resolutionTime: Record<HandledBy, { medianSeconds: number | null; conversations: number }>;
  csat: Record<HandledBy, CsatGroup> & {
    aiMixAdjustedPct: number | null;
    mixAdjustment: { topics: string[]; excludedTopics: string[] };
    byTopic: { topic: string; ai: Fraction; human: Fraction; hybrid: Fraction }[];
  };
  surveyResponseRate: number | null;
  escalation: {
    triggered: number;
    timely: number;
    late: number;
    missed: number;
    missedRate: number | null;
    medianGapTurns: number | null;
    medianGapSeconds: number | null;
    triggerRate: number | null;
    overEscalation: number;
    byKind: KindRow[];
  };
  vipConversations: number;
  vipFailures: number;
  vipFailuresByReason: Record<VipReason, number>;
  fractions: {
    deflection: Fraction;
    resolvedDeflection: Fraction;
    handoff: Fraction;
    repeatContact: Record<HandledBy, Fraction>;
    missed: Fraction;
    surveyResponse: Fraction;
  };
  /** Metric path -> the /api/conversations query string behind it; null when it counts nothing. */
  drillDown: Record<string, string | null>;
}

export interface SeriesCsat extends Fraction {
  interval: { low: number; high: number } | null;
}

export interface SeriesPoint {
  /** ISO timestamp of the period's first day (a Monday for weeks). */
  period: string;
  conversations: number;
  byHandledBy: Record<HandledBy, number>;
  aiShare: number | null;
  deflectionRate: number | null;
  resolvedDeflectionRate: number | null;
  aiStarted: number;
  triggered: number;
  missed: number;
  missedRate: number | null;
  vipFailures: number;
  overEscalation: number;
  csat: Record<HandledBy, SeriesCsat> & { aiMixAdjustedPct: number | null };
}

export interface Series {
  grain: 'day' | 'week';
  points: SeriesPoint[];
}

export interface ConversationRow {
  conversationId: string;
  startedAt: string;
  channel: string;
  market: string | null;
  topic: string | null;
  tier: string;
  csat: number | null;
  handledBy: HandledBy | null;
  aiStarted: boolean;
  repeatContact: string;
  messageCount: number;
  durationSeconds: number | null;
  satisfactionEstimate: number | null;
  sentimentLast: number | null;
  negativeEnd: boolean | null;
  escalationStatus: EscalationStatus;
  escalationScore: number;
  gapTurns: number | null;
  gapSeconds: number | null;
  overEscalation: boolean;
  vipFailureReasons: VipReason[];
}

export interface Page<T> {
  total: number;
  items: T[];
}

export interface Trigger {
  kind: TriggerKind;
  messageIndex: number;
  severity: number;
  evidence: string;
}

export interface MessageSentiment {
  score: number;
  label: 'negative' | 'neutral' | 'positive';
  rules: string[];
}

export interface Message {
  index: number;
  role: 'customer' | 'ai' | 'agent' | 'system';
  /** Untrusted transcript text: rendered only as React text, never as HTML. */
  text: string | null;
  ts: string | null;
  event: string | null;
  agentId: string | null;
  sentiment: MessageSentiment | null;
  unscoredReason: string | null;
}

export interface ConversationDetail {
  conversationId: string;
  startedAt: string;
  endedAt: string | null;
  channel: string;
  market: string | null;
  language: string | null;
  customerId: string | null;
  tier: string;
  topic: string | null;
  topicSource: string | null;
  csat: number | null;
  resolved: boolean | null;
  handledBy: HandledBy | null;
  aiStarted: boolean;
  handoffIndex: number | null;
  handoffAt: string | null;
  durationSeconds: number | null;
  messageCount: number;
  repeatContact: boolean | 'unknown' | 'pending' | null;
  scoringVersion: string;
  sentiment: { first: number | null; last: number | null; min: number | null; mean: number | null; trajectory: number | null };
  negativeEnd: boolean | null;
  escalation: {
    status: EscalationStatus;
    triggers: Trigger[];
    gapTurns: number | null;
    gapSeconds: number | null;
    score: number;
    overEscalation: boolean;
  };
  vipFailure: { reasons: VipReason[] } | null;
  satisfactionEstimate: number | null;
  messages: Message[];
}
