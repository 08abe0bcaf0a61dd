import type { DuckDBValue } from '@duckdb/node-api';
import type {
  Channel, EscalationStatus, HandledBy, RepeatState, Tier, Topic, TriggerKind,
} from '../domain.js';

/** SPEC 5/8: the filters every metric and list takes. Dates are inclusive UTC calendar days on started_at. */
export interface ConversationFilters {
  from?: string;
  to?: string;
  market?: string[];
  channel?: Channel[];
  topic?: Topic[];
  tier?: Tier[];
  handledBy?: HandledBy[];
  /** Read reviewers' overrides of escalation status and sentiment in place of the automatic values. */
  overrides?: boolean;
  /** UTC instants (start inclusive, end exclusive), for periods that are not whole UTC days (reports in a time zone). */
  startAt?: Date;
  endBefore?: Date;
}

/** The relation a filter set reads: automatic scores, or with reviewers' overrides applied. */
export function factsView(filters: ConversationFilters): string {
  return filters.overrides ? 'conversation_facts_reviewed' : 'conversation_facts';
}

/**
 * The extra filters that let every number drill down to exactly the conversations behind it.
 * Each metric's definition is one of these combinations (see metricDrillDowns in metrics.ts).
 */
export interface DrillFilters extends ConversationFilters {
  aiStarted?: boolean;
  repeat?: RepeatState[];
  surveyed?: boolean;
  csatMin?: number;
  csatMax?: number;
  escalation?: EscalationStatus[];
  triggerKind?: TriggerKind[];
  vipFailure?: boolean;
  vipReason?: string[];
  overEscalation?: boolean;
  negativeEnd?: boolean;
  conversationIds?: string[];
}

export interface SqlFragment {
  sql: string;
  params: Record<string, DuckDBValue>;
}

/** `column IN ($name_0, $name_1, ...)`, with parameter names that depend only on position. */
function inList(column: string, name: string, values: readonly string[], params: Record<string, DuckDBValue>): string {
  const names = values.map((value, i) => {
    params[`${name}_${i}`] = value;
    return `$${name}_${i}`;
  });
  return `${column} IN (${names.join(', ')})`;
}

/** The filters that are rollup keys too (server/db/rollups.ts): filter name -> column. */
export const DIMENSION_FILTERS = [
  ['market', 'market'], ['channel', 'channel'], ['topic', 'topic'], ['tier', 'tier'], ['handledBy', 'handled_by'],
] as const satisfies readonly (readonly [keyof ConversationFilters, string])[];

const LIST_FILTERS: readonly (readonly [keyof DrillFilters, string])[] = [
  ...DIMENSION_FILTERS, ['repeat', 'repeat_contact'], ['escalation', 'escalation_status'], ['conversationIds', 'conversation_id'],
];

/** `column IN (...)` for every list filter of `lists` that is set, in that order. */
export function listConditions(
  filters: DrillFilters,
  lists: readonly (readonly [keyof DrillFilters, string])[],
  col: (column: string) => string,
  params: Record<string, DuckDBValue>,
): string[] {
  return lists.flatMap(([key, column]) => {
    const values = filters[key] as string[] | undefined;
    return values?.length ? [inList(col(column), key, values, params)] : [];
  });
}

/** TIMESTAMP columns hold UTC; an instant is bound as its UTC wall-clock text (cast to TIMESTAMP in SQL). */
export function utcTimestamp(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * Builds the WHERE clause over the `conversation_facts` table (alias `f`). Values are always bound
 * parameters; the parameter names are deterministic, so the SQL for a filter set is stable and
 * can be asserted in a test. Column names come only from this function.
 */
export function filterSql(filters: DrillFilters, alias = 'f'): SqlFragment {
  const params: Record<string, DuckDBValue> = {};
  const where: string[] = [];
  const col = (name: string) => `${alias}.${name}`;
  if (filters.from) {
    params.from = filters.from;
    where.push(`${col('started_at')} >= $from::DATE`);
  }
  if (filters.to) {
    params.to = filters.to;
    where.push(`${col('started_at')} < $to::DATE + INTERVAL 1 DAY`);
  }
  if (filters.startAt) {
    params.startAt = utcTimestamp(filters.startAt);
    where.push(`${col('started_at')} >= $startAt::TIMESTAMP`);
  }
  if (filters.endBefore) {
    params.endBefore = utcTimestamp(filters.endBefore);
    where.push(`${col('started_at')} < $endBefore::TIMESTAMP`);
  }
  where.push(...listConditions(filters, LIST_FILTERS, col, params));
  const flags: [keyof DrillFilters, string][] = [
    ['aiStarted', col('ai_started')],
    ['surveyed', `${col('csat')} IS NOT NULL`],
    ['vipFailure', `len(${col('vip_failure_reasons')}) > 0`],
    ['overEscalation', col('over_escalation')],
    ['negativeEnd', col('negative_end')],
  ];
  for (const [key, expression] of flags) {
    const value = filters[key];
    if (value !== undefined) where.push(value ? `(${expression})` : `NOT coalesce(${expression}, false)`);
  }
  if (filters.csatMin !== undefined) {
    params.csatMin = filters.csatMin;
    where.push(`${col('csat')} >= $csatMin`);
  }
  if (filters.csatMax !== undefined) {
    params.csatMax = filters.csatMax;
    where.push(`${col('csat')} <= $csatMax`);
  }
  if (filters.vipReason?.length) {
    const names = filters.vipReason.map((reason, i) => {
      params[`vipReason_${i}`] = reason;
      return `list_contains(${col('vip_failure_reasons')}, $vipReason_${i})`;
    });
    where.push(`(${names.join(' OR ')})`);
  }
  if (filters.triggerKind?.length) {
    const kinds = inList('t.kind', 'triggerKind', filters.triggerKind, params);
    where.push(`EXISTS (SELECT 1 FROM triggers t WHERE t.conversation_id = ${col('conversation_id')} AND ${kinds})`);
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** A WHERE clause of filterSql's (possibly empty) with `conditions` ANDed on. */
export function whereWith(where: string, conditions: readonly string[]): string {
  if (!conditions.length) return where;
  return `${where ? `${where} AND` : 'WHERE'} ${conditions.join(' AND ')}`;
}
