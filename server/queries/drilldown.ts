import { HANDLED_BY, TRIGGER_KINDS, type HandledBy } from '../domain.js';
import type { ConversationFilters, DrillFilters } from './filters.js';

type Extra = Omit<DrillFilters, keyof ConversationFilters> & { handledBy?: HandledBy[] };

/**
 * Which conversations each number of /api/metrics counts: the metric's path in the response ->
 * the extra list filters that select exactly those conversations. The tests check, on the demo
 * data, that the list's total equals the number for every entry here.
 */
export function metricDrillDowns(): Record<string, Extra> {
  const map: Record<string, Extra> = {
    conversations: {},
    'deflection.aiStarted': { aiStarted: true },
    'deflection.contained': { aiStarted: true, handledBy: ['ai'] },
    'deflection.resolvedContained': { aiStarted: true, handledBy: ['ai'], repeat: ['false'] },
    'deflection.repeatKnown': { aiStarted: true, repeat: ['true', 'false'] },
    'fractions.handoff.numerator': { aiStarted: true, handledBy: ['hybrid'] },
    'escalation.triggered': { escalation: ['timely', 'late', 'missed'] },
    'escalation.timely': { escalation: ['timely'] },
    'escalation.late': { escalation: ['late'] },
    'escalation.missed': { escalation: ['missed'] },
    'escalation.overEscalation': { overEscalation: true },
    vipConversations: { tier: ['vip'] } as Extra,
    vipFailures: { vipFailure: true },
  };
  for (const reason of ['low_csat', 'negative_end', 'missed_escalation', 'repeat_contact']) {
    map[`vipFailuresByReason.${reason}`] = { vipReason: [reason] };
  }
  for (const h of HANDLED_BY) {
    map[`byHandledBy.${h}`] = { handledBy: [h] };
    map[`csat.${h}.surveyed`] = { handledBy: [h], surveyed: true };
    map[`csat.${h}.satisfied`] = { handledBy: [h], csatMin: 4 };
    map[`fractions.repeatContact.${h}.numerator`] = { handledBy: [h], repeat: ['true'] };
    map[`fractions.repeatContact.${h}.denominator`] = { handledBy: [h], repeat: ['true', 'false'] };
  }
  TRIGGER_KINDS.forEach((kind, i) => {
    map[`escalation.byKind.${i}.conversations`] = { triggerKind: [kind] };
    map[`escalation.byKind.${i}.missed`] = { triggerKind: [kind], escalation: ['missed'] };
  });
  return map;
}

/**
 * Combines the request's filters with a metric's extra filters. Lists on the same key intersect;
 * an empty intersection means the metric counts nothing under these filters (null: no link).
 */
export function combineFilters(base: ConversationFilters, extra: Extra): DrillFilters | null {
  const combined: DrillFilters = { ...base, ...extra };
  for (const key of ['handledBy', 'tier'] as const) {
    const a = base[key] as string[] | undefined;
    const b = (extra as DrillFilters)[key] as string[] | undefined;
    if (a && b) {
      const both = a.filter((v) => b.includes(v));
      if (!both.length) return null;
      (combined as Record<string, unknown>)[key] = both;
    }
  }
  return combined;
}
