/** Format v1 records for tests: realistic defaults, partial overrides. */
export interface MessageInput {
  role: string;
  text?: string;
  ts?: string | null;
  event?: string;
  agent_id?: string;
}

export function message(role: string, text: string, ts: string | null = null, extra: Partial<MessageInput> = {}): MessageInput {
  return { role, text, ...(ts ? { ts } : {}), ...extra };
}

export function handoff(ts: string | null = null): MessageInput {
  return { role: 'system', event: 'handoff', ...(ts ? { ts } : {}) };
}

export function conversation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    conversation_id: 'c-1',
    started_at: '2025-05-05T09:00:00Z',
    channel: 'chat',
    market: 'SE',
    language: 'en',
    customer: { id: 'u-1', tier: 'standard' },
    topic: 'refund',
    messages: [
      message('customer', 'Where is my refund?', '2025-05-05T09:00:00Z'),
      message('ai', 'Let me check that for you.', '2025-05-05T09:00:04Z'),
    ],
    ...overrides,
  };
}

export const toJsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
