/**
 * server/memory.ts `serverMallocConf`: the real server (server/main.ts) must start DuckDB's
 * jemalloc with freed pages kept until the kernel wants them (muzzy_decay_ms -1). jemalloc reads
 * its options once, when DuckDB's library loads, so this fails if main.ts loads DuckDB before it
 * sets them. jemalloc's own statistics, printed as JSON when the process exits (stats_print),
 * tell what it was started with.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVER_MALLOC_CONF, serverMallocConf } from '../../server/memory.js';
import { startServerProcess } from '../helpers/server-process.js';

describe("the server's allocator settings", () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-allocator-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('put options already set after its own, so they win', () => {
    expect(serverMallocConf(undefined)).toBe(SERVER_MALLOC_CONF);
    expect(serverMallocConf('muzzy_decay_ms:5000')).toBe(`${SERVER_MALLOC_CONF},muzzy_decay_ms:5000`);
  });

  it('are what DuckDB started with in a running server', async () => {
    const { child, stderr } = await startServerProcess({
      ...process.env, TANDEM_DB: join(dir, 'tandem.duckdb'), TANDEM_DEMO: 'off', PORT: '0', HOST: '127.0.0.1',
      DOTENV_CONFIG_QUIET: 'true',
      // At exit, jemalloc's options as JSON; the letters leave out the per-arena statistics.
      DUCKDB_JE_MALLOC_CONF: 'stats_print:true,stats_print_opts:Jmdablxeh',
    });
    child.kill('SIGINT');
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    expect({ code, signal, stderr: code === 0 ? '' : stderr() }).toEqual({ code: 0, signal: null, stderr: '' });

    const stats = JSON.parse(stderr().slice(stderr().indexOf('{"jemalloc"'))) as { jemalloc: { opt: Record<string, unknown> } };
    expect(stats.jemalloc.opt.env_var).toBe(`${SERVER_MALLOC_CONF},stats_print:true,stats_print_opts:Jmdablxeh`);
    expect(stats.jemalloc.opt.muzzy_decay_ms).toBe(-1);
    // DuckDB's own choice for dirty pages stands: freed pages still leave within a second, lazily.
    expect(stats.jemalloc.opt.dirty_decay_ms).toBe(1000);
  }, 60_000);
});
