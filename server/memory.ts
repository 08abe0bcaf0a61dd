/**
 * The memory budget of a Tandem process (issue 8: peak resident memory under 1.5 GB, whatever
 * the size of the input): DuckDB's buffer pool (DEFAULT_MEMORY_LIMIT in db/database.ts, 768 MB),
 * and V8's heaps, capped here.
 *
 * Without a cap V8 sizes its heap from the machine's memory (4 GB on a 24 GB machine) and
 * collects its old generation lazily, so garbage piles up: a whole-month rescore peaked at
 * 1,633 MB resident with V8's default and 1,388 MB with the main heap capped at 384 MB, in the
 * same time (BENCHMARKS.md). What a process holds live is far below the caps: records in flight
 * (chunks of a few thousand), scoring models and query results of one page.
 *
 * The main thread's cap can only be set on Node's command line: `MAIN_HEAP_FLAG` is in every
 * package.json script that loads or serves data, and in the benchmark's child processes (a test
 * checks both). Worker threads get theirs as `resourceLimits` (ingest/prepare-pool.ts).
 */
export const MAIN_HEAP_MB = 384;
export const WORKER_HEAP_MB = 256;
export const MAIN_HEAP_FLAG = `--max-old-space-size=${MAIN_HEAP_MB}`;

/**
 * How a server's DuckDB treats memory its queries have freed. DuckDB allocates with a jemalloc
 * of its own, set to hand freed pages back to the OS after about a second (dirty_decay_ms and
 * muzzy_decay_ms 1000). A request after a pause of a second or more (a user's every click, the
 * first request after a start) then faults back in every page its queries touch. At a month,
 * over HTTP, a metrics request 3 s after the one before: 4,500-9,300 minor page faults in the
 * server with DuckDB's setting, 180-2,000 with this one (BENCHMARKS.md, "Freed memory").
 *
 * With `muzzy_decay_ms:-1` a freed page still goes after a second, but only lazily (MADV_FREE):
 * the kernel takes it back when it needs memory, and until then using it again costs nothing.
 * Such pages count as resident until taken, so a server reports the memory of its largest
 * recent work for longer (at a month, serving: 35-60 MB more at peak). Only the server does this:
 * a batch ingest gains nothing from it and keeps DuckDB's setting.
 *
 * jemalloc reads the variable once, when DuckDB's library loads: server/server-allocator.ts sets
 * it before anything imports DuckDB. Options already in the variable come after ours and win.
 */
export const SERVER_MALLOC_CONF = 'muzzy_decay_ms:-1';

export function serverMallocConf(existing = process.env.DUCKDB_JE_MALLOC_CONF): string {
  return existing ? `${SERVER_MALLOC_CONF},${existing}` : SERVER_MALLOC_CONF;
}
