/**
 * `npm run evaluate`: the scoring layer's measured figures on ../shared/data, reproducibly.
 * Held-out part everywhere: records whose 0-based line index % 5 === 4 (never trained or tuned on).
 */
import { WordTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';
import type { Transcript } from '../domain.js';
import { SCORING_VERSION, scoreConversation, scoreMessageText } from '../scoring/index.js';
import { afinnBaselineScore } from '../scoring/lexicon.js';
import {
  SHARED_DATA_DIR,
  loadAirline,
  loadBanking,
  loadUss,
  readJsonlGz,
  sharedDataAvailable,
  toTranscript,
} from '../scoring/offline/datasets.js';
import { evaluateSatisfaction, evaluateSentiment, evaluateTopic } from '../scoring/offline/evaluation.js';

/** Each timing round runs this long; the best of BENCH_ROUNDS rounds is kept (least disturbed). */
const BENCH_MS = 500;
const BENCH_ROUNDS = 4;
const f3 = (x: number): string => x.toFixed(3);

/**
 * Items per second of CPU time (process.cpuUsage, user + system) rather than wall time, so other
 * processes on a shared machine do not count against the figure. Single-threaded, so one core.
 */
function perCpuSecond(items: number, run: () => void): number {
  run(); // warm-up
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < BENCH_MS) {
    run();
    n += items;
  }
  const c = process.cpuUsage(c0);
  return Math.round((n * 1e6) / (c.user + c.system));
}

function bestOf(runs: Array<[string, number, () => void]>): Map<string, number> {
  const best = new Map<string, number>();
  for (let r = 0; r < BENCH_ROUNDS; r++) {
    for (const [name, items, run] of runs)
      best.set(name, Math.max(best.get(name) ?? 0, perCpuSecond(items, run)));
  }
  return best;
}

function main(): void {
  if (!sharedDataAvailable()) {
    console.error(`shared data not found at ${SHARED_DATA_DIR}`);
    process.exit(1);
  }
  console.log(`scoring version ${SCORING_VERSION}; held-out part = records with line index % 5 === 4\n`);
  const airline = loadAirline();
  const s = evaluateSentiment(airline);
  console.log(`Sentiment, airline_sentiment_dev held-out (${s.ours.n} tweets), 3-class:`);
  console.log(`  tandem          accuracy ${f3(s.ours.accuracy)}  macro-F1 ${f3(s.ours.macroF1)}`);
  console.log(`  natural AFINN   accuracy ${f3(s.baseline.accuracy)}  macro-F1 ${f3(s.baseline.macroF1)}`);

  const uss = loadUss();
  const u = evaluateSatisfaction(uss);
  console.log(`\nSatisfaction estimate vs USS overall_satisfaction (mean of raters), Spearman:`);
  console.log(`  tandem          held-out (${u.heldOut}) ${f3(u.heldOutSpearman)}  all ${f3(u.allSpearman)}`);
  console.log(
    `  mean AFINN      held-out ${f3(u.baselineHeldOutSpearman)}  all ${f3(u.baselineAllSpearman)}`,
  );
  const d = u.drop;
  console.log(
    `  drop turn (held-out): found within one customer turn in ${d.foundWithin1}/${d.withDrop} conversations with a` +
      ` turn rated < 3; null in ${d.correctlyNull}/${d.withoutDrop} without one`,
  );

  const t = evaluateTopic(loadBanking());
  console.log(`\nTopic, BANKING77 held-out (${t.n}), intents mapped by data/lexicons/banking77_topics.json:`);
  console.log(`  accuracy ${f3(t.accuracy)}`);

  const texts = airline.map((a) => a.text);
  const tokenizer = new WordTokenizer();
  const ussT = uss.map((r) => r.transcript);
  const twcs: Transcript[] = readJsonlGz('twcs_threads.jsonl.gz').map(toTranscript);
  const speed = bestOf([
    ['afinn', texts.length, () => texts.forEach((x) => afinnBaselineScore(tokenizer.tokenize(x)))],
    ['ours', texts.length, () => texts.forEach((x) => scoreMessageText(x, null))],
    ['USS', ussT.length, () => ussT.forEach((c) => scoreConversation(c))],
    ['TWCS', twcs.length, () => twcs.forEach((c) => scoreConversation(c))],
  ]);
  const n = (k: string): string => (speed.get(k) ?? 0).toLocaleString('en');
  const ratio = (speed.get('afinn') ?? 0) / (speed.get('ours') ?? 1);
  console.log(`\nSpeed, one core (per CPU-second, best of ${BENCH_ROUNDS} rounds):`);
  console.log(
    `  scoreMessageText   ${n('ours')} messages/s; natural AFINN ${n('afinn')} messages/s (${ratio.toFixed(2)}x slower)`,
  );
  for (const [name, set] of [
    ['USS', ussT],
    ['TWCS', twcs],
  ] as const) {
    const per = set.reduce((a, c) => a + c.messages.length, 0) / set.length;
    console.log(`  scoreConversation  ${n(name)} conversations/s (${name}, ${per.toFixed(1)} messages each)`);
  }
}

main();
