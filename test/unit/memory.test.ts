import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stepArguments } from '../../server/cli/bench-child.js';
import { MAIN_HEAP_FLAG } from '../../server/memory.js';

/** server/memory.ts: the main thread's heap cap is a command-line flag, so every data process must carry it. */
describe('V8 heap caps', () => {
  it('every script that loads or serves data caps the main heap', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['start', 'ingest', 'rescore', 'retention', 'export', 'report']) {
      expect([name, scripts[name]]).toEqual([name, expect.stringContaining(`node ${MAIN_HEAP_FLAG} --import tsx server/`)]);
    }
  });

  it('the benchmark starts its steps with the same cap', () => {
    expect(stepArguments('rescore', { db: 'x.duckdb' })).toEqual([MAIN_HEAP_FLAG, '--import', 'tsx', expect.stringMatching(/bench-run\.ts$/), 'rescore', '--db', 'x.duckdb']);
  });
});
