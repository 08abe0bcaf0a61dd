/** The HTTP runs of `npm run bench`: a generated file streamed to POST /api/ingest, as one or several requests. */
import { createReadStream } from 'node:fs';
import { request } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { BenchFile } from './bench-data.js';

const CONTENT_TYPES = { jsonl: 'application/x-ndjson', csv: 'text/csv' } as const;

export interface HttpIngestResult {
  seconds: number;
  requests: number;
  conversations: number;
  messages: number;
  rejected: number;
  largestRequestBytes: number;
}

interface IngestAnswer {
  accepted: number;
  rejected: number;
  messages: number;
}

/** Streams bytes [start, end) of the file, after `prefix`, as one request; resolves with the batch result. */
async function postPart(server: { url: string; token: string }, file: BenchFile, prefix: string, start: number, end: number): Promise<IngestAnswer> {
  const head = Buffer.from(prefix);
  const req = request(`${server.url}/api/ingest?source=bench`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.token}`,
      'content-type': CONTENT_TYPES[file.format],
      'content-length': head.length + end - start,
    },
  });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  if (head.length) req.write(head);
  // A server that refuses early (401, 413) closes the upload: its answer says more than the broken pipe.
  const sent = pipeline(createReadStream(file.path, { start, end: end - 1 }), req).then(() => null, (error: unknown) => error);
  const { status, body } = await answered;
  if (status !== 200) throw new Error(`POST /api/ingest answered ${status}: ${body.slice(0, 500)}`);
  const sendError = await sent;
  if (sendError) throw sendError;
  return JSON.parse(body) as IngestAnswer;
}

/** Sends the file part by part (file.boundaries), one request after the other, and sums the answers. */
export async function ingestOverHttp(server: { url: string; token: string }, file: BenchFile): Promise<HttpIngestResult> {
  const result: HttpIngestResult = { seconds: 0, requests: 0, conversations: 0, messages: 0, rejected: 0, largestRequestBytes: 0 };
  const started = performance.now();
  for (let i = 0; i + 1 < file.boundaries.length; i++) {
    const [start, end] = [file.boundaries[i]!, file.boundaries[i + 1]!];
    const prefix = i === 0 ? '' : file.partPrefix;
    const answer = await postPart(server, file, prefix, start, end);
    result.requests += 1;
    result.conversations += answer.accepted;
    result.messages += answer.messages;
    result.rejected += answer.rejected;
    result.largestRequestBytes = Math.max(result.largestRequestBytes, Buffer.byteLength(prefix) + end - start);
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
