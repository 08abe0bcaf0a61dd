/**
 * CLI: write demo transcripts (format v1) as JSON Lines or CSV.
 *
 *   npm run generate -- --conversations 20000 --weeks 8 --seed 42 --format jsonl --out data/demo.jsonl
 *
 * `--out -` writes to stdout; a name ending in .gz is gzipped. A progress bar is drawn on stderr
 * for large runs when stderr is a terminal.
 */
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { z } from 'zod';
import { DEFAULT_END_DATE } from './generator/config.js';
import { generateConversations, generateOptionsSchema } from './generator/index.js';
import { openSink, writeRecords } from './generator/output.js';

const USAGE = `Usage: npm run generate -- [options]
  --conversations N   how many conversations (default 20000)
  --weeks N           how many weeks of data, ending on --end-date (default 8)
  --seed N            PRNG seed; the same options give the same bytes (default 42)
  --end-date DATE     last day of data, YYYY-MM-DD (default ${DEFAULT_END_DATE}, a Sunday)
  --format F          jsonl | csv (default: csv when --out ends .csv or .csv.gz, else jsonl)
  --out PATH          output file, .gz to compress, - for stdout (default data/demo.jsonl)`;

/** Progress bars only pay off for runs longer than a moment. */
const PROGRESS_MIN_CONVERSATIONS = 50_000;

const integerArg = (name: string) =>
  z
    .string()
    .regex(/^\d+$/, `--${name} must be a whole number`)
    .transform((value) => Number(value));

const argsSchema = z.object({
  conversations: integerArg('conversations').default(20_000),
  weeks: integerArg('weeks').default(8),
  seed: integerArg('seed').default(42),
  'end-date': z.string().optional(),
  format: z.enum(['jsonl', 'csv'], { error: '--format must be jsonl or csv' }).optional(),
  out: z.string().min(1, '--out must not be empty').default('data/demo.jsonl'),
});

function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      conversations: { type: 'string' },
      weeks: { type: 'string' },
      seed: { type: 'string' },
      'end-date': { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const args = argsSchema.parse(values);
  const options = generateOptionsSchema.parse({
    conversations: args.conversations,
    weeks: args.weeks,
    seed: args.seed,
    endDate: args['end-date'],
  });
  const format = args.format ?? (/\.csv(\.gz)?$/.test(args.out) ? 'csv' : 'jsonl');
  return { options, format, out: args.out } as const;
}

function describeError(error: unknown): string {
  if (error instanceof z.ZodError) {
    return error.issues
      .map((issue) => {
        const field = issue.path.join('.');
        const flag = field === 'endDate' ? '--end-date' : `--${field}`;
        return issue.message.startsWith('--') ? issue.message : `${flag}: ${issue.message}`;
      })
      .join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  let cli: ReturnType<typeof parseCli>;
  try {
    cli = parseCli(process.argv.slice(2));
  } catch (error) {
    console.error(`generate: ${describeError(error)}\n\n${USAGE}`);
    process.exit(2);
  }
  const { options, format, out } = cli;
  const showProgress = process.stderr.isTTY === true && options.conversations >= PROGRESS_MIN_CONVERSATIONS;
  const bar = new SingleBar({ stream: process.stderr, etaBuffer: 50 }, Presets.shades_classic);
  if (showProgress) bar.start(options.conversations, 0);

  const started = performance.now();
  const sink = openSink(out);
  const written = await writeRecords(generateConversations(options), format, sink.stream, (n) => {
    if (showProgress) bar.update(n);
  });
  await sink.close();
  if (showProgress) bar.stop();

  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round(written / Math.max(seconds, 1e-9));
  if (out !== '-')
    console.error(
      `generate: wrote ${written} conversations (${format}) to ${out} in ${seconds.toFixed(1)} s, ${rate}/s`,
    );
}

main().catch((error: unknown) => {
  console.error(`generate: ${describeError(error)}`);
  process.exit(1);
});
