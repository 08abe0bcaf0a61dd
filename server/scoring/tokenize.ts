import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';

/**
 * natural's RegexpTokenizer with a pattern for support messages: it keeps emoticons, emoji,
 * runs of "!" and "?", clause punctuation (ends a negation scope) and words with apostrophes
 * ("don't"), and recognises URLs and @mentions so they can be dropped. Order matters: URLs
 * before emoticons (":/" in "https://"), emoticons before words (":D").
 */
const TOKEN_PATTERN =
  /https?:\/\/\S+|[@][\w_]+|<3|>:\(|[:;=][-']?[)(\][dDpP/\\|]|\p{Extended_Pictographic}\uFE0F?|[\p{L}\p{M}][\p{L}\p{M}'’]*|\d+|!+|\?+|[.,;]/gu;

const tokenizer = new RegexpTokenizer({ pattern: TOKEN_PATTERN, gaps: false });

export const enum TokenKind {
  Word,
  Emoticon,
  Emoji,
  Bang,
  Question,
  Punct,
  Number,
  Skip,
}

export interface Tokens {
  raw: string[];
  lower: string[];
  kind: TokenKind[];
}

function kindOf(token: string): TokenKind {
  const c = token.charCodeAt(0);
  if (c === 33) return TokenKind.Bang; // !
  if (c === 63) return TokenKind.Question; // ?
  if (token.length === 1 && (c === 46 || c === 44 || c === 59)) return TokenKind.Punct; // . , ;
  if (c === 64 || (c === 104 && (token.startsWith('http://') || token.startsWith('https://'))))
    return TokenKind.Skip;
  if (c >= 48 && c <= 57) return TokenKind.Number;
  if (c === 58 || c === 59 || c === 61 || c === 60 || c === 62) return TokenKind.Emoticon; // : ; = < >
  if (c >= 0xd800 && c <= 0xdbff) return TokenKind.Emoji;
  // Arrows, symbols and dingbats (❤ ☹ ✨ ⭐); letters of other scripts start above 0x2e80.
  if (c >= 0x2190 && c < 0x2c00) return TokenKind.Emoji;
  return TokenKind.Word;
}

export function tokenize(text: string): Tokens {
  const raw = tokenizer.tokenize(text) ?? [];
  const lower: string[] = new Array(raw.length);
  const kind: TokenKind[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const k = kindOf(raw[i]);
    kind[i] = k;
    const l = raw[i].toLowerCase();
    lower[i] = k === TokenKind.Word && l.includes('’') ? l.replaceAll('’', "'") : l;
  }
  return { raw, lower, kind };
}
