/**
 * Demo transcripts in format v1 (SPEC 2) for a payments company, as a lazy, seeded stream in
 * started_at order, so the same code feeds the 20k-conversation demo and the
 * multi-million-conversation benchmark. Proportions live in ./config.ts.
 */
export {
  generateConversations,
  generateDetailed,
  generateOptionsSchema,
  type GenerateOptions,
  type GeneratedConversation,
} from './conversations.js';
export { CSV_HEADER, csvRowsOf, generateCsvRows } from './csv.js';
export { windowFor } from './calendar.js';
export type { ConversationPlan, Scenario } from './plan.js';
export type { V1Record } from './record.js';
