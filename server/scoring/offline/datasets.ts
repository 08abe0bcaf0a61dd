import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROLES, type Role, type Transcript } from '../../domain.js';

/**
 * Offline only (train, evaluate, tests): reads the shared development data sets. The runtime
 * scoring modules never import this folder.
 */
export const SHARED_DATA_DIR = resolve(import.meta.dirname, '../../../../shared/data');

/** Every HOLDOUT_EVERY-th record by line (line index % 5 === 4) is held out and never tuned on. */
export const HOLDOUT_EVERY = 5;
export const isHoldout = (line: number): boolean => line % HOLDOUT_EVERY === HOLDOUT_EVERY - 1;

export function sharedDataAvailable(): boolean {
  return existsSync(resolve(SHARED_DATA_DIR, 'airline_sentiment_dev.jsonl.gz'));
}

// Record shape of the shared files (transcript format v1 plus the source's labels).
interface RawRecord {
  conversation_id: string;
  started_at: string;
  channel?: string;
  language?: string | null;
  customer?: { id?: string; tier?: string };
  topic?: string | null;
  csat?: number | null;
  messages: Array<{ role: string; text?: string; ts?: string | null; event?: string; agent_id?: string }>;
  labels: Record<string, unknown>;
}

export function readJsonlGz(file: string): RawRecord[] {
  const text = gunzipSync(readFileSync(resolve(SHARED_DATA_DIR, file))).toString('utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as RawRecord);
}

const toMs = (iso: string | null | undefined): number | null => (iso ? Date.parse(iso) : null);

/** A minimal stand-in for the ingest layer's validation: enough to score the shared files. */
export function toTranscript(r: RawRecord): Transcript {
  return {
    conversationId: r.conversation_id,
    startedAt: Date.parse(r.started_at),
    endedAt: null,
    channel: 'chat',
    market: null,
    language: r.language ?? null,
    customerId: r.customer?.id ?? null,
    tier: r.customer?.tier === 'vip' ? 'vip' : 'standard',
    topic: null,
    csat: r.csat ?? null,
    resolved: null,
    metadata: {},
    messages: r.messages.map((m, index) => ({
      index,
      role: (ROLES as readonly string[]).includes(m.role) ? (m.role as Role) : 'system',
      text: m.text ?? null,
      ts: toMs(m.ts),
      event: m.event ?? null,
      agentId: m.agent_id ?? null,
    })),
  };
}

export interface LabelledText {
  line: number;
  text: string;
  label: string;
}

/** Airline tweets with their 3-class sentiment label. */
export function loadAirline(): LabelledText[] {
  return readJsonlGz('airline_sentiment_dev.jsonl.gz').map((r, line) => ({
    line,
    text: r.messages[0].text ?? '',
    label: String(r.labels.sentiment),
  }));
}

/** BANKING77 queries with their intent. */
export function loadBanking(): LabelledText[] {
  return readJsonlGz('banking77_train.jsonl.gz').map((r, line) => ({
    line,
    text: r.messages[0].text ?? '',
    label: String(r.labels.intent),
  }));
}

export interface RatedConversation {
  line: number;
  transcript: Transcript;
  /** Mean of the raters' overall satisfaction (1-5). */
  rating: number;
  /** Per customer turn: message index and mean rating. */
  turns: Array<{ index: number; mean: number }>;
}

export function loadUss(): RatedConversation[] {
  return readJsonlGz('uss_satisfaction.jsonl.gz').map((r, line) => {
    const overall = r.labels.overall_satisfaction as { mean: number };
    const turns = (r.labels.turn_satisfaction as Array<{ message_index: number; mean: number }>) ?? [];
    return {
      line,
      transcript: toTranscript(r),
      rating: overall.mean,
      turns: turns.map((t) => ({ index: t.message_index, mean: t.mean })),
    };
  });
}
