import type { Atom, Median } from '../db/measures.js';
import type { RollupSubjectName } from '../db/rollups.js';
import type { Resolution, RowSource, RowsSql } from './sources.js';

/**
 * Every count a metric is made of, as [atom, condition on the rollup keys]: the atom summed over
 * the rows that meet the condition. One definition serves raw rows (one per conversation) and
 * rollup rows alike; metrics.ts and series.ts pick the counts they report.
 */
export const COUNTS = {
  conversations: ['conversations'],
  ai: ['conversations', `handled_by = 'ai'`],
  human: ['conversations', `handled_by = 'human'`],
  hybrid: ['conversations', `handled_by = 'hybrid'`],
  ai_started: ['ai_started'],
  contained: ['ai_started', `handled_by = 'ai'`],
  ai_started_hybrid: ['ai_started', `handled_by = 'hybrid'`],
  ai_started_known: ['ai_started_known'],
  contained_no_repeat: ['ai_started_no_repeat', `handled_by = 'ai'`],
  ai_started_pending: ['ai_started_pending'],
  repeats: ['repeats'],
  repeat_known: ['repeat_known'],
  repeat_pending: ['repeat_pending'],
  triggered: ['triggered'],
  timely: ['timely'],
  late: ['late'],
  missed: ['missed'],
  over_escalation: ['over_escalation'],
  vip_conversations: ['conversations', `tier = 'vip'`],
  vip_failures: ['vip_failures'],
  vip_low_csat: ['vip_low_csat'],
  vip_negative_end: ['vip_negative_end'],
  vip_missed_escalation: ['vip_missed_escalation'],
  vip_repeat_contact: ['vip_repeat_contact'],
  surveyed: ['surveyed'],
  satisfied: ['satisfied'],
  csat_sum: ['csat_sum'],
  ai_surveyed: ['surveyed', `handled_by = 'ai'`],
  ai_satisfied: ['satisfied', `handled_by = 'ai'`],
  human_surveyed: ['surveyed', `handled_by = 'human'`],
  human_satisfied: ['satisfied', `handled_by = 'human'`],
  hybrid_surveyed: ['surveyed', `handled_by = 'hybrid'`],
  hybrid_satisfied: ['satisfied', `handled_by = 'hybrid'`],
} as const satisfies Record<string, readonly [Atom] | readonly [Atom, string]>;
export type CountName = keyof typeof COUNTS;

function countSql(name: CountName): string {
  const [atom, condition]: readonly [Atom] | readonly [Atom, string] = COUNTS[name];
  return `coalesce(sum(${atom})${condition ? ` FILTER (WHERE ${condition})` : ''}, 0)::INTEGER AS ${name}`;
}

export interface AggregateSpec {
  counts: readonly CountName[];
  /** Medians computed in the same query; raw rows only (rolled-up medians: medians.ts). */
  medians?: readonly Median[];
  groupBy?: readonly string[];
  where?: string;
  having?: string;
  resolution?: Resolution;
}

/**
 * `SELECT <group>, <counts> FROM <rows> ...` for a spec. Medians come out as median_<name>
 * (DOUBLE), and are computed only over raw rows.
 */
export function aggregateSql(source: RowSource, subject: RollupSubjectName, spec: AggregateSpec): RowsSql {
  const atoms = [...new Set(spec.counts.map((name) => COUNTS[name][0]))];
  const medians = source.rolledUp ? [] : (spec.medians ?? []);
  const rows = source.rows(subject, { atoms, medians, resolution: spec.resolution });
  const groupBy = spec.groupBy ?? [];
  const select = [...groupBy, ...spec.counts.map(countSql), ...medians.map((m) => `median(${m})::DOUBLE AS median_${m}`)];
  const sql = [
    `SELECT ${select.join(', ')} FROM (${rows.sql}) s`,
    spec.where ? `WHERE ${spec.where}` : '',
    groupBy.length ? `GROUP BY ${groupBy.join(', ')}` : '',
    spec.having ? `HAVING ${spec.having}` : '',
    groupBy.length ? `ORDER BY ${groupBy.join(', ')}` : '',
  ];
  return { sql: sql.filter(Boolean).join('\n'), params: rows.params };
}
