import type { Database } from '../db/database.js';
import { idKey } from '../db/facts.js';
import { NOT_CUSTOMER } from '../ingest/stage.js';
import type { Page } from './batches.js';
import { aggregateSql } from './aggregate.js';
import type { RANK_KEYS } from '../db/rollups.js';
import { MAX_ESCALATION_SCORE } from '../scoring/escalation.js';
import { factsView, filterSql, whereWith, type ConversationFilters, type DrillFilters, type SqlFragment } from './filters.js';
import { rowSource, type RowSource } from './sources.js';

/**
 * Sort orders by name; the SQL comes only from this whitelist. Ties break on id_key (a 63-bit
 * hash of the id, facts.ts) for stable pages: a number, so sorting reads no id strings (all-time
 * page 1 by score at 3.5M conversations: 58 -> 34 ms). Equal keys would also need an equal
 * started_at and score to meet, which a 63-bit hash makes negligible.
 */
export const CONVERSATION_SORTS = {
  score: 'f.escalation_score DESC, f.started_at DESC, f.id_key',
  score_asc: 'f.escalation_score ASC, f.started_at DESC, f.id_key',
  date: 'f.started_at DESC, f.id_key',
  date_asc: 'f.started_at ASC, f.id_key',
  satisfaction: 'f.satisfaction_estimate ASC, f.started_at DESC, f.id_key',
  csat: 'f.csat ASC NULLS LAST, f.started_at DESC, f.id_key',
} as const;
export type ConversationSort = keyof typeof CONVERSATION_SORTS;

const LIST_COLUMNS = `
  f.conversation_id AS "conversationId", f.started_at AS "startedAt", f.channel, f.market, f.topic,
  f.tier, f.csat, f.handled_by AS "handledBy", f.ai_started AS "aiStarted", f.repeat_contact AS "repeatContact",
  f.message_count AS "messageCount", f.duration_seconds AS "durationSeconds",
  f.satisfaction_estimate AS "satisfactionEstimate", f.sentiment_last AS "sentimentLast",
  f.negative_end AS "negativeEnd", f.escalation_status AS "escalationStatus", f.escalation_score AS "escalationScore",
  f.gap_turns AS "gapTurns", f.gap_seconds AS "gapSeconds", f.over_escalation AS "overEscalation",
  f.vip_failure_reasons AS "vipFailureReasons"`;

export interface ConversationListItem {
  conversationId: string;
  startedAt: Date;
  handledBy: string | null;
  escalationStatus: string;
  escalationScore: number;
  vipFailureReasons: string[];
  [column: string]: unknown;
}

/** From this offset on, a list page is narrowed to the days or buckets it lies in, and found by its ids first. */
const DEEP_OFFSET = 1_000;

/**
 * Where a page lies in groups of rows counted in list order (days, or score buckets): the first
 * and last group it touches and how many rows come before the first; null past the last row.
 */
function pageGroups(counts: readonly number[], page: Page): { first: number; last: number; before: number } | null {
  let through = 0;
  let before = 0;
  let first = -1;
  for (let i = 0; i < counts.length; i++) {
    if (first < 0 && through + counts[i]! > page.offset) [first, before] = [i, through];
    through += counts[i]!;
    if (first >= 0 && through >= page.offset + page.limit) return { first, last: i, before };
  }
  return first < 0 ? null : { first, last: counts.length - 1, before };
}

/**
 * A deep page of a list by date, narrowed to the UTC days it lies in: the rollups' conversations
 * per day (equal to the raw counts, rollups.test.ts) tell which days hold rows offset to
 * offset + limit, so the page is read as a shallower page of those days, whose row groups the
 * facts table's started_at order lets DuckDB find without reading the others. Null when the
 * rollups cannot answer the filter set; 'past the end' when the offset passes the last row.
 */
async function dateWindow(db: Database, filters: DrillFilters, sort: 'date' | 'date_asc', page: Page): Promise<Window | 'past the end' | null> {
  const source = await rowSource(db, filters);
  if (!source.rolledUp) return null;
  return (await pageDays(db, filters, source, page, sort === 'date', null)) ?? 'past the end';
}

/**
 * The page's rows narrowed to the UTC days they lie in, from a rolled-up source's counts per day
 * (of the rows that meet `rank`, a condition on rollup_rank's keys, when given), counted newest
 * first or oldest first as the list sorts them: the filters restricted to those days and the
 * offset left within them. Null past the last row.
 */
async function pageDays(
  db: Database, filters: DrillFilters, source: RowSource, page: Page, newestFirst: boolean, rank: SqlFragment | null,
): Promise<Window | null> {
  const { sql, params } = aggregateSql(source, rank ? 'ranks' : 'conversations', {
    counts: ['conversations'], groupBy: ['period'], resolution: 'day', ...(rank ? { where: rank.sql } : {}),
  });
  const days = (await db.all<{ period: Date; conversations: number }>(sql, { ...params, ...rank?.params }))
    .map((d) => ({ day: d.period.toISOString().slice(0, 10), n: d.conversations }));
  if (newestFirst) days.reverse();
  const at = pageGroups(days.map((d) => d.n), page);
  if (!at) return null;
  const [from, to] = [days[at.first]!.day, days[at.last]!.day].sort();
  return { filters: { ...filters, from, to }, condition: null, page: { limit: page.limit, offset: page.offset - at.before } };
}

/**
 * Lists whose first sort key is a number: a bucket of that key per row, whose order follows the
 * list's (NULLs last, as in CONVERSATION_SORTS). Scores take few values; the satisfaction
 * estimate is bucketed by hundredths. Lists by score use them when the rollups cannot place the
 * page (rankWindow).
 */
const SORT_BUCKETS: Partial<Record<ConversationSort, { bucket: string; direction: 'ASC' | 'DESC' }>> = {
  score: { bucket: 'floor(f.escalation_score)', direction: 'DESC' },
  score_asc: { bucket: 'floor(f.escalation_score)', direction: 'ASC' },
  satisfaction: { bucket: 'floor(f.satisfaction_estimate * 100)', direction: 'ASC' },
  csat: { bucket: 'f.csat', direction: 'ASC' },
};

/**
 * A deep page of a list by a number, narrowed to the buckets of that number it lies in: one
 * grouped count over the selection tells which buckets hold rows offset to offset + limit, so
 * the page is sorted out of those rows only (at 3.5M conversations, page 200 of the AI's by
 * score: 190 -> 32 ms). 'past the end' when the offset passes the last row.
 */
async function bucketWindow(db: Database, filters: DrillFilters, sort: ConversationSort, page: Page): Promise<Window | 'past the end' | null> {
  const spec = SORT_BUCKETS[sort];
  if (!spec) return null;
  const { sql: where, params } = filterSql(filters);
  const buckets = await db.all<{ b: number | null; n: number }>(
    `SELECT ${spec.bucket}::DOUBLE AS b, count(*)::INTEGER AS n FROM ${factsView(filters)} f ${where}
     GROUP BY b ORDER BY b ${spec.direction} NULLS LAST`,
    params,
  );
  const at = pageGroups(buckets.map((b) => b.n), page);
  if (!at) return 'past the end';
  const values = buckets.slice(at.first, at.last + 1).map((b) => b.b);
  const numbers = values.filter((v): v is number => v !== null);
  const parts = numbers.length ? [`${spec.bucket} BETWEEN $bucketLow AND $bucketHigh`] : [];
  if (numbers.length < values.length) parts.push(`${spec.bucket} IS NULL`);
  return {
    filters,
    condition: { sql: `(${parts.join(' OR ')})`, params: numbers.length ? { bucketLow: Math.min(...numbers), bucketHigh: Math.max(...numbers) } : {} },
    page: { limit: page.limit, offset: page.offset - at.before },
  };
}

/** A page restated over fewer rows: narrower filters or one more condition, and a smaller offset. */
export interface Window {
  filters: DrillFilters;
  condition: SqlFragment | null;
  page: Page;
}

/** An order by a value the rollups count per value (rollup_rank), ties newest first. */
export interface Ranking {
  column: (typeof RANK_KEYS)[number];
  direction: 'ASC' | 'DESC';
}

const RANKED_SORTS: Partial<Record<ConversationSort, Ranking>> = {
  score: { column: 'escalation_score', direction: 'DESC' },
  score_asc: { column: 'escalation_score', direction: 'ASC' },
};

/**
 * Any page of a list ranked by a value the rollups count (by escalation score; the review queue
 * by risk), placed by the rollup_rank counts instead of the raw rows. The counts per value say
 * which values hold rows offset to offset + limit. When that is one value (most pages: scores
 * take about 20 values, risks 46), that value's counts per UTC day, newest first as ties sort,
 * say which days hold them. The page is then read from those rows alone: the value, its days, at
 * the offset left. At a year of 42M conversations, where a deep page used to count every selected
 * row by score and the queue sorted every selected row when its first page was not in the newest
 * week, each reads a few thousand rollup rows and a few days of raw rows. The counts equal the
 * raw ones (rollups.test.ts). Null when the rollups cannot answer the filter set; 'past the end'
 * when the offset passes the last row.
 */
export async function rankWindow(db: Database, filters: DrillFilters, ranking: Ranking, page: Page): Promise<Window | 'past the end' | null> {
  const source = await rowSource(db, filters);
  if (!source.rolledUp) return null;
  const { column, direction } = ranking;
  const byValue = aggregateSql(source, 'ranks', { counts: ['conversations'], groupBy: [column] });
  const values = (await db.all<Record<string, number>>(byValue.sql, byValue.params)).map((r) => ({ value: r[column]!, n: r.conversations! }));
  if (values.some((v) => v.value === null)) return null; // no such row today; NULLs would need their own order
  if (direction === 'DESC') values.reverse();
  const at = pageGroups(values.map((v) => v.n), page);
  if (!at) return 'past the end';
  const offset = page.offset - at.before;
  if (at.first !== at.last) {
    const [low, high] = [values[at.first]!.value, values[at.last]!.value].sort((a, b) => a - b);
    return { filters, condition: { sql: `f.${column} BETWEEN $rankLow AND $rankHigh`, params: { rankLow: low!, rankHigh: high! } }, page: { limit: page.limit, offset } };
  }
  const rank = values[at.first]!.value;
  const days = await pageDays(db, filters, source, { limit: page.limit, offset }, true, { sql: `${column} = $rank`, params: { rank } });
  return days ? { ...days, condition: { sql: `f.${column} = $rank`, params: { rank } } } : 'past the end';
}

/**
 * Sorts whose first key has a value no row can pass (the escalation score is 0-100) and whose
 * ties go newest first, as in CONVERSATION_SORTS.
 */
const BEST_SCORE: Partial<Record<ConversationSort, number>> = { score: MAX_ESCALATION_SCORE, score_asc: 0 };

/**
 * The most recent days a shallow page is first looked for in, widening; then all days. Small
 * windows only: a failed look costs its share of a full scan (a week of a month: a quarter).
 */
const RECENT_DAYS = [1, 7] as const;

/**
 * For filter sets the rollups cannot count (rankWindow is null: a drill-down filter, reviewer
 * overrides, an unreviewed-only queue): a page of a list ordered by a bounded value first and
 * newest first on ties (by score; the review queue by risk), read from the most recent days
 * only when that is provably the page: if the page's last row within the window already has the
 * best value (`isBest`), every row before it has too, and any row older than the window ranks
 * after them all (no better value, older).
 * `read` returns the page with the window's condition (over alias f) added to its filters. Row
 * groups are in started_at order (facts.ts), so the window skips the others: at a year of 42M
 * conversations, all-time page 1 by score 598 -> 37 ms. Deep pages are not looked for here: they
 * need more days than a small window. The window ends on the newest day of the rollups or the
 * filters' last day, whichever is earlier (the anchor decides speed only; the check, correctness).
 */
export async function fromRecentDays<T>(
  db: Database,
  filters: ConversationFilters,
  page: Page,
  isBest: (last: T) => boolean,
  read: (window: SqlFragment) => Promise<T[]>,
): Promise<T[] | null> {
  if (page.limit < 1 || page.offset >= DEEP_OFFSET) return null;
  const newest = (await db.one<{ day: string | null }>(`SELECT max(period)::VARCHAR AS day FROM rollup_day`))?.day;
  if (!newest) return null;
  const anchor = filters.to && filters.to < newest ? filters.to : newest;
  for (const days of RECENT_DAYS) {
    const rows = await read({ sql: `f.started_at >= $anchor::DATE + 1 - ${days}::INTEGER`, params: { anchor } });
    if (rows.length === page.limit && isBest(rows[rows.length - 1]!)) return rows;
  }
  return null;
}

/** The page of the rows `filters` and `condition` select, in list order, sorted whole by DuckDB. */
function sortedPage(db: Database, filters: DrillFilters, sort: ConversationSort, page: Page, condition: SqlFragment | null): Promise<ConversationListItem[]> {
  const { sql: where, params } = filterSql(filters);
  return db.all<ConversationListItem>(
    `SELECT ${LIST_COLUMNS} FROM ${factsView(filters)} f ${whereWith(where, condition ? [condition.sql] : [])}
     ORDER BY ${CONVERSATION_SORTS[sort]} LIMIT $limit OFFSET $offset`,
    { ...params, ...condition?.params, limit: page.limit, offset: page.offset },
  );
}

/** A shallow page by score from the most recent days (fromRecentDays), or null. */
export function recentPage(db: Database, filters: DrillFilters, sort: ConversationSort, page: Page): Promise<ConversationListItem[] | null> {
  const best = BEST_SCORE[sort];
  if (best === undefined) return Promise.resolve(null);
  return fromRecentDays(db, filters, page, (last: ConversationListItem) => last.escalationScore === best, (window) =>
    sortedPage(db, filters, sort, page, window));
}

/** One page of the conversations behind a filter set, without their total. */
export async function listConversationItems(
  db: Database,
  filters: DrillFilters,
  sort: ConversationSort,
  page: Page,
): Promise<ConversationListItem[]> {
  const ranking = RANKED_SORTS[sort];
  let window = ranking ? await rankWindow(db, filters, ranking, page) : null;
  if (!window) {
    const recent = await recentPage(db, filters, sort, page);
    if (recent) return recent;
    if (page.offset >= DEEP_OFFSET) window = sort === 'date' || sort === 'date_asc' ? await dateWindow(db, filters, sort, page) : await bucketWindow(db, filters, sort, page);
  }
  if (window === 'past the end') return [];
  let condition: SqlFragment | null = null;
  if (window) ({ filters, condition, page } = window);
  if (page.offset < DEEP_OFFSET) return sortedPage(db, filters, sort, page, condition);
  const { sql: filtered, params } = filterSql(filters);
  const where = whereWith(filtered, condition ? [condition.sql] : []);
  const order = CONVERSATION_SORTS[sort];
  const bound = { ...params, ...condition?.params, limit: page.limit, offset: page.offset };
  // Still deep (a day or a bucket holds more rows than DEEP_OFFSET): DuckDB sorts every selected
  // row with all the columns it carries, so sort the keys alone, then read the page's rows. They
  // are read by id within the page's started_at range: ids alone would scan the whole id column
  // (ids do not follow the table's order), the range lets DuckDB skip all but a few row groups.
  const keys = await db.all<{ id: string; at: string }>(
    `SELECT f.conversation_id AS id, f.started_at::VARCHAR AS at FROM ${factsView(filters)} f ${where} ORDER BY ${order} LIMIT $limit OFFSET $offset`,
    bound,
  );
  if (!keys.length) return [];
  const byId = filterSql({ conversationIds: keys.map((k) => k.id) });
  const times = keys.map((k) => k.at).sort();
  return db.all<ConversationListItem>(
    `SELECT ${LIST_COLUMNS} FROM ${factsView(filters)} f
     ${byId.sql} AND f.started_at BETWEEN $first::TIMESTAMP AND $last::TIMESTAMP ORDER BY ${order}`,
    { ...byId.params, first: times[0]!, last: times[times.length - 1]! },
  );
}

export async function listConversations(
  db: Database,
  filters: DrillFilters,
  sort: ConversationSort,
  page: Page,
): Promise<{ total: number; items: ConversationListItem[] }> {
  const [items, total] = await Promise.all([listConversationItems(db, filters, sort, page), countConversations(db, filters)]);
  return { total, items };
}

/** How many conversations a filter set selects: from the rollups when its filters allow (sources.ts). */
export async function countConversations(db: Database, filters: DrillFilters): Promise<number> {
  const { sql, params } = aggregateSql(await rowSource(db, filters), 'conversations', { counts: ['conversations'] });
  const row = await db.one<{ conversations: number }>(sql, params);
  return row?.conversations ?? 0;
}

/**
 * Markets in the data with their conversation counts, for filter menus and breakdowns: from the
 * rollups when they are current (all weeks, whole), else from the conversations table.
 */
export async function marketCounts(db: Database): Promise<{ market: string; conversations: number }[]> {
  const source = await rowSource(db, {});
  if (!source.rolledUp) {
    return db.all(`SELECT market, count(*)::INTEGER AS conversations FROM conversations WHERE market IS NOT NULL GROUP BY market ORDER BY market`);
  }
  const { sql, params } = aggregateSql(source, 'conversations', { counts: ['conversations'], groupBy: ['market'], where: 'market IS NOT NULL' });
  return db.all(sql, params);
}

export async function listMarkets(db: Database): Promise<Set<string>> {
  return new Set((await marketCounts(db)).map((r) => r.market));
}

const REPEAT_JSON: Record<string, boolean | string> = { true: true, false: false, unknown: 'unknown', pending: 'pending' };

/** SPEC 8: one conversation with its derived facts, scores and per-message explanations. */
export async function getConversation(db: Database, id: string) {
  // The facts row first, through the index on its id_key (facts.ts; another id may share the key);
  // its batch_id lets the child tables skip every other batch's row groups (schema.ts,
  // CHILD_BATCH_TABLES). The overrides are read meanwhile.
  const [candidates, overrides] = await Promise.all([
    db.all<Record<string, unknown>>(`SELECT * FROM conversation_facts WHERE id_key = $key`, { key: idKey(id) }),
    db.all(`SELECT field, value, reason, created_by AS "createdBy", created_at AS "createdAt" FROM overrides
       WHERE conversation_id = $id ORDER BY created_at DESC`, { id }),
  ]);
  const f = candidates.find((row) => row.conversation_id === id);
  if (!f) return null;
  const key = { id, batch: f.batch_id as string };
  const [messages, triggers, reviewed] = await Promise.all([
    db.all<Record<string, unknown>>(
      `SELECT m.idx AS "index", m.role, m.text, m.ts, m.event, m.agent_id AS "agentId", m.metadata::VARCHAR AS metadata,
         s.score, s.label, s.rules, s.unscored_reason AS "unscoredReason"
       FROM messages m
       LEFT JOIN (SELECT * FROM message_scores WHERE batch_id = $batch AND conversation_id = $id) s ON s.idx = m.idx
       WHERE m.batch_id = $batch AND m.conversation_id = $id ORDER BY m.idx`,
      key,
    ),
    db.all<Record<string, unknown>>(
      `SELECT kind, message_index AS "messageIndex", severity::INTEGER AS severity, evidence
       FROM triggers WHERE batch_id = $batch AND conversation_id = $id ORDER BY message_index, kind`,
      key,
    ),
    // The values with reviewers' overrides applied, read only when there are overrides (most have none).
    overrides.length
      ? db.one<Record<string, unknown>>(
          `SELECT escalation_status AS "escalationStatus", negative_end AS "negativeEnd", vip_failure_reasons AS "vipFailureReasons"
           FROM conversation_facts_reviewed WHERE conversation_id = $id`,
          { id },
        )
      : undefined,
  ]);
  const reasons = f.vip_failure_reasons as string[];
  return {
    conversationId: f.conversation_id, startedAt: f.started_at, endedAt: f.ended_at, channel: f.channel,
    market: f.market, language: f.language, customerId: f.customer_id, tier: f.tier, topic: f.topic,
    topicSource: f.topic_source, csat: f.csat, resolved: f.resolved, handledBy: f.handled_by, aiStarted: f.ai_started,
    handoffIndex: f.handoff_index, handoffAt: f.handoff_at, durationSeconds: f.duration_seconds,
    messageCount: f.message_count, repeatContact: REPEAT_JSON[f.repeat_contact as string] ?? null,
    scoringVersion: f.scoring_version,
    sentiment: {
      first: f.sentiment_first, last: f.sentiment_last, min: f.sentiment_min, mean: f.sentiment_mean,
      trajectory: f.sentiment_trajectory,
    },
    negativeEnd: f.negative_end,
    satisfactionDropIndex: f.satisfaction_drop_index,
    escalation: {
      status: f.escalation_status, triggers, gapTurns: f.gap_turns, gapSeconds: f.gap_seconds,
      score: f.escalation_score, overEscalation: f.over_escalation,
    },
    vipFailure: reasons.length ? { reasons } : null,
    satisfactionEstimate: f.satisfaction_estimate,
    // Reviewers' overrides, shown beside the automatic values above (which they never replace);
    // withOverrides is null when there are none.
    review: { overrides, withOverrides: reviewed ?? null },
    metadata: JSON.parse(f.metadata as string),
    messages: messages.map((m) => ({
      index: m.index, role: m.role, text: m.text, ts: m.ts, event: m.event, agentId: m.agentId,
      metadata: m.metadata ? JSON.parse(m.metadata as string) : null,
      sentiment: m.score === null || m.score === undefined ? null : { score: m.score, label: m.label, rules: m.rules },
      unscoredReason: m.unscoredReason ?? (m.role === 'customer' ? null : NOT_CUSTOMER),
    })),
  };
}
