import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Vitest globalSetup for the browser tests: builds the dashboard once when dist/web is missing
 * or older than anything it is built from, so e2e tests never run against a stale bundle.
 */
const REPO = resolve(import.meta.dirname, '..', '..');
const BUILT = join(REPO, 'dist', 'web', 'index.html');
const BUILD_INPUTS = [
  'web',
  'server/domain.ts',
  'vite.config.ts',
  'tailwind.config.ts',
  'postcss.config.js',
  'package-lock.json',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    stat.mtimeMs,
  );
}

export default function setup(): void {
  const builtAt = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
  const sourcesAt = Math.max(...BUILD_INPUTS.map((p) => newestMtime(join(REPO, p))));
  if (builtAt > sourcesAt) return;
  console.log(
    builtAt
      ? 'dist/web is older than its sources: rebuilding the dashboard…'
      : 'Building the dashboard for e2e tests…',
  );
  const result = spawnSync(join(REPO, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
    cwd: REPO,
    stdio: 'inherit',
    // Vitest runs with NODE_ENV=test, which would make Vite build React's development bundle
    // (StrictMode double effects, dev warnings): the tests must see what users get.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
}
