import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';

export const BENCHMARKS_FILE = resolve(import.meta.dirname, '..', '..', 'BENCHMARKS.md');

export function machineDescription(): string {
  return `${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}`;
}

/** Replaces one `## title` section of BENCHMARKS.md, keeping the others, so each benchmark owns its section. */
export function writeBenchmarkSection(title: string, body: string): void {
  let text: string;
  try {
    text = readFileSync(BENCHMARKS_FILE, 'utf8');
  } catch {
    text = '# Benchmarks\n\nReproduce with the command in each section. Numbers are from the machine named there.\n';
  }
  const start = text.indexOf(`## ${title}`);
  const next = start === -1 ? -1 : text.indexOf('\n## ', start + 1);
  const section = `## ${title}\n\n${body}\n`;
  text = start === -1 ? `${text.trimEnd()}\n\n${section}` : `${text.slice(0, start)}${section}${next === -1 ? '' : text.slice(next + 1)}`;
  writeFileSync(BENCHMARKS_FILE, text);
}
