import { describe, expect, it } from 'vitest';
import { newBatchId } from '../../../server/ingest/batch-id.js';

describe('newBatchId', () => {
  it('is a UUID version 7 that starts with the time in milliseconds', () => {
    const id = newBatchId(Date.UTC(2030, 0, 1));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace('-', '').slice(0, 12), 16)).toBe(Date.UTC(2030, 0, 1));
  });

  it('sorts in the order the ids were made, within one millisecond too', () => {
    const now = Date.UTC(2031, 5, 1);
    const ids = Array.from({ length: 50 }, () => newBatchId(now));
    expect(new Set(ids).size).toBe(50);
    expect([...ids].sort()).toEqual(ids);
    expect(newBatchId(now - 60_000) > ids[49]!).toBe(true);
  });
});
