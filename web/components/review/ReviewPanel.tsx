import { useMemo, useState, type ReactNode } from 'react';
import { Button, Card } from '@tremor/react';
import { apiUrl } from '../../lib/api.js';
import type { ConversationDetail } from '../../lib/api-types.js';
import { useAuth } from '../../lib/auth.js';
import type { AuditItem, Flag, Override } from '../../lib/review-api.js';
import { useApi } from '../../lib/use-api.js';
import { DataState } from '../DataState.js';
import { AuditTrail } from './AuditTrail.js';
import { FlagDialog } from './FlagDialog.js';
import { FlagList } from './FlagList.js';
import { OverrideForm } from './OverrideForm.js';
import { VerdictForm, type Verdict } from './VerdictForm.js';

function Section({ title, aside, children }: { title: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section className="border-t border-tremor-border pt-4 first:border-0 first:pt-0">
      <div className="mb-2.5 flex items-center justify-between gap-3">
        <h3 className="text-tremor-label font-semibold uppercase tracking-wider text-tremor-content-subtle">
          {title}
        </h3>
        {aside}
      </div>
      {children}
    </section>
  );
}

/** The signed-in reviewer's latest verdict, read back from the audit trail (the API has no reviews list). */
function latestVerdict(audit: AuditItem[] | undefined, me: string | undefined): Verdict | null {
  const entry = audit?.find((a) => a.action === 'review' && a.actor === me);
  if (!entry?.after) return null;
  try {
    const after = JSON.parse(entry.after) as Partial<Verdict>;
    return after.escalationVerdict && after.flagReason
      ? { escalationVerdict: after.escalationVerdict, flagReason: after.flagReason }
      : null;
  } catch {
    return null;
  }
}

/**
 * QA review of one conversation (issue 6): its flags and their status, reviewers' overrides beside
 * the automatic values, the signed-in reviewer's verdict, and the audit trail. Viewers read only.
 */
export function ReviewPanel({
  conversation: c,
  className = '',
}: {
  conversation: ConversationDetail;
  className?: string;
}) {
  const { me, can } = useAuth();
  const base = `/conversations/${encodeURIComponent(c.conversationId)}`;
  const flags = useApi<{ items: Flag[] }>(apiUrl(`${base}/flags`));
  const overrides = useApi<{ items: Override[] }>(apiUrl(`${base}/overrides`));
  const audit = useApi<{ items: AuditItem[] }>(apiUrl(`${base}/audit`, { limit: 200 }));
  const [flagging, setFlagging] = useState(false);
  const canReview = can('reviewer');
  const previous = useMemo(() => latestVerdict(audit.data?.items, me?.name), [audit.data, me?.name]);
  const { reload: reloadFlags } = flags;
  const { reload: reloadOverrides } = overrides;
  const { reload: reloadAudit } = audit;
  const changed = () => {
    reloadFlags();
    reloadOverrides();
    reloadAudit();
  };

  return (
    <Card
      className={`space-y-4 p-5 ${className}`}
      aria-labelledby="review-panel-title"
      data-testid="review-panel"
    >
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 id="review-panel-title" className="text-tremor-title font-semibold text-tremor-content-strong">
            Review
          </h2>
          <p className="mt-0.5 text-tremor-default text-tremor-content">
            {canReview
              ? 'Flag problems, correct the scores, and record your verdict. Every change is kept in the audit trail.'
              : 'Flags, overrides and the audit trail. Flagging and reviewing need the reviewer role.'}
          </p>
        </div>
        {canReview && (
          <Button size="xs" onClick={() => setFlagging(true)}>
            Flag…
          </Button>
        )}
      </div>
      <Section title="Flags">
        <DataState state={flags} label="Loading flags…">
          {({ items }) => <FlagList flags={items} canChange={canReview} onChanged={changed} />}
        </DataState>
      </Section>
      {canReview && (
        <Section title="Your verdict">
          <VerdictForm
            conversationId={c.conversationId}
            previous={previous}
            suggested={c.escalation.status}
            onSaved={changed}
          />
        </Section>
      )}
      <Section title="Overrides">
        <DataState state={overrides} label="Loading overrides…">
          {({ items }) => <OverrideForm c={c} overrides={items} canEdit={canReview} onSaved={changed} />}
        </DataState>
      </Section>
      <Section title="Audit trail">
        <DataState state={audit} label="Loading the audit trail…">
          {({ items }) => <AuditTrail items={items} />}
        </DataState>
      </Section>
      {flagging && (
        <FlagDialog
          conversationId={c.conversationId}
          onClose={() => setFlagging(false)}
          onFlagged={() => {
            setFlagging(false);
            changed();
          }}
        />
      )}
    </Card>
  );
}
