import { useState } from 'react';
import type { AuditItem } from '../../lib/review-api.js';
import { auditActionLabel } from '../../lib/review-labels.js';
import { formatDateTime } from '../../lib/format.js';

const SHOWN_AT_FIRST = 6;

/** A before/after JSON text as "key: value" pairs; text only, whatever it holds. */
function describe(json: string | null): string {
  if (!json) return '';
  try {
    const value: unknown = JSON.parse(json);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.entries(value as Record<string, unknown>)
        .filter(([key, v]) => key !== 'reviewerId' && v !== '')
        .map(([key, v]) => `${key}: ${v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(', ');
    }
    return String(value);
  } catch {
    return json;
  }
}

/** Who changed what on this conversation, and when (newest first, as the API answers). */
export function AuditTrail({ items }: { items: AuditItem[] }) {
  const [all, setAll] = useState(false);
  if (items.length === 0)
    return <p className="text-tremor-default text-tremor-content">No review activity yet.</p>;
  const shown = all ? items : items.slice(0, SHOWN_AT_FIRST);
  return (
    <div>
      <ol className="relative space-y-3 border-l border-tremor-border pl-4" data-testid="audit-trail">
        {shown.map((item) => {
          const before = describe(item.before);
          const after = describe(item.after);
          return (
            <li key={item.auditId} className="relative text-tremor-default">
              <span
                className="absolute -left-[21px] top-1.5 h-2 w-2 rounded-full bg-tremor-content-subtle"
                aria-hidden="true"
              />
              <p className="text-tremor-content-strong">
                <span className="font-medium">{item.actor}</span> · {auditActionLabel(item.action)}
                <span className="ml-2 text-tremor-label text-tremor-content-subtle">
                  {formatDateTime(item.at)}
                </span>
              </p>
              {(before || after) && (
                <p className="mt-0.5 break-words text-tremor-label text-tremor-content">
                  {before && <span className="line-through decoration-tremor-content-subtle">{before}</span>}
                  {before && after && ' → '}
                  {after}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {items.length > SHOWN_AT_FIRST && (
        <button
          type="button"
          onClick={() => setAll(!all)}
          className="mt-3 text-tremor-default font-medium text-tremor-brand hover:text-tremor-brand-emphasis"
        >
          {all ? 'Show fewer' : `Show all ${items.length} entries`}
        </button>
      )}
    </div>
  );
}
