/**
 * The OData service as the control plane says each caller may see it. Every request is
 * authenticated with a personal access token (Basic `email:token` or Bearer), throttled
 * against guessing by the token service, and gets the catalog's model restricted to the
 * published sets of connections on which the user has Select. Writes are checked against
 * Insert / Update / Delete before any source is called, and every finished request goes
 * to the query log.
 */
import type { Catalog } from '../catalog/catalog.js';
import { restrictServiceModel } from '../catalog/build-service-model.js';
import type { ControlPlane } from '../control-plane/control-plane.js';
import { authenticationError } from '../control-plane/personal-access-token-service.js';
import { TsunagiError } from '../errors/tsunagi-error.js';
import type {
  EntitySetAction,
  ODataRequestInfo,
  ODataRequestRecord,
  ODataService,
  ODataServiceProvider,
} from '../server/odata/odata-service.js';
import type { Permission } from '../store/records.js';
import { readCredentials } from './request-credentials.js';

const challenge = { 'WWW-Authenticate': 'Basic realm="Tsunagi", charset="UTF-8"' };

const permissionOfAction: Readonly<Record<EntitySetAction, Permission>> = {
  read: 'select',
  insert: 'insert',
  update: 'update',
  delete: 'delete',
};

const permissionNames: Readonly<Record<Permission, string>> = {
  select: 'Select',
  insert: 'Insert',
  update: 'Update',
  delete: 'Delete',
  execute: 'Execute',
};

/** Told about every finished request with the connection behind its entity set (metrics). */
export type ODataRequestObserver = (
  entry: ODataRequestRecord,
  connectionId: string | undefined,
) => void;

export class ControlPlaneServiceProvider implements ODataServiceProvider {
  constructor(
    private readonly controlPlane: ControlPlane,
    private readonly catalog: Catalog,
    private readonly observer?: ODataRequestObserver,
  ) {}

  async serviceFor(request: ODataRequestInfo): Promise<ODataService> {
    const credentials = readCredentials(request.headers.authorization);
    if (credentials === undefined) {
      throw new TsunagiError(
        'TSG300',
        'Sign in with HTTP Basic authentication (your e-mail address and a personal access token) or a Bearer token.',
        { headers: challenge },
      );
    }
    const tokens = this.controlPlane.tokens;
    const sourceAddress = request.remoteAddress ?? null;
    const authentication =
      credentials.kind === 'basic'
        ? await tokens.authenticateToken(credentials.userName, credentials.secret, sourceAddress)
        : await tokens.authenticateBearer(credentials.token, sourceAddress);
    if (!authentication.ok) throw authenticationError(authentication);
    const { user, tokenName } = authentication;
    const subject = { userId: user.id, role: user.role, status: user.status };

    const snapshot = await this.catalog.current();
    const permissionsByConnection = new Map<string, ReadonlySet<Permission>>();
    for (const set of snapshot.model.entitySets.values()) {
      const connectionId = set.source.connectionId;
      if (!permissionsByConnection.has(connectionId)) {
        permissionsByConnection.set(
          connectionId,
          await this.controlPlane.permissions.permissionsOf(subject, connectionId),
        );
      }
    }
    const model = restrictServiceModel(
      snapshot.model,
      (set) => permissionsByConnection.get(set.source.connectionId)?.has('select') === true,
    );
    const queryLog = this.controlPlane.queryLog;
    const now = (): number => this.controlPlane.clock.now();
    const observer = this.observer;
    return {
      snapshot: model === snapshot.model ? snapshot : { ...snapshot, model },
      principal: user.id,
      authorize: (set, action) => {
        const permission = permissionOfAction[action];
        if (permissionsByConnection.get(set.source.connectionId)?.has(permission) === true) return;
        throw new TsunagiError(
          'TSG302',
          `You do not have the ${permissionNames[permission]} permission on the connection behind '${set.name}'. Ask an administrator to grant it.`,
        );
      },
      recordRequest: (entry) => {
        const set =
          entry.entitySet === undefined
            ? undefined
            : snapshot.model.entitySets.get(entry.entitySet);
        queryLog.record({
          at: now(),
          userId: user.id,
          userEmail: user.email,
          tokenName,
          method: entry.method,
          url: entry.url,
          entitySet: entry.entitySet ?? null,
          connectionId: set?.source.connectionId ?? null,
          status: entry.status,
          rowCount: entry.rows ?? null,
          durationMs: Math.round(entry.durationMs * 1000) / 1000,
          sourceCalls: entry.sourceCalls.length,
          sourceQuery: entry.sourceQuery ?? null,
          requestId: null,
        });
        observer?.(entry, set?.source.connectionId);
      },
    };
  }
}
