import { describe, expect, it } from 'vitest';
import { ESCALATION_STATUSES, TIERS } from '../../../server/domain.js';
import { escalationGapScore, scoreConversation } from '../../../server/scoring/index.js';
import { HANDOFF, type Line, makeTranscript } from '../../fixtures/scoring/transcripts.js';

const ask: Line = ['customer', 'I want to talk to a human', 10];
const score = (lines: Line[], overrides = {}) =>
  scoreConversation(makeTranscript(lines, overrides)).escalation;

describe('escalation status and gap', () => {
  it('timely: handoff right after the trigger', () => {
    const e = score([
      ['customer', 'Hi', 0],
      ['ai', 'Hello! How can I help?', 5],
      ask,
      ['system', null, 40, 'handoff'],
      ['agent', 'Hi, Sara here', 60],
    ]);
    expect(e).toMatchObject({
      aiStarted: true,
      handoffIndex: 3,
      status: 'timely',
      gapTurns: 0,
      gapSeconds: 30,
      overEscalation: false,
    });
  });

  it('late: AI replies after the trigger before the handoff', () => {
    const e = score([
      ask,
      ['ai', 'I can help you here.', 20],
      ['customer', 'no', 30],
      ['ai', 'What is the issue?', 40],
      ['agent', 'Hi', 100],
    ]);
    expect(e).toMatchObject({ handoffIndex: 4, status: 'late', gapTurns: 2, gapSeconds: 90 });
  });

  it('missed: trigger and no handoff', () => {
    const e = score([ask, ['ai', 'I can help you here.', 20]]);
    expect(e).toMatchObject({ status: 'missed', handoffIndex: null, gapTurns: null, gapSeconds: null });
    expect(e.score).toBeGreaterThanOrEqual(75);
  });

  it('none: no trigger, or a conversation a human started', () => {
    expect(
      score([
        ['customer', 'Hi'],
        ['ai', 'Hello!'],
      ]),
    ).toMatchObject({ status: 'none', score: 0, overEscalation: false });
    expect(score([ask, ['agent', 'Hi, Sara here']])).toMatchObject({
      aiStarted: false,
      status: 'none',
      score: 0,
    });
  });

  it('over-escalation: a handoff with no trigger before it', () => {
    const e = score([['customer', 'What is my balance?'], ['ai', 'Let me check.'], HANDOFF, ['agent', 'Hi']]);
    expect(e).toMatchObject({ status: 'none', overEscalation: true, handoffIndex: 2 });
  });

  it('handoff without an event is the first agent message after an AI message', () => {
    expect(score([ask, ['ai', 'One moment'], ['agent', 'Hi']]).handoffIndex).toBe(2);
  });

  it('never gives negative seconds for out-of-order timestamps, and null without them', () => {
    expect(
      score([
        ['customer', 'I want to talk to a human', 500],
        ['agent', 'Hi', 100],
      ]).gapSeconds,
    ).toBeNull(); // human-started
    expect(
      score([
        ['customer', 'Hi', 0],
        ['ai', 'Hello', 1],
        ['customer', 'I want to talk to a human', 500],
        ['agent', 'Hi', 100],
      ]).gapSeconds,
    ).toBe(0);
    expect(
      score([['customer', 'Hi'], ['ai', 'Hello'], ['customer', 'I want to talk to a human'], HANDOFF])
        .gapSeconds,
    ).toBeNull();
  });

  it('a handoff event without ts uses the next known ts', () => {
    const e = score([
      ['customer', 'Hi', 0],
      ['ai', 'Hello', 1],
      ['customer', 'I want to talk to a human', 10],
      HANDOFF,
      ['agent', 'Hi', 70],
    ]);
    expect(e.gapSeconds).toBe(60);
  });
});

describe('escalation-gap score monotonicity', () => {
  const statuses = ESCALATION_STATUSES.filter((s) => s !== 'none');
  it('missed > late > timely, whatever the severity, delay and tier', () => {
    for (const tier of TIERS) {
      const worstTimely = escalationGapScore('timely', 3, 0, tier);
      const bestLate = escalationGapScore('late', 1, 1, 'standard');
      const worstLate = escalationGapScore('late', 3, 99, tier);
      const bestMissed = escalationGapScore('missed', 1, null, 'standard');
      expect(bestLate).toBeGreaterThan(worstTimely);
      expect(bestMissed).toBeGreaterThan(worstLate);
    }
  });

  it('more severe > less severe, VIP > standard, more delay >= less delay, all within 0-100', () => {
    for (const s of statuses) {
      for (const tier of TIERS) {
        expect(escalationGapScore(s, 3, 2, tier)).toBeGreaterThan(escalationGapScore(s, 2, 2, tier));
        expect(escalationGapScore(s, 2, 2, tier)).toBeGreaterThan(escalationGapScore(s, 1, 2, tier));
      }
      for (const sev of [1, 2, 3]) {
        expect(escalationGapScore(s, sev, 2, 'vip')).toBeGreaterThan(
          escalationGapScore(s, sev, 2, 'standard'),
        );
        expect(escalationGapScore(s, sev, 3, 'vip')).toBeLessThanOrEqual(100);
      }
    }
    expect(escalationGapScore('late', 2, 3, 'standard')).toBeGreaterThan(
      escalationGapScore('late', 2, 1, 'standard'),
    );
    expect(escalationGapScore('none', 3, null, 'vip')).toBe(0);
  });

  it('holds end to end: the same trigger scores missed > late > timely', () => {
    const hello: Line[] = [
      ['customer', 'Hi'],
      ['ai', 'Hello!'],
    ];
    const timely = score([...hello, ask, HANDOFF, ['agent', 'Hi']]).score;
    const late = score([...hello, ask, ['ai', 'I can help.'], HANDOFF, ['agent', 'Hi']]).score;
    const missed = score([...hello, ask, ['ai', 'I can help.']]).score;
    expect(timely).toBeGreaterThan(0);
    expect(missed).toBeGreaterThan(late);
    expect(late).toBeGreaterThan(timely);
    expect(score([ask, ['ai', 'I can help.']], { tier: 'vip' }).score).toBeGreaterThan(missed);
  });
});
