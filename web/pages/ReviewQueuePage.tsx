import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { DataState } from '../components/DataState.js';
import { PageHeader } from '../components/PageHeader.js';
import { Pager } from '../components/Pager.js';
import { Panel } from '../components/Panel.js';
import { EmptyState } from '../components/States.js';
import { useOpenConversation } from '../components/conversations/ConversationTable.js';
import { AssignBar } from '../components/review/AssignBar.js';
import { FlagDialog } from '../components/review/FlagDialog.js';
import { QualityCard } from '../components/review/QualityCard.js';
import { QueueControls, ShortcutHelp, type QueueView } from '../components/review/QueueControls.js';
import { QueueTable } from '../components/review/QueueTable.js';
import { apiUrl } from '../lib/api.js';
import type { Page } from '../lib/api-types.js';
import { useAuth } from '../lib/auth.js';
import { useFilters } from '../lib/filters.js';
import { formatNumber } from '../lib/format.js';
import type { Flag, QueueItem } from '../lib/review-api.js';
import { FLAG_REASON_LABEL } from '../lib/review-labels.js';
import { useApi } from '../lib/use-api.js';
import { useQueueKeys } from '../lib/use-queue-keys.js';

const PAGE_SIZE = 25;

const wholeNumber = (value: string | null): number | null =>
  value && /^\d{1,9}$/.test(value) ? Number(value) : null;
const newSeed = () => 1 + Math.floor(Math.random() * 99_999);

/** The QA reviewer's queue: riskiest first (or a reproducible random sample), with keyboard review. */
export function ReviewQueuePage() {
  const { filters } = useFilters();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const view: QueueView = {
    mode: params.get('mode') === 'random' ? 'random' : 'risk',
    seed: wholeNumber(params.get('seed')),
    mine: params.get('assignee') === 'me',
    unreviewed: params.get('unreviewed') === 'true',
  };
  const offset = wholeNumber(params.get('offset')) ?? 0;
  const needsSeed = view.mode === 'random' && view.seed === null;

  const setView = useCallback(
    (change: Partial<QueueView> & { offset?: number }) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const put = (key: string, value: string | null) =>
            value === null ? next.delete(key) : next.set(key, value);
          if (change.mode !== undefined) put('mode', change.mode === 'random' ? 'random' : null);
          if (change.mode === 'risk') put('seed', null);
          if (change.seed !== undefined) put('seed', change.seed === null ? null : String(change.seed));
          if (change.mine !== undefined) put('assignee', change.mine ? 'me' : null);
          if (change.unreviewed !== undefined) put('unreviewed', change.unreviewed ? 'true' : null);
          put('offset', change.offset ? String(change.offset) : null);
          return next;
        },
        { replace: change.offset === undefined },
      ),
    [setParams],
  );

  // A random sample always has its seed in the URL, so the link reproduces the same sample.
  useEffect(() => {
    if (needsSeed) setView({ seed: newSeed() });
  }, [needsSeed, setView]);

  const url = needsSeed
    ? null
    : apiUrl('/review/queue', {
        ...filters,
        mode: view.mode,
        seed: view.mode === 'random' ? view.seed : null,
        assignee: view.mine ? 'me' : null,
        unreviewed: view.unreviewed ? 'true' : null,
        limit: PAGE_SIZE,
        offset,
      });
  const queue = useApi<Page<QueueItem>>(url);
  const rows = queue.data?.items ?? [];

  const [active, setActive] = useState(-1);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [flagging, setFlagging] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    setActive(-1);
    setChecked(new Set());
  }, [url]);

  const { open, state: linkState } = useOpenConversation();
  const canFlag = can('reviewer');
  useQueueKeys({
    count: rows.length,
    active,
    setActive,
    onOpen: (i) => rows[i] && open(rows[i].conversationId),
    onFlag: canFlag ? (i) => rows[i] && setFlagging(rows[i].conversationId) : undefined,
    enabled: flagging === null,
  });

  function flagged(flag: Flag) {
    setFlagging(null);
    setNotice(`Flagged ${flag.conversationId}: ${FLAG_REASON_LABEL[flag.reason]}.`);
    queue.reload();
  }

  return (
    <>
      <PageHeader
        title="Review queue"
        description="Conversations to read, riskiest first: a missed or late escalation leads, then VIP failures, negative endings and low surveys."
      />
      <QualityCard />
      <Panel
        title="Queue"
        description={
          queue.data
            ? `${formatNumber(queue.data.total)} conversations match the filters${view.mode === 'random' ? ', in a random order' : ''}.`
            : 'Loading the queue…'
        }
        aside={<ShortcutHelp canFlag={canFlag} />}
        testId="review-queue"
      >
        <div className="flex flex-col gap-4">
          <QueueControls view={view} onChange={setView} onNewSample={() => setView({ seed: newSeed() })} />
          {notice && (
            <p
              role="status"
              className="rounded-tremor-small border border-emerald-200 bg-emerald-50 px-3 py-2 text-tremor-default text-emerald-800"
            >
              {notice}
            </p>
          )}
          {can('manager') && checked.size > 0 && (
            <AssignBar
              ids={[...checked]}
              onClear={() => setChecked(new Set())}
              onAssigned={(message) => {
                setNotice(message);
                setChecked(new Set());
                queue.reload();
              }}
            />
          )}
          <DataState state={queue} label="Loading the queue…">
            {(data) =>
              data.items.length === 0 ? (
                <EmptyState title="Nothing to review here">
                  {view.mine || view.unreviewed
                    ? 'No conversation matches the filters and toggles. Turn a toggle off to see more.'
                    : 'No conversation matches the filters.'}
                </EmptyState>
              ) : (
                <>
                  <QueueTable
                    rows={data.items}
                    active={active}
                    onActivate={setActive}
                    linkState={linkState}
                    checked={can('manager') ? checked : undefined}
                    onCheck={(id, on) =>
                      setChecked((prev) => {
                        const next = new Set(prev);
                        if (on) next.add(id);
                        else next.delete(id);
                        return next;
                      })
                    }
                  />
                  <Pager
                    total={data.total}
                    limit={PAGE_SIZE}
                    offset={offset}
                    onOffsetChange={(o) => setView({ offset: o })}
                    noun={['conversation', 'conversations']}
                  />
                </>
              )
            }
          </DataState>
        </div>
      </Panel>
      {flagging && (
        <FlagDialog conversationId={flagging} onClose={() => setFlagging(null)} onFlagged={flagged} />
      )}
    </>
  );
}
