import type { Transcript } from '../domain.js';
import { analyse } from './analyse.js';
import {
  NEGATIVE_END_THRESHOLD,
  satisfactionDropIndex,
  satisfactionFeatures,
  sentimentSummary,
} from './conversation.js';
import { estimateSatisfaction } from './satisfaction.js';
import type { ConversationScore, VipFailureReason } from './types.js';

/**
 * Version of every rule, lexicon, threshold and trained weight below. Bump it whenever any of
 * them changes, so stored scores can be told apart and rescored.
 */
export const SCORING_VERSION = '1.0.0';

/** csat at or below this is a failed VIP conversation (SPEC 4). */
export const VIP_LOW_CSAT = 2;

export { scoreMessage, scoreMessageText } from './sentiment.js';
export { NOT_CUSTOMER_REASON } from './analyse.js';
export { escalationGapScore } from './escalation.js';
export { NEGATIVE_END_THRESHOLD } from './conversation.js';
export type {
  ConversationScore,
  ConversationSentiment,
  EscalationResult,
  MessageScore,
  MessageSentiment,
  Trigger,
  VipFailureReason,
} from './types.js';

/** Scores one conversation (SPEC 4). Pure and deterministic: same transcript, same result. */
export function scoreConversation(t: Transcript): ConversationScore {
  const a = analyse(t);
  const sentiment = sentimentSummary(a.messages);
  const negativeEnd = sentiment !== null && sentiment.last < NEGATIVE_END_THRESHOLD;
  const vipFailureReasons: VipFailureReason[] = [];
  if (t.tier === 'vip') {
    if (t.csat !== null && t.csat <= VIP_LOW_CSAT) vipFailureReasons.push('low_csat');
    if (negativeEnd) vipFailureReasons.push('negative_end');
    if (a.escalation.status === 'missed') vipFailureReasons.push('missed_escalation');
  }
  return {
    conversationId: t.conversationId,
    scoringVersion: SCORING_VERSION,
    messages: a.messages,
    sentiment,
    negativeEnd,
    satisfactionEstimate: estimateSatisfaction(satisfactionFeatures(t, a.messages, a.triggers)),
    satisfactionDropIndex: satisfactionDropIndex(a.messages, a.triggers),
    predictedTopic: a.predictedTopic,
    triggers: a.triggers,
    escalation: a.escalation,
    vipFailureReasons,
  };
}
