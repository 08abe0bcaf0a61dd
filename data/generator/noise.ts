/** How real customers type: typos, no capitals, emoji, and shouting when angry. */
import { ANGRY_CAPS_RATE, EMOJI_RATE, LOWERCASE_RATE, TYPO_RATE } from './config.js';
import type { Rng } from './random.js';

const EMOJI = ['🙏', '😡', '😤', '🙄', '😢', '👍', '🤔', '😭', '!!!', '??'] as const;

/** Swaps two neighbouring letters of one word, the commonest typing slip. */
export function swapTypo(rng: Rng, text: string): string {
  if (text.length < 6) return text;
  const at = rng.int(1, text.length - 3);
  const a = text[at];
  const b = text[at + 1];
  if (a === ' ' || b === ' ' || a === b) return text;
  return text.slice(0, at) + b + a + text.slice(at + 2);
}

export function roughen(rng: Rng, text: string): string {
  let out = text;
  if (rng.chance(TYPO_RATE)) out = swapTypo(rng, out);
  if (rng.chance(LOWERCASE_RATE)) out = out.toLowerCase();
  if (rng.chance(EMOJI_RATE)) out = `${out} ${rng.pick(EMOJI)}`;
  return out;
}

export function shout(rng: Rng, text: string): string {
  return rng.chance(ANGRY_CAPS_RATE) ? `${text.toUpperCase()}!!` : text;
}

/** The same request again, nearly word for word, as a customer stuck in a loop writes it. */
export function repeatNearly(rng: Rng, text: string): string {
  switch (rng.int(0, 3)) {
    case 0:
      return text;
    case 1:
      return `${text}??`;
    case 2:
      return text.toLowerCase().replace(/[.!?]+$/, '');
    default:
      return `Again: ${text}`;
  }
}
