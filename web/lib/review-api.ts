import type {
  EscalationStatus,
  FlagReason,
  FlagStatus,
  HandledBy,
  OverrideField,
} from '../../server/domain.js';
import { apiFetch } from './api.js';
import type { Fraction, VipReason } from './api-types.js';

/** Types and writes of the QA review API (issue 6); reads go through useApi. */

export interface QueueItem {
  conversationId: string;
  startedAt: string;
  handledBy: HandledBy | null;
  tier: string;
  topic: string | null;
  market: string | null;
  csat: number | null;
  escalationStatus: EscalationStatus;
  escalationScore: number;
  negativeEnd: boolean | null;
  vipFailureReasons: VipReason[];
  risk: number;
  /** Usernames; null when nobody is assigned. */
  assignedTo: string[] | null;
  flags: number;
}

export interface Flag {
  flagId: string;
  conversationId: string;
  reason: FlagReason;
  /** Untrusted reviewer text: rendered as text only. */
  note: string;
  status: FlagStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface Override {
  field: OverrideField;
  value: string;
  reason: string;
  createdBy: string;
  createdAt: string;
}

export interface AuditItem {
  auditId: string;
  at: string;
  actor: string;
  action: string;
  entityId: string | null;
  /** JSON text, or null. */
  before: string | null;
  after: string | null;
}

export interface MyReviewItem {
  kind: 'flag' | 'review';
  conversationId: string;
  detail: string;
  status: FlagStatus | null;
  occurredAt: string;
}

export interface ReviewQuality {
  doubleReviewed: number;
  kappa: { flagReason: number | null; escalationVerdict: number | null };
  confirmedFailureRate: Record<HandledBy, Fraction>;
}

async function send<T>(method: 'POST' | 'PATCH', path: string, body: unknown): Promise<T> {
  return apiFetch<T>(`/api${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const conv = (id: string) => `/conversations/${encodeURIComponent(id)}`;

export const createFlag = (conversationId: string, reason: FlagReason, note: string) =>
  send<Flag>('POST', `${conv(conversationId)}/flags`, { reason, note });

export const setFlagStatus = (flagId: string, status: FlagStatus) =>
  send<Flag>('PATCH', `/flags/${encodeURIComponent(flagId)}`, { status });

export const addOverride = (conversationId: string, field: OverrideField, value: string, reason: string) =>
  send<{ items: Override[] }>('POST', `${conv(conversationId)}/overrides`, { field, value, reason });

export const saveVerdict = (
  conversationId: string,
  escalationVerdict: EscalationStatus,
  flagReason: FlagReason | 'none',
) => send<unknown>('POST', `${conv(conversationId)}/reviews`, { escalationVerdict, flagReason });

export const assignConversations = (conversationIds: string[], reviewer: string) =>
  send<{ assigned: number; reviewer: string }>('POST', '/review/assignments', { conversationIds, reviewer });
