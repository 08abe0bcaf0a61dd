import { describe, expect, it } from 'vitest';
import { NEGATIVE_END_THRESHOLD, SCORING_VERSION, scoreConversation } from '../../../server/scoring/index.js';
import { HANDOFF, makeTranscript } from '../../fixtures/scoring/transcripts.js';

const unhappy = makeTranscript(
  [
    ['customer', 'Hi, my card payment was declined', 0],
    ['ai', 'I can help with that. Please try again.', 5],
    ['customer', 'I tried again and it still does not work, this is useless!!', 60],
    ['ai', 'I am not able to help with that.', 65],
    ['customer', 'Terrible. I am leaving your bank.', 90],
  ],
  { tier: 'vip', csat: 1, topic: null },
);

describe('scoreConversation contract', () => {
  const s = scoreConversation(unhappy);

  it('has one message score per message, customers scored and others explained', () => {
    expect(s.conversationId).toBe('c-test');
    expect(s.scoringVersion).toBe(SCORING_VERSION);
    expect(s.messages.map((m) => m.index)).toEqual([0, 1, 2, 3, 4]);
    expect(s.messages[1]).toEqual({ index: 1, sentiment: null, unscoredReason: 'not a customer message' });
    expect(s.messages[2].sentiment?.label).toBe('negative');
    expect(s.messages[2].unscoredReason).toBeNull();
  });

  it('summarises customer sentiment: first, last, min, mean, trajectory', () => {
    const xs = [0, 2, 4].map((i) => s.messages[i].sentiment?.score ?? NaN);
    expect(s.sentiment).toEqual({
      first: xs[0],
      last: xs[2],
      min: Math.min(...xs),
      mean: Math.round(((xs[0] + xs[1] + xs[2]) / 3) * 1000) / 1000,
      trajectory: Math.round((xs[2] - xs[0]) * 1000) / 1000,
    });
    expect(s.negativeEnd).toBe(xs[2] < NEGATIVE_END_THRESHOLD);
    expect(s.negativeEnd).toBe(true);
  });

  it('estimates satisfaction in [1, 5] and finds where it drops', () => {
    expect(s.satisfactionEstimate).toBeGreaterThanOrEqual(1);
    expect(s.satisfactionEstimate).toBeLessThanOrEqual(5);
    expect(s.satisfactionDropIndex).toBe(2);
    const happy = scoreConversation(
      makeTranscript([
        ['customer', 'Can you send me a new card?'],
        ['ai', 'Done!'],
        ['customer', 'Great, thank you so much!'],
      ]),
    );
    expect(happy.satisfactionEstimate).toBeGreaterThan(s.satisfactionEstimate);
    expect(happy.satisfactionDropIndex).toBeNull();
  });

  it('classifies a topic only when the record has none', () => {
    expect(s.predictedTopic).toBe('payments');
    expect(scoreConversation({ ...unhappy, topic: 'refund' }).predictedTopic).toBeNull();
    const fraud = makeTranscript([['customer', 'My card was stolen and someone used it']], { topic: null });
    expect(scoreConversation(fraud).predictedTopic).toBe('fraud');
    const delivery = makeTranscript([['customer', 'My new card still has not arrived']], { topic: null });
    expect(scoreConversation(delivery).predictedTopic).toBe('delivery');
    const swedish = makeTranscript([['customer', 'Mitt kort är stulet, spärra det']], {
      topic: null,
      language: 'sv',
    });
    expect(scoreConversation(swedish).predictedTopic).toBe('other');
  });

  it('lists VIP failure reasons, only for VIPs', () => {
    expect(s.escalation.status).toBe('missed');
    expect(s.vipFailureReasons).toEqual(['low_csat', 'negative_end', 'missed_escalation']);
    expect(scoreConversation({ ...unhappy, tier: 'standard' }).vipFailureReasons).toEqual([]);
  });

  it('gives every conversation an estimate, even with nothing scored', () => {
    const german = makeTranscript(
      [
        ['customer', 'Meine Karte funktioniert nicht'],
        ['ai', 'Hallo'],
      ],
      { language: 'de' },
    );
    const r = scoreConversation(german);
    expect(r.sentiment).toBeNull();
    expect(r.negativeEnd).toBe(false);
    expect(r.messages[0]).toEqual({ index: 0, sentiment: null, unscoredReason: 'language de not supported' });
    expect(r.satisfactionEstimate).toBeGreaterThanOrEqual(1);
    const systemOnly = scoreConversation(makeTranscript([HANDOFF], { topic: null }));
    expect(systemOnly.predictedTopic).toBe('other');
    expect(systemOnly.satisfactionEstimate).toBeLessThanOrEqual(5);
  });

  it('is deterministic', () => {
    const a = JSON.stringify(scoreConversation(unhappy));
    expect(JSON.stringify(scoreConversation(structuredClone(unhappy)))).toBe(a);
  });
});

describe('topic tokenisation', () => {
  it('matches natural PorterStemmer.tokenizeAndStem', async () => {
    const { default: PorterStemmer } = await import('natural/lib/natural/stemmers/porter_stemmer.js');
    const { tokenizeAndStem } = await import('../../../server/scoring/topic.js');
    for (const text of [
      'I am still waiting on my card?',
      "Why hasn't my transfer gone through yet!!",
      'Cancelled payments, refunds & DISPUTES',
    ]) {
      expect(tokenizeAndStem(text)).toEqual(PorterStemmer.tokenizeAndStem(text));
    }
  });
});
