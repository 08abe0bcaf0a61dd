import type { TriggerKind } from '../../server/domain.js';

/**
 * Finds the words that set a trigger off inside a message, so the transcript can mark them.
 * Evidence strings come from the scorer (server/scoring/triggers.ts): quoted matches
 * (`"agent please"`, `bereavement: "in hospital"`) and, for strong negativity, the sentiment
 * rules that weighed most (`lexicon: charged (-3); phrase: still waiting (-3)`), negative weights only.
 * Everything here works on plain strings; the caller renders the pieces as React text.
 */

const QUOTED = /"([^"]+)"/g;
/** `lexicon: word (-3)`, `phrase: still waiting (-3)`, `learned: wrong (-0.6)`, `intensifier: so stressed`. */
const RULE_TERM = /(?:^|[(;]\s*)(?:lexicon|phrase|learned|intensifier|negated|emoji):\s*([^();]+?)\s*(?:\(([+-]?[\d.]+)\))?\s*(?=[;)]|$)/g;

export function evidenceTerms(evidence: string): string[] {
  const terms = new Set<string>();
  for (const match of evidence.matchAll(QUOTED)) terms.add(match[1]!.trim());
  for (const match of evidence.matchAll(RULE_TERM)) {
    // Learned bigrams are joined with "_" ("not_this"); they rarely appear verbatim, so skip them.
    // A positively weighted word ("agreed (+1)") pulled the score up: it did not set the trigger off.
    const term = match[1]!.trim();
    const weight = match[2] === undefined ? -1 : Number(match[2]);
    if (term && !term.includes('_') && weight < 0) terms.add(term);
  }
  return [...terms].filter((t) => t.length > 0);
}

export interface Segment {
  text: string;
  /** The trigger kinds whose evidence covers this piece; empty for ordinary text. */
  kinds: TriggerKind[];
}

interface Span {
  start: number;
  end: number;
  kind: TriggerKind;
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** Case-insensitive occurrences of `term` in `text` that start and end on word boundaries. */
function occurrences(text: string, term: string): [number, number][] {
  const out: [number, number][] = [];
  const haystack = text.toLowerCase();
  const needle = term.toLowerCase();
  let from = 0;
  while (needle && from <= haystack.length) {
    const at = haystack.indexOf(needle, from);
    if (at === -1) break;
    const end = at + needle.length;
    const bounded = !isWordChar(text[at - 1]) || !isWordChar(text[at]);
    const boundedEnd = !isWordChar(text[end]) || !isWordChar(text[end - 1]);
    if (bounded && boundedEnd) out.push([at, end]);
    from = at + 1;
  }
  return out;
}

/**
 * Splits `text` into plain and highlighted segments for the given triggers' evidence.
 * Overlapping matches merge; the segments concatenate back to exactly `text`.
 */
export function highlightSegments(
  text: string,
  triggers: readonly { kind: TriggerKind; evidence: string }[],
): Segment[] {
  const spans: Span[] = [];
  for (const trigger of triggers) {
    for (const term of evidenceTerms(trigger.evidence)) {
      for (const [start, end] of occurrences(text, term)) spans.push({ start, end, kind: trigger.kind });
    }
  }
  if (spans.length === 0) return text ? [{ text, kinds: [] }] : [];
  // Boundaries where coverage can change; each piece between two of them has one set of kinds.
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    if (end <= start) continue;
    const kinds = [...new Set(spans.filter((s) => s.start <= start && s.end >= end).map((s) => s.kind))];
    const prev = segments[segments.length - 1];
    if (prev && prev.kinds.join() === kinds.join()) prev.text += text.slice(start, end);
    else segments.push({ text: text.slice(start, end), kinds });
  }
  return segments;
}
