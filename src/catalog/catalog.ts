/**
 * The catalog: the schema cache the planner reads. It knows the published tables and the
 * connector of each connection, describes tables once, and rebuilds the service model when
 * publications change (invalidate) or when a source reports a new table revision (checked
 * at most once per `revisionCheckInterval`, so that a changed Kintone app shows up in
 * $metadata without a restart). A connection that cannot be described keeps its last good
 * schema; if it never had one, its sets are left out and `problems` says why.
 */
import { createHash } from 'node:crypto';
import type { Connector, ExecutionContext, TableSchema } from '../connectors/connector.js';
import type { EntitySetModel, ServiceModel } from '../odata/edm/service-model.js';
import { buildServiceModel, type PublishedTable } from './build-service-model.js';
import type { Publication } from './publication.js';

export interface CatalogSources {
  /** Every published table of every connection. */
  listPublications(): Promise<readonly Publication[]>;
  /** The connector of a connection (created once and kept by the caller). */
  connector(connectionId: string): Promise<Connector>;
}

export interface CatalogOptions {
  readonly namespace: string;
  readonly containerName: string;
  /** Milliseconds between checks of the sources' table revisions (default 30 s). */
  readonly revisionCheckInterval?: number;
  readonly now?: () => number;
  /** Called with a model before it is served; throws when the model is invalid. */
  readonly validate?: (model: ServiceModel) => void;
  /** Applied to every model built (e.g. Salesforce compatibility), before validation. */
  readonly transform?: (model: ServiceModel) => ServiceModel;
}

export interface CatalogProblem {
  readonly connectionId: string;
  readonly message: string;
}

export interface CatalogSnapshot {
  readonly model: ServiceModel;
  /** Changes whenever the model changes (for $metadata ETags and caches). */
  readonly version: string;
  readonly problems: readonly CatalogProblem[];
  readonly resolveSource: (
    set: EntitySetModel,
  ) => Promise<{ readonly table: TableSchema; readonly connector: Connector }>;
}

function backgroundContext(): ExecutionContext {
  return {
    signal: AbortSignal.timeout(60_000),
    deadline: Date.now() + 60_000,
    recordSourceCall: () => undefined,
  };
}

function tableKey(connectionId: string, tableId: string): string {
  return `${connectionId}\u0000${tableId}`;
}

export class Catalog {
  private readonly schemas = new Map<string, TableSchema>();
  private readonly lastRevisionCheck = new Map<string, number>();
  private snapshot: CatalogSnapshot | undefined;
  private building: Promise<CatalogSnapshot> | undefined;
  private stale = true;
  /** Bumped by invalidate(), so that a rebuild that raced with it does not count as fresh. */
  private generation = 0;

  constructor(
    private readonly sources: CatalogSources,
    private readonly options: CatalogOptions,
  ) {}

  /** Forgets the model (publications or connections changed); the next call rebuilds it. */
  invalidate(connectionId?: string): void {
    this.stale = true;
    this.generation++;
    if (connectionId === undefined) {
      this.schemas.clear();
      this.lastRevisionCheck.clear();
      return;
    }
    for (const key of [...this.schemas.keys()])
      if (key.startsWith(`${connectionId}\u0000`)) this.schemas.delete(key);
    this.lastRevisionCheck.delete(connectionId);
  }

  /** The current snapshot, rebuilt first if it is stale or a revision check is due. */
  async current(): Promise<CatalogSnapshot> {
    if (this.building !== undefined) return this.building;
    if (this.snapshot !== undefined && !this.stale && !this.revisionCheckDue())
      return this.snapshot;
    this.building = this.rebuild().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  private revisionCheckDue(): boolean {
    const interval = this.options.revisionCheckInterval ?? 30_000;
    const now = (this.options.now ?? Date.now)();
    for (const checked of this.lastRevisionCheck.values())
      if (now - checked >= interval) return true;
    return false;
  }

  private async rebuild(): Promise<CatalogSnapshot> {
    const now = (this.options.now ?? Date.now)();
    const interval = this.options.revisionCheckInterval ?? 30_000;
    const generation = this.generation;
    const publications = await this.sources.listPublications();
    const byConnection = new Map<string, Publication[]>();
    for (const publication of publications) {
      const list = byConnection.get(publication.connectionId) ?? [];
      list.push(publication);
      byConnection.set(publication.connectionId, list);
    }

    const problems: CatalogProblem[] = [];
    const published: PublishedTable[] = [];
    const connectors = new Map<string, Connector>();
    for (const [connectionId, list] of byConnection) {
      try {
        const connector = await this.sources.connector(connectionId);
        connectors.set(connectionId, connector);
        const checked = this.lastRevisionCheck.get(connectionId);
        if (checked === undefined || now - checked >= interval) {
          await this.refreshRevisions(connectionId, connector);
          this.lastRevisionCheck.set(connectionId, now);
        }
        for (const publication of list) {
          const key = tableKey(connectionId, publication.tableId);
          let schema = this.schemas.get(key);
          if (schema === undefined) {
            schema = await connector.describeTable(publication.tableId, backgroundContext());
            this.schemas.set(key, schema);
          }
          published.push({ publication, table: schema });
        }
      } catch (error) {
        // Try this source again after the interval, not on every request.
        this.lastRevisionCheck.set(connectionId, now);
        problems.push({
          connectionId,
          message: error instanceof Error ? error.message : String(error),
        });
        for (const publication of list) {
          const schema = this.schemas.get(tableKey(connectionId, publication.tableId));
          if (schema !== undefined) published.push({ publication, table: schema });
        }
      }
    }

    const built = buildServiceModel({
      namespace: this.options.namespace,
      containerName: this.options.containerName,
      tables: published,
    });
    const model = this.options.transform === undefined ? built : this.options.transform(built);
    this.options.validate?.(model);
    const version = createHash('sha256')
      .update(
        JSON.stringify(
          published.map(({ publication, table }) => [publication, table.id, table.revision]),
        ),
      )
      .digest('base64url')
      .slice(0, 16);
    // Entity sets are found by their source table (a transform may have renamed them).
    const schemas = new Map(
      published.map(({ publication, table }) => [
        `${publication.connectionId}\u0000${table.id}`,
        table,
      ]),
    );
    const snapshot: CatalogSnapshot = {
      model,
      version,
      problems,
      resolveSource: (set) => {
        const table = schemas.get(`${set.source.connectionId}\u0000${set.source.table}`);
        const connector = connectors.get(set.source.connectionId);
        if (table === undefined || connector === undefined) {
          return Promise.reject(new Error(`entity set ${set.name} has no source in this snapshot`));
        }
        return Promise.resolve({ table, connector });
      },
    };
    this.snapshot = snapshot;
    this.stale = generation !== this.generation;
    return snapshot;
  }

  /** Drops cached schemas whose table revision changed in the source. */
  private async refreshRevisions(connectionId: string, connector: Connector): Promise<void> {
    const tables = await connector.listTables(backgroundContext());
    const revisions = new Map(tables.map((table) => [table.id, table.revision]));
    for (const [key, schema] of [...this.schemas]) {
      if (!key.startsWith(`${connectionId}\u0000`)) continue;
      if (revisions.get(schema.id) !== schema.revision) this.schemas.delete(key);
    }
  }
}
