import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express from 'express';
import type { Database } from './db/database.js';
import type { Config } from './config.js';
import { errorHandler, notFoundHandler } from './routes/errors.js';
import { healthRouter } from './routes/health.js';
import { ingestRouter } from './routes/ingest.js';
import { metricsRouter } from './routes/metrics.js';
import { conversationsRouter } from './routes/conversations.js';
import { adminRouter } from './routes/admin.js';
import { authRouter } from './routes/auth.js';
import { usersRouter } from './routes/users.js';
import { reviewRouter } from './routes/review.js';
import { reportsRouter } from './routes/reports.js';
import { retentionRouter } from './routes/retention.js';
import { apiNotFound, authenticate } from './auth/middleware.js';
import { securityHeaders } from './routes/security-headers.js';

export interface AppDeps {
  db: Database;
  config: Pick<Config, 'repeatDays' | 'maxIngestBytes'> & { secureCookies?: boolean; timeZone?: string; ingestThreads?: number };
  log?: (message: string) => void;
  /** Folder of the built dashboard; defaults to dist/web. */
  webRoot?: string;
}

export const DEFAULT_WEB_ROOT = resolve(import.meta.dirname, '..', 'dist', 'web');

export function createApp({ db, config, log = console.error, webRoot = DEFAULT_WEB_ROOT }: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // CSP and the other helmet headers on every answer, API and dashboard alike (SECURITY.md).
  app.use(securityHeaders());

  const api = express.Router();
  api.use(authenticate(db));
  api.use(healthRouter(db));
  api.use(authRouter(db, { secureCookies: config.secureCookies ?? false }));
  api.use(usersRouter(db));
  api.use(ingestRouter(db, config));
  api.use(metricsRouter(db));
  api.use(conversationsRouter(db));
  api.use(adminRouter(db));
  api.use(retentionRouter(db, config));
  api.use(reviewRouter(db));
  api.use(reportsRouter(db, { timeZone: config.timeZone ?? 'UTC' }));
  api.use(apiNotFound);
  app.use('/api', api);

  if (existsSync(join(webRoot, 'index.html'))) {
    app.use(express.static(webRoot, { index: false, maxAge: '1h' }));
    // Client-side routes: every other GET gets the app shell, which routes in the browser.
    app.get('/{*path}', (_req, res) => {
      res.set('Cache-Control', 'no-cache').sendFile(join(webRoot, 'index.html'));
    });
  }
  app.use(notFoundHandler);
  app.use(errorHandler(log));
  return app;
}
