import { describe, expect, it } from 'vitest';
import type { TriggerKind } from '../../../server/domain.js';
import { scoreConversation } from '../../../server/scoring/index.js';
import { HANDOFF, type Line, makeTranscript } from '../../fixtures/scoring/transcripts.js';

const kindsOf = (lines: Line[], overrides = {}) =>
  scoreConversation(makeTranscript(lines, overrides)).triggers;
const opener: Line = ['customer', 'Hi, I have a question about a payment'];
const reply: Line = ['ai', 'Sure, I can look into that for you.'];

describe('escalation triggers', () => {
  it.each([
    'I want to talk to a human',
    'agent',
    'Can I speak to a real person please',
    'I need someone who can actually help',
    'transfer me to a representative',
    'are you a bot?',
  ])('human request: %s', (text) => {
    const triggers = kindsOf([opener, reply, ['customer', text]]);
    const t = triggers.find((x) => x.kind === 'human_request');
    expect(t, text).toBeDefined();
    expect(t?.messageIndex).toBe(2);
    expect(t?.evidence.length).toBeGreaterThan(2);
  });

  it.each<[string, string, number]>([
    ['My husband passed away last week and I need to close his account', 'bereavement', 3],
    ['There is a fraudulent charge on my card', 'fraud', 3],
    ["I didn't make this payment", 'fraud', 3],
    ['I lost my job and cannot afford the fees', 'hardship', 2],
    ['I will contact my lawyer about this', 'legal', 2],
    ['I am going to kill myself', 'harm', 3],
  ])('distress: %s', (text, subtype, severity) => {
    const t = kindsOf([opener, reply, ['customer', text]]).find((x) => x.kind === 'distress');
    expect(t?.evidence).toContain(subtype);
    expect(t?.severity).toBe(severity);
  });

  it('strongly negative message, with the rules as evidence', () => {
    const t = kindsOf([
      opener,
      reply,
      ['customer', 'This is the WORST service ever, absolutely useless!!! 😡'],
    ]).find((x) => x.kind === 'strong_negative');
    expect(t?.messageIndex).toBe(2);
    expect(t?.evidence).toMatch(/^score -0\.\d+ \(.*useless/);
  });

  it('a low score from learned words alone is not strong negativity', () => {
    const kinds = kindsOf([opener, reply, ['customer', 'What are your opening hours?']]).map((x) => x.kind);
    expect(kinds).not.toContain('strong_negative');
  });

  it('repetition loop, using string similarity', () => {
    const t = kindsOf([
      ['customer', 'Where is my refund for order 1234?'],
      ['ai', 'Refunds take 5-7 days.'],
      ['customer', 'where is my refund for order 1234??'],
    ]).find((x) => x.kind === 'repetition_loop');
    expect(t).toMatchObject({ messageIndex: 2, severity: 2 });
    expect(t?.evidence).toMatch(/repeats message 0/);
  });

  it('short replies do not form a loop', () => {
    const kinds = kindsOf([
      opener,
      ['ai', 'Anything else?'],
      ['customer', 'Thanks for the info.'],
      ['ai', 'Sure?'],
      ['customer', 'Thanks for the info.'],
    ]).map((x) => x.kind);
    expect(kinds).not.toContain('repetition_loop');
  });

  it('AI admitting it cannot help, at the AI message', () => {
    const t = kindsOf([opener, ['ai', "I'm sorry, I am not able to help with that request."]]).find(
      (x) => x.kind === 'ai_cannot_help',
    );
    expect(t).toMatchObject({ messageIndex: 1, severity: 2 });
  });

  it('VIP on a dispute, fraud or complaint', () => {
    const onTopic = kindsOf([opener, reply], { tier: 'vip', topic: 'dispute' });
    expect(onTopic.find((x) => x.kind === 'vip_sensitive_topic')?.evidence).toBe('vip on topic dispute');
    const complaint = kindsOf([['customer', 'I want to file a complaint'], reply], {
      tier: 'vip',
      topic: 'payments',
    });
    expect(complaint.find((x) => x.kind === 'vip_sensitive_topic')?.evidence).toContain('complaint');
    const standard = kindsOf([opener, reply], { tier: 'standard', topic: 'dispute' });
    expect(standard.map((x) => x.kind)).not.toContain('vip_sensitive_topic');
  });

  it('is only looked for while the AI is in charge', () => {
    const afterHandoff = kindsOf([
      opener,
      reply,
      HANDOFF,
      ['agent', 'Hi, Sara here'],
      ['customer', 'I want a human manager now'],
    ]);
    expect(afterHandoff).toEqual([]);
    const humanStarted = kindsOf([
      opener,
      ['agent', 'Hi, Sara here'],
      ['customer', 'I want to talk to a human'],
    ]);
    expect(humanStarted).toEqual([]);
  });

  it('covers every trigger kind', () => {
    const seen = new Set<TriggerKind>();
    const lines: Line[] = [
      ['customer', 'Someone stole my card and made a fraudulent payment'],
      ['ai', "I'm unable to help with that."],
      ['customer', 'This is useless, absolutely the WORST!!! 😡'],
      ['ai', 'Sorry to hear that.'],
      ['customer', 'This is useless, absolutely the WORST!!! 😡'],
      ['customer', 'let me talk to a human'],
    ];
    for (const t of kindsOf(lines, { tier: 'vip', topic: 'fraud' })) seen.add(t.kind);
    expect([...seen].sort()).toEqual(
      [
        'ai_cannot_help',
        'distress',
        'human_request',
        'repetition_loop',
        'strong_negative',
        'vip_sensitive_topic',
      ].sort(),
    );
  });
});

describe('repetition similarity', () => {
  it('matches natural DiceCoefficient exactly', async () => {
    const { default: diceCoefficient } = await import('natural/lib/natural/distance/dice_coefficient.js');
    const { bigramSet, diceOfSets } = await import('../../../server/scoring/similarity.js');
    const pairs = [
      ['Where is my refund?', 'where is my  refund??'],
      ['I want a human', 'Let me talk to an agent'],
      ['a', 'a'],
      ['Card DECLINED again', 'card declined again!'],
    ];
    for (const [a, b] of pairs)
      expect(diceOfSets(bigramSet(a), bigramSet(b))).toBeCloseTo(diceCoefficient(a, b), 12);
  });
});
