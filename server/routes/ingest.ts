import { Router, type Request } from 'express';
import type { Database } from '../db/database.js';
import { ingestBatch } from '../ingest/ingest.js';
import { decompressed, isGzip, peek, type IngestFormat } from '../ingest/sources.js';
import { redactText } from '../ingest/redact.js';
import { batchExists, listBatches, listRejects } from '../queries/batches.js';
import { InvalidRequest, NotFound, parseOr400, PayloadTooLarge } from './errors.js';
import { pageSchema } from './paging.js';
import { allow } from '../auth/middleware.js';

const FORMAT_BY_CONTENT_TYPE: Record<string, IngestFormat> = {
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/json': 'json',
  'text/csv': 'csv',
};

/**
 * A reject's message can quote the input: JSON.parse's errors show ~10 characters either side of
 * the fault, e.g. an unquoted e-mail address. ingestBatch redacts it before storage; rejects
 * stored by versions before that are redacted here on the way out.
 */
const redactMessages = <T extends { message: string }>(rejects: T[]): T[] =>
  rejects.map((r) => ({ ...r, message: redactText(r.message) }));

/** A stream of chunks that fails the batch once it passes the size limit. */
async function* limited(source: AsyncIterable<Buffer>, maxBytes: number, abort: AbortController): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) {
      abort.abort(new PayloadTooLarge(maxBytes));
      throw new PayloadTooLarge(maxBytes);
    }
    yield chunk;
  }
}

/**
 * The body as plain bytes, limited before and after gunzip: a few KB of gzip can expand to
 * gigabytes (a "zip bomb") and would hold the single writer for as long as it takes to read.
 * Broken gzip is the client's error (400), not the server's.
 */
async function* plainBody(req: Request, maxBytes: number, abort: AbortController): AsyncGenerator<Buffer> {
  try {
    // destroyOnReturn false: stopping early must not destroy the socket before the 413 is sent.
    const wire = req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
    const { head, stream } = await peek(limited(decompressed(limited(wire, maxBytes, abort)), maxBytes, abort));
    // ingestBatch gunzips once more if it sees gzip, and that layer would escape the limit.
    if (isGzip(head)) throw new InvalidRequest('The body is gzip inside gzip; compress the file once');
    yield* stream;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw new InvalidRequest(`The body is not valid gzip: ${(error as Error).message}`);
    }
    throw error;
  }
}

export function ingestRouter(db: Database, opts: { repeatDays: number; maxIngestBytes: number; ingestThreads?: number }): Router {
  const router = Router();

  router.post('/ingest', allow('POST /ingest'), async (req, res) => {
    try {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > opts.maxIngestBytes) throw new PayloadTooLarge(opts.maxIngestBytes);
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const abort = new AbortController();
      const result = await ingestBatch(db, plainBody(req, opts.maxIngestBytes, abort), {
        source: `http${req.query.source ? `:${String(req.query.source).slice(0, 200)}` : ''}`,
        format: FORMAT_BY_CONTENT_TYPE[contentType],
        repeatDays: opts.repeatDays,
        threads: opts.ingestThreads,
        signal: abort.signal,
      });
      res.status(200).json(result);
    } catch (error) {
      // The rest of a refused body is never read, so the connection cannot carry another request.
      if (!req.complete) res.set('Connection', 'close');
      throw error;
    }
  });

  router.get('/ingest/batches', allow('GET /ingest/batches'), async (req, res) => {
    const page = parseOr400(pageSchema, req.query);
    res.json(await listBatches(db, page));
  });

  router.get('/ingest/batches/:id/rejects', allow('GET /ingest/batches/:id/rejects'), async (req, res) => {
    const page = parseOr400(pageSchema, req.query);
    const id = String(req.params.id);
    if (!(await batchExists(db, id))) throw new NotFound(`No batch ${id}`);
    const rejects = await listRejects(db, id, page);
    res.json({ ...rejects, items: redactMessages(rejects.items) });
  });

  return router;
}

