import { HANDLED_BY } from '../../server/domain.js';
import { FILTER_KEYS } from './filters.js';
import { ESCALATION_LABEL, TRIGGER_LABEL, VIP_REASON_LABEL } from './labels.js';

/**
 * Drill-downs: every number links to /conversations with the query that lists the
 * conversations behind it. The query uses the names of GET /api/conversations, so the list page
 * passes it on unchanged (after this whitelist).
 */
export const DRILL_KEYS = [
  'handledBy',
  'aiStarted',
  'repeat',
  'surveyed',
  'csatMin',
  'csatMax',
  'escalation',
  'triggerKind',
  'vipFailure',
  'vipReason',
  'overEscalation',
  'negativeEnd',
] as const;
export type DrillKey = (typeof DRILL_KEYS)[number];

export const SORTS = ['score', 'score_asc', 'date', 'date_asc', 'satisfaction', 'csat'] as const;
export type Sort = (typeof SORTS)[number];

const LIST_KEYS: readonly string[] = [...FILTER_KEYS, ...DRILL_KEYS];

export type DrillExtra = Partial<Record<DrillKey | (typeof FILTER_KEYS)[number] | 'sort', string | number | boolean | null>>;

/** `/conversations?…` for an API drill-down query string; null (the metric counts nothing) stays null. */
export function drillHref(query: string | null | undefined): string | null {
  if (query === null || query === undefined) return null;
  return query ? `/conversations?${query}` : '/conversations';
}

/** `/conversations?…` for the current filters (a "?a=b" search string) plus extra drill parameters. */
export function conversationsHref(filterSearch: string, extra: DrillExtra = {}): string {
  const params = new URLSearchParams(filterSearch);
  for (const [key, value] of Object.entries(extra)) {
    if (value === null || value === undefined || value === '') params.delete(key);
    else params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/conversations?${search}` : '/conversations';
}

/** The list API query for a /conversations page URL: known keys only, plus sort, limit and offset. */
export function listQuery(params: URLSearchParams, limit: number): Record<string, string | number> {
  const query: Record<string, string | number> = {};
  for (const key of LIST_KEYS) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  const sort = params.get('sort');
  query.sort = sort && (SORTS as readonly string[]).includes(sort) ? sort : 'score';
  query.limit = limit;
  const offset = Number(params.get('offset'));
  query.offset = Number.isInteger(offset) && offset > 0 ? offset : 0;
  return query;
}

const list = (value: string, label: (v: string) => string) => value.split(',').map(label).join(' or ');

const HANDLED = new Set<string>(HANDLED_BY);
const handledLabel = (v: string) => (HANDLED.has(v) ? { ai: 'AI', human: 'Human', hybrid: 'Hybrid' }[v]! : v);

/** Plain-language chips for the drill parameters of a /conversations URL ("Handled by AI", …). */
export function describeDrill(params: URLSearchParams): string[] {
  const out: string[] = [];
  const get = (key: DrillKey) => params.get(key);
  const handledBy = get('handledBy');
  if (handledBy) out.push(`Handled by ${list(handledBy, handledLabel)}`);
  const aiStarted = get('aiStarted');
  if (aiStarted) out.push(aiStarted === 'true' ? 'AI-started' : 'Not AI-started');
  const repeat = get('repeat');
  if (repeat) out.push(`Repeat contact: ${repeat.split(',').join(' or ')}`);
  const surveyed = get('surveyed');
  if (surveyed) out.push(surveyed === 'true' ? 'Surveyed' : 'Not surveyed');
  const csatMin = get('csatMin');
  const csatMax = get('csatMax');
  if (csatMin && csatMax) out.push(`CSAT ${csatMin}–${csatMax}`);
  else if (csatMin) out.push(`CSAT ${csatMin} or higher`);
  else if (csatMax) out.push(`CSAT ${csatMax} or lower`);
  const escalation = get('escalation');
  if (escalation) out.push(`Escalation: ${list(escalation, (v) => ESCALATION_LABEL[v as 'late'] ?? v)}`);
  const kind = get('triggerKind');
  if (kind) out.push(`Trigger: ${list(kind, (v) => TRIGGER_LABEL[v as 'distress'] ?? v)}`);
  if (get('vipFailure') === 'true') out.push('VIP failure');
  const reason = get('vipReason');
  if (reason) out.push(`VIP failure: ${list(reason, (v) => VIP_REASON_LABEL[v as 'low_csat'] ?? v)}`);
  if (get('overEscalation') === 'true') out.push('Handed off without a trigger');
  const negativeEnd = get('negativeEnd');
  if (negativeEnd) out.push(negativeEnd === 'true' ? 'Ended negative' : 'Did not end negative');
  return out;
}

/** True when the URL has any drill parameter (beyond the global filters). */
export function hasDrill(params: URLSearchParams): boolean {
  return DRILL_KEYS.some((key) => params.has(key));
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The calendar days of a chart period (a day, or an ISO week from its Monday), clipped to the
 * filter's from/to so a drill-down never widens the view.
 */
export function periodRange(
  periodStart: string,
  grain: 'day' | 'week',
  from: string | null,
  to: string | null,
): { from: string; to: string } {
  const start = Date.parse(periodStart.slice(0, 10) + 'T00:00:00Z');
  let first = isoDay(start);
  let last = isoDay(start + (grain === 'week' ? 6 : 0) * DAY_MS);
  if (from && from > first) first = from;
  if (to && to < last) last = to;
  return { from: first, to: last };
}
