import type { DuckDBConnection } from '@duckdb/node-api';
import { rollupTables } from '../../server/db/rollups.js';

/**
 * Every row of every rollup table (atoms and histograms), as sorted JSON text per table, so two
 * states of the rollups compare with toEqual whatever the order rows were written in.
 */
export async function allRollupRows(conn: DuckDBConnection): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const normalise = (v: unknown): unknown =>
    Array.isArray(v) ? [...v].sort((a, b) => Number(a) - Number(b))
      : v && typeof v === 'object' && !(v instanceof Date) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)])) : v;
  for (const table of rollupTables()) {
    const reader = await conn.runAndReadAll(`SELECT * FROM ${table}`);
    out[table] = reader.getRowObjectsJS().map((row) => JSON.stringify(normalise(row))).sort();
  }
  return out;
}
