import { Fragment } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { FactsPanel } from '../components/conversation/FactsPanel.js';
import { HandoffMarker, MessageItem } from '../components/conversation/MessageItem.js';
import { DataState } from '../components/DataState.js';
import { PageHeader } from '../components/PageHeader.js';
import { ReviewPanel } from '../components/review/ReviewPanel.js';
import { apiUrl } from '../lib/api.js';
import type { ConversationDetail, Trigger } from '../lib/api-types.js';
import { formatDateTime } from '../lib/format.js';
import { useApi } from '../lib/use-api.js';

function backLink(state: unknown): string {
  const back = (state as { back?: unknown } | null)?.back;
  return typeof back === 'string' && back.startsWith('/') ? back : '/conversations';
}

/** One transcript: per-message sentiment, triggers with their words marked, the handoff point, and the facts. */
export function ConversationPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const conversation = useApi<ConversationDetail>(apiUrl(`/conversations/${encodeURIComponent(id)}`));
  return (
    <>
      <PageHeader
        title={`Conversation ${id}`}
        description={
          conversation.data
            ? `Started ${formatDateTime(conversation.data.startedAt)}. Customer sentiment per message; triggers and the words that set them off are marked.`
            : 'The transcript with per-message sentiment and escalation triggers.'
        }
        actions={
          <Link to={backLink(location.state)} className="text-tremor-default font-medium text-tremor-brand hover:text-tremor-brand-emphasis">
            ← Back to the list
          </Link>
        }
      />
      <DataState state={conversation} label="Loading the transcript…">
        {(c) => {
          const byMessage = new Map<number, Trigger[]>();
          for (const t of c.escalation.triggers) byMessage.set(t.messageIndex, [...(byMessage.get(t.messageIndex) ?? []), t]);
          return (
            <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
              <ol className="flex flex-col gap-3" aria-label="Transcript" data-testid="transcript">
                {c.messages.map((m, i) => {
                  const day = m.ts?.slice(0, 10);
                  const showDate = i === 0 || (day !== undefined && day !== c.messages[i - 1]?.ts?.slice(0, 10));
                  const handoffHere = c.handoffIndex === m.index;
                  if (handoffHere && m.role === 'system') return <HandoffMarker key={m.index} at={m.ts ?? c.handoffAt} />;
                  return (
                    <Fragment key={m.index}>
                      {handoffHere && <HandoffMarker at={c.handoffAt} />}
                      <MessageItem message={m} triggers={byMessage.get(m.index) ?? []} showDate={showDate} />
                    </Fragment>
                  );
                })}
              </ol>
              <div className="lg:sticky lg:top-4">
                <FactsPanel c={c} />
              </div>
              {/* Under the transcript (column 1, row 2), so the sticky facts never slide over it. */}
              <ReviewPanel conversation={c} className="lg:col-start-1" />
            </div>
          );
        }}
      </DataState>
    </>
  );
}
