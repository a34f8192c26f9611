/**
 * Connections to sources: create, update, delete, list, get, with settings validated
 * against the connector kind's descriptors (connection-settings-validator.ts).
 *
 * Secret and file settings are encrypted at rest (secret-vault.ts) with the connection id
 * and setting name as additional authenticated data, and never leave this service in a
 * view: a secret with a value shows as `********` in `settings` and `{ hasValue: true }`
 * in `secrets`. On update, a secret left as the mask or omitted keeps its stored value,
 * null or '' clears it; other settings omitted keep their value, null clears them.
 * `resolveSettings` (for the gateway, which builds connectors) is the one way to get the
 * decrypted settings.
 */
import { randomUUID } from 'node:crypto';
import type {
  ConnectionSettings,
  ConnectorDefinition,
} from '../connectors/connector-definition.js';
import { TsunagiError } from '../errors/tsunagi-error.js';
import type { ConnectionRecord, ConnectionTestStep, PlainSettingValue } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { AuditRecorder } from './audit-recorder.js';
import { authorize, roleAllows, type Actor } from './authorization.js';
import { toIsoTime, type Clock } from './clock.js';
import { isSecretSetting, validateConnectionSettings } from './connection-settings-validator.js';
import type { ConnectorRegistry } from './connector-registry.js';
import type { PermissionService } from './permission-service.js';
import { connectionSecretData, type SecretVault } from './secret-vault.js';
import { checkText, notFound, throwIfProblems, type FieldProblem } from './validation.js';

export const secretMask = '********';

export interface ConnectionTestView {
  readonly at: string;
  readonly ok: boolean;
  readonly steps: readonly ConnectionTestStep[];
}

export interface ConnectionView {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly kindDisplayName: string;
  readonly description: string;
  /** Every setting with a value; secrets replaced by the mask. */
  readonly settings: Readonly<Record<string, PlainSettingValue>>;
  /** One entry per secret or file setting of the kind. */
  readonly secrets: Readonly<Record<string, { readonly hasValue: boolean }>>;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastTest: ConnectionTestView | null;
}

export interface ConnectionInput {
  readonly name: string;
  readonly kind: string;
  readonly description?: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

export interface ConnectionUpdate {
  readonly name?: string;
  readonly description?: string;
  /** Only the settings to change; null clears one. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

export interface ResolvedConnection {
  readonly id: string;
  readonly name: string;
  readonly definition: ConnectorDefinition;
  /** Decrypted: never log or return these. */
  readonly settings: ConnectionSettings;
}

export interface ConnectionServiceDependencies {
  readonly store: Store;
  readonly clock: Clock;
  readonly audit: AuditRecorder;
  readonly vault: SecretVault;
  readonly connectors: ConnectorRegistry;
  /** For `listVisible` / `getVisible` (users who may use a connection but not manage it). */
  readonly permissions: PermissionService;
}

export class ConnectionService {
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly audit: AuditRecorder;
  private readonly vault: SecretVault;
  private readonly connectors: ConnectorRegistry;
  private readonly permissions: PermissionService;

  constructor(dependencies: ConnectionServiceDependencies) {
    this.store = dependencies.store;
    this.clock = dependencies.clock;
    this.audit = dependencies.audit;
    this.vault = dependencies.vault;
    this.connectors = dependencies.connectors;
    this.permissions = dependencies.permissions;
  }

  private view(connection: ConnectionRecord): ConnectionView {
    const definition = this.connectors.has(connection.kind)
      ? this.connectors.get(connection.kind)
      : undefined;
    const settings: Record<string, PlainSettingValue> = { ...connection.settings };
    const secrets: Record<string, { hasValue: boolean }> = {};
    for (const descriptor of definition?.settings ?? []) {
      if (isSecretSetting(descriptor)) secrets[descriptor.name] = { hasValue: false };
    }
    for (const name of Object.keys(connection.secrets)) {
      settings[name] = secretMask;
      secrets[name] = { hasValue: true };
    }
    return {
      id: connection.id,
      name: connection.name,
      kind: connection.kind,
      kindDisplayName: definition?.displayName ?? connection.kind,
      description: connection.description,
      settings,
      secrets,
      createdAt: toIsoTime(connection.createdAt),
      updatedAt: toIsoTime(connection.updatedAt),
      lastTest:
        connection.lastTest === null
          ? null
          : {
              at: toIsoTime(connection.lastTest.at),
              ok: connection.lastTest.ok,
              steps: connection.lastTest.steps,
            },
    };
  }

  private decryptSecrets(connection: ConnectionRecord): Record<string, string> {
    const plain: Record<string, string> = {};
    for (const [name, ciphertext] of Object.entries(connection.secrets)) {
      plain[name] = this.vault.decrypt(ciphertext, connectionSecretData(connection.id, name));
    }
    return plain;
  }

  /** Splits validated settings into plain values and ciphertexts for this connection. */
  private seal(
    definition: ConnectorDefinition,
    connectionId: string,
    settings: Readonly<Record<string, PlainSettingValue>>,
  ): { plain: Record<string, PlainSettingValue>; secrets: Record<string, string> } {
    const secretNames = new Set(
      definition.settings.filter(isSecretSetting).map((descriptor) => descriptor.name),
    );
    const plain: Record<string, PlainSettingValue> = {};
    const secrets: Record<string, string> = {};
    for (const [name, value] of Object.entries(settings)) {
      if (secretNames.has(name)) {
        secrets[name] = this.vault.encrypt(String(value), connectionSecretData(connectionId, name));
      } else {
        plain[name] = value;
      }
    }
    return { plain, secrets };
  }

  private checkSettings(
    definition: ConnectorDefinition,
    input: Readonly<Record<string, unknown>>,
    problems: FieldProblem[],
  ): Readonly<Record<string, PlainSettingValue>> {
    const result = validateConnectionSettings(definition, input);
    problems.push(...result.problems);
    return result.settings;
  }

  async list(actor: Actor): Promise<ConnectionView[]> {
    authorize(actor, 'connection.read');
    return (await this.store.connections.list()).map((connection) => this.view(connection));
  }

  async get(actor: Actor, connectionId: string): Promise<ConnectionView> {
    authorize(actor, 'connection.read');
    const connection = await this.store.connections.findById(connectionId);
    if (connection === undefined) throw notFound('Connection', connectionId);
    return this.view(connection);
  }

  /**
   * The connections the actor may see: every one for those who may read connections,
   * otherwise only those on which the actor has at least one permission.
   */
  async listVisible(actor: Actor): Promise<ConnectionView[]> {
    const all = await this.store.connections.list();
    if (roleAllows(actor.role, 'connection.read')) {
      return all.map((connection) => this.view(connection));
    }
    const visible: ConnectionView[] = [];
    for (const connection of all) {
      if (await this.isUsableBy(actor, connection.id)) visible.push(this.view(connection));
    }
    return visible;
  }

  /** One connection, for those who may read connections or hold a permission on it. */
  async getVisible(actor: Actor, connectionId: string): Promise<ConnectionView> {
    if (roleAllows(actor.role, 'connection.read')) return this.get(actor, connectionId);
    const connection = await this.store.connections.findById(connectionId);
    if (connection === undefined) throw notFound('Connection', connectionId);
    if (!(await this.isUsableBy(actor, connection.id))) authorize(actor, 'connection.read');
    return this.view(connection);
  }

  /** A connection the actor may manage (TSG302 otherwise), e.g. to browse its tables. */
  async getManageable(actor: Actor, connectionId: string): Promise<ConnectionView> {
    authorize(actor, 'connection.manage');
    return this.get(actor, connectionId);
  }

  private async isUsableBy(actor: Actor, connectionId: string): Promise<boolean> {
    const granted = await this.permissions.permissionsOf(
      { userId: actor.userId, role: actor.role },
      connectionId,
    );
    return granted.size > 0;
  }

  async create(actor: Actor, input: ConnectionInput): Promise<ConnectionView> {
    authorize(actor, 'connection.manage');
    const definition = this.connectors.get(input.kind);
    const problems: FieldProblem[] = [];
    const name = checkText(input.name, 'name', 'The connection name', problems, {
      required: true,
      maximumLength: 100,
    });
    const description = checkText(input.description, 'description', 'The description', problems, {
      required: false,
      maximumLength: 1000,
    });
    const settings = this.checkSettings(definition, input.settings ?? {}, problems);
    throwIfProblems(problems);
    const id = randomUUID();
    const { plain, secrets } = this.seal(definition, id, settings);
    const now = this.clock.now();
    const record: ConnectionRecord = {
      id,
      name,
      kind: definition.kind,
      description,
      settings: plain,
      secrets,
      createdAt: now,
      createdBy: actor.userId,
      updatedAt: now,
      lastTest: null,
    };
    await this.store.transaction(async (scope) => {
      if ((await scope.connections.findByName(name)) !== undefined) {
        throw new TsunagiError('TSG502', `A connection named ${name} already exists.`, {
          target: 'name',
        });
      }
      await scope.connections.insert(record);
      await this.audit.record(scope, actor, {
        action: 'connection.created',
        target: { kind: 'connection', id, label: name },
        details: { kind: definition.kind, settings: Object.keys(settings).sort() },
      });
      scope.publishChange({ kind: 'connection', id });
    });
    return this.view(record);
  }

  /** The stored settings with the update applied (secrets decrypted), not yet validated. */
  private merge(
    definition: ConnectorDefinition,
    stored: ConnectionRecord,
    changes: Readonly<Record<string, unknown>>,
  ): Record<string, unknown> {
    const merged: Record<string, unknown> = { ...stored.settings, ...this.decryptSecrets(stored) };
    const secretNames = new Set(
      definition.settings.filter(isSecretSetting).map((descriptor) => descriptor.name),
    );
    for (const [name, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      if (secretNames.has(name) && value === secretMask) continue;
      if (value === null) {
        delete merged[name];
      } else {
        merged[name] = value;
      }
    }
    return merged;
  }

  async update(
    actor: Actor,
    connectionId: string,
    input: ConnectionUpdate,
  ): Promise<ConnectionView> {
    authorize(actor, 'connection.manage');
    return this.store.transaction(async (scope) => {
      const stored = await scope.connections.findById(connectionId);
      if (stored === undefined) throw notFound('Connection', connectionId);
      const definition = this.connectors.get(stored.kind);
      const problems: FieldProblem[] = [];
      const name =
        input.name === undefined
          ? stored.name
          : checkText(input.name, 'name', 'The connection name', problems, {
              required: true,
              maximumLength: 100,
            });
      const description =
        input.description === undefined
          ? stored.description
          : checkText(input.description, 'description', 'The description', problems, {
              required: false,
              maximumLength: 1000,
            });
      const before = { ...stored.settings, ...this.decryptSecrets(stored) };
      const settings = this.checkSettings(
        definition,
        this.merge(definition, stored, input.settings ?? {}),
        problems,
      );
      throwIfProblems(problems);
      if (name.toLowerCase() !== stored.name.toLowerCase()) {
        const clash = await scope.connections.findByName(name);
        if (clash !== undefined && clash.id !== stored.id) {
          throw new TsunagiError('TSG502', `A connection named ${name} already exists.`, {
            target: 'name',
          });
        }
      }
      const { plain, secrets } = this.seal(definition, stored.id, settings);
      const updated: ConnectionRecord = {
        ...stored,
        name,
        description,
        settings: plain,
        secrets,
        updatedAt: this.clock.now(),
      };
      await scope.connections.update(updated);
      const changed = [...new Set([...Object.keys(before), ...Object.keys(settings)])]
        .filter((key) => before[key] !== settings[key])
        .sort();
      await this.audit.record(scope, actor, {
        action: 'connection.updated',
        target: { kind: 'connection', id: stored.id, label: name },
        details: {
          changedSettings: changed,
          ...(name === stored.name ? {} : { renamedFrom: stored.name }),
        },
      });
      scope.publishChange({ kind: 'connection', id: stored.id });
      return this.view(updated);
    });
  }

  /** Deletes the connection with its permissions and publications. */
  async delete(actor: Actor, connectionId: string): Promise<void> {
    authorize(actor, 'connection.manage');
    await this.store.transaction(async (scope) => {
      const stored = await scope.connections.findById(connectionId);
      if (stored === undefined) throw notFound('Connection', connectionId);
      const publications = await scope.publications.listForConnection(stored.id);
      await scope.connections.delete(stored.id);
      await this.audit.record(scope, actor, {
        action: 'connection.deleted',
        target: { kind: 'connection', id: stored.id, label: stored.name },
        details: {
          kind: stored.kind,
          unpublished: publications.map((publication) => publication.entitySet),
        },
      });
      scope.publishChange({ kind: 'connection', id: stored.id });
    });
  }

  /**
   * Validated, decrypted settings for a "Test" before saving: a new connection's input,
   * or an existing connection with changes (masked secrets keep their stored value).
   */
  async prepareTest(
    actor: Actor,
    input: {
      readonly connectionId?: string;
      readonly kind: string;
      readonly settings: Readonly<Record<string, unknown>>;
    },
  ): Promise<ConnectionSettings> {
    authorize(actor, 'connection.manage');
    let candidate: Readonly<Record<string, unknown>> = input.settings;
    let definition = this.connectors.get(input.kind);
    if (input.connectionId !== undefined) {
      const stored = await this.store.connections.findById(input.connectionId);
      if (stored === undefined) throw notFound('Connection', input.connectionId);
      definition = this.connectors.get(stored.kind);
      candidate = this.merge(definition, stored, input.settings);
    }
    const problems: FieldProblem[] = [];
    const settings = this.checkSettings(definition, candidate, problems);
    throwIfProblems(problems);
    return settings;
  }

  /** Records the outcome of a connection test (shown with the connection). */
  async recordTestResult(
    actor: Actor,
    connectionId: string,
    result: { readonly ok: boolean; readonly steps: readonly ConnectionTestStep[] },
  ): Promise<ConnectionView> {
    authorize(actor, 'connection.manage');
    const steps = result.steps.slice(0, 50).map((step) => ({
      name: String(step.name).slice(0, 200),
      ok: step.ok === true,
      ...(step.message === undefined ? {} : { message: String(step.message).slice(0, 2000) }),
      ...(typeof step.durationMs === 'number' ? { durationMs: step.durationMs } : {}),
    }));
    return this.store.transaction(async (scope) => {
      const stored = await scope.connections.findById(connectionId);
      if (stored === undefined) throw notFound('Connection', connectionId);
      const lastTest = { at: this.clock.now(), ok: result.ok === true, steps };
      await scope.connections.recordTest(stored.id, lastTest);
      await this.audit.record(scope, actor, {
        action: 'connection.tested',
        target: { kind: 'connection', id: stored.id, label: stored.name },
        outcome: lastTest.ok ? 'success' : 'failure',
      });
      return this.view({ ...stored, lastTest });
    });
  }

  /** The decrypted settings of a connection, for the gateway to create its connector. */
  async resolveSettings(connectionId: string): Promise<ResolvedConnection> {
    const stored = await this.store.connections.findById(connectionId);
    if (stored === undefined) throw notFound('Connection', connectionId);
    const definition = this.connectors.get(stored.kind);
    return {
      id: stored.id,
      name: stored.name,
      definition,
      settings: { ...stored.settings, ...this.decryptSecrets(stored) },
    };
  }
}
