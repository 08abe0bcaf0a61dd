/**
 * A Bloom filter over the conversation ids of one batch: fixed memory whatever the file size.
 * "No" is certain; "maybe" is confirmed against the staged rows, so a false positive costs one
 * query and never a wrongly rejected record. 2^27 bits (16 MiB) with 7 probes keep false
 * positives near 1 in 200,000 at 3.5 million ids, the reference company's month.
 */
const BITS_LOG2 = 27;
const MASK = (1 << BITS_LOG2) - 1;
const PROBES = 7;

/** FNV-1a over UTF-16 code units with a seed; two seeds give independent-enough hashes. */
function fnv1a(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class SeenIds {
  private readonly bits = new Uint32Array((1 << BITS_LOG2) / 32);

  /** Double hashing (Kirsch-Mitzenmacher): probe i is h1 + i * h2. */
  private positions(id: string): number[] {
    const h1 = fnv1a(id, 0);
    const h2 = fnv1a(id, 0x9e3779b9) | 1;
    return Array.from({ length: PROBES }, (_, i) => (h1 + Math.imul(i, h2)) & MASK);
  }

  mightContain(id: string): boolean {
    return this.positions(id).every((p) => (this.bits[p >>> 5]! & (1 << (p & 31))) !== 0);
  }

  add(id: string): void {
    for (const p of this.positions(id)) this.bits[p >>> 5]! |= 1 << (p & 31);
  }
}
