import type { Database } from '../db/database.js';
import { HANDLED_BY } from '../domain.js';
import { cohensKappa, fraction } from './stats.js';

/**
 * Review quality (issue 6): agreement between the first two reviewers of each double-reviewed
 * conversation, as Cohen's kappa on the flag reason ('none' included) and on the escalation
 * verdict; and the QA-confirmed failure rate per handled_by = reviewed conversations (a review
 * or a flag) with at least one confirmed flag / reviewed conversations.
 */
export async function reviewQuality(db: Database) {
  const pairs = await db.all<{ av: string; bv: string; af: string; bf: string }>(
    `WITH ranked AS (
       SELECT *, row_number() OVER (PARTITION BY conversation_id ORDER BY reviewed_at, reviewer_id) AS rn FROM reviews
     )
     SELECT a.escalation_verdict AS av, b.escalation_verdict AS bv, a.flag_reason AS af, b.flag_reason AS bf
     FROM ranked a JOIN ranked b ON a.conversation_id = b.conversation_id AND a.rn = 1 AND b.rn = 2`,
  );
  const failures = await db.all<{ handled_by: string; confirmed: number; reviewed: number }>(
    `SELECT c.handled_by,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM flags f WHERE f.conversation_id = c.conversation_id AND f.status = 'confirmed'))::INTEGER AS confirmed,
       count(*)::INTEGER AS reviewed
     FROM conversations c
     WHERE EXISTS (SELECT 1 FROM flags f WHERE f.conversation_id = c.conversation_id)
        OR EXISTS (SELECT 1 FROM reviews r WHERE r.conversation_id = c.conversation_id)
     GROUP BY c.handled_by`,
  );
  const byHandled = Object.fromEntries(failures.map((f) => [f.handled_by, f]));
  return {
    doubleReviewed: pairs.length,
    kappa: {
      flagReason: cohensKappa(pairs.map((p) => [p.af, p.bf] as const)),
      escalationVerdict: cohensKappa(pairs.map((p) => [p.av, p.bv] as const)),
    },
    confirmedFailureRate: Object.fromEntries(
      HANDLED_BY.map((h) => [h, fraction(byHandled[h]?.confirmed ?? 0, byHandled[h]?.reviewed ?? 0)]),
    ),
  };
}
