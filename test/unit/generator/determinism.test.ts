import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { generateConversations, type GenerateOptions } from '../../../data/generator/index.js';
import { writeRecords, type OutputFormat } from '../../../data/generator/output.js';
import { Rng, WeightedPicker } from '../../../data/generator/random.js';

async function bytesOf(options: GenerateOptions, format: OutputFormat): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeRecords(generateConversations(options), format, sink);
  sink.end();
  return Buffer.concat(chunks);
}

describe('determinism', () => {
  const options = { conversations: 2000, weeks: 4, seed: 42 };

  it('the same options give byte-identical JSONL and CSV', async () => {
    expect((await bytesOf(options, 'jsonl')).equals(await bytesOf(options, 'jsonl'))).toBe(true);
    expect((await bytesOf(options, 'csv')).equals(await bytesOf(options, 'csv'))).toBe(true);
  });

  it('a different seed gives different data', async () => {
    const a = await bytesOf(options, 'jsonl');
    const b = await bytesOf({ ...options, seed: 43 }, 'jsonl');
    expect(a.equals(b)).toBe(false);
  });

  it('large seeds are distinguished by their high bits', () => {
    const first = (seed: number) =>
      JSON.stringify(generateConversations({ conversations: 5, weeks: 1, seed }).next().value);
    expect(first(1)).not.toBe(first(2 ** 32 + 1));
  });

  it('a prefix of a stream does not depend on how much is read after it', () => {
    const full = [...generateConversations(options)].slice(0, 10);
    const it = generateConversations(options);
    const partial = Array.from({ length: 10 }, () => it.next().value);
    expect(partial).toEqual(full);
  });
});

describe('Rng', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const a = new Rng(9);
    const b = new Rng(9);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      expect(x).toBe(b.next());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    const rng = new Rng(1);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 5);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
  });

  it('picks by weight', () => {
    const picker = new WeightedPicker([
      ['a', 3],
      ['b', 1],
    ] as const);
    const rng = new Rng(4);
    let a = 0;
    for (let i = 0; i < 10_000; i++) if (picker.pick(rng) === 'a') a++;
    expect(a / 10_000).toBeGreaterThan(0.72);
    expect(a / 10_000).toBeLessThan(0.78);
  });
});
