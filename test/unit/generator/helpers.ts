/**
 * Test-side reading of format v1 (SPEC 2) and the SPEC 3 facts the proportion tests need,
 * written independently of the generator so the tests do not grade its own homework.
 */
import { z } from 'zod';
import { CHANNELS, ROLES, TIERS, TOPICS } from '../../../server/domain.js';

const isoWithOffset = z.iso.datetime({ offset: true });

const message = z
  .object({
    role: z.enum(ROLES),
    text: z.string().optional(),
    event: z.string().optional(),
    ts: isoWithOffset.optional(),
    agent_id: z.string().optional(),
  })
  .refine((m) => m.role === 'system' || (m.text !== undefined && m.text.trim().length > 0), {
    message: 'non-system messages need non-empty text',
  });

export const v1Record = z.looseObject({
  conversation_id: z.string().min(1),
  started_at: isoWithOffset,
  ended_at: isoWithOffset.nullish(),
  channel: z.enum(CHANNELS).nullish(),
  market: z.string().nullish(),
  language: z.string().nullish(),
  customer: z.object({ id: z.string().nullish(), tier: z.enum(TIERS).nullish() }).nullish(),
  topic: z.enum(TOPICS).nullish(),
  csat: z.number().int().min(1).max(5).nullish(),
  resolved: z.boolean().nullish(),
  messages: z.array(message).min(1),
});
export type V1 = z.infer<typeof v1Record>;

export type HandledBy = 'ai' | 'human' | 'hybrid';

export function handledBy(record: V1): HandledBy {
  const ai = record.messages.some((m) => m.role === 'ai');
  const agent = record.messages.some((m) => m.role === 'agent');
  return ai && agent ? 'hybrid' : ai ? 'ai' : 'human';
}

export function aiStarted(record: V1): boolean {
  return record.messages.find((m) => m.role === 'ai' || m.role === 'agent')?.role === 'ai';
}

export const HUMAN_REQUEST =
  /human|real person|agent please|someone from your staff|actual person|operator|manager|colleague|customer service|speak (to|with) someone|person on this|support agent|människa|riktig person|handläggare|någon person|menschen|mitarbeiter|echte person/i;

export function share<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.length === 0 ? 0 : items.filter(predicate).length / items.length;
}

/** CSAT % (csat >= 4 over surveyed) of the given records. */
export function csatPct(records: readonly V1[]): number {
  const surveyed = records.filter((r) => typeof r.csat === 'number');
  return share(surveyed, (r) => (r.csat as number) >= 4);
}
