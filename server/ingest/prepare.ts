import { createHash } from 'node:crypto';
import { scoreConversation, type ConversationScore } from '../scoring/index.js';
import type { Transcript } from '../domain.js';
import { emptyRedactionCounts, redactText, type RedactionCounts } from './redact.js';
import { validateRecord, type RecordProblem } from './validate.js';

/** A decoded record on its way to the stage: its line and the value its parser produced. */
export interface DecodedRecord {
  line: number;
  value: unknown;
}

/** What a record becomes: a reason to reject it, or a redacted, scored conversation to stage. */
export type Prepared =
  | { line: number; ok: false; conversationId: string | null; problem: RecordProblem }
  | { line: number; ok: true; contentHash: string; transcript: Transcript; score: ConversationScore; redactions: RedactionCounts };

/** Identifies a conversation's stored content, so re-sending it is recognised as no change. */
function contentHash(t: Transcript): string {
  return createHash('sha1').update(JSON.stringify(t)).digest('base64url');
}

/**
 * validate -> redact -> score for one record: the CPU-heavy, side-effect-free part of ingestion,
 * run on worker threads (prepare-pool.ts) or in the calling thread. Redaction comes before the
 * hash and the scores, so nothing derived from unredacted text is ever stored.
 */
export function prepareRecord({ line, value }: DecodedRecord): Prepared {
  const validation = validateRecord(value);
  if (!validation.ok) {
    const id = (value as { conversation_id?: unknown } | null)?.conversation_id;
    return { line, ok: false, conversationId: typeof id === 'string' ? id : null, problem: validation.problem };
  }
  const transcript = validation.transcript;
  const redactions = emptyRedactionCounts();
  for (const m of transcript.messages) if (m.text !== null) m.text = redactText(m.text, redactions);
  return { line, ok: true, contentHash: contentHash(transcript), transcript, score: scoreConversation(transcript), redactions };
}
