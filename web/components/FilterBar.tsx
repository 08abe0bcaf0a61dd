import { type KeyboardEvent, type ReactNode } from 'react';
import { Button, Select, SelectItem, TextInput } from '@tremor/react';
import { CHANNELS, TIERS, TOPICS } from '../../server/domain.js';
import { activeFilterCount, useFilters, type FilterKey } from '../lib/filters.js';
import { valueLabel } from '../lib/labels.js';

const label = (value: string): string => valueLabel(value);

const DATE_INPUT =
  'h-[38px] w-[9.25rem] rounded-tremor-default border border-tremor-border bg-tremor-background px-3 text-tremor-default text-tremor-content-emphasis shadow-tremor-input outline-none focus:border-tremor-brand-subtle focus:ring-2 focus:ring-tremor-brand-muted';

function Field({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-tremor-label font-medium text-tremor-content">
        {title}
      </label>
      {children}
    </div>
  );
}

/** The global filters (SPEC 5): date range, market, channel, topic, tier. State lives in the URL. */
export function FilterBar() {
  const { filters, setFilters, clearFilters } = useFilters();
  const set = (key: FilterKey) => (value: string) => setFilters({ [key]: value || null });
  const commitMarket = (value: string) => setFilters({ market: value.trim().toUpperCase() || null });
  const onMarketKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commitMarket(event.currentTarget.value);
  };
  const reversed = filters.from !== null && filters.to !== null && filters.from > filters.to;

  return (
    <form
      role="search"
      aria-label="Filters"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => e.preventDefault()}
    >
      <Field id="filter-from" title="From">
        <input
          id="filter-from"
          name="from"
          type="date"
          className={DATE_INPUT}
          value={filters.from ?? ''}
          max={filters.to ?? undefined}
          onChange={(e) => set('from')(e.target.value)}
        />
      </Field>
      <Field id="filter-to" title="To">
        <input
          id="filter-to"
          name="to"
          type="date"
          className={DATE_INPUT}
          value={filters.to ?? ''}
          min={filters.from ?? undefined}
          onChange={(e) => set('to')(e.target.value)}
        />
      </Field>
      <Field id="filter-market" title="Market">
        <TextInput
          id="filter-market"
          name="market"
          key={filters.market ?? ''}
          defaultValue={filters.market ?? ''}
          placeholder="All markets"
          className="w-28 min-w-0"
          onBlur={(e) => commitMarket(e.target.value)}
          onKeyDown={onMarketKey}
        />
      </Field>
      <Field id="filter-channel" title="Channel">
        <Select
          id="filter-channel"
          name="channel"
          value={filters.channel ?? ''}
          onValueChange={set('channel')}
          placeholder="All channels"
          enableClear
          className="w-36 min-w-0"
        >
          {CHANNELS.map((c) => (
            <SelectItem key={c} value={c}>
              {label(c)}
            </SelectItem>
          ))}
        </Select>
      </Field>
      <Field id="filter-topic" title="Topic">
        <Select
          id="filter-topic"
          name="topic"
          value={filters.topic ?? ''}
          onValueChange={set('topic')}
          placeholder="All topics"
          enableClear
          className="w-36 min-w-0"
        >
          {TOPICS.map((t) => (
            <SelectItem key={t} value={t}>
              {label(t)}
            </SelectItem>
          ))}
        </Select>
      </Field>
      <Field id="filter-tier" title="Tier">
        <Select
          id="filter-tier"
          name="tier"
          value={filters.tier ?? ''}
          onValueChange={set('tier')}
          placeholder="All tiers"
          enableClear
          className="w-28 min-w-0"
        >
          {TIERS.map((t) => (
            <SelectItem key={t} value={t}>
              {label(t)}
            </SelectItem>
          ))}
        </Select>
      </Field>
      <Button
        type="button"
        variant="light"
        disabled={activeFilterCount(filters) === 0}
        onClick={clearFilters}
        className="mb-2.5"
      >
        Clear filters
      </Button>
      {reversed && (
        <p role="alert" className="mb-2.5 text-tremor-default text-amber-700">
          “From” is after “To”: no conversation can match.
        </p>
      )}
    </form>
  );
}
