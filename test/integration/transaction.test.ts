import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../server/db/database.js';
import { openTempDatabase } from '../helpers/db.js';

describe('inTransaction', () => {
  it('rolls back on error and rethrows the error itself', async () => {
    const temp = await openTempDatabase();
    try {
      await expect(temp.db.write((conn) => inTransaction(conn, async () => {
        await conn.run(`INSERT INTO meta VALUES ('tx-test', '1')`);
        throw new Error('work failed');
      }))).rejects.toThrow('work failed');
      expect(await temp.db.one(`SELECT count(*)::INTEGER AS n FROM meta WHERE key = 'tx-test'`)).toEqual({ n: 0 });
    } finally {
      await temp.close();
    }
  });

  it('still reports why when the transaction already ended (as a failed COMMIT ends it), not the ROLLBACK that then fails', async () => {
    const temp = await openTempDatabase();
    try {
      await expect(temp.db.write((conn) => inTransaction(conn, async () => {
        await conn.run('ROLLBACK');
        throw new Error('the reason');
      }))).rejects.toThrow('the reason');
    } finally {
      await temp.close();
    }
  });
});
