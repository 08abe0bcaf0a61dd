/**
 * The server's allocator settings (serverMallocConf, memory.ts). server/main.ts imports this
 * module first: jemalloc reads them when DuckDB's library loads, which its other imports do.
 */
import { serverMallocConf } from './memory.js';

process.env.DUCKDB_JE_MALLOC_CONF = serverMallocConf();
