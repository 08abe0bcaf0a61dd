import SentimentAnalyzer from 'natural/lib/natural/sentiment/SentimentAnalyzer.js';
import support from '../../data/lexicons/support_en.json' with { type: 'json' };

/**
 * The English lexicon: natural's AFINN-165 vocabulary (unstemmed: stemming maps "terrible" and
 * "terribly" apart from their AFINN entries and costs 10x in speed) overlaid with the
 * support-domain words of data/lexicons/support_en.json, which win where both define a word.
 */
const afinn = new SentimentAnalyzer('English', null, 'afinn');

export const WORD_VALUES: ReadonlyMap<string, number> = new Map([
  ...Object.entries(afinn.vocabulary),
  ...Object.entries(support.words),
]);

/** Phrases of 2-3 words, keyed by their first word for a cheap pre-check. */
export const PHRASE_VALUES: ReadonlyMap<string, number> = new Map(Object.entries(support.phrases));
export const PHRASE_FIRST_WORDS: ReadonlySet<string> = new Set(
  Object.keys(support.phrases).map((p) => p.split(' ')[0]),
);

export const NEGATORS: ReadonlySet<string> = new Set([...afinn.negations, ...support.negators]);
export const INTENSIFIERS: ReadonlySet<string> = new Set(support.intensifiers);
export const EMOJI_VALUES: ReadonlyMap<string, number> = new Map(Object.entries(support.emoji));
export const EMOTICON_VALUES: ReadonlyMap<string, number> = new Map(Object.entries(support.emoticons));
/** Upper-case words that are names, not shouting. */
export const ACRONYMS: ReadonlySet<string> = new Set(support.acronyms);

/** Everything the scan needs to know about a word, found with one Map lookup. */
export interface LexiconEntry {
  /** Lexicon value on AFINN's -5..5 scale, 0 when the word has none. */
  value: number;
  negator: boolean;
  intensifier: boolean;
  /** Some phrase in PHRASE_VALUES starts with this word. */
  phraseStart: boolean;
  /** The rule shown for a plain hit, built once: "lexicon: useless (-3)". */
  rule: string;
}

/** A signed value with one decimal, as rules show it: "+3", "-1.5". */
export function signed(v: number): string {
  const r = Math.round(v * 10) / 10;
  return r > 0 ? `+${r}` : `${r}`;
}

function buildLexicon(): Map<string, LexiconEntry> {
  const out = new Map<string, LexiconEntry>();
  const entry = (w: string): LexiconEntry => {
    let e = out.get(w);
    if (!e) out.set(w, (e = { value: 0, negator: false, intensifier: false, phraseStart: false, rule: '' }));
    return e;
  };
  for (const [w, v] of WORD_VALUES) {
    const e = entry(w);
    e.value = v;
    e.rule = `lexicon: ${w} (${signed(v)})`;
  }
  for (const w of NEGATORS) entry(w).negator = true;
  for (const w of INTENSIFIERS) entry(w).intensifier = true;
  for (const w of PHRASE_FIRST_WORDS) entry(w).phraseStart = true;
  return out;
}

export const LEXICON: ReadonlyMap<string, LexiconEntry> = buildLexicon();

/** natural's own analyzer, kept as the baseline the evaluation compares against. */
export function afinnBaselineScore(words: string[]): number {
  return words.length === 0 ? 0 : afinn.getSentiment(words);
}
