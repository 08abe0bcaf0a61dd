/**
 * Turns a plan and its script into a format v1 record (SPEC 2): timestamps per message, the
 * optional fields some sources send and others do not, survey answers and source metadata.
 */
import {
  ANONYMOUS_WITH_TIER_RATE,
  CHANNEL_OMITTED_RATE,
  CSAT_DISTRIBUTION,
  ENDED_AT_RATE,
  EXTRA_FIELDS_RATE,
  GAP_SECONDS,
  HANDOFF_QUEUE_SECONDS,
  LANGUAGE_OMITTED_RATE,
  LOCAL_OFFSET_TIMESTAMP_RATE,
  MARKET_UTC_OFFSET_MINUTES,
  MISSING_MESSAGE_TS_RATE,
  NULL_CSAT_RATE,
  RESOLVED_FLAG_RATE,
  SURVEY_RATE,
  TOPIC_OMITTED_RATE,
  type Outcome,
} from './config.js';
import { isoAt } from './calendar.js';
import type { ConversationPlan } from './plan.js';
import type { Rng } from './random.js';
import type { V1Message } from './script.js';

export type V1Record = Record<string, unknown>;

/**
 * Stamps each message's ts (unless the source sends none) and returns the last one, epoch ms.
 * The first agent after the AI also waits in the human queue.
 */
function stampTimes(
  rng: Rng,
  plan: ConversationPlan,
  messages: V1Message[],
  offset: number,
  withTs: boolean,
): number {
  const gaps = GAP_SECONDS[plan.channel];
  let t = plan.startedAt;
  let agentSeen = false;
  let aiSeen = false;
  for (let i = 0; i < messages.length; i++) {
    const role = messages[i].role;
    if (i > 0) {
      let seconds: number;
      if (role === 'system') seconds = rng.int(1, 4);
      else {
        const [min, max] = gaps[role as 'customer' | 'ai' | 'agent'];
        seconds = rng.int(min, max);
        if (role === 'agent' && !agentSeen && aiSeen) seconds += rng.int(...HANDOFF_QUEUE_SECONDS);
      }
      t += seconds * 1000;
    }
    if (role === 'agent') agentSeen = true;
    if (role === 'ai') aiSeen = true;
    if (withTs) messages[i].ts = isoAt(t, offset);
  }
  return t;
}

function drawCsat(rng: Rng, outcome: Outcome): number {
  const weights = CSAT_DISTRIBUTION[outcome];
  let target = rng.next();
  for (let score = 1; score <= 5; score++) {
    target -= weights[score - 1];
    if (target < 0) return score;
  }
  return 5;
}

/** Fields from the source system that format v1 does not define; they must survive as metadata. */
function extraFields(rng: Rng, plan: ConversationPlan, index: number): V1Record {
  switch (rng.int(0, 3)) {
    case 0:
      return { source: { system: 'zendesk', ticket: `ZD-${4_000_000 + index}` } };
    case 1:
      return {
        source: { system: 'intercom', conversation: `ic_${index.toString(36)}` },
        labels: [plan.topic],
      };
    case 2:
      return { bot: { name: 'Tandem Assist', version: plan.week % 2 === 0 ? '2025.5.2' : '2025.6.0' } };
    default:
      return { labels: plan.customer.tier === 'vip' ? ['vip', 'priority'] : ['web'] };
  }
}

export function buildRecord(
  rng: Rng,
  plan: ConversationPlan,
  messages: V1Message[],
  index: number,
): { record: V1Record; endedAt: number } {
  const offset = rng.chance(LOCAL_OFFSET_TIMESTAMP_RATE)
    ? MARKET_UTC_OFFSET_MINUTES[plan.customer.market]
    : 0;
  const withTs = !rng.chance(MISSING_MESSAGE_TS_RATE);
  const lastTs = stampTimes(rng, plan, messages, offset, withTs);
  const endedAt = rng.chance(ENDED_AT_RATE) ? lastTs + rng.int(5, 90) * 1000 : null;
  const { customer } = plan;

  const record: V1Record = {
    conversation_id: `c-${String(index + 1).padStart(7, '0')}`,
    started_at: isoAt(plan.startedAt, offset),
  };
  if (endedAt !== null) record.ended_at = isoAt(endedAt, offset);
  if (!rng.chance(CHANNEL_OMITTED_RATE) || plan.channel !== 'chat') record.channel = plan.channel;
  record.market = customer.market;
  if (!rng.chance(LANGUAGE_OMITTED_RATE)) record.language = customer.language;
  if (customer.id !== null) record.customer = { id: customer.id, tier: customer.tier };
  else if (rng.chance(ANONYMOUS_WITH_TIER_RATE)) record.customer = { tier: customer.tier };
  if (!rng.chance(TOPIC_OMITTED_RATE)) record.topic = plan.topic;
  if (rng.chance(SURVEY_RATE)) record.csat = drawCsat(rng, plan.outcome);
  else if (rng.chance(NULL_CSAT_RATE)) record.csat = null;
  if (rng.chance(RESOLVED_FLAG_RATE)) {
    const wentWell = plan.outcome !== 'poor' && plan.outcome !== 'bad';
    record.resolved = rng.chance(wentWell ? 0.92 : 0.25);
  }
  record.messages = messages;
  if (rng.chance(EXTRA_FIELDS_RATE)) Object.assign(record, extraFields(rng, plan, index));
  return { record, endedAt: endedAt ?? lastTs };
}
