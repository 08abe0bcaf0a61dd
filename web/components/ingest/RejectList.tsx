import { Badge } from '@tremor/react';
import { formatNumber } from '../../lib/format.js';
import type { Reject } from '../../lib/ingest-api.js';

/**
 * The raw record as it arrived. It is untrusted input (it failed validation, after all), so it
 * is only ever rendered as a React text child inside <pre>: never parsed as HTML.
 */
export function RawRecord({ raw }: { raw: string }) {
  return (
    <pre
      data-testid="reject-raw"
      className="mt-2 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded-tremor-small border border-tremor-border bg-tremor-background-muted p-3 font-mono text-xs leading-relaxed text-tremor-content-emphasis"
    >
      {raw}
    </pre>
  );
}

/** Rejected records: where (line), which conversation, which field, why, and optionally the raw text. */
export function RejectList({ rejects }: { rejects: (Omit<Reject, 'raw'> & { raw?: string })[] }) {
  return (
    <ol className="divide-y divide-tremor-border" aria-label="Rejected records">
      {rejects.map((reject) => (
        <li key={`${reject.line}-${reject.conversationId ?? ''}`} className="py-3" data-testid="reject">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-tremor-default">
            <span className="font-medium tabular-nums text-tremor-content-strong">
              Line {formatNumber(reject.line)}
            </span>
            <span className="text-tremor-content">
              {reject.conversationId ? (
                <>
                  Conversation{' '}
                  <span className="font-mono text-tremor-content-emphasis">{reject.conversationId}</span>
                </>
              ) : (
                'No conversation id'
              )}
            </span>
            {reject.field && (
              <Badge color="amber" size="xs">
                {reject.field}
              </Badge>
            )}
          </div>
          <p className="mt-1 text-tremor-default text-red-700">{reject.message}</p>
          {reject.raw !== undefined && <RawRecord raw={reject.raw} />}
        </li>
      ))}
    </ol>
  );
}
