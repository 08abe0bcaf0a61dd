// First: it configures DuckDB's allocator, which loads with './db/database.js'.
import './server-allocator.js';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, ConfigError } from './config.js';
import { Database } from './db/database.js';
import { createApp } from './app.js';
import { loadDemoDataIfEmpty } from './demo.js';
import { listen } from './listen.js';
import { prepareToServe } from './warm-up.js';
import { ensureInitialAdmin, ensureInitToken } from './auth/bootstrap.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await Database.open(config.dbPath, { memoryLimit: config.dbMemory });
  await ensureInitialAdmin(db, config.dbPath, (m) => console.log(m));
  await ensureInitToken(db, config.initAdminToken);
  if (config.demo) await loadDemoDataIfEmpty(db, config, (m) => console.log(m));
  await prepareToServe(db, (m) => console.log(m), config.timeZone);
  const app = createApp({ db, config });
  const server: Server = await listen(app, config.port, config.host);
  // An ingest request's body is read as the batch is processed, so a large batch outlasts Node's
  // default 5-minute request timeout; headersTimeout still guards against slow clients.
  server.requestTimeout = 60 * 60 * 1000;
  const shutdown = () => {
    server.close(() => void db.close().then(() => process.exit(0)));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  // Last: whoever waits for this line may stop the server at once, and gets a clean shutdown.
  // The port is the one it got (PORT=0 asks for any free one).
  const { port } = server.address() as AddressInfo;
  console.log(`Tandem is serving http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port} (database ${config.dbPath})`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
