import { describe, expect, it } from 'vitest';
import { scoreMessageText } from '../../../server/scoring/index.js';
import { scoreMessage } from '../../../server/scoring/sentiment.js';

const score = (text: string, language: string | null = 'en') => {
  const s = scoreMessageText(text, language);
  if (s === null) throw new Error(`unscored: ${text}`);
  return s;
};

describe('message sentiment rules', () => {
  it('negation flips a positive word', () => {
    const s = score('I am not happy with this');
    expect(s.label).toBe('negative');
    expect(s.rules).toContain('negation: not happy (+3 flipped)');
    expect(s.score).toBeLessThan(score('I am happy with this').score);
  });

  it('"never received" is a negative support phrase', () => {
    const s = score('I never received my card');
    expect(s.label).toBe('negative');
    expect(s.rules.some((r) => r.startsWith('phrase: never received'))).toBe(true);
  });

  it('intensifiers, ALL CAPS and "!!!" are explained and make it worse', () => {
    const plain = score('this is bad');
    const loud = score('this is very BAD!!!');
    expect(loud.rules).toEqual(
      expect.arrayContaining(['intensifier: very bad', 'caps: BAD', 'exclamation: !!!']),
    );
    expect(loud.score).toBeLessThan(plain.score);
  });

  it('support-domain words count', () => {
    for (const text of [
      'still waiting for my refund',
      'your bot is useless',
      'I was charged twice',
      'my flight got cancelled',
    ]) {
      expect(score(text).label, text).toBe('negative');
    }
    expect(score('still waiting for my refund').rules).toContain('phrase: still waiting (-3)');
    expect(score('I was charged twice').rules).toContain('phrase: charged twice (-3)');
  });

  it('emoji and emoticons carry sentiment', () => {
    const angry = score('my order 😡');
    expect(angry.rules).toContain('emoji: 😡 (-4)');
    expect(angry.label).toBe('negative');
    const happy = score('got it, thanks :)');
    expect(happy.rules).toContain('emoticon: :) (+2)');
    expect(happy.label).toBe('positive');
  });

  it('thanks are positive and plain questions neutral-ish', () => {
    expect(score('Thank you so much, that was really helpful!').label).toBe('positive');
    const question = score('How do I change my PIN?');
    expect(question.label).toBe('neutral');
    expect(question.score).toBeGreaterThan(-0.5);
  });

  it('keeps scores in [-1, 1]', () => {
    for (const t of [
      'WORST SERVICE EVER!!!! 😡😡😡 useless useless',
      'amazing amazing love it 😍😍 :D',
      '',
      '!!!',
    ]) {
      const s = score(t);
      expect(s.score).toBeGreaterThanOrEqual(-1);
      expect(s.score).toBeLessThanOrEqual(1);
    }
  });
});

describe('languages', () => {
  it('scores English tags, including regional ones', () => {
    expect(scoreMessageText('great service', 'en-US')).not.toBeNull();
    expect(scoreMessageText('great service', 'EN')).not.toBeNull();
  });

  it('marks other tagged languages unscored, never neutral', () => {
    expect(scoreMessageText('Ich bin nicht zufrieden', 'de')).toBeNull();
    expect(scoreMessage('Jag är inte nöjd med det här', 'sv-SE')).toEqual({
      sentiment: null,
      unscoredReason: 'language sv not supported',
    });
  });

  it('treats untagged text as English unless it clearly is not', () => {
    expect(scoreMessageText('my card does not work', null)).not.toBeNull();
    expect(scoreMessageText('ok', null)).not.toBeNull();
    expect(scoreMessage('Jag har inte fått mitt kort och det är inte okej', null).unscoredReason).toMatch(
      /does not look like English/,
    );
    expect(
      scoreMessage('Ich habe meine Karte nicht bekommen und das ist nicht gut', null).sentiment,
    ).toBeNull();
    expect(scoreMessage('我的卡还没有到', null).unscoredReason).toMatch(/Latin script/);
  });
});

describe('determinism', () => {
  it('gives the same result every time', () => {
    const text = 'Still waiting!!! This is NOT ok 😡 @airline http://x.co/abc';
    const first = JSON.stringify(scoreMessageText(text, null));
    for (let i = 0; i < 5; i++) expect(JSON.stringify(scoreMessageText(text, null))).toBe(first);
  });
});
