import { describe, expect, it } from 'vitest';
import { evidenceTerms, highlightSegments } from '../../../web/lib/highlight.js';

describe('evidenceTerms', () => {
  it('reads quoted matches and sentiment rule terms', () => {
    expect(evidenceTerms('bereavement: "in hospital"')).toEqual(['in hospital']);
    expect(evidenceTerms('"agent please"')).toEqual(['agent please']);
    expect(evidenceTerms('score -0.79 (phrase: still waiting (-3); learned: answer (-1); learned: not_this (-0.9))')).toEqual([
      'still waiting',
      'answer',
    ]);
    expect(evidenceTerms('vip on topic dispute')).toEqual([]);
    expect(evidenceTerms('repeats message 2 (similarity 0.81)')).toEqual([]);
  });
});

describe('highlightSegments', () => {
  const join = (segments: { text: string }[]) => segments.map((s) => s.text).join('');

  it('marks the evidence words and keeps the text exact', () => {
    const text = 'Hello? Still waiting for an answer';
    const segments = highlightSegments(text, [
      { kind: 'strong_negative', evidence: 'score -0.79 (phrase: still waiting (-3); learned: answer (-1))' },
    ]);
    expect(join(segments)).toBe(text);
    expect(segments.filter((s) => s.kinds.length).map((s) => s.text)).toEqual(['Still waiting', 'answer']);
  });

  it('merges overlapping evidence of two kinds', () => {
    const text = 'agent please, I am in hospital';
    const segments = highlightSegments(text, [
      { kind: 'human_request', evidence: '"agent please"' },
      { kind: 'distress', evidence: 'bereavement: "in hospital"' },
      { kind: 'strong_negative', evidence: 'score -0.8 (lexicon: hospital (-2))' },
    ]);
    expect(join(segments)).toBe(text);
    expect(segments.find((s) => s.text === 'hospital')?.kinds.sort()).toEqual(['distress', 'strong_negative']);
    expect(segments[0]).toEqual({ text: 'agent please', kinds: ['human_request'] });
  });

  it('does not mark a word inside another word, and leaves hostile text as plain text', () => {
    const text = '<img src=x onerror="alert(1)"> unpaid';
    const segments = highlightSegments(text, [{ kind: 'strong_negative', evidence: 'score -0.8 (lexicon: paid (-1))' }]);
    expect(segments).toEqual([{ text, kinds: [] }]);
  });

  it('handles empty text', () => {
    expect(highlightSegments('', [{ kind: 'distress', evidence: '"x"' }])).toEqual([]);
  });
});

describe('evidenceTerms weights', () => {
  it('leaves out words that pulled the score up', () => {
    expect(evidenceTerms('score -0.912 (lexicon: charged (-3); lexicon: wrong (-2); lexicon: agreed (+1))')).toEqual([
      'charged',
      'wrong',
    ]);
  });
});
