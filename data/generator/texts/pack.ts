import type { Topic } from '../../../server/domain.js';

/**
 * Everything one language needs to write a conversation. Every language fills every list, so a
 * scenario never has to know which language it is writing in.
 */
export interface CustomerTexts {
  opener: Record<Topic, string[]>;
  /** Answers to the AI's or agent's questions: details of the case. */
  detail: Record<Topic, string[]>;
  stillWaiting: string[];
  humanRequest: string[];
  /** Bereavement, fraud victims, hardship, threats of harm: vulnerability the AI must escalate. */
  distress: string[];
  legalThreat: string[];
  angry: string[];
  thanks: string[];
  afterCannotHelp: string[];
  vipRemark: string[];
}

export interface AiTexts {
  reply: Record<Topic, string[]>;
  followUp: string[];
  cannotHelp: string[];
  /** The AI answering on when asked for a person: the heart of the planted VIP failure. */
  deflectHuman: string[];
  empathy: string[];
  handoff: string[];
  policyHandoff: string[];
  closing: string[];
  verify: string[];
  verifyDone: string[];
}

export interface AgentTexts {
  greeting: string[];
  ask: string[];
  resolve: Record<Topic, string[]>;
  empathy: string[];
  closing: string[];
  handToAi: string[];
}

export interface LanguagePack {
  customer: CustomerTexts;
  ai: AiTexts;
  agent: AgentTexts;
}
