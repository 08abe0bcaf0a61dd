import { Badge } from '@tremor/react';
import type { Message, MessageSentiment, Trigger } from '../../lib/api-types.js';
import { formatShortDate, formatTime } from '../../lib/format.js';
import { TRIGGER_LABEL } from '../../lib/labels.js';
import { HighlightedText } from './HighlightedText.js';

const ROLE_LABEL: Record<Message['role'], string> = { customer: 'Customer', ai: 'AI assistant', agent: 'Agent', system: 'System' };

/** Role colours follow the handled_by colours: AI violet, agents (people) amber. */
const BUBBLE: Record<Message['role'], string> = {
  customer: 'self-start border-tremor-border bg-white',
  ai: 'self-end border-violet-200 bg-violet-50',
  agent: 'self-end border-amber-200 bg-amber-50',
  system: 'self-center border-dashed border-tremor-border bg-tremor-background-muted',
};

const SENTIMENT_COLOR = { negative: 'rose', neutral: 'gray', positive: 'emerald' } as const;
const SEVERITY = ['', 'low', 'medium', 'high'];

function SentimentChip({ sentiment }: { sentiment: MessageSentiment }) {
  const rules = sentiment.rules.length ? sentiment.rules.join('; ') : 'no rule fired';
  const score = `${sentiment.score > 0 ? '+' : ''}${sentiment.score.toFixed(2)}`;
  return (
    <Badge color={SENTIMENT_COLOR[sentiment.label]} size="xs" title={`Sentiment ${score}: ${rules}`} data-testid="sentiment-chip">
      {sentiment.label} {score}
    </Badge>
  );
}

function TriggerNotes({ triggers }: { triggers: readonly Trigger[] }) {
  return (
    <ul className="mt-2 space-y-1 border-t border-rose-200 pt-2" aria-label="Escalation triggers in this message">
      {triggers.map((t, i) => (
        <li key={`${t.kind}-${i}`} className="flex flex-wrap items-center gap-2 text-tremor-label" data-testid="trigger">
          <Badge color="rose" size="xs">
            {TRIGGER_LABEL[t.kind]}
          </Badge>
          <span className="text-tremor-content">severity {SEVERITY[t.severity] ?? t.severity}</span>
          <span className="text-tremor-content-subtle">· {t.evidence}</span>
        </li>
      ))}
    </ul>
  );
}

export function HandoffMarker({ at }: { at: string | null }) {
  return (
    <li className="flex items-center gap-3 py-1" data-testid="handoff-marker" aria-label="Handoff to a person">
      <span className="h-px flex-1 bg-amber-400" />
      <span className="rounded-full bg-amber-100 px-3 py-1 text-tremor-label font-semibold uppercase tracking-wide text-amber-800">
        Handed off to a person{at ? ` · ${formatTime(at)}` : ''}
      </span>
      <span className="h-px flex-1 bg-amber-400" />
    </li>
  );
}

/** One message: who sent it, when, its sentiment (customers), its triggers with their words marked. */
export function MessageItem({
  message: m,
  triggers,
  showDate = false,
}: {
  message: Message;
  triggers: readonly Trigger[];
  /** Show the day too: the first message, and any sent on a later day than the one before. */
  showDate?: boolean;
}) {
  const flagged = triggers.length > 0;
  return (
    <li
      className={`w-fit min-w-[16rem] max-w-[85%] rounded-tremor-default border px-4 py-3 shadow-sm ${BUBBLE[m.role]} ${flagged ? 'ring-2 ring-rose-300' : ''}`}
      data-testid="message"
      data-role={m.role}
      data-index={m.index}
    >
      <div className="mb-1 flex flex-wrap items-center gap-2 text-tremor-label text-tremor-content">
        <span className="font-semibold text-tremor-content-emphasis">
          {ROLE_LABEL[m.role]}
          {m.agentId ? ` ${m.agentId}` : ''}
        </span>
        <span>#{m.index}</span>
        {m.ts && <span>{showDate ? `${formatShortDate(m.ts)}, ${formatTime(m.ts)}` : formatTime(m.ts)}</span>}
        {m.sentiment && <SentimentChip sentiment={m.sentiment} />}
        {m.role === 'customer' && !m.sentiment && m.unscoredReason && (
          <Badge color="gray" size="xs" title={m.unscoredReason}>
            unscored
          </Badge>
        )}
      </div>
      {m.text !== null ? (
        <HighlightedText text={m.text} triggers={triggers} />
      ) : (
        <p className="text-tremor-default italic text-tremor-content">event: {m.event ?? 'none'}</p>
      )}
      {m.sentiment && m.sentiment.rules.length > 0 && (
        <p className="mt-1 text-tremor-label text-tremor-content-subtle" data-testid="sentiment-rules">
          Why: {m.sentiment.rules.join('; ')}
        </p>
      )}
      {flagged && <TriggerNotes triggers={triggers} />}
    </li>
  );
}
