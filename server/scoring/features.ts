import {
  ACRONYMS,
  EMOJI_VALUES,
  EMOTICON_VALUES,
  LEXICON,
  type LexiconEntry,
  PHRASE_VALUES,
  signed,
} from './lexicon.js';
import { LATIN_END, type LanguageCounts } from './language.js';
import { TokenKind, type Tokens } from './tokenize.js';

/** A negator reaches this many following words, or up to clause punctuation ("not happy at all"). */
export const NEGATION_SCOPE = 3;
/** "very bad" counts half again as much as "bad" (VADER uses a similar additive boost). */
export const INTENSIFIER_BOOST = 1.5;
/** An ALL-CAPS lexicon word ("TERRIBLE") is shouted: boost it like an intensifier. */
export const CAPS_BOOST = 1.5;
/** Shorter upper-case words are mostly acronyms and pronouns ("I", "OK", "US"). */
export const CAPS_MIN_LENGTH = 3;
/** Lexicon sums are divided by AFINN's maximum so that dense features stay near [0, 3]. */
const LEXICON_SCALE = 5;
/** Shouted words stop counting here: a fully capitalised tweet is one signal, not twenty. */
const CAPS_CAP = 3;

/** Names of the dense, hand-built features, in the order of the model's weight rows. */
export const DENSE_FEATURES = [
  'lexiconPositive',
  'lexiconNegative',
  'negatedPositive',
  'negatedNegative',
  'capsWords',
  'exclamation',
  'multiExclamation',
  'question',
  'lengthLog',
  'noLexiconHit',
] as const;

/** A learned term's class weights and, built once, the rule that names it: "learned: delayed (-0.9)". */
export interface TermWeight {
  w: number[];
  margin: number;
  rule: string;
}

/** A word's lexicon entry and learned weights (plain and negated, "not_x"), found with one lookup. */
export interface WordInfo {
  lex: LexiconEntry | undefined;
  plain: TermWeight | null;
  negated: TermWeight | null;
  /** languageHint(word): 1 English function word, 2 foreign one, 0 neither. */
  lang: 0 | 1 | 2;
}

/**
 * The learned term weights merged with the lexicon for the scan, so scoring does one Map lookup
 * per word and builds no term strings. Null while training (terms are listed instead).
 */
export interface TermWeights {
  words: Map<string, WordInfo>;
  phrases: Map<string, TermWeight>;
}

export interface MessageFeatures {
  dense: number[];
  /** Sparse features for the learned layer (words, "not_"-marked negated words, phrases); training only. */
  terms: string[];
  /** Summed term weights per class; scoring only. */
  termLogits: number[];
  /** The strongest learned terms' rules, strongest first, for the explanation; scoring only. */
  learned: { rules: string[]; margins: number[] };
  /** Rule descriptions in the order they fired. */
  rules: string[];
  /** For the untagged-language rule; scoring only. */
  language: LanguageCounts;
}

/** Mutable state of one scan; plain functions over it instead of closures keep the hot path lean. */
interface Scan {
  f: MessageFeatures;
  weights: TermWeights | null;
  pos: number;
  neg: number;
  negPos: number;
  negNeg: number;
  hits: number;
  negation: number;
  negator: string;
  boost: number;
  words: number;
  caps: number;
  capsRule: boolean;
}

/** `plainRule`, when given, is the prebuilt rule for the unboosted value (saves formatting a number). */
function addLexical(s: Scan, value: number, what: string, source: string, plainRule: string | null): void {
  s.hits++;
  if (s.negation > 0) {
    if (value > 0) s.negPos += value;
    else s.negNeg -= value;
    s.f.rules.push(`negation: ${s.negator} ${what} (${signed(value)} flipped)`);
  } else {
    if (value > 0) s.pos += value;
    else s.neg -= value;
    s.f.rules.push(plainRule ?? `${source}: ${what} (${signed(value)})`);
  }
}

/**
 * Adds a learned term's weights and keeps the LEARNED_RULES_SHOWN terms that move the
 * positive-negative margin most, strongest first (first seen wins a tie), without sorting.
 */
function addTerm(s: Scan, t: TermWeight | null | undefined): void {
  if (!t) return;
  const z = s.f.termLogits;
  z[0] += t.w[0];
  z[1] += t.w[1];
  z[2] += t.w[2];
  const size = Math.abs(t.margin);
  const { rules, margins } = s.f.learned;
  if (size < LEARNED_MIN_MARGIN) return;
  if (rules.length === LEARNED_RULES_SHOWN && size <= margins[rules.length - 1]) return;
  if (rules.includes(t.rule)) return;
  let at = rules.length;
  while (at > 0 && size > margins[at - 1]) at--;
  rules.splice(at, 0, t.rule);
  margins.splice(at, 0, size);
  if (rules.length > LEARNED_RULES_SHOWN) {
    rules.pop();
    margins.pop();
  }
}

/** A learned term is worth naming in the explanation only when it moves the margin this much. */
export const LEARNED_MIN_MARGIN = 0.25;
/** Learned terms shown among the rules: enough to explain, few enough to read. */
export const LEARNED_RULES_SHOWN = 3;

function handleSymbol(s: Scan, raw: string, lower: string, k: TokenKind): void {
  if (k === TokenKind.Emoji || k === TokenKind.Emoticon) {
    const emoji = k === TokenKind.Emoji;
    const v = (emoji ? EMOJI_VALUES.get(raw.replace('\uFE0F', '')) : EMOTICON_VALUES.get(lower)) ?? 0;
    // Emoji share the lexicon's scale and weights: the tweets have too few to learn their own.
    if (v !== 0) {
      s.hits++;
      if (v > 0) s.pos += v;
      else s.neg -= v;
      s.f.rules.push(`${emoji ? 'emoji' : 'emoticon'}: ${raw} (${signed(v)})`);
    }
  } else if (k === TokenKind.Bang && raw.length > 1) s.f.rules.push(`exclamation: ${raw}`);
  if (k === TokenKind.Punct || k === TokenKind.Bang || k === TokenKind.Question) s.negation = 0;
}

/** No lower-case letter (ASCII fast path; other scripts fall back to toUpperCase). */
function isUpperCase(r: string): boolean {
  for (let i = 0; i < r.length; i++) {
    const c = r.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c > 127) return r === r.toUpperCase();
  }
  return true;
}

/** Length of the lexicon phrase starting at token i (2 or 3 words), or 0. */
function phraseAt(lower: string[], i: number): number {
  if (i + 1 >= lower.length) return 0;
  const two = `${lower[i]} ${lower[i + 1]}`;
  if (i + 2 < lower.length && PHRASE_VALUES.has(`${two} ${lower[i + 2]}`)) return 3;
  return PHRASE_VALUES.has(two) ? 2 : 0;
}

/** Handles the word at token i (and the rest of a phrase starting there); returns the tokens used. */
function scanWord(s: Scan, tokens: Tokens, i: number): number {
  const { raw, lower } = tokens;
  const { f, weights } = s;
  const w = lower[i];
  const tw = weights ? weights.words.get(w) : undefined;
  const e = weights ? tw?.lex : LEXICON.get(w);
  s.words++;
  const language = f.language;
  language.words++;
  if (w.charCodeAt(0) >= LATIN_END) language.nonLatin++;
  else if (tw?.lang === 1) language.english++;
  else if (tw?.lang === 2) language.foreign++;
  const len = e?.phraseStart ? phraseAt(lower, i) : 0;
  if (len > 0) {
    const phrase = len === 3 ? `${w} ${lower[i + 1]} ${lower[i + 2]}` : `${w} ${lower[i + 1]}`;
    const v = PHRASE_VALUES.get(phrase) ?? 0;
    if (v !== 0) addLexical(s, v * s.boost, phrase, 'phrase', null);
    if (weights) addTerm(s, weights.phrases.get(phrase));
    else f.terms.push(phrase);
    s.words += len - 1;
    s.boost = 1;
    s.negation = Math.max(0, s.negation - len);
    return len;
  }
  if (e?.negator || e?.intensifier) {
    if (e.negator) {
      s.negation = NEGATION_SCOPE;
      s.negator = w;
    } else s.boost = INTENSIFIER_BOOST;
    if (weights) addTerm(s, tw?.plain);
    else f.terms.push(w);
    return 1;
  }
  const r = raw[i];
  const shouted = r.length >= CAPS_MIN_LENGTH && r !== w && isUpperCase(r) && !ACRONYMS.has(w);
  if (shouted) s.caps++;
  if (e !== undefined && e.value !== 0) {
    let value = e.value * s.boost;
    if (s.boost !== 1) f.rules.push(`intensifier: ${lower[i - 1]} ${w}`);
    if (shouted) {
      value *= CAPS_BOOST;
      s.capsRule = true;
      f.rules.push(`caps: ${r}`);
    }
    addLexical(s, value, w, 'lexicon', value === e.value ? e.rule : null);
  }
  if (weights) addTerm(s, s.negation > 0 ? tw?.negated : tw?.plain);
  else f.terms.push(s.negation > 0 ? `not_${w}` : w);
  s.boost = 1;
  if (s.negation > 0) s.negation--;
  return 1;
}

/**
 * One pass over the tokens: lexicon, negation, intensifiers, caps, punctuation, emoji, and (when
 * `weights` is given) the learned term weights. Training passes null and gets the term list.
 */
export function extractFeatures(tokens: Tokens, weights: TermWeights | null = null): MessageFeatures {
  const { raw, lower, kind } = tokens;
  const f: MessageFeatures = {
    dense: [],
    terms: [],
    termLogits: [0, 0, 0],
    learned: { rules: [], margins: [] },
    rules: [],
    language: { words: 0, nonLatin: 0, english: 0, foreign: 0 },
  };
  const s: Scan = {
    f,
    weights,
    pos: 0,
    neg: 0,
    negPos: 0,
    negNeg: 0,
    hits: 0,
    negation: 0,
    negator: '',
    boost: 1,
    words: 0,
    caps: 0,
    capsRule: false,
  };
  let bangs = 0,
    multiBang = 0,
    question = 0;
  for (let i = 0; i < lower.length;) {
    const k = kind[i];
    if (k === TokenKind.Word) {
      i += scanWord(s, tokens, i);
      continue;
    }
    if (k === TokenKind.Bang) {
      bangs++;
      if (raw[i].length > 1) multiBang = 1;
    } else if (k === TokenKind.Question) question = 1;
    handleSymbol(s, raw[i], lower[i], k);
    i++;
  }
  if (s.caps > 0 && !s.capsRule) f.rules.push(`caps: ${s.caps} shouted word${s.caps > 1 ? 's' : ''}`);
  f.dense = [
    s.pos / LEXICON_SCALE,
    s.neg / LEXICON_SCALE,
    s.negPos / LEXICON_SCALE,
    s.negNeg / LEXICON_SCALE,
    Math.min(s.caps, CAPS_CAP),
    bangs > 0 ? 1 : 0,
    multiBang,
    question,
    Math.log1p(s.words),
    s.hits === 0 ? 1 : 0,
  ];
  return f;
}
