import { useState, type FormEvent } from 'react';
import { Button } from '@tremor/react';
import { errorMessage } from '../../lib/api.js';
import { assignConversations } from '../../lib/review-api.js';

/** Managers: assign the checked rows to a reviewer by username. */
export function AssignBar({
  ids,
  onAssigned,
  onClear,
}: {
  ids: string[];
  onAssigned: (message: string) => void;
  onClear: () => void;
}) {
  const [reviewer, setReviewer] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await assignConversations(ids, reviewer.trim());
      onAssigned(
        `Assigned ${result.assigned} ${result.assigned === 1 ? 'conversation' : 'conversations'} to ${result.reviewer}.`,
      );
      setReviewer('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={submit}
      className="flex flex-wrap items-center gap-3 rounded-tremor-default border border-tremor-brand-muted bg-tremor-brand-faint px-4 py-2.5"
      aria-label="Assign selected conversations"
    >
      <span className="text-tremor-default font-medium text-tremor-brand-emphasis">
        {ids.length} selected
      </span>
      <label htmlFor="assign-reviewer" className="text-tremor-default text-tremor-content-emphasis">
        Assign to
      </label>
      <input
        id="assign-reviewer"
        value={reviewer}
        onChange={(e) => setReviewer(e.target.value)}
        placeholder="reviewer's username"
        autoComplete="off"
        className="h-8 w-48 rounded-tremor-small border border-tremor-border bg-tremor-background px-2.5 text-tremor-default outline-none focus:border-tremor-brand-subtle focus:ring-2 focus:ring-tremor-brand-muted"
      />
      <Button type="submit" size="xs" loading={busy} disabled={!reviewer.trim()}>
        Assign
      </Button>
      <button
        type="button"
        onClick={onClear}
        className="text-tremor-default text-tremor-content hover:text-tremor-content-emphasis"
      >
        Clear selection
      </button>
      {error && (
        <p role="alert" className="w-full text-tremor-default text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
