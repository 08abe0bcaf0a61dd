import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** ../shared/data, beside the project in CI and in the developers' workplace; absent in a user's clone. */
export const SHARED_DATA_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data');

/**
 * Whether tests over ../shared/data can run. Absent data skips them with a loud notice, except
 * under CI=true, where it is a failure: CI always has the data beside the clone.
 */
export function sharedDataAvailable(): boolean {
  if (existsSync(SHARED_DATA_DIR)) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${SHARED_DATA_DIR} is missing: the data-backed tests cannot run`);
  console.warn(`\n${'!'.repeat(78)}\n!! SKIPPING tests over ../shared/data: ${SHARED_DATA_DIR} not found.\n${'!'.repeat(78)}\n`);
  return false;
}

export const sharedFile = (name: string) => resolve(SHARED_DATA_DIR, name);
