/**
 * Published tables: per connection, the source tables offered as OData entity sets, each
 * with an entity-set name (a valid OData identifier, unique across the whole service
 * case-insensitively, because clients such as Salesforce compare names that way) and
 * optional property aliases (source column → property name, unique within the set
 * case-insensitively). Whether the table and columns exist is the catalog's business.
 *
 * `listReadable` gives a user only the sets they may read (Select on the connection).
 */
import { randomUUID } from 'node:crypto';
import { TsunagiError } from '../errors/tsunagi-error.js';
import type { PublicationRecord } from '../store/records.js';
import type { Store, TransactionScope } from '../store/store.js';
import type { AuditRecorder } from './audit-recorder.js';
import { authorize, roleAllows, type Actor } from './authorization.js';
import { toIsoTime, type Clock } from './clock.js';
import { isODataIdentifier } from '../catalog/odata-identifier.js';
import type { PermissionService, PermissionSubject } from './permission-service.js';
import { checkText, notFound, throwIfProblems, type FieldProblem } from './validation.js';

export interface PublicationView {
  readonly id: string;
  readonly connectionId: string;
  readonly tableName: string;
  readonly entitySet: string;
  readonly propertyAliases: Readonly<Record<string, string>>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toPublicationView(publication: PublicationRecord): PublicationView {
  return {
    id: publication.id,
    connectionId: publication.connectionId,
    tableName: publication.tableName,
    entitySet: publication.entitySet,
    propertyAliases: publication.propertyAliases,
    createdAt: toIsoTime(publication.createdAt),
    updatedAt: toIsoTime(publication.updatedAt),
  };
}

function checkEntitySet(value: unknown, problems: FieldProblem[]): string {
  if (typeof value !== 'string' || !isODataIdentifier(value)) {
    problems.push({
      field: 'entitySet',
      message:
        'The entity-set name must start with a letter or underscore and contain only letters, digits and underscores (at most 128).',
    });
    return '';
  }
  return value;
}

function checkAliases(value: unknown, problems: FieldProblem[]): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push({
      field: 'propertyAliases',
      message: 'Property aliases must map column names to names.',
    });
    return {};
  }
  const aliases: Record<string, string> = {};
  const seen = new Map<string, string>();
  for (const [column, alias] of Object.entries(value as Record<string, unknown>)) {
    const where = `propertyAliases.${column}`;
    if (column === '' || column.length > 256) {
      problems.push({ field: where, message: 'A column name must have 1 to 256 characters.' });
      continue;
    }
    if (typeof alias !== 'string' || !isODataIdentifier(alias)) {
      problems.push({
        field: where,
        message: `The alias of ${column} must start with a letter or underscore and contain only letters, digits and underscores.`,
      });
      continue;
    }
    const key = alias.toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) {
      problems.push({ field: where, message: `The alias ${alias} is already used for ${other}.` });
      continue;
    }
    seen.set(key, column);
    aliases[column] = alias;
  }
  return aliases;
}

export class PublicationService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly audit: AuditRecorder,
    private readonly permissions: PermissionService,
  ) {}

  private async assertEntitySetFree(
    scope: TransactionScope,
    entitySet: string,
    exceptId?: string,
  ): Promise<void> {
    const clash = await scope.publications.findByEntitySet(entitySet);
    if (clash !== undefined && clash.id !== exceptId) {
      throw new TsunagiError(
        'TSG502',
        `The entity-set name ${entitySet} is already used by ${clash.entitySet} (names are compared ignoring case).`,
        { target: 'entitySet' },
      );
    }
  }

  /** Publishes a table of a connection as an entity set. */
  async publish(
    actor: Actor,
    input: {
      readonly connectionId: string;
      readonly tableName: string;
      readonly entitySet: string;
      readonly propertyAliases?: Readonly<Record<string, string>>;
    },
  ): Promise<PublicationView> {
    authorize(actor, 'publication.manage');
    const problems: FieldProblem[] = [];
    const tableName = checkText(input.tableName, 'tableName', 'The table', problems, {
      required: true,
      maximumLength: 512,
    });
    const entitySet = checkEntitySet(input.entitySet, problems);
    const propertyAliases = checkAliases(input.propertyAliases, problems);
    throwIfProblems(problems);
    const now = this.clock.now();
    const record: PublicationRecord = {
      id: randomUUID(),
      connectionId: input.connectionId,
      tableName,
      entitySet,
      propertyAliases,
      createdAt: now,
      updatedAt: now,
    };
    await this.store.transaction(async (scope) => {
      const connection = await scope.connections.findById(input.connectionId);
      if (connection === undefined) throw notFound('Connection', input.connectionId);
      const existing = await scope.publications.findByTable(connection.id, tableName);
      if (existing !== undefined) {
        throw new TsunagiError(
          'TSG502',
          `Table ${tableName} of ${connection.name} is already published as ${existing.entitySet}.`,
          { target: 'tableName' },
        );
      }
      await this.assertEntitySetFree(scope, entitySet);
      await scope.publications.insert(record);
      await this.audit.record(scope, actor, {
        action: 'publication.created',
        target: { kind: 'publication', id: record.id, label: entitySet },
        details: { connectionId: connection.id, tableName, propertyAliases },
      });
      scope.publishChange({ kind: 'publication', id: record.id });
    });
    return toPublicationView(record);
  }

  /** Renames the entity set and/or replaces the property aliases. */
  async update(
    actor: Actor,
    publicationId: string,
    input: {
      readonly entitySet?: string;
      readonly propertyAliases?: Readonly<Record<string, string>>;
    },
  ): Promise<PublicationView> {
    authorize(actor, 'publication.manage');
    const problems: FieldProblem[] = [];
    const entitySet =
      input.entitySet === undefined ? undefined : checkEntitySet(input.entitySet, problems);
    const propertyAliases =
      input.propertyAliases === undefined
        ? undefined
        : checkAliases(input.propertyAliases, problems);
    throwIfProblems(problems);
    return this.store.transaction(async (scope) => {
      const stored = await scope.publications.findById(publicationId);
      if (stored === undefined) throw notFound('Publication', publicationId);
      if (entitySet !== undefined) await this.assertEntitySetFree(scope, entitySet, stored.id);
      const updated: PublicationRecord = {
        ...stored,
        entitySet: entitySet ?? stored.entitySet,
        propertyAliases: propertyAliases ?? stored.propertyAliases,
        updatedAt: this.clock.now(),
      };
      await scope.publications.update(updated);
      await this.audit.record(scope, actor, {
        action: 'publication.updated',
        target: { kind: 'publication', id: stored.id, label: updated.entitySet },
        details: {
          ...(updated.entitySet === stored.entitySet ? {} : { renamedFrom: stored.entitySet }),
          propertyAliases: updated.propertyAliases,
        },
      });
      scope.publishChange({ kind: 'publication', id: stored.id });
      return toPublicationView(updated);
    });
  }

  async unpublish(actor: Actor, publicationId: string): Promise<void> {
    authorize(actor, 'publication.manage');
    await this.store.transaction(async (scope) => {
      const stored = await scope.publications.findById(publicationId);
      if (stored === undefined) throw notFound('Publication', publicationId);
      await scope.publications.delete(stored.id);
      await this.audit.record(scope, actor, {
        action: 'publication.deleted',
        target: { kind: 'publication', id: stored.id, label: stored.entitySet },
        details: { connectionId: stored.connectionId, tableName: stored.tableName },
      });
      scope.publishChange({ kind: 'publication', id: stored.id });
    });
  }

  /** Every publication (or one connection's), for the console's OData page. */
  async list(actor: Actor, connectionId?: string): Promise<PublicationView[]> {
    authorize(actor, 'publication.read');
    const records =
      connectionId === undefined
        ? await this.store.publications.list()
        : await this.store.publications.listForConnection(connectionId);
    return records.map(toPublicationView);
  }

  /**
   * What the actor may see: every publication (or one connection's) for those who may
   * read the publication settings, otherwise only the sets they may read.
   */
  async listVisible(actor: Actor, connectionId?: string): Promise<PublicationView[]> {
    if (roleAllows(actor.role, 'publication.read')) return this.list(actor, connectionId);
    const readable = await this.listReadable({ userId: actor.userId, role: actor.role });
    return connectionId === undefined
      ? readable
      : readable.filter((publication) => publication.connectionId === connectionId);
  }

  /** The published sets the user may read (Select on their connection). */
  async listReadable(subject: PermissionSubject): Promise<PublicationView[]> {
    const readable: PublicationView[] = [];
    for (const publication of await this.store.publications.list()) {
      if (await this.permissions.can(subject, publication.connectionId, 'select')) {
        readable.push(toPublicationView(publication));
      }
    }
    return readable;
  }

  /** Look-up by entity-set name (case-insensitive), for the OData server. */
  async findByEntitySet(entitySet: string): Promise<PublicationView | undefined> {
    const record = await this.store.publications.findByEntitySet(entitySet);
    return record === undefined ? undefined : toPublicationView(record);
  }
}
