import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '@tremor/react';
import {
  ESCALATION_STATUSES,
  FLAG_REASONS,
  type EscalationStatus,
  type FlagReason,
} from '../../../server/domain.js';
import { errorMessage } from '../../lib/api.js';
import { ESCALATION_LABEL } from '../../lib/labels.js';
import { saveVerdict } from '../../lib/review-api.js';
import { reasonLabel } from '../../lib/review-labels.js';
import { FIELD, LABEL } from './fields.js';

export interface Verdict {
  escalationVerdict: EscalationStatus;
  flagReason: FlagReason | 'none';
}

/** The reviewer's own verdict (one per reviewer; saving again replaces it). Two verdicts feed review agreement. */
export function VerdictForm({
  conversationId,
  previous,
  suggested,
  onSaved,
}: {
  conversationId: string;
  previous: Verdict | null;
  suggested: EscalationStatus;
  onSaved: () => void;
}) {
  const [verdict, setVerdict] = useState<EscalationStatus>(previous?.escalationVerdict ?? suggested);
  const [reason, setReason] = useState<FlagReason | 'none'>(previous?.flagReason ?? 'none');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!previous) return;
    setVerdict(previous.escalationVerdict);
    setReason(previous.flagReason);
  }, [previous]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await saveVerdict(conversationId, verdict, reason);
      setSaved(true);
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Your verdict">
      <label className="flex flex-col gap-1">
        <span className={LABEL}>Escalation was</span>
        <select
          className={FIELD}
          value={verdict}
          onChange={(e) => setVerdict(e.target.value as EscalationStatus)}
        >
          {ESCALATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ESCALATION_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className={LABEL}>Main problem</span>
        <select
          className={FIELD}
          value={reason}
          onChange={(e) => setReason(e.target.value as FlagReason | 'none')}
        >
          {(['none', ...FLAG_REASONS] as const).map((r) => (
            <option key={r} value={r}>
              {reasonLabel(r)}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" size="xs" loading={busy}>
        {previous ? 'Update verdict' : 'Save verdict'}
      </Button>
      {saved && (
        <span role="status" className="text-tremor-default text-emerald-700">
          Saved.
        </span>
      )}
      {error && (
        <p role="alert" className="w-full text-tremor-default text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
