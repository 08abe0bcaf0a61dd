import { createHash } from 'node:crypto';
import { scoreConversation, type ConversationScore } from '../scoring/index.js';
import type { Transcript } from '../domain.js';
import { addRedactionCounts, emptyRedactionCounts, redactText, type RedactionCounts } from './redact.js';
import type { StageWriter } from './stage.js';
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

/** A record that could not be staged: its place in the chunk, for the caller's raw text. */
export interface ChunkReject {
  index: number;
  line: number;
  conversationId: string | null;
  problem: RecordProblem;
}

/** What staging a chunk did: small enough to send back from a thread whatever the records held. */
export interface ChunkOutcome {
  accepted: number;
  messages: number;
  redactions: RedactionCounts;
  rejects: ChunkReject[];
  /** The writer's longestRow after this chunk (loadStage). */
  longestRow: number;
}

/**
 * Prepares a chunk of records and writes the accepted ones to `writer`'s stage files, flushed
 * before it returns: by the time the caller has every chunk's outcome, the files are complete.
 */
export function stageChunk(records: DecodedRecord[], writer: StageWriter, batchId: string): ChunkOutcome {
  const outcome: ChunkOutcome = { accepted: 0, messages: 0, redactions: emptyRedactionCounts(), rejects: [], longestRow: 0 };
  records.forEach((record, index) => {
    const p = prepareRecord(record);
    if (!p.ok) {
      outcome.rejects.push({ index, line: p.line, conversationId: p.conversationId, problem: p.problem });
      return;
    }
    writer.add(batchId, p.line, p.contentHash, p.transcript, p.score);
    addRedactionCounts(outcome.redactions, p.redactions);
    outcome.accepted += 1;
    outcome.messages += p.transcript.messages.length;
  });
  writer.flush();
  outcome.longestRow = writer.longestRow;
  return outcome;
}
