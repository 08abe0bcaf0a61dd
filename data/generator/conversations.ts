/**
 * The generator's core loop: arrival time -> customer -> plan -> script -> record, one at a time.
 * Memory stays flat apart from the bounded customer pool.
 */
import { z } from 'zod';
import { ArrivalClock, windowFor } from './calendar.js';
import { DEFAULT_END_DATE, LOOKALIKE_RATE, PII_RATE } from './config.js';
import { CustomerPool } from './customers.js';
import { pickAgent } from './agents.js';
import { piiSentence, lookalikeSentence } from './pii.js';
import { PlantedQuota, planConversation, type ConversationPlan } from './plan.js';
import { Rng } from './random.js';
import { buildRecord, type V1Record } from './record.js';
import { writeScenario } from './scenarios.js';
import { Script } from './script.js';
import { makeSlots } from './slots.js';
import { PACKS } from './texts/index.js';

export interface GenerateOptions {
  conversations: number;
  weeks: number;
  seed: number;
  /** YYYY-MM-DD, the last day of data. Default '2025-06-29', a Sunday, so the weeks are ISO weeks. */
  endDate?: string;
}

/** A real calendar day: Date.parse alone would roll 2025-02-30 over into March. */
const isoDate = z.string().refine((value) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}, 'must be a real date as YYYY-MM-DD');

export const generateOptionsSchema = z.object({
  conversations: z.number().int().min(0).max(1_000_000_000),
  weeks: z.number().int().min(1).max(520),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  endDate: isoDate.optional(),
});

/** A record with the plan behind it: tests and benchmarks can check what was planted. */
export interface GeneratedConversation {
  record: V1Record;
  plan: ConversationPlan;
}

export function* generateDetailed(options: GenerateOptions): Generator<GeneratedConversation> {
  const opts = generateOptionsSchema.parse(options);
  const window = windowFor(opts.endDate ?? DEFAULT_END_DATE, opts.weeks);
  const rng = new Rng(opts.seed);
  const clock = new ArrivalClock(rng, window, opts.conversations);
  const pool = new CustomerPool(rng);
  const quota = new PlantedQuota(opts.weeks);

  for (let index = 0; index < opts.conversations; index++) {
    const startedAt = clock.next();
    const plan = planConversation(rng, window, startedAt, pool.arrive(startedAt), pool, quota);
    const { record, endedAt } = writeConversation(rng, plan, index);
    pool.afterConversation(plan.customer, plan.topic, plan.outcome, endedAt);
    yield { record, plan };
  }
}

function writeConversation(
  rng: Rng,
  plan: ConversationPlan,
  index: number,
): { record: V1Record; endedAt: number } {
  const { customer } = plan;
  const agent = pickAgent(rng, customer.language);
  const slots = makeSlots(
    rng,
    plan.startedAt,
    customer.market,
    customer.language,
    customer.firstName,
    agent.name,
  );
  const extra = rng.chance(PII_RATE)
    ? piiSentence(rng, customer.market, customer.language, customer.firstName)
    : rng.chance(LOOKALIKE_RATE)
      ? lookalikeSentence(rng)
      : '';
  const script = new Script(rng, PACKS[customer.language], slots, agent.id, extra);
  writeScenario(script, plan.scenario, plan.topic, plan.difficulty === 'hard');
  return buildRecord(rng, plan, script.messages, index);
}

/** Format v1 records in started_at order, generated lazily: the same options give the same records. */
export function* generateConversations(options: GenerateOptions): Generator<V1Record> {
  for (const { record } of generateDetailed(options)) yield record;
}
