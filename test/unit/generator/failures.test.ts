import { describe, expect, it } from 'vitest';
import { generateDetailed, type GeneratedConversation } from '../../../data/generator/index.js';
import { HUMAN_REQUEST, v1Record, type V1 } from './helpers.js';

const WEEKS = 8;
const generated = [...generateDetailed({ conversations: 5000, weeks: WEEKS, seed: 5 })];

function planted(kind: string): Array<GeneratedConversation & { v1: V1 }> {
  return generated
    .filter((g) => g.plan.scenario.kind === 'planted' && g.plan.scenario.planted === kind)
    .map((g) => ({ ...g, v1: v1Record.parse(g.record) }));
}

const customerTexts = (r: V1) => r.messages.filter((m) => m.role === 'customer').map((m) => m.text as string);
const handoffIndex = (r: V1) => {
  const event = r.messages.findIndex((m) => m.role === 'system' && m.event === 'handoff');
  return event >= 0 ? event : r.messages.findIndex((m) => m.role === 'agent');
};

describe('planted failures', () => {
  it.each(['vip_ignored', 'distress_kept', 'loop'])('%s appears in every week', (kind) => {
    const weeks = new Set(planted(kind).map((g) => g.plan.week));
    expect([...weeks].sort()).toEqual(Array.from({ length: WEEKS }, (_, i) => i));
  });

  it('also appears in every week of a small, sparse run', () => {
    const sparse = [...generateDetailed({ conversations: 400, weeks: 4, seed: 99 })];
    for (const kind of ['vip_ignored', 'distress_kept', 'loop']) {
      const weeks = new Set(
        sparse
          .filter((g) => g.plan.scenario.kind === 'planted' && g.plan.scenario.planted === kind)
          .map((g) => g.plan.week),
      );
      expect(weeks.size).toBe(4);
    }
  });

  it('vip_ignored: a VIP asks for a human at least twice, the AI answers on, nobody takes over', () => {
    for (const { v1 } of planted('vip_ignored')) {
      expect(v1.customer?.tier).toBe('vip');
      expect(v1.customer?.id).toBeTruthy();
      expect(customerTexts(v1).filter((t) => HUMAN_REQUEST.test(t)).length).toBeGreaterThanOrEqual(2);
      expect(v1.messages.some((m) => m.role === 'agent' || m.role === 'system')).toBe(false);
      expect(v1.messages.filter((m) => m.role === 'ai').length).toBeGreaterThanOrEqual(3);
    }
  });

  it('distress_kept: the AI replies 3+ times after the distress message before the handoff', () => {
    for (const { v1, plan } of planted('distress_kept')) {
      const distressAt = 2; // opener, AI reply, then the distress message
      expect(v1.messages[distressAt].role).toBe('customer');
      const handoff = handoffIndex(v1);
      expect(handoff).toBeGreaterThan(distressAt);
      const aiReplies = v1.messages.slice(distressAt + 1, handoff).filter((m) => m.role === 'ai').length;
      expect(aiReplies, plan.scenario.kind).toBeGreaterThanOrEqual(3);
      expect(v1.messages.some((m) => m.role === 'agent')).toBe(true);
    }
  });

  it('loop: the customer sends nearly the same message 3+ times', () => {
    const normalise = (text: string) =>
      text
        .toLowerCase()
        .replace(/^again: /, '')
        .replace(/[^\p{L}\p{N} ]/gu, '')
        .trim();
    for (const { v1 } of planted('loop')) {
      const texts = customerTexts(v1).map(normalise);
      const first = texts[0];
      const repeats = texts.filter((t) => first.startsWith(t) || t.startsWith(first));
      expect(repeats.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('planted failures are rare: under 3 % of conversations together', () => {
    const count = generated.filter((g) => g.plan.scenario.kind === 'planted').length;
    expect(count / generated.length).toBeLessThan(0.03);
    expect(count).toBeGreaterThan(3 * WEEKS - 1);
  });
});
