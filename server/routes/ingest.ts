import { Router, type Request } from 'express';
import type { Database } from '../db/database.js';
import { ingestBatch } from '../ingest/ingest.js';
import type { IngestFormat } from '../ingest/sources.js';
import { batchExists, listBatches, listRejects } from '../queries/batches.js';
import { NotFound, parseOr400, PayloadTooLarge } from './errors.js';
import { pageSchema } from './paging.js';
import { allow } from '../auth/middleware.js';

const FORMAT_BY_CONTENT_TYPE: Record<string, IngestFormat> = {
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/json': 'json',
  'text/csv': 'csv',
};

/** The body as a stream of chunks that fails the batch once it passes the size limit. */
async function* limitedBody(req: Request, maxBytes: number, abort: AbortController): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      abort.abort(new PayloadTooLarge(maxBytes));
      throw new PayloadTooLarge(maxBytes);
    }
    yield chunk;
  }
}

export function ingestRouter(db: Database, opts: { repeatDays: number; maxIngestBytes: number }): Router {
  const router = Router();

  router.post('/ingest', allow('POST /ingest'), async (req, res) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > opts.maxIngestBytes) throw new PayloadTooLarge(opts.maxIngestBytes);
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const abort = new AbortController();
    const result = await ingestBatch(db, limitedBody(req, opts.maxIngestBytes, abort), {
      source: `http${req.query.source ? `:${String(req.query.source).slice(0, 200)}` : ''}`,
      format: FORMAT_BY_CONTENT_TYPE[contentType],
      repeatDays: opts.repeatDays,
      signal: abort.signal,
    });
    res.status(200).json(result);
  });

  router.get('/ingest/batches', allow('GET /ingest/batches'), async (req, res) => {
    const page = parseOr400(pageSchema, req.query);
    res.json(await listBatches(db, page));
  });

  router.get('/ingest/batches/:id/rejects', allow('GET /ingest/batches/:id/rejects'), async (req, res) => {
    const page = parseOr400(pageSchema, req.query);
    const id = String(req.params.id);
    if (!(await batchExists(db, id))) throw new NotFound(`No batch ${id}`);
    res.json(await listRejects(db, id, page));
  });

  return router;
}

