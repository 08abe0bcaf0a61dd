/**
 * What happens in a conversation, decided before any text is written: topic, channel, who answers,
 * whether and why it is handed off, and whether it is a planted failure.
 */
import type { Topic } from '../../server/domain.js';
import {
  AGENT_FIRST_HYBRID_RATE,
  AI_CANNOT_HELP_RATE,
  AI_START_RATE,
  CHANNEL_WEIGHTS,
  HANDOFF_CAUSE_WEIGHTS,
  HANDOFF_RATE,
  HANDOFF_WITHOUT_EVENT_RATE,
  HARD_TOPICS,
  LATE_HANDOFF_RATE,
  OUTCOME_BY_PATH,
  PLANTED_GUARANTEE_FROM_DAY,
  PLANTED_KINDS,
  PLANTED_RATES,
  REPEAT_SAME_TOPIC_RATE,
  TOPIC_WEIGHTS,
  type Difficulty,
  type HandoffCause,
  type Outcome,
  type Path,
  type PlantedKind,
} from './config.js';
import { DAY_MS, WEEK_MS, type Window } from './calendar.js';
import type { Arrival, Customer, CustomerPool } from './customers.js';
import { WeightedPicker, type Rng } from './random.js';

export type Scenario =
  | { kind: 'human' }
  | { kind: 'agentFirst' }
  | { kind: 'aiContained'; cannotHelp: boolean }
  | { kind: 'aiHandoff'; cause: HandoffCause; late: boolean; withEvent: boolean }
  | { kind: 'planted'; planted: PlantedKind; withEvent: boolean };

export interface ConversationPlan {
  startedAt: number;
  /** 0-based 7-day slice of the window: the ISO week when endDate is a Sunday. */
  week: number;
  customer: Customer;
  isRepeat: boolean;
  topic: Topic;
  difficulty: Difficulty;
  channel: 'chat' | 'email' | 'voice' | 'social';
  scenario: Scenario;
  outcome: Outcome;
}

const topicPicker = WeightedPicker.fromRecord(TOPIC_WEIGHTS);
const channelPicker = WeightedPicker.fromRecord(
  CHANNEL_WEIGHTS as Record<ConversationPlan['channel'], number>,
);
const causePicker = WeightedPicker.fromRecord(HANDOFF_CAUSE_WEIGHTS);

/** Counts planted failures per week so every week gets at least one of each kind. */
export class PlantedQuota {
  private readonly counts: Array<Record<PlantedKind, number>>;

  constructor(weeks: number) {
    this.counts = Array.from({ length: weeks }, () => ({ vip_ignored: 0, distress_kept: 0, loop: 0 }));
  }

  /** The kind to plant in an AI-started conversation, if any. */
  choose(rng: Rng, week: number, dayOfWeek: number, isVip: boolean): PlantedKind | null {
    const counts = this.counts[week];
    for (const kind of PLANTED_KINDS) {
      if (dayOfWeek >= PLANTED_GUARANTEE_FROM_DAY && counts[kind] === 0) return this.take(week, kind);
    }
    if (isVip && rng.chance(PLANTED_RATES.vip_ignored)) return this.take(week, 'vip_ignored');
    if (rng.chance(PLANTED_RATES.distress_kept)) return this.take(week, 'distress_kept');
    if (rng.chance(PLANTED_RATES.loop)) return this.take(week, 'loop');
    return null;
  }

  private take(week: number, kind: PlantedKind): PlantedKind {
    this.counts[week][kind]++;
    return kind;
  }
}

function aiScenario(rng: Rng, difficulty: Difficulty): Scenario {
  if (rng.chance(HANDOFF_RATE[difficulty])) {
    return {
      kind: 'aiHandoff',
      cause: causePicker.pick(rng),
      late: rng.chance(LATE_HANDOFF_RATE),
      withEvent: !rng.chance(HANDOFF_WITHOUT_EVENT_RATE),
    };
  }
  return { kind: 'aiContained', cannotHelp: rng.chance(AI_CANNOT_HELP_RATE) };
}

function pathOf(scenario: Scenario): Path {
  switch (scenario.kind) {
    case 'human':
    case 'agentFirst':
    case 'planted':
      return scenario.kind;
    case 'aiContained':
      return scenario.cannotHelp ? 'aiCannotHelp' : 'aiContained';
    case 'aiHandoff':
      return scenario.late ? 'lateHandoff' : 'timelyHandoff';
  }
}

export function planConversation(
  rng: Rng,
  window: Window,
  startedAt: number,
  arrival: Arrival,
  pool: CustomerPool,
  quota: PlantedQuota,
): ConversationPlan {
  let customer = arrival.customer;
  const topic =
    arrival.previousTopic !== null && rng.chance(REPEAT_SAME_TOPIC_RATE)
      ? arrival.previousTopic
      : topicPicker.pick(rng);
  const difficulty: Difficulty = HARD_TOPICS.has(topic) ? 'hard' : 'easy';
  const week = Math.min(window.weeks - 1, Math.floor((startedAt - window.start) / WEEK_MS));
  const dayOfWeek = Math.floor((startedAt - window.start - week * WEEK_MS) / DAY_MS);
  let scenario: Scenario;
  const route = rng.next();
  if (route < AI_START_RATE[difficulty]) {
    const planted = quota.choose(rng, week, dayOfWeek, customer.tier === 'vip');
    // A forced VIP case needs a VIP; a new one joins rather than changing a known customer's tier.
    if (planted === 'vip_ignored' && customer.tier !== 'vip') customer = pool.create('vip');
    scenario = planted
      ? { kind: 'planted', planted, withEvent: !rng.chance(HANDOFF_WITHOUT_EVENT_RATE) }
      : aiScenario(rng, difficulty);
  } else {
    scenario =
      route < AI_START_RATE[difficulty] + AGENT_FIRST_HYBRID_RATE
        ? { kind: 'agentFirst' }
        : { kind: 'human' };
  }
  return {
    startedAt,
    week,
    customer,
    isRepeat: customer === arrival.customer && arrival.previousTopic !== null,
    topic,
    difficulty,
    channel: channelPicker.pick(rng),
    scenario,
    outcome: OUTCOME_BY_PATH[pathOf(scenario)][difficulty],
  };
}
