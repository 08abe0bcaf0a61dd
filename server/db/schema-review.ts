import { REVIEW_RISK_SQL } from './facts.js';

/**
 * Users, credentials and the QA review workflow (SPEC 1 and 6). Secrets are never stored:
 * passwords as scrypt hashes, sessions and API tokens as SHA-256 digests of random values.
 */
export const REVIEW_DDL: string[] = [
  `CREATE TABLE IF NOT EXISTS users (
    user_id VARCHAR NOT NULL,
    username VARCHAR NOT NULL,
    password_hash VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT false
  )`,
  `CREATE TABLE IF NOT EXISTS sessions (
    session_hash VARCHAR NOT NULL,
    user_id VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS api_tokens (
    token_id VARCHAR NOT NULL,
    token_hash VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    created_by VARCHAR,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
  )`,
  `CREATE TABLE IF NOT EXISTS flags (
    flag_id VARCHAR NOT NULL,
    conversation_id VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    note VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    created_by VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS overrides (
    conversation_id VARCHAR NOT NULL,
    field VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    created_by VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS assignments (
    conversation_id VARCHAR NOT NULL,
    reviewer_id VARCHAR NOT NULL,
    assigned_by VARCHAR NOT NULL,
    assigned_at TIMESTAMP NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS reviews (
    conversation_id VARCHAR NOT NULL,
    reviewer_id VARCHAR NOT NULL,
    escalation_verdict VARCHAR NOT NULL,
    flag_reason VARCHAR NOT NULL,
    reviewed_at TIMESTAMP NOT NULL
  )`,
  // conversation_facts with the latest reviewer override of each field applied; VIP reasons that
  // depend on an overridden field are recomputed from it (SPEC 4 definitions), and the review risk
  // from those.
  `CREATE OR REPLACE VIEW conversation_facts_reviewed AS
    SELECT * REPLACE (${REVIEW_RISK_SQL} AS review_risk) FROM (
      WITH o AS (
        SELECT conversation_id,
          arg_max(value, created_at) FILTER (WHERE field = 'escalation_status') AS escalation_override,
          arg_max(value, created_at) FILTER (WHERE field = 'sentiment') AS sentiment_override
        FROM overrides GROUP BY conversation_id
      ),
      r AS (
        SELECT f.* REPLACE (
            coalesce(o.escalation_override, f.escalation_status) AS escalation_status,
            CASE WHEN o.sentiment_override IS NULL THEN f.negative_end ELSE o.sentiment_override = 'negative' END AS negative_end),
          f.vip_failure_reasons AS automatic_vip_reasons
        FROM conversation_facts f LEFT JOIN o USING (conversation_id)
      )
      SELECT r.* EXCLUDE (automatic_vip_reasons) REPLACE (
        list_concat(
          list_filter(automatic_vip_reasons, x -> x NOT IN ('missed_escalation', 'negative_end')),
          CASE WHEN tier = 'vip' AND negative_end THEN ['negative_end'] ELSE []::VARCHAR[] END,
          CASE WHEN tier = 'vip' AND escalation_status = 'missed' THEN ['missed_escalation'] ELSE []::VARCHAR[] END
        ) AS vip_failure_reasons)
      FROM r
    )`,
  `CREATE TABLE IF NOT EXISTS audit (
    audit_id VARCHAR NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    conversation_id VARCHAR,
    entity_id VARCHAR,
    before JSON,
    after JSON
  )`,
];
