import type { Trigger } from '../../lib/api-types.js';
import { highlightSegments } from '../../lib/highlight.js';
import { TRIGGER_LABEL } from '../../lib/labels.js';

/**
 * Message text with the words that set off its triggers marked. The text is untrusted: it is
 * split into plain strings and rendered as React text children (escaped), never as HTML.
 */
export function HighlightedText({ text, triggers }: { text: string; triggers: readonly Trigger[] }) {
  const segments = highlightSegments(text, triggers);
  return (
    <p className="whitespace-pre-wrap break-words text-tremor-default leading-relaxed text-tremor-content-strong" data-testid="message-text">
      {segments.map((segment, i) =>
        segment.kinds.length ? (
          <mark
            key={i}
            className="rounded bg-rose-100 px-0.5 text-rose-900 ring-1 ring-rose-200"
            title={segment.kinds.map((k) => TRIGGER_LABEL[k]).join(', ')}
            data-trigger={segment.kinds.join(' ')}
          >
            {segment.text}
          </mark>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </p>
  );
}
