/**
 * Migration 1: the initial control-plane schema (users, invitations, sessions, personal
 * access tokens, connections, permissions, publications, query log, audit log, settings,
 * secret keys). Times are epoch milliseconds; JSON columns are text.
 */
import type { Migration } from './migration.js';

export const migration001InitialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  sqlite: `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  status TEXT NOT NULL,
  password_hash TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_sign_in_at INTEGER
);
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_digest TEXT NOT NULL UNIQUE,
  invited_by TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  consumed_at INTEGER
);
CREATE INDEX invitations_user ON invitations(user_id);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_digest TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER,
  source_address TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE personal_access_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_digest TEXT NOT NULL UNIQUE,
  hint TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  last_used_at INTEGER,
  last_used_address TEXT,
  revoked_at INTEGER
);
CREATE INDEX personal_access_tokens_user ON personal_access_tokens(user_id);
CREATE TABLE connections (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  description TEXT NOT NULL,
  settings TEXT NOT NULL,
  secrets TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT,
  updated_at INTEGER NOT NULL,
  last_test TEXT
);
CREATE TABLE connection_permissions (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  permission TEXT NOT NULL,
  granted_at INTEGER NOT NULL,
  granted_by TEXT,
  PRIMARY KEY (user_id, connection_id, permission)
);
CREATE INDEX connection_permissions_connection ON connection_permissions(connection_id);
CREATE TABLE publications (
  id TEXT PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  table_name TEXT NOT NULL,
  entity_set TEXT NOT NULL,
  entity_set_key TEXT NOT NULL UNIQUE,
  property_aliases TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (connection_id, table_name)
);
CREATE TABLE query_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  user_id TEXT,
  user_email TEXT,
  token_name TEXT,
  method TEXT NOT NULL,
  url TEXT NOT NULL,
  entity_set TEXT,
  connection_id TEXT,
  status INTEGER NOT NULL,
  row_count INTEGER,
  duration_ms REAL NOT NULL,
  source_calls INTEGER NOT NULL,
  source_query TEXT,
  request_id TEXT
);
CREATE INDEX query_log_at ON query_log(at);
CREATE INDEX query_log_user ON query_log(user_id, id);
CREATE INDEX query_log_entity_set ON query_log(entity_set, id);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor_user_id TEXT,
  actor_email TEXT,
  action TEXT NOT NULL,
  target_kind TEXT,
  target_id TEXT,
  target_label TEXT,
  source_address TEXT,
  outcome TEXT NOT NULL,
  details TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor_user_id, id);
CREATE INDEX audit_log_target ON audit_log(target_kind, target_id, id);
CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT
);
CREATE TABLE secret_keys (
  key_id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  retired_at INTEGER,
  verifier TEXT NOT NULL
);
`,
  postgres: `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  status TEXT NOT NULL,
  password_hash TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  last_sign_in_at BIGINT
);
CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_digest TEXT NOT NULL UNIQUE,
  invited_by TEXT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  consumed_at BIGINT
);
CREATE INDEX invitations_user ON invitations(user_id);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_digest TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT,
  source_address TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE personal_access_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_digest TEXT NOT NULL UNIQUE,
  hint TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  last_used_at BIGINT,
  last_used_address TEXT,
  revoked_at BIGINT
);
CREATE INDEX personal_access_tokens_user ON personal_access_tokens(user_id);
CREATE TABLE connections (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  description TEXT NOT NULL,
  settings TEXT NOT NULL,
  secrets TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT,
  updated_at BIGINT NOT NULL,
  last_test TEXT
);
CREATE TABLE connection_permissions (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  permission TEXT NOT NULL,
  granted_at BIGINT NOT NULL,
  granted_by TEXT,
  PRIMARY KEY (user_id, connection_id, permission)
);
CREATE INDEX connection_permissions_connection ON connection_permissions(connection_id);
CREATE TABLE publications (
  id TEXT PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  table_name TEXT NOT NULL,
  entity_set TEXT NOT NULL,
  entity_set_key TEXT NOT NULL UNIQUE,
  property_aliases TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (connection_id, table_name)
);
CREATE TABLE query_log (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at BIGINT NOT NULL,
  user_id TEXT,
  user_email TEXT,
  token_name TEXT,
  method TEXT NOT NULL,
  url TEXT NOT NULL,
  entity_set TEXT,
  connection_id TEXT,
  status INTEGER NOT NULL,
  row_count BIGINT,
  duration_ms DOUBLE PRECISION NOT NULL,
  source_calls INTEGER NOT NULL,
  source_query TEXT,
  request_id TEXT
);
CREATE INDEX query_log_at ON query_log(at);
CREATE INDEX query_log_user ON query_log(user_id, id);
CREATE INDEX query_log_entity_set ON query_log(entity_set, id);
CREATE TABLE audit_log (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at BIGINT NOT NULL,
  actor_user_id TEXT,
  actor_email TEXT,
  action TEXT NOT NULL,
  target_kind TEXT,
  target_id TEXT,
  target_label TEXT,
  source_address TEXT,
  outcome TEXT NOT NULL,
  details TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor_user_id, id);
CREATE INDEX audit_log_target ON audit_log(target_kind, target_id, id);
CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT
);
CREATE TABLE secret_keys (
  key_id TEXT PRIMARY KEY,
  created_at BIGINT NOT NULL,
  retired_at BIGINT,
  verifier TEXT NOT NULL
);
`,
};
