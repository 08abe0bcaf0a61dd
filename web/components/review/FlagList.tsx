import { useState } from 'react';
import { Badge } from '@tremor/react';
import { FLAG_STATUSES, type FlagStatus } from '../../../server/domain.js';
import { errorMessage } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';
import { setFlagStatus, type Flag } from '../../lib/review-api.js';
import { FLAG_REASON_LABEL, FLAG_STATUS_COLOR, FLAG_STATUS_LABEL } from '../../lib/review-labels.js';

const ACTION_LABEL: Record<FlagStatus, string> = {
  open: 'Reopen',
  confirmed: 'Confirm',
  dismissed: 'Dismiss',
};

/** The conversation's flags; reviewers can confirm, dismiss or reopen each one. */
export function FlagList({
  flags,
  canChange,
  onChanged,
}: {
  flags: Flag[];
  canChange: boolean;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function change(flag: Flag, status: FlagStatus) {
    setBusy(flag.flagId);
    setError(null);
    try {
      await setFlagStatus(flag.flagId, status);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  if (flags.length === 0)
    return <p className="text-tremor-default text-tremor-content">No flags on this conversation.</p>;
  return (
    <div className="flex flex-col gap-2">
      {error && (
        <p
          role="alert"
          className="rounded-tremor-small border border-red-200 bg-red-50 px-3 py-2 text-tremor-default text-red-700"
        >
          {error}
        </p>
      )}
      <ul className="flex flex-col gap-2" data-testid="flag-list">
        {flags.map((flag) => (
          <li
            key={flag.flagId}
            data-flag-id={flag.flagId}
            className="rounded-tremor-small border border-tremor-border p-3"
          >
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-tremor-default font-medium text-tremor-content-strong">
                {FLAG_REASON_LABEL[flag.reason]}
              </span>
              <Badge size="xs" color={FLAG_STATUS_COLOR[flag.status]}>
                {FLAG_STATUS_LABEL[flag.status]}
              </Badge>
              <span className="ml-auto text-tremor-label text-tremor-content-subtle">
                {flag.createdBy} · {formatDateTime(flag.createdAt)}
              </span>
            </div>
            {flag.note && (
              <p className="mt-1.5 whitespace-pre-wrap break-words text-tremor-default text-tremor-content-emphasis">
                {flag.note}
              </p>
            )}
            {canChange && (
              <div className="mt-2 flex gap-3">
                {FLAG_STATUSES.filter((s) => s !== flag.status).map((s) => (
                  <button
                    key={s}
                    type="button"
                    disabled={busy === flag.flagId}
                    onClick={() => void change(flag, s)}
                    className="text-tremor-label font-medium text-tremor-brand hover:text-tremor-brand-emphasis disabled:opacity-50"
                  >
                    {ACTION_LABEL[s]}
                  </button>
                ))}
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
