/** Builds the full set of repositories over one SQL runner (a pool or a transaction). */
import type { StoreRepositories } from '../store.js';
import { SqlAuditLogRepository } from './sql-audit-log-repository.js';
import { SqlConnectionRepository } from './sql-connection-repository.js';
import { SqlInvitationRepository } from './sql-invitation-repository.js';
import { SqlPermissionRepository } from './sql-permission-repository.js';
import { SqlPersonalAccessTokenRepository } from './sql-personal-access-token-repository.js';
import { SqlPublicationRepository } from './sql-publication-repository.js';
import { SqlQueryLogRepository } from './sql-query-log-repository.js';
import type { SqlRunner } from './sql-runner.js';
import { SqlSecretKeyRepository } from './sql-secret-key-repository.js';
import { SqlSessionRepository } from './sql-session-repository.js';
import { SqlSettingRepository } from './sql-setting-repository.js';
import { SqlUserRepository } from './sql-user-repository.js';

export function createSqlRepositories(sql: SqlRunner): StoreRepositories {
  return {
    users: new SqlUserRepository(sql),
    invitations: new SqlInvitationRepository(sql),
    sessions: new SqlSessionRepository(sql),
    tokens: new SqlPersonalAccessTokenRepository(sql),
    connections: new SqlConnectionRepository(sql),
    permissions: new SqlPermissionRepository(sql),
    publications: new SqlPublicationRepository(sql),
    queryLog: new SqlQueryLogRepository(sql),
    auditLog: new SqlAuditLogRepository(sql),
    settings: new SqlSettingRepository(sql),
    secretKeys: new SqlSecretKeyRepository(sql),
  };
}
