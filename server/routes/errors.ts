import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import { formatPath } from '../ingest/validate.js';

/** SPEC 8 errors: `{error: {code, message, field?}}`. One family of typed errors, one mapper. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class InvalidRequest extends HttpError {
  constructor(message: string, field?: string) {
    super(400, 'invalid_request', message, field);
  }
}

export class NotFound extends HttpError {
  constructor(message = 'Not found') {
    super(404, 'not_found', message);
  }
}

export class PayloadTooLarge extends HttpError {
  constructor(limitBytes: number) {
    const limit = limitBytes >= 1024 * 1024 ? `${Math.round(limitBytes / 1024 / 1024)} MB` : `${Math.ceil(limitBytes / 1024)} KB`;
    super(413, 'payload_too_large', `Request body is larger than the limit of ${limit}; split the file into smaller batches`);
  }
}

/** Parses request input with a zod schema, turning the first issue into a 400 naming the field. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = formatPath(issue.path) || undefined;
  throw new InvalidRequest(field ? `${field}: ${issue.message}` : issue.message, field);
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFound(`No route for ${req.method} ${req.path}`));
};

export function errorHandler(log: (message: string) => void): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof HttpError) {
      res.status(error.status).json({ error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } });
      return;
    }
    const status = (error as { status?: number }).status;
    if (status === 413) {
      res.status(413).json({ error: { code: 'payload_too_large', message: 'Request body is too large' } });
      return;
    }
    if (status === 400 && (error as { type?: string }).type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'invalid_json', message: 'Request body is not valid JSON' } });
      return;
    }
    // DuckDB's errors come from native code with no JavaScript frames: the route says where.
    // The path only, never the query string or headers, which may carry filters or credentials.
    log(`Unhandled error on ${req.method} ${req.path}: ${(error as Error).stack ?? String(error)}`);
    res.status(500).json({ error: { code: 'internal', message: 'Internal server error' } });
  };
}
