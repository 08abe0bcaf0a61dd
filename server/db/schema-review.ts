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
