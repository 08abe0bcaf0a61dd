import type { ReactNode } from 'react';
import { Badge, Card } from '@tremor/react';
import type { ConversationDetail } from '../../lib/api-types.js';
import { formatDateTime, formatDuration, formatNumber, NO_DATA } from '../../lib/format.js';
import { valueLabel } from '../../lib/labels.js';
import { HandledByBadge } from '../HandledByLegend.js';
import { EscalationBadge, VipReasons } from '../conversations/Badges.js';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="flex items-start justify-between gap-3 py-1.5">
      <dt className="text-tremor-default text-tremor-content">{label}</dt>
      <dd className="text-right text-tremor-default font-medium text-tremor-content-strong" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-t border-tremor-border pt-3 first:border-0 first:pt-0">
      <h3 className="text-tremor-label font-semibold uppercase tracking-wider text-tremor-content-subtle">{title}</h3>
      <dl className="mt-1">{children}</dl>
    </section>
  );
}

const score = (v: number | null) => (v === null ? NO_DATA : `${v > 0 ? '+' : ''}${v.toFixed(2)}`);

function repeatText(value: ConversationDetail['repeatContact']): string {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  if (value === 'pending') return 'not known yet';
  return 'unknown (no customer id)';
}

/** The derived facts and scores of one conversation, beside its transcript. */
export function FactsPanel({ c }: { c: ConversationDetail }) {
  const e = c.escalation;
  return (
    <Card className="space-y-3 p-5" data-testid="facts">
      <Group title="Conversation">
        <Fact label="Handled by" testId="fact-handled-by">
          {c.handledBy ? <HandledByBadge value={c.handledBy} /> : 'nobody replied'}
        </Fact>
        <Fact label="AI started">{c.aiStarted ? 'yes' : 'no'}</Fact>
        <Fact label="Started">{formatDateTime(c.startedAt)}</Fact>
        <Fact label="Duration">{formatDuration(c.durationSeconds)}</Fact>
        <Fact label="Messages">{formatNumber(c.messageCount)}</Fact>
        <Fact label="Topic">
          {valueLabel(c.topic)}
          {c.topicSource === 'classified' && <span className="ml-1 text-tremor-label text-tremor-content">(classified)</span>}
        </Fact>
        <Fact label="Channel · market">
          {valueLabel(c.channel)} · {c.market ?? NO_DATA}
        </Fact>
        <Fact label="Tier">{c.tier === 'vip' ? <Badge color="fuchsia" size="xs">VIP</Badge> : 'Standard'}</Fact>
        <Fact label="Repeat contact">{repeatText(c.repeatContact)}</Fact>
      </Group>
      <Group title="Escalation">
        <Fact label="Status" testId="fact-escalation">
          <EscalationBadge status={e.status} />
        </Fact>
        <Fact label="Gap">
          {e.gapTurns === null ? NO_DATA : `${formatNumber(e.gapTurns)} AI ${e.gapTurns === 1 ? 'reply' : 'replies'}`}
          {e.gapSeconds !== null && <span className="block text-tremor-label text-tremor-content">{formatDuration(e.gapSeconds)}</span>}
        </Fact>
        <Fact label="Gap score (0–100)" testId="fact-score">
          {formatNumber(e.score)}
        </Fact>
        <Fact label="Triggers">{formatNumber(e.triggers.length)}</Fact>
        {e.overEscalation && <Fact label="Over-escalation">handed off with no trigger</Fact>}
      </Group>
      <Group title="Outcome">
        <Fact label="CSAT">{c.csat === null ? 'no survey' : `${c.csat} / 5`}</Fact>
        <Fact label="Satisfaction estimate">{c.satisfactionEstimate === null ? NO_DATA : `${c.satisfactionEstimate.toFixed(2)} / 5`}</Fact>
        <Fact label="Sentiment first → last">
          {score(c.sentiment.first)} → {score(c.sentiment.last)}
        </Fact>
        <Fact label="Lowest · trajectory">
          {score(c.sentiment.min)} · {score(c.sentiment.trajectory)}
        </Fact>
        <Fact label="Ended negative">{c.negativeEnd === null ? NO_DATA : c.negativeEnd ? 'yes' : 'no'}</Fact>
        <Fact label="VIP failure" testId="fact-vip">
          {c.vipFailure ? <VipReasons reasons={c.vipFailure.reasons} /> : 'no'}
        </Fact>
      </Group>
      <p className="border-t border-tremor-border pt-3 text-tremor-label text-tremor-content-subtle">
        Scoring version {c.scoringVersion}
      </p>
    </Card>
  );
}
