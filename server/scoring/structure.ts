import type { Transcript } from '../domain.js';

/** Who is in charge when (SPEC 3): whether the AI started, and where the human takes over. */
export interface ConversationStructure {
  /** The first ai-or-agent message is the AI's. */
  aiStarted: boolean;
  /** First system 'handoff' event, else the first agent message after an AI message; null if none. */
  handoffIndex: number | null;
  /** Messages with index below this are sent while the AI is in charge (0 when it never is). */
  aiWindowEnd: number;
}

export function conversationStructure(t: Transcript): ConversationStructure {
  const firstResponder = t.messages.find((m) => m.role === 'ai' || m.role === 'agent');
  const aiStarted = firstResponder?.role === 'ai';
  let handoffIndex: number | null = null;
  const handoffEvent = t.messages.find((m) => m.role === 'system' && m.event === 'handoff');
  if (handoffEvent) handoffIndex = handoffEvent.index;
  else {
    let seenAi = false;
    for (const m of t.messages) {
      if (m.role === 'ai') seenAi = true;
      else if (m.role === 'agent' && seenAi) {
        handoffIndex = m.index;
        break;
      }
    }
  }
  const aiWindowEnd = aiStarted ? (handoffIndex ?? t.messages.length) : 0;
  return { aiStarted, handoffIndex, aiWindowEnd };
}
