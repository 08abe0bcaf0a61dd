import { describe, expect, it } from 'vitest';
import { generateConversations } from '../../../data/generator/index.js';
import { aiStarted, csatPct, handledBy, share, v1Record, type V1 } from './helpers.js';

// Bounds are loose on purpose: 5000 records, and the point is the shape of the data, not decimals.
const records: V1[] = [...generateConversations({ conversations: 5000, weeks: 8, seed: 11 })].map((r) =>
  v1Record.parse(r),
);

function topicCsatAdjusted(): number {
  const human = records.filter((r) => handledBy(r) === 'human' && typeof r.csat === 'number' && r.topic);
  let weighted = 0;
  let weights = 0;
  for (const topic of new Set(human.map((r) => r.topic))) {
    const ai = records.filter(
      (r) => handledBy(r) === 'ai' && r.topic === topic && typeof r.csat === 'number',
    );
    const weight = human.filter((r) => r.topic === topic).length;
    if (ai.length === 0) continue;
    weighted += weight * csatPct(ai);
    weights += weight;
  }
  return weighted / weights;
}

describe('proportions', () => {
  it('about 65 % AI-started, 30 % human-only, and some AI conversations handed off', () => {
    expect(share(records, aiStarted)).toBeGreaterThan(0.6);
    expect(share(records, aiStarted)).toBeLessThan(0.7);
    expect(share(records, (r) => handledBy(r) === 'human')).toBeGreaterThan(0.25);
    expect(share(records, (r) => handledBy(r) === 'human')).toBeLessThan(0.35);
    const handoff = share(records.filter(aiStarted), (r) => handledBy(r) === 'hybrid');
    expect(handoff).toBeGreaterThan(0.2);
    expect(handoff).toBeLessThan(0.4);
  });

  it('some handoffs have a system event and some only an agent message after the AI', () => {
    const hybrids = records.filter((r) => aiStarted(r) && handledBy(r) === 'hybrid');
    const withoutEvent = share(hybrids, (r) => !r.messages.some((m) => m.role === 'system'));
    expect(withoutEvent).toBeGreaterThan(0.1);
    expect(withoutEvent).toBeLessThan(0.4);
  });

  it('VIPs about 8 %, surveys about 25 %, about 10 % without a topic', () => {
    const vip = share(records, (r) => r.customer?.tier === 'vip');
    expect(vip).toBeGreaterThan(0.05);
    expect(vip).toBeLessThan(0.12);
    const surveyed = share(records, (r) => typeof r.csat === 'number');
    expect(surveyed).toBeGreaterThan(0.2);
    expect(surveyed).toBeLessThan(0.3);
    const noTopic = share(records, (r) => r.topic == null);
    expect(noTopic).toBeGreaterThan(0.07);
    expect(noTopic).toBeLessThan(0.13);
  });

  it('covers every market, channel and topic, mostly in English with Swedish and German', () => {
    expect(new Set(records.map((r) => r.market))).toEqual(
      new Set(['SE', 'NO', 'DK', 'FI', 'DE', 'GB', 'US', 'NL']),
    );
    expect(new Set(records.map((r) => r.channel ?? 'chat'))).toEqual(
      new Set(['chat', 'email', 'voice', 'social']),
    );
    expect(share(records, (r) => (r.channel ?? 'chat') === 'chat')).toBeGreaterThan(0.6);
    expect(new Set(records.map((r) => r.topic).filter(Boolean)).size).toBe(8);
    expect(share(records, (r) => r.language === 'en')).toBeGreaterThan(0.75);
    expect(share(records, (r) => r.language === 'sv')).toBeGreaterThan(0.03);
    expect(share(records, (r) => r.language === 'de')).toBeGreaterThan(0.04);
    expect(records.filter((r) => r.language === 'sv').every((r) => r.market === 'SE')).toBe(true);
  });

  it('raw AI CSAT looks on par with humans while the mix-adjusted AI CSAT is clearly worse', () => {
    const ai = csatPct(records.filter((r) => handledBy(r) === 'ai'));
    const human = csatPct(records.filter((r) => handledBy(r) === 'human'));
    expect(Math.abs(ai - human)).toBeLessThan(0.08);
    expect(topicCsatAdjusted()).toBeLessThan(ai - 0.08);
  });

  it('has repeat contacts, more of them after AI-only and hybrid conversations than human ones', () => {
    const starts = new Map<string, number[]>();
    for (const r of records)
      if (r.customer?.id)
        starts.set(r.customer.id, [...(starts.get(r.customer.id) ?? []), Date.parse(r.started_at)]);
    const repeated = (r: V1) => {
      const end = Date.parse(r.ended_at ?? r.messages.at(-1)?.ts ?? r.started_at);
      return (starts.get(r.customer?.id as string) ?? []).some((s) => s > end && s - end <= 7 * 86_400_000);
    };
    const withId = (h: string) => records.filter((r) => r.customer?.id && handledBy(r) === h);
    const human = share(withId('human'), repeated);
    expect(human).toBeGreaterThan(0.03);
    expect(share(withId('ai'), repeated)).toBeGreaterThan(human);
    expect(share(records, (r) => !r.customer?.id)).toBeGreaterThan(0.02);
  });

  it('sometimes sends ended_at, resolved and unknown source fields', () => {
    expect(share(records, (r) => r.ended_at != null)).toBeGreaterThan(0.3);
    expect(share(records, (r) => typeof r.resolved === 'boolean')).toBeGreaterThan(0.25);
    expect(share(records, (r) => 'source' in r || 'labels' in r || 'bot' in r)).toBeGreaterThan(0.1);
  });
});
