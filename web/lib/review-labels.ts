import type { FlagReason, FlagStatus } from '../../server/domain.js';

/** Display names and colours for the review workflow's values, in one place. */

export const FLAG_REASON_LABEL: Record<FlagReason, string> = {
  missed_escalation: 'Missed escalation',
  wrong_answer: 'Wrong answer',
  tone: 'Tone',
  policy: 'Policy breach',
  personal_data: 'Personal data',
  other: 'Other',
};

export const FLAG_STATUS_LABEL: Record<FlagStatus, string> = {
  open: 'Open',
  confirmed: 'Confirmed',
  dismissed: 'Dismissed',
};
export const FLAG_STATUS_COLOR = { open: 'amber', confirmed: 'rose', dismissed: 'gray' } as const;

export const SENTIMENT_LABEL: Record<string, string> = {
  negative: 'Negative',
  neutral: 'Neutral',
  positive: 'Positive',
};

const ACTION_LABEL: Record<string, string> = {
  'flag.create': 'Flagged',
  'flag.status': 'Changed flag status',
  override: 'Overrode a value',
  review: 'Gave a verdict',
  assign: 'Assigned',
};

export const auditActionLabel = (action: string): string => ACTION_LABEL[action] ?? action;

export function reasonLabel(value: string): string {
  return value === 'none' ? 'No problem' : (FLAG_REASON_LABEL[value as FlagReason] ?? value);
}
