import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button } from '@tremor/react';
import { FLAG_REASONS, type FlagReason } from '../../../server/domain.js';
import { errorMessage } from '../../lib/api.js';
import { createFlag, type Flag } from '../../lib/review-api.js';
import { FLAG_REASON_LABEL } from '../../lib/review-labels.js';
import { Kbd } from './Kbd.js';

/**
 * Flag one conversation: pick a reason (digits 1-6 pick it), add a note, Enter submits and
 * Escape closes. Digits typed into the note stay in the note.
 */
export function FlagDialog({
  conversationId,
  onClose,
  onFlagged,
}: {
  conversationId: string;
  onClose: () => void;
  onFlagged: (flag: Flag) => void;
}) {
  const [reason, setReason] = useState<FlagReason | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const panel = useRef<HTMLFormElement>(null);

  useEffect(() => panel.current?.focus(), []);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (busy) return;
    if (!reason) return setError('Pick a reason first (keys 1–6).');
    setBusy(true);
    setError(null);
    try {
      onFlagged(await createFlag(conversationId, reason, note.trim()));
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    const inNote = event.target instanceof HTMLTextAreaElement;
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void submit();
    } else if (!inNote && /^[1-6]$/.test(event.key)) {
      event.preventDefault();
      setReason(FLAG_REASONS[Number(event.key) - 1]!);
      setError(null);
    }
    // The queue's own shortcuts must not see keys meant for the dialog.
    event.stopPropagation();
  }

  return (
    <div
      className="fixed inset-0 z-50 flex items-start justify-center bg-gray-900/30 px-4 pt-[12vh]"
      onMouseDown={onClose}
    >
      <form
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby="flag-dialog-title"
        tabIndex={-1}
        onSubmit={submit}
        onKeyDown={onKeyDown}
        onMouseDown={(e) => e.stopPropagation()}
        className="w-full max-w-md rounded-tremor-default border border-tremor-border bg-tremor-background p-6 shadow-tremor-dropdown outline-none"
      >
        <h2 id="flag-dialog-title" className="text-tremor-title font-semibold text-tremor-content-strong">
          Flag conversation
        </h2>
        <p className="mt-0.5 font-mono text-tremor-default text-tremor-content">{conversationId}</p>
        <fieldset className="mt-4">
          <legend className="text-tremor-default font-medium text-tremor-content-emphasis">Reason</legend>
          <div className="mt-2 grid grid-cols-2 gap-2">
            {FLAG_REASONS.map((r, i) => (
              <label
                key={r}
                className={`flex cursor-pointer items-center gap-2 rounded-tremor-small border px-3 py-2 text-tremor-default transition-colors ${
                  reason === r
                    ? 'border-tremor-brand bg-tremor-brand-faint text-tremor-brand-emphasis'
                    : 'border-tremor-border text-tremor-content-emphasis hover:bg-tremor-background-muted'
                }`}
              >
                <input
                  type="radio"
                  name="flag-reason"
                  value={r}
                  checked={reason === r}
                  onChange={() => setReason(r)}
                  className="sr-only"
                />
                <Kbd>{i + 1}</Kbd>
                {FLAG_REASON_LABEL[r]}
              </label>
            ))}
          </div>
        </fieldset>
        <label
          htmlFor="flag-note"
          className="mt-4 block text-tremor-default font-medium text-tremor-content-emphasis"
        >
          Note <span className="font-normal text-tremor-content">(optional)</span>
        </label>
        <textarea
          id="flag-note"
          rows={3}
          maxLength={5000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="What went wrong, in a sentence"
          className="mt-1.5 w-full resize-none rounded-tremor-default border border-tremor-border px-3 py-2 text-tremor-default text-tremor-content-strong shadow-tremor-input outline-none focus:border-tremor-brand-subtle focus:ring-2 focus:ring-tremor-brand-muted"
        />
        {error && (
          <p
            role="alert"
            className="mt-3 rounded-tremor-small border border-red-200 bg-red-50 px-3 py-2 text-tremor-default text-red-700"
          >
            {error}
          </p>
        )}
        <div className="mt-5 flex items-center justify-between gap-3">
          <p className="flex items-center gap-1 text-tremor-label text-tremor-content">
            <Kbd>Enter</Kbd> flag · <Kbd>Shift</Kbd>+<Kbd>Enter</Kbd> new line · <Kbd>Esc</Kbd> close
          </p>
          <div className="flex gap-2">
            <Button type="button" variant="secondary" size="xs" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" size="xs" loading={busy}>
              Flag
            </Button>
          </div>
        </div>
      </form>
    </div>
  );
}
