import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  /** From the server's start line: the port it got (run it with PORT=0). */
  url: string;
  /** Everything it has printed so far, each stream apart. */
  stdout: () => string;
  stderr: () => string;
}

/**
 * The real server (`server/main.ts`) in a child process with `env`, once it prints that it is
 * serving (by then its signal handlers are set). Rejects, with what it printed, if it exits first.
 */
export async function startServerProcess(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((ready, fail) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const serving = /Tandem is serving (http:\/\/\S+:[1-9]\d*)/.exec(stdout);
      if (serving) ready(serving[1]!);
    });
    child.once('exit', (code) => fail(new Error(`server exited with ${code} before serving:\n${stdout}${stderr}`)));
  });
  return { child, url, stdout: () => stdout, stderr: () => stderr };
}
