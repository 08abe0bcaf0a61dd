/**
 * The shapes conversations take. Each writes its turns into a Script; timing is added later.
 * Ordinary handoffs put the system event straight after the trigger (timely) or after 1-2 more AI
 * replies (late); planted failures keep the AI talking well past the trigger or never hand off.
 */
import type { Topic } from '../../server/domain.js';
import type { HandoffCause } from './config.js';
import { repeatNearly } from './noise.js';
import type { Scenario } from './plan.js';
import type { Script } from './script.js';

function opening(s: Script, topic: Topic): string {
  const text = s.customer(s.pack.customer.opener[topic]);
  s.ai(s.pack.ai.reply[topic]);
  return text;
}

function aiExchange(s: Script, topic: Topic): void {
  s.customer(s.rng.chance(0.6) ? s.pack.customer.detail[topic] : s.pack.customer.stillWaiting);
  s.ai(s.rng.chance(0.6) ? s.pack.ai.reply[topic] : s.pack.ai.followUp);
}

/** The agent's part after a handoff: greet, get details, resolve, close. */
function agentTakesOver(s: Script, topic: Topic, withEmpathy: boolean): void {
  const { customer, agent } = s.pack;
  s.agent(agent.greeting);
  if (withEmpathy) s.agent(agent.empathy);
  s.customer(customer.detail[topic]);
  s.agent(agent.resolve[topic]);
  if (s.rng.chance(0.7)) s.customer(customer.thanks);
  if (s.rng.chance(0.5)) s.agent(agent.closing);
}

function aiContained(s: Script, topic: Topic, cannotHelp: boolean, hard: boolean): void {
  const { customer, ai } = s.pack;
  opening(s, topic);
  const exchanges = s.rng.int(0, 2);
  for (let i = 0; i < exchanges; i++) aiExchange(s, topic);
  if (cannotHelp) {
    s.customer(customer.detail[topic]);
    s.ai(ai.cannotHelp);
    if (s.rng.chance(0.6)) s.customer(customer.afterCannotHelp);
    return;
  }
  // Hard topics the AI keeps often end badly: an angry last word the AI answers with a platitude.
  if (hard && s.rng.chance(0.3)) {
    s.customerAngry(customer.angry);
    s.ai(ai.empathy);
    return;
  }
  if (s.rng.chance(0.65)) s.customer(customer.thanks);
  if (s.rng.chance(0.5)) s.ai(ai.closing);
}

function customerTrigger(s: Script, cause: HandoffCause, topic: Topic): void {
  const { customer } = s.pack;
  if (cause === 'human_request') s.customer(customer.humanRequest);
  else if (cause === 'distress') s.customer(s.rng.chance(0.25) ? customer.legalThreat : customer.distress);
  else if (cause === 'strong_negative') s.customerAngry(customer.angry);
  else s.customer(customer.detail[topic]);
}

function handOff(s: Script, withEvent: boolean, policy: boolean): void {
  if (!withEvent) return; // the source only shows the agent's first message after the AI
  s.handoff();
  if (s.rng.chance(0.5)) s.ai(policy ? s.pack.ai.policyHandoff : s.pack.ai.handoff);
}

function aiHandoff(s: Script, topic: Topic, cause: HandoffCause, late: boolean, withEvent: boolean): void {
  const { customer, ai } = s.pack;
  opening(s, topic);
  if (s.rng.chance(0.5)) aiExchange(s, topic);
  customerTrigger(s, cause, topic);
  if (late) {
    const extra = s.rng.int(1, 2);
    for (let i = 0; i < extra; i++) {
      s.ai(cause === 'human_request' ? ai.deflectHuman : s.rng.chance(0.5) ? ai.empathy : ai.followUp);
      if (i < extra - 1)
        s.customer(cause === 'human_request' ? customer.humanRequest : customer.stillWaiting);
    }
  }
  handOff(s, withEvent, cause === 'none');
  agentTakesOver(s, topic, cause === 'distress');
}

function humanOnly(s: Script, topic: Topic): void {
  const { customer, agent } = s.pack;
  s.customer(customer.opener[topic]);
  s.agent(agent.greeting);
  // People write to humans in distress and anger too; it is the agent's job, not an AI failure.
  if (s.rng.chance(0.08)) s.customer(customer.distress);
  else if (s.rng.chance(0.06)) s.customerAngry(customer.angry);
  if (s.rng.chance(0.6)) s.agent(agent.ask);
  s.customer(customer.detail[topic]);
  s.agent(agent.resolve[topic]);
  if (s.rng.chance(0.3)) {
    s.customer(customer.stillWaiting);
    s.agent(agent.resolve[topic]);
  }
  if (s.rng.chance(0.7)) s.customer(customer.thanks);
  if (s.rng.chance(0.6)) s.agent(agent.closing);
}

/** An agent answers first, then passes the customer to the AI for a routine verification step. */
function agentFirst(s: Script, topic: Topic): void {
  const { customer, agent, ai } = s.pack;
  s.customer(customer.opener[topic]);
  s.agent(agent.greeting);
  s.customer(customer.detail[topic]);
  s.agent(agent.resolve[topic]);
  s.agent(agent.handToAi);
  s.ai(ai.verify);
  s.customer(customer.detail[topic]);
  s.ai(ai.verifyDone);
  if (s.rng.chance(0.5)) s.customer(customer.thanks);
}

/** Planted: a VIP asks for a person again and again; the AI keeps answering, nobody takes over. */
function vipIgnored(s: Script, topic: Topic): void {
  const { customer, ai } = s.pack;
  opening(s, topic);
  s.customer(customer.humanRequest);
  s.ai(ai.deflectHuman);
  s.customerText(`${s.fill(customer.humanRequest)}. ${s.fill(customer.vipRemark)}`);
  s.ai(ai.deflectHuman);
  s.customerAngry(customer.humanRequest);
  s.ai(s.rng.chance(0.5) ? ai.cannotHelp : ai.followUp);
  if (s.rng.chance(0.5)) s.customerAngry(customer.angry);
}

/** Planted: a distressed customer kept by the AI for 3-4 replies before a late handoff. */
function distressKept(s: Script, topic: Topic, withEvent: boolean): void {
  const { customer, ai } = s.pack;
  opening(s, topic);
  s.customer(customer.distress);
  const kept = s.rng.int(3, 4);
  for (let i = 0; i < kept; i++) {
    s.ai(i === 0 ? ai.empathy : s.rng.chance(0.5) ? ai.reply[topic] : ai.followUp);
    s.customer(
      i === kept - 1 ? customer.humanRequest : s.rng.chance(0.5) ? customer.stillWaiting : customer.distress,
    );
  }
  handOff(s, withEvent, false);
  agentTakesOver(s, topic, true);
}

/** Planted: the customer sends nearly the same message 3-4 times while the AI answers past it. */
function loop(s: Script, topic: Topic, withEvent: boolean): void {
  const { customer, ai } = s.pack;
  const first = opening(s, topic);
  const repeats = s.rng.int(2, 3);
  for (let i = 0; i < repeats; i++) {
    s.customerText(repeatNearly(s.rng, first));
    s.ai(s.rng.chance(0.5) ? ai.reply[topic] : ai.followUp);
  }
  if (s.rng.chance(0.5)) {
    s.customerAngry(customer.angry);
    return;
  }
  handOff(s, withEvent, false);
  agentTakesOver(s, topic, false);
}

export function writeScenario(s: Script, scenario: Scenario, topic: Topic, hard: boolean): void {
  switch (scenario.kind) {
    case 'human':
      return humanOnly(s, topic);
    case 'agentFirst':
      return agentFirst(s, topic);
    case 'aiContained':
      return aiContained(s, topic, scenario.cannotHelp, hard);
    case 'aiHandoff':
      return aiHandoff(s, topic, scenario.cause, scenario.late, scenario.withEvent);
    case 'planted':
      if (scenario.planted === 'vip_ignored') return vipIgnored(s, topic);
      if (scenario.planted === 'distress_kept') return distressKept(s, topic, scenario.withEvent);
      return loop(s, topic, scenario.withEvent);
  }
}
