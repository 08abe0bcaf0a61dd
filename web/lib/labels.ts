import type { EscalationStatus, TriggerKind } from '../../server/domain.js';
import type { VipReason } from './api-types.js';

/** Display names for the product's enum values, in one place so every page says the same. */
const VALUE_LABELS: Record<string, string> = {
  chat: 'Chat',
  email: 'Email',
  voice: 'Voice',
  social: 'Social',
  twitter: 'Twitter / X',
  other: 'Other',
  payments: 'Payments',
  refund: 'Refund',
  dispute: 'Dispute',
  fraud: 'Fraud',
  account: 'Account',
  delivery: 'Delivery',
  app: 'App',
  vip: 'VIP',
  standard: 'Standard',
};

export const valueLabel = (value: string | null | undefined): string =>
  value ? (VALUE_LABELS[value] ?? value) : '—';

export const TRIGGER_LABEL: Record<TriggerKind, string> = {
  human_request: 'Asked for a human',
  strong_negative: 'Strongly negative',
  distress: 'Distress or vulnerability',
  repetition_loop: 'Repetition loop',
  ai_cannot_help: 'AI said it cannot help',
  vip_sensitive_topic: 'VIP on a sensitive topic',
};

export const VIP_REASON_LABEL: Record<VipReason, string> = {
  low_csat: 'CSAT 2 or lower',
  negative_end: 'Ended negative',
  missed_escalation: 'Missed escalation',
  repeat_contact: 'Repeat contact',
};

export const ESCALATION_LABEL: Record<EscalationStatus, string> = {
  none: 'No trigger',
  timely: 'Timely handoff',
  late: 'Late handoff',
  missed: 'Missed',
};

/** Tremor colours for escalation statuses, kept clear of the AI / human / hybrid colours (violet, amber, teal). */
export const ESCALATION_COLOR = { none: 'gray', timely: 'sky', late: 'orange', missed: 'rose' } as const;
