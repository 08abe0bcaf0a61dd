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
