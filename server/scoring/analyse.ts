import type { Topic, Transcript } from '../domain.js';
import { escalationOf } from './escalation.js';
import { scoreMessage } from './sentiment.js';
import { conversationStructure } from './structure.js';
import { predictTopic } from './topic.js';
import { findTriggers } from './triggers.js';
import type { EscalationResult, MessageScore, Trigger } from './types.js';

/** Everything about a conversation except the fitted satisfaction layer (which is trained on this). */
export interface Analysis {
  messages: MessageScore[];
  predictedTopic: Topic | null;
  triggers: Trigger[];
  escalation: EscalationResult;
}

/** The unscoredReason of every AI, agent and system message. */
export const NOT_CUSTOMER_REASON = 'not a customer message';

export function scoreMessages(t: Transcript): MessageScore[] {
  return t.messages.map((m) => {
    if (m.role !== 'customer')
      return { index: m.index, sentiment: null, unscoredReason: NOT_CUSTOMER_REASON };
    if (!m.text || m.text.trim() === '')
      return { index: m.index, sentiment: null, unscoredReason: 'no text' };
    const { sentiment, unscoredReason } = scoreMessage(m.text, t.language);
    return { index: m.index, sentiment, unscoredReason };
  });
}

export function analyse(t: Transcript): Analysis {
  const messages = scoreMessages(t);
  const predictedTopic = t.topic === null ? predictTopic(t) : null;
  const structure = conversationStructure(t);
  const triggers = findTriggers(t, structure, messages, t.topic ?? predictedTopic);
  return { messages, predictedTopic, triggers, escalation: escalationOf(t, structure, triggers) };
}
