import { loadConfig } from '../config.js';
import { Database } from '../db/database.js';
import { deleteCustomer, deleteOlderThan, MAX_RETENTION_DAYS } from '../queries/retention.js';

const USAGE = `Usage: npm run retention -- older-than <days> [--dry-run]
       npm run retention -- customer <customer-id> [--dry-run]
  older-than: deletes conversations that started more than <days> x 24 h ago (1-${MAX_RETENTION_DAYS}).
  customer:   deletes every conversation of one customer, with their rejects (data-protection request).
  Both delete the rows that belong to those conversations, in one transaction recorded in the
  audit trail as actor "cli", and print the counts per table (--dry-run: count, delete nothing).
  Database: TANDEM_DB.`;

type Command = { kind: 'older-than'; days: number; dryRun: boolean } | { kind: 'customer'; customerId: string; dryRun: boolean };

function parseArgs(args: string[]): Command {
  const dryRun = args.includes('--dry-run');
  const [kind, value, ...rest] = args.filter((a) => a !== '--dry-run');
  if (!value || rest.length > 0) throw new Error(USAGE);
  if (kind === 'customer') return { kind, customerId: value, dryRun };
  if (kind === 'older-than' && /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_RETENTION_DAYS) {
    return { kind, days: Number(value), dryRun };
  }
  throw new Error(USAGE);
}

async function main(): Promise<void> {
  const command = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const db = await Database.open(config.dbPath, { memoryLimit: config.dbMemory });
  try {
    const common = { actor: 'cli', repeatDays: config.repeatDays, dryRun: command.dryRun };
    const result = command.kind === 'customer'
      ? await deleteCustomer(db, { ...common, customerId: command.customerId })
      : await deleteOlderThan(db, { ...common, days: command.days });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
