/**
 * natural's DiceCoefficient (character bigrams of the lower-cased, space-collapsed text), split in
 * two so a conversation computes each message's bigram set once instead of once per comparison.
 * A test checks it against natural's own function.
 */
export function bigramSet(text: string): Set<string> {
  let s = text.toLowerCase().replace(/\s+/g, ' ').trim();
  if (s.length === 1) s += ' ';
  const out = new Set<string>();
  for (let i = 0; i < s.length - 1; i++) out.add(s.slice(i, i + 2));
  return out;
}

export function diceOfSets(a: Set<string>, b: Set<string>): number {
  if (a.size + b.size === 0) return NaN; // natural's 0 / 0
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let both = 0;
  for (const x of small) if (large.has(x)) both++;
  return (2 * both) / (a.size + b.size);
}
