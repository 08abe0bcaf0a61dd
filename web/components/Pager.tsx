import { Button } from '@tremor/react';
import { formatNumber } from '../lib/format.js';

interface PagerProps {
  total: number;
  limit: number;
  offset: number;
  onOffsetChange: (offset: number) => void;
  /** What is being paged, singular and plural, for the summary line: ['batch', 'batches']. */
  noun: readonly [string, string];
}

/** "Showing 21–40 of 57 batches" with previous/next. */
export function Pager({ total, limit, offset, onOffsetChange, noun: [one, plural] }: PagerProps) {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <div className="flex items-center justify-between gap-3 pt-4">
      <p className="text-tremor-default text-tremor-content" aria-live="polite">
        {total === 0
          ? `No ${plural}`
          : `Showing ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)} ${total === 1 ? one : plural}`}
      </p>
      <div className="flex gap-2">
        <Button
          size="xs"
          variant="secondary"
          disabled={offset === 0}
          onClick={() => onOffsetChange(Math.max(0, offset - limit))}
        >
          Previous
        </Button>
        <Button
          size="xs"
          variant="secondary"
          disabled={offset + limit >= total}
          onClick={() => onOffsetChange(offset + limit)}
        >
          Next
        </Button>
      </div>
    </div>
  );
}
