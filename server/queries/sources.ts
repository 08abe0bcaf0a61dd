import type { Database, SqlParams } from '../db/database.js';
import { MEDIANS, atomSql, type Atom, type Median } from '../db/measures.js';
import {
  HOURLY_WEEKDAYS, ROLLUP_SUBJECTS, ROLLUP_VERSION, ROLLUP_VERSION_SQL, cubeName, cubesOf, rollupTable, type RollupGrain, type RollupSubjectName,
} from '../db/rollups.js';
import { DIMENSION_FILTERS, factsView, filterSql, listConditions, utcTimestamp, type DrillFilters } from './filters.js';

/**
 * Where the rows of a filter set come from: the raw facts table (one row per conversation) or
 * the rollups (one row per period and key combination). Both expose the same columns: the
 * subject's keys, the atoms asked for, on request `period`, and `segment` when the source is cut
 * into adjacent time segments (see rowSource). A query sums atoms the same way over either, so
 * the raw and the rolled-up answer are one definition (see aggregate.ts).
 */

/** What a query groups time by: nothing (one total), UTC days, or ISO weeks. */
export type Resolution = 'none' | 'day' | 'week';

export interface RowsSql {
  sql: string;
  params: SqlParams;
}

export interface RowsRequest {
  atoms?: readonly Atom[];
  /** Raw rows only: the values of these medians, NULL where a row is not in the median. */
  medians?: readonly Median[];
  /** Adds a `period` column: the row's UTC day or ISO week (Monday), as a DATE. */
  resolution?: Resolution;
  /** Rolled-up rows only: the values rows of these medians (median, bucket, n, vals, counts) instead of atoms. */
  valuesOf?: readonly Median[];
  /** Rolled-up rows only: more columns and conditions, as SQL over the rollup table (alias `r`). */
  extra?: readonly string[];
  conditions?: readonly string[];
}

export interface RowSource {
  rolledUp: boolean;
  /**
   * How many time segments the rows are cut into (rowSource's `splits` + 1); above 1 every row
   * has a `segment` column, 0-based.
   */
  segments: number;
  rows(subject: RollupSubjectName, request: RowsRequest): RowsSql;
}

/** Start inclusive, end exclusive; null = unbounded. */
interface TimeRange {
  start: Date | null;
  end: Date | null;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const ROLLUP_FILTERS = new Set<string>(['from', 'to', 'startAt', 'endBefore', 'overrides', ...DIMENSION_FILTERS.map(([key]) => key)]);

/**
 * The time range of a filter set the rollups can answer, or null: no reviewer overrides, no
 * filter other than dimensions and time, and time bounds on whole UTC hours of days that have
 * hour rows (where a week in a time zone starts and ends).
 */
export function rollupRange(filters: DrillFilters): TimeRange | null {
  if (filters.overrides) return null;
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && !ROLLUP_FILTERS.has(key)) return null;
  }
  if ([filters.startAt, filters.endBefore].some((d) => d && d.getTime() % HOUR_MS !== 0)) return null;
  const day = (date: string) => new Date(`${date}T00:00:00Z`);
  const starts = [filters.from ? day(filters.from) : null, filters.startAt ?? null].filter((d): d is Date => d !== null);
  const ends = [filters.to ? new Date(day(filters.to).getTime() + DAY_MS) : null, filters.endBefore ?? null].filter((d): d is Date => d !== null);
  const range = {
    start: starts.length ? new Date(Math.max(...starts.map((d) => d.getTime()))) : null,
    end: ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : null,
  };
  const hourly = (d: Date) => (HOURLY_WEEKDAYS as readonly number[]).includes(d.getUTCDay());
  const hours = rangeParts(range, true).filter((p) => p.grain === 'hour');
  return hours.every((p) => hourly(p.from!) && hourly(new Date(p.to!.getTime() - 1))) ? range : null;
}

interface Part {
  grain: RollupGrain;
  from: Date | null;
  to: Date | null;
}

const floorDay = (d: Date) => new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS);
const ceilDay = (d: Date) => new Date(Math.ceil(d.getTime() / DAY_MS) * DAY_MS);
/** Monday 00:00 UTC on or before a UTC midnight. */
const floorWeek = (d: Date) => new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY_MS);
const ceilWeek = (d: Date) => {
  const monday = floorWeek(d);
  return monday.getTime() === d.getTime() ? d : new Date(monday.getTime() + 7 * DAY_MS);
};

/**
 * Splits a range into rollup parts: whole ISO weeks in the middle (when the query does not need
 * days), whole UTC days around them, and hours at ends that are not midnight (a week in a time
 * zone). An empty range has no parts.
 */
export function rangeParts({ start, end }: TimeRange, useWeeks: boolean): Part[] {
  if (start && end && start >= end) return [];
  const d0 = start && ceilDay(start);
  const d1 = end && floorDay(end);
  if (start && end && d0! > d1!) return [{ grain: 'hour', from: start, to: end }];
  const parts: Part[] = [];
  if (start && start < d0!) parts.push({ grain: 'hour', from: start, to: d0 });
  if (end && d1! < end) parts.push({ grain: 'hour', from: d1, to: end });
  const w0 = d0 && ceilWeek(d0);
  const w1 = d1 && floorWeek(d1);
  if (useWeeks && (!w0 || !w1 || w0 < w1)) {
    if (d0 && d0 < w0!) parts.push({ grain: 'day', from: d0, to: w0 });
    parts.push({ grain: 'week', from: w0, to: w1 });
    if (d1 && w1! < d1) parts.push({ grain: 'day', from: w1, to: d1 });
  } else if (!d0 || !d1 || d0 < d1) {
    parts.push({ grain: 'day', from: d0, to: d1 });
  }
  return parts;
}

/** The period of a rollup row at a resolution; week rows only serve week resolution or none. */
function rollupPeriod(grain: RollupGrain, resolution: Resolution): string {
  if (resolution === 'week') return grain === 'week' ? 'r.period' : `date_trunc('week', r.period)::DATE`;
  return grain === 'hour' ? 'r.period::DATE' : 'r.period';
}

/** A source's segment numbers, 0 to segments - 1. */
export function segmentNumbers(source: RowSource): number[] {
  return Array.from({ length: source.segments }, (_, segment) => segment);
}

/** The range cut at each split (ascending, inside it), with each piece's segment number. */
function segmentRanges({ start, end }: TimeRange, splits: readonly Date[]): { range: TimeRange; segment: number }[] {
  const bounds = [start, ...splits, end];
  return bounds.slice(1).map((to, i) => ({ range: { start: bounds[i] ?? null, end: to ?? null }, segment: i }));
}

function rolledUpSource(filters: DrillFilters, range: TimeRange, splits: readonly Date[]): RowSource {
  return {
    rolledUp: true,
    segments: splits.length + 1,
    rows(subject, { atoms = [], resolution = 'none', valuesOf, extra = [], conditions = [] }) {
      const params: SqlParams = {};
      const dimensions = listConditions(filters, DIMENSION_FILTERS, (c) => `r.${c}`, params);
      const medians = (valuesOf ?? []).map((m, i) => {
        params[`median_${i}`] = m;
        return `$median_${i}`;
      });
      // Values rows: the smallest cube that splits by every dimension the filters set.
      const filtered = DIMENSION_FILTERS.filter(([key, column]) => column !== 'handled_by' && filters[key]?.length).map(([, column]) => column);
      const cube = (grain: RollupGrain) => cubeName(cubesOf(grain).find((dims) => filtered.every((d) => dims.includes(d)))!);
      // Each segment's range is split into parts on its own, so no part straddles a split.
      const parts = segmentRanges(range, splits).flatMap(({ range: r, segment }) =>
        rangeParts(r, resolution !== 'day').map((part) => ({ ...part, segment })));
      // An empty range still needs a relation with the right columns.
      const empty = parts.length === 0;
      if (empty) parts.push({ grain: 'day', from: null, to: null, segment: 0 });
      const selects = parts.map((part, i) => {
        const type = part.grain === 'hour' ? 'TIMESTAMP' : 'DATE';
        const text = (d: Date) => (part.grain === 'hour' ? d.toISOString().slice(0, 19).replace('T', ' ') : d.toISOString().slice(0, 10));
        const where = empty ? ['false'] : [];
        if (part.from) {
          params[`p${i}_from`] = text(part.from);
          where.push(`r.period >= $p${i}_from::${type}`);
        }
        if (part.to) {
          params[`p${i}_to`] = text(part.to);
          where.push(`r.period < $p${i}_to::${type}`);
        }
        if (valuesOf) params[`p${i}_cube`] = cube(part.grain);
        where.push(...dimensions, ...(valuesOf ? [`r.cube = $p${i}_cube`, `r.median IN (${medians.join(', ')})`] : []), ...conditions);
        const columns = [
          ...ROLLUP_SUBJECTS[subject].keys.map((key) => `r.${key}`),
          ...atoms.map((atom) => `r.${atom}`),
          ...(resolution === 'none' ? [] : [`${rollupPeriod(part.grain, resolution)} AS period`]),
          ...(splits.length ? [`${part.segment} AS segment`] : []),
          ...extra,
        ];
        const table = rollupTable(subject, part.grain, valuesOf !== undefined);
        return `SELECT ${columns.join(', ')} FROM ${table} r${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
      });
      return { sql: selects.join('\nUNION ALL '), params };
    },
  };
}

function rawSource(filters: DrillFilters, splits: readonly Date[]): RowSource {
  return {
    rolledUp: false,
    segments: splits.length + 1,
    rows(subject, { atoms = [], medians = [], resolution = 'none' }) {
      const { sql: where, params } = filterSql(filters);
      // The segment of a row: how many splits it is at or after.
      const segment = splits.map((split, i) => {
        params[`split_${i}`] = utcTimestamp(split);
        return `(f.started_at >= $split_${i}::TIMESTAMP)::INTEGER`;
      });
      const columns = [
        ...ROLLUP_SUBJECTS[subject].keys.map((key) => (key === 'kind' ? 'k.kind' : `f.${key}`)),
        ...atoms.map((atom) => `${atomSql(atom)} AS ${atom}`),
        ...medians.map((median) => `${MEDIANS[median].value} AS ${median}`),
        ...(resolution === 'none' ? [] : [`date_trunc('${resolution}', f.started_at)::DATE AS period`]),
        ...(segment.length ? [`${segment.join(' + ')} AS segment`] : []),
      ];
      return { sql: `SELECT ${columns.join(', ')} FROM ${ROLLUP_SUBJECTS[subject].from(factsView(filters))} ${where}`, params };
    },
  };
}

/** Whether the rollups were last rebuilt whole at this ROLLUP_VERSION (else every query reads raw rows). */
export async function rollupsCurrent(db: Database): Promise<boolean> {
  const row = await db.one<{ value: string }>(ROLLUP_VERSION_SQL);
  return row?.value === ROLLUP_VERSION;
}

/**
 * The rollups when they can answer `filters` and are current, else the raw facts. `raw: true`
 * forces the raw facts (to compare the two in tests). `splits` (ascending UTC instants inside the
 * filters' time range) cut the rows into adjacent segments, numbered by the `segment` column:
 * adjacent periods (this week and the last) read in one query each instead of one per period.
 * The rollups answer only when they could answer every segment on its own.
 */
export async function rowSource(
  db: Database, filters: DrillFilters, options: { raw?: boolean; splits?: readonly Date[] } = {},
): Promise<RowSource> {
  const splits = options.splits ?? [];
  const range = options.raw ? null : rollupRange(filters);
  const splitsRolledUp = range !== null && splits.every((split) =>
    rollupRange({ ...filters, endBefore: split }) !== null && rollupRange({ ...filters, startAt: split }) !== null);
  return range && splitsRolledUp && (await rollupsCurrent(db)) ? rolledUpSource(filters, range, splits) : rawSource(filters, splits);
}
