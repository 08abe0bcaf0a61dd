import { Badge, Card, Select, SelectItem } from '@tremor/react';
import { useSearchParams } from 'react-router-dom';
import { ConversationTable } from '../components/conversations/ConversationTable.js';
import { DataState } from '../components/DataState.js';
import { PageHeader } from '../components/PageHeader.js';
import { Pager } from '../components/Pager.js';
import { EmptyState } from '../components/States.js';
import { apiUrl } from '../lib/api.js';
import type { ConversationRow, Page } from '../lib/api-types.js';
import { DRILL_KEYS, describeDrill, listQuery, type Sort } from '../lib/drill.js';
import { formatNumber } from '../lib/format.js';
import { useApi } from '../lib/use-api.js';

const PAGE_SIZE = 25;

const SORT_LABEL: Record<Sort, string> = {
  score: 'Worst escalation gap first',
  score_asc: 'Best escalation gap first',
  date: 'Newest first',
  date_asc: 'Oldest first',
  satisfaction: 'Lowest estimated satisfaction',
  csat: 'Lowest CSAT',
};

/** The conversations behind any number: the global filters plus the drill-down parameters in the URL. */
export function ConversationsPage() {
  const [params, setParams] = useSearchParams();
  const query = listQuery(params, PAGE_SIZE);
  const list = useApi<Page<ConversationRow>>(apiUrl('/conversations', query));
  const chips = describeDrill(params);
  const update = (changes: Record<string, string | null>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });
  const clearDrill = () => update({ ...Object.fromEntries(DRILL_KEYS.map((k) => [k, null])), offset: null });

  return (
    <>
      <PageHeader
        title="Conversations"
        description="The conversations behind a number, with the global filters applied. Open one to read its transcript."
      />
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex flex-wrap items-center gap-2" data-testid="drill-chips">
            {chips.length === 0 ? (
              <span className="text-tremor-default text-tremor-content">All conversations matching the filters</span>
            ) : (
              <>
                {chips.map((chip) => (
                  <Badge key={chip} color="indigo">
                    {chip}
                  </Badge>
                ))}
                <button type="button" onClick={clearDrill} className="text-tremor-default text-tremor-brand hover:underline">
                  Show all
                </button>
              </>
            )}
          </div>
          <div className="flex items-center gap-3">
            <span className="text-tremor-default tabular-nums text-tremor-content" data-testid="list-total">
              {list.data ? `${formatNumber(list.data.total)} conversations` : ''}
            </span>
            <label htmlFor="list-sort" className="sr-only">
              Sort
            </label>
            <Select
              id="list-sort"
              value={String(query.sort)}
              onValueChange={(v) => update({ sort: v === 'score' ? null : v, offset: null })}
              enableClear={false}
              className="w-64"
            >
              {(Object.keys(SORT_LABEL) as Sort[]).map((s) => (
                <SelectItem key={s} value={s}>
                  {SORT_LABEL[s]}
                </SelectItem>
              ))}
            </Select>
          </div>
        </div>
        <div className="mt-4">
          <DataState state={list} label="Loading conversations…">
            {(page) =>
              page.total === 0 ? (
                <EmptyState title="No conversations">None match these filters and drill-down.</EmptyState>
              ) : (
                <>
                  <ConversationTable rows={page.items} />
                  <Pager
                    total={page.total}
                    limit={PAGE_SIZE}
                    offset={Number(query.offset)}
                    onOffsetChange={(next) => update({ offset: next > 0 ? String(next) : null })}
                    noun={['conversation', 'conversations']}
                  />
                </>
              )
            }
          </DataState>
        </div>
      </Card>
    </>
  );
}
