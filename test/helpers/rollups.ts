import type { DuckDBConnection } from '@duckdb/node-api';
import { ROLLUP_GRAINS, ROLLUP_SUBJECTS, rollupTable, type RollupSubjectName } from '../../server/db/rollups.js';

/**
 * Every row of every rollup table (atoms and histograms), as sorted JSON text per table, so two
 * states of the rollups compare with toEqual whatever the order rows were written in.
 */
export async function allRollupRows(conn: DuckDBConnection): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const normalise = (v: unknown): unknown =>
    Array.isArray(v) ? [...v].sort((a, b) => Number(a) - Number(b))
      : v && typeof v === 'object' && !(v instanceof Date) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)])) : v;
  for (const subject of Object.keys(ROLLUP_SUBJECTS) as RollupSubjectName[]) {
    for (const grain of ROLLUP_GRAINS) {
      for (const values of [false, true]) {
        const reader = await conn.runAndReadAll(`SELECT * FROM ${rollupTable(subject, grain, values)}`);
        const rows = reader.getRowObjectsJS().map((row) => JSON.stringify(normalise(row)));
        out[rollupTable(subject, grain, values)] = rows.sort();
      }
    }
  }
  return out;
}
