import { apiFetch, apiUrl, ApiError } from './api.js';

/** The PII kinds the ingest step redacts (SPEC 2), in display order. */
export const REDACTION_KINDS = ['CARD', 'IBAN', 'EMAIL', 'PHONE', 'NATIONAL_ID'] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

export interface Batch {
  batchId: string;
  source: string;
  format: string;
  status: string;
  createdAt: string;
  finishedAt: string | null;
  received: number;
  accepted: number;
  rejected: number;
  unchanged: number;
  messages: number;
  redactions: Partial<Record<RedactionKind, number>>;
}

export interface Reject {
  line: number;
  conversationId: string | null;
  field: string | null;
  message: string;
  /** The record as it arrived (redacted, possibly clipped). Untrusted: render as text only. */
  raw: string;
}

export interface PageOf<T> {
  total: number;
  items: T[];
}

export interface BatchResult {
  batchId: string;
  format: string;
  received: number;
  accepted: number;
  rejected: number;
  unchanged: number;
  messages: number;
  rejects: Omit<Reject, 'raw'>[];
}

export const batchesUrl = (limit: number, offset: number): string =>
  apiUrl('/ingest/batches', { limit, offset });

export const rejectsUrl = (batchId: string, limit: number, offset: number): string =>
  apiUrl(`/ingest/batches/${encodeURIComponent(batchId)}/rejects`, { limit, offset });

/** Content types the ingest endpoint understands, by file extension; gzip is sniffed by the server. */
const CONTENT_TYPE_BY_EXTENSION: Record<string, string> = {
  jsonl: 'application/x-ndjson',
  ndjson: 'application/x-ndjson',
  json: 'application/json',
  csv: 'text/csv',
  gz: 'application/octet-stream',
};

export const ACCEPTED_EXTENSIONS = Object.keys(CONTENT_TYPE_BY_EXTENSION).map((ext) => `.${ext}`);

export function contentTypeFor(fileName: string): string | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return extension ? (CONTENT_TYPE_BY_EXTENSION[extension] ?? null) : null;
}

export async function uploadBatch(file: File, signal?: AbortSignal): Promise<BatchResult> {
  const contentType = contentTypeFor(file.name);
  if (!contentType) {
    throw new ApiError(400, 'unsupported_file', `Choose a ${ACCEPTED_EXTENSIONS.join(', ')} file.`);
  }
  return apiFetch<BatchResult>(apiUrl('/ingest', { source: `upload:${file.name}` }), {
    method: 'POST',
    body: file,
    headers: { 'Content-Type': contentType },
    signal,
  });
}
