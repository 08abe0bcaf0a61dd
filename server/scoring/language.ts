import hints from '../../data/lexicons/language_hints.json' with { type: 'json' };

/** Languages the sentiment model is built and measured for (primary subtags, ISO 639-1/-3). */
export const SUPPORTED_LANGUAGES: ReadonlySet<string> = new Set(['en', 'eng']);
/** Below this many words, an untagged message is too short to call foreign: score it as English. */
export const MIN_WORDS_FOR_DETECTION = 4;
/** An untagged message with more foreign than English function words, and at least this many, is foreign. */
export const MIN_FOREIGN_HITS = 2;
/** An untagged message whose words are mostly outside the Latin script is not English. */
export const MAX_NON_LATIN_SHARE = 0.5;
/** Basic Latin through Latin Extended-B and IPA; a word's first letter decides its script. */
export const LATIN_END = 0x2b0;

const ENGLISH: ReadonlySet<string> = new Set(hints.english);
const FOREIGN: ReadonlySet<string> = new Set(hints.other.filter((w) => !ENGLISH.has(w)));

/** Every word languageHint knows, so the scan's vocabulary can carry the hint. */
export const LANGUAGE_HINT_WORDS: readonly string[] = [...ENGLISH, ...FOREIGN];

/** 1 for an English function word, 2 for a foreign one, 0 otherwise. */
export function languageHint(word: string): 0 | 1 | 2 {
  return ENGLISH.has(word) ? 1 : FOREIGN.has(word) ? 2 : 0;
}

/** Word counts the message scan collects for the untagged-language rule. */
export interface LanguageCounts {
  words: number;
  nonLatin: number;
  english: number;
  foreign: number;
}

/** Primary subtag of a BCP-47-ish tag: 'en-US' -> 'en', 'sv_SE' -> 'sv'. */
export function primaryLanguage(language: string): string {
  return language.trim().toLowerCase().split(/[-_]/)[0];
}

/** A tagged language is trusted: unscored unless it is English. Null also for an untagged message. */
export function taggedLanguageReason(language: string | null): string | null {
  if (language === null || language.trim() === '') return null;
  const primary = primaryLanguage(language);
  return SUPPORTED_LANGUAGES.has(primary) ? null : `language ${primary} not supported`;
}

/**
 * An untagged message is taken as English unless it clearly is not: mostly non-Latin words, or
 * (with enough words) more foreign than English function words, and at least MIN_FOREIGN_HITS.
 */
export function untaggedLanguageReason(c: LanguageCounts): string | null {
  if (c.words > 0 && c.nonLatin / c.words > MAX_NON_LATIN_SHARE)
    return 'text is not in Latin script (language untagged)';
  if (c.words >= MIN_WORDS_FOR_DETECTION && c.foreign >= MIN_FOREIGN_HITS && c.foreign > c.english) {
    return 'text does not look like English (language untagged)';
  }
  return null;
}
