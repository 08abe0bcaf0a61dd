import { z } from 'zod';
import { timeZoneSchema } from './reports/options.js';
import { DEFAULT_MEMORY_LIMIT } from './db/database.js';

/** SPEC 9: configuration from the environment, validated once at start. */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  TANDEM_DB: z.string().min(1).default('data/tandem.duckdb'),
  TANDEM_DEMO: z.enum(['on', 'off']).default('on'),
  TANDEM_INIT_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** SPEC 3: R, the repeat-contact window in days. */
  TANDEM_REPEAT_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** Largest ingest body accepted over HTTP; larger requests get 413. */
  TANDEM_MAX_INGEST_MB: z.coerce.number().int().min(1).max(16384).default(256),
  /** Size of the demo data set loaded into an empty database. */
  TANDEM_DEMO_CONVERSATIONS: z.coerce.number().int().min(100).max(10_000_000).default(20_000),
  TANDEM_DEMO_WEEKS: z.coerce.number().int().min(1).max(104).default(8),
  /** DuckDB's memory cap (its buffer pool); it spills to disk beyond it. */
  TANDEM_DB_MEMORY: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'must be a size such as 512MB or 2GB').default(DEFAULT_MEMORY_LIMIT),
  /** Worker threads that validate, redact, score and stage during ingestion; 0 does it on the main thread. Default: one per core. */
  TANDEM_INGEST_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  /** Mark the session cookie Secure: set it when the dashboard is served over HTTPS (behind a proxy). */
  TANDEM_SECURE_COOKIES: z.enum(['on', 'off']).default('off'),
  /** Time zone of the weekly summary's ISO weeks. */
  TANDEM_TIME_ZONE: timeZoneSchema.default('UTC'),
});

export type Config = {
  port: number;
  host: string;
  dbPath: string;
  demo: boolean;
  initAdminToken: string | undefined;
  repeatDays: number;
  maxIngestBytes: number;
  demoConversations: number;
  demoWeeks: number;
  timeZone: string;
  dbMemory: string;
  ingestThreads: number | undefined;
  secureCookies: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.')}=${JSON.stringify(env[String(issue.path[0])])}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dbPath: c.TANDEM_DB,
    demo: c.TANDEM_DEMO === 'on',
    initAdminToken: c.TANDEM_INIT_ADMIN_TOKEN,
    repeatDays: c.TANDEM_REPEAT_DAYS,
    maxIngestBytes: c.TANDEM_MAX_INGEST_MB * 1024 * 1024,
    demoConversations: c.TANDEM_DEMO_CONVERSATIONS,
    demoWeeks: c.TANDEM_DEMO_WEEKS,
    timeZone: c.TANDEM_TIME_ZONE,
    dbMemory: c.TANDEM_DB_MEMORY,
    ingestThreads: c.TANDEM_INGEST_THREADS,
    secureCookies: c.TANDEM_SECURE_COOKIES === 'on',
  };
}
