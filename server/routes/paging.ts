import { z } from 'zod';

/** SPEC 8: every list endpoint takes `limit` and `offset`. */
export const MAX_PAGE_SIZE = 1_000;

export const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
