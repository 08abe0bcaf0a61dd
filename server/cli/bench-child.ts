/** Starts the steps of `npm run bench` in child processes (server/cli/bench-run.ts) and reads their results. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { MAIN_HEAP_FLAG, serverMallocConf } from '../memory.js';

/** Marks the child's result lines on stdout; anything else it prints is passed on as log. */
export const RESULT_PREFIX = 'BENCH ';

const REPO = resolve(import.meta.dirname, '..', '..');
const RUNNER = resolve(import.meta.dirname, 'bench-run.ts');

export type StepMode = 'ingest' | 'floor' | 'rescore' | 'serve';
export type StepResult = Record<string, unknown>;

/** Node's arguments for a step: its heap capped as `npm run ingest` and `npm run rescore` cap theirs. */
export function stepArguments(mode: StepMode, options: Record<string, string>): string[] {
  return [MAIN_HEAP_FLAG, '--import', 'tsx', RUNNER, mode, ...Object.entries(options).flatMap(([key, value]) => [`--${key}`, value])];
}

function spawnStep(mode: StepMode, options: Record<string, string>, stdin: 'pipe' | 'ignore'): ChildProcess {
  return spawn(process.execPath, stepArguments(mode, options), {
    cwd: REPO,
    // The server's allocator settings, as server/main.ts makes them (server-allocator.ts).
    env: mode === 'serve' ? { ...process.env, DUCKDB_JE_MALLOC_CONF: serverMallocConf() } : process.env,
    stdio: [stdin, 'pipe', 'inherit'],
  });
}

/** Calls `onResult` for each result line of the child, in order. */
function readResults(child: ChildProcess, onResult: (result: StepResult) => void): void {
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    if (line.startsWith(RESULT_PREFIX)) onResult(JSON.parse(line.slice(RESULT_PREFIX.length)) as StepResult);
    else process.stderr.write(`  [${child.pid}] ${line}\n`);
  });
}

async function exitOf(child: ChildProcess, what: string): Promise<void> {
  // 'close', not 'exit': by then every line of its stdout has been read.
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  if (code !== 0) throw new Error(`${what} failed (exit ${code ?? signal}); its error is printed above`);
}

/** Runs one step to its end and returns its (last) result. */
export async function runStep(mode: StepMode, options: Record<string, string>): Promise<StepResult> {
  const child = spawnStep(mode, options, 'ignore');
  let result: StepResult | undefined;
  readResults(child, (r) => (result = r));
  await exitOf(child, `bench step "${mode}"`);
  if (!result) throw new Error(`bench step "${mode}" printed no result`);
  return result;
}

export interface ServerChild {
  url: string;
  token: string;
  rssAtStartMb: number;
  /** Stops the server (closing its stdin) and returns its peak resident memory. */
  stop: () => Promise<{ peakRssMb: number }>;
}

/** A fresh server process over `db` (the real app, see bench-run.ts `serve`), once it listens. */
export async function startServer(options: Record<string, string>): Promise<ServerChild> {
  const child = spawnStep('serve', options, 'pipe');
  const results: StepResult[] = [];
  const exited = exitOf(child, 'bench server');
  const started = new Promise<StepResult>((resolveStart) => readResults(child, (r) => {
    results.push(r);
    if (results.length === 1) resolveStart(r);
  }));
  const first = await Promise.race([started, exited.then(() => { throw new Error('bench server exited before listening'); })]);
  return {
    url: String(first.url),
    token: String(first.token),
    rssAtStartMb: Number(first.rssAtStartMb),
    stop: async () => {
      child.stdin!.end();
      await exited;
      return { peakRssMb: Number(results[results.length - 1]?.peakRssMb) };
    },
  };
}
