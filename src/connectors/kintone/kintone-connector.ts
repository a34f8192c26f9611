/**
 * The Kintone connector: Kintone apps (and their subtables) as tables, read with as much
 * of each query as Kintone can do exactly, and written record by record or atomically
 * through bulkRequest. This class only composes the parts: the REST client (http/), the
 * schema builder (schema/), the planner (query/), the readers (read/), the writers
 * (write/) and the connection test (connection-test/).
 */
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type {
  ConnectionTestReport,
  Connector,
  ExecutionContext,
  Row,
  ScanPlan,
  ScanRequest,
  ScanResult,
  TableSchema,
  TableSummary,
  WriteOperation,
  WriteResult,
} from '../connector.js';
import { KintoneApiError } from './http/kintone-api-error.js';
import { KintoneClient } from './http/kintone-client.js';
import { mapKintoneError } from './http/kintone-error-mapping.js';
import type { RetrySchedule } from './http/retry-policy.js';
import { planKintoneScan, type KintoneScanState } from './query/plan-kintone-scan.js';
import { RecordPager } from './read/record-pager.js';
import { appToRow, compileRecordToRows } from './read/record-rows.js';
import { tableNames, appsTableName, type DirectoryEntry } from './schema/app-directory.js';
import { buildAppTables, buildAppsTable } from './schema/build-app-tables.js';
import type { KintoneApp, KintoneFormFields } from './schema/kintone-field-property.js';
import {
  appTableId,
  appsTableId,
  isKintoneTableSchema,
  parseTableId,
  type KintoneTableSchema,
} from './schema/kintone-table-model.js';
import type { KintoneConnectionConfig } from './settings/kintone-settings.js';
import { runConnectionTest } from './connection-test/run-connection-test.js';
import { KintoneWriter } from './write/kintone-writer.js';

export interface KintoneConnectorOptions {
  /** Retry timing (tests shorten it). */
  readonly retrySchedule?: RetrySchedule;
  /** How long the app directory is reused between schema calls. */
  readonly directoryTtlMs?: number;
}

const userAgent = 'Tsunagi-Kintone-Connector/0.1';
/** Kintone codes of an app that is listed but whose fields the connection may not read. */
const unreadableAppCodes = new Set(['GAIA_IL23', 'CB_NO02', 'GAIA_NO01', 'GAIA_AP01']);
const appsRevision = '1';

export class KintoneConnector implements Connector {
  readonly maxAtomicWrites = 20;
  readonly client: KintoneClient;
  private directory: { readonly entries: DirectoryEntry[]; readonly loadedAt: number } | undefined;
  private readonly writer: KintoneWriter;

  constructor(
    readonly config: KintoneConnectionConfig,
    private readonly options: KintoneConnectorOptions = {},
  ) {
    this.client = new KintoneClient(config, userAgent, options.retrySchedule);
    this.writer = new KintoneWriter(this.client, config, (tableId, context) =>
      this.describeTable(tableId, context),
    );
  }

  private errorContext(action: string): { action: string; guestSpaceId: number | undefined } {
    return { action, guestSpaceId: this.config.guestSpaceId };
  }

  async fetchApp(appId: number, context: ExecutionContext): Promise<KintoneApp> {
    return this.client.call<KintoneApp>(
      {
        method: 'GET',
        api: 'app',
        parameters: { id: appId },
        changesData: false,
        target: `app ${appId}`,
      },
      context,
    );
  }

  async fetchForm(appId: number, context: ExecutionContext): Promise<KintoneFormFields> {
    return this.client.call<KintoneFormFields>(
      {
        method: 'GET',
        api: 'app/form/fields',
        parameters: { app: appId },
        changesData: false,
        target: `app ${appId}`,
      },
      context,
    );
  }

  /** Every app the connection publishes (apps.json pages, or app.json per configured ID). */
  async fetchApps(context: ExecutionContext): Promise<KintoneApp[]> {
    const ids = this.config.appIds;
    if (ids !== undefined) {
      const apps = await Promise.all(
        ids.map(async (id) => {
          try {
            return await this.fetchApp(id, context);
          } catch (error) {
            // A configured app that no longer exists is left out; test() reports it.
            if (error instanceof KintoneApiError && error.code === 'GAIA_AP01') return undefined;
            throw error;
          }
        }),
      );
      return apps.filter((app): app is KintoneApp => app !== undefined);
    }
    const apps: KintoneApp[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await this.client.call<{ apps: KintoneApp[] }>(
        {
          method: 'GET',
          api: 'apps',
          parameters: { limit: 100, offset },
          changesData: false,
          target: 'apps',
        },
        context,
      );
      apps.push(...page.apps);
      if (page.apps.length < 100) break;
    }
    return apps;
  }

  private async loadDirectory(
    context: ExecutionContext,
    fresh: boolean,
  ): Promise<DirectoryEntry[]> {
    const ttl = this.options.directoryTtlMs ?? 30_000;
    if (!fresh && this.directory !== undefined && Date.now() - this.directory.loadedAt < ttl) {
      return this.directory.entries;
    }
    const apps = await this.fetchApps(context);
    const loaded = await Promise.all(
      apps.map(async (app) => {
        try {
          return { app, form: await this.fetchForm(Number(app.appId), context) };
        } catch (error) {
          // An app the connection sees but cannot read the fields of (another guest space,
          // no permission) cannot be published; the connection test names it.
          if (error instanceof KintoneApiError && unreadableAppCodes.has(error.code ?? ''))
            return undefined;
          throw error;
        }
      }),
    );
    const entries = loaded.filter((entry): entry is DirectoryEntry => entry !== undefined);
    this.directory = { entries, loadedAt: Date.now() };
    return entries;
  }

  async listTables(context: ExecutionContext): Promise<readonly TableSummary[]> {
    try {
      const entries = await this.loadDirectory(context, true);
      const names = tableNames(entries);
      const summaries: TableSummary[] = [
        { id: appsTableId, name: appsTableName, label: 'Kintone apps', revision: appsRevision },
      ];
      for (const entry of [...entries].sort((a, b) => Number(a.app.appId) - Number(b.app.appId))) {
        const tables = this.buildTables(entry, names);
        for (const table of [tables.app, ...tables.subtables]) {
          summaries.push({
            id: table.id,
            name: table.name,
            label: table.label,
            ...(table.description === undefined ? {} : { description: table.description }),
            revision: table.revision,
            ...(table.parentId === undefined ? {} : { parentId: table.parentId }),
          });
        }
      }
      return summaries;
    } catch (error) {
      throw mapKintoneError(error, this.errorContext('listing the apps'));
    }
  }

  private buildTables(entry: DirectoryEntry, names: ReadonlyMap<string, string>) {
    const appId = Number(entry.app.appId);
    const subtableNames = new Map<string, string>();
    for (const field of Object.values(entry.form.properties)) {
      if (field.type !== 'SUBTABLE') continue;
      const name = names.get(`${appId}.${field.code}`);
      if (name !== undefined) subtableNames.set(field.code, name);
    }
    return buildAppTables(
      {
        appId,
        name: names.get(appTableId(appId)) ?? `App_${appId}`,
        label: entry.app.name,
        ...(entry.app.description === undefined ? {} : { description: entry.app.description }),
      },
      entry.form,
      this.config.schema,
      subtableNames,
      this.config.readOnly,
    );
  }

  async describeTable(tableId: string, context: ExecutionContext): Promise<KintoneTableSchema> {
    const schema = await this.describeKintoneTable(tableId, context);
    return this.config.requireIfMatch && schema.etagColumn !== undefined
      ? { ...schema, requiresIfMatch: true }
      : schema;
  }

  private async describeKintoneTable(
    tableId: string,
    context: ExecutionContext,
  ): Promise<KintoneTableSchema> {
    const parsed = parseTableId(tableId);
    if (parsed === undefined)
      throw new TsunagiError(
        'TSG200',
        `Table '${tableId}' does not exist in this Kintone connection.`,
      );
    if (parsed.kind === 'apps') return buildAppsTable(appsTableName, appsRevision);
    try {
      const directory = await this.loadDirectory(context, false);
      let entry = directory.find((candidate) => Number(candidate.app.appId) === parsed.appId);
      if (entry === undefined) {
        const refreshed = await this.loadDirectory(context, true);
        entry = refreshed.find((candidate) => Number(candidate.app.appId) === parsed.appId);
      }
      if (entry === undefined) {
        throw new TsunagiError(
          'TSG200',
          `Kintone app ${parsed.appId} is not published by this connection.`,
        );
      }
      // Always read the fields afresh: the schema must match the app's current form revision.
      const form = await this.fetchForm(parsed.appId, context);
      const current = { app: entry.app, form };
      const entries = directory.map((candidate) =>
        candidate.app.appId === entry.app.appId ? current : candidate,
      );
      if (this.directory !== undefined) this.directory = { ...this.directory, entries };
      const tables = this.buildTables(current, tableNames(entries));
      if (parsed.kind === 'app') return tables.app;
      const subtable = tables.subtables.find((table) => table.id === tableId);
      if (subtable === undefined) {
        throw new TsunagiError(
          'TSG200',
          `Kintone app ${parsed.appId} has no subtable '${parsed.subtableCode}'.`,
        );
      }
      return subtable;
    } catch (error) {
      throw mapKintoneError(error, this.errorContext(`reading the fields of app ${parsed.appId}`));
    }
  }

  planScan(request: ScanRequest): ScanPlan {
    return planKintoneScan(request, { pageSize: this.config.pageSize }, this.config.guestSpaceId);
  }

  async scan(plan: ScanPlan, context: ExecutionContext): Promise<ScanResult> {
    const table = plan.request.table;
    const state = plan.state as KintoneScanState | undefined;
    if (!isKintoneTableSchema(table) || state === undefined) {
      throw new TsunagiError(
        'TSG900',
        `The scan of '${table.name}' was not planned by the Kintone connector.`,
      );
    }
    switch (state.kind) {
      case 'empty':
        return {
          batches: batchesOf([]),
          totalCount: state.count ? Promise.resolve(0) : undefined,
        };
      case 'apps':
        return this.scanApps(table, context);
      case 'records':
        break;
    }
    const action = `reading ${table.kintone.kind === 'subtable' ? 'subtable rows of ' : ''}app ${state.appId}`;
    const pager = new RecordPager(this.client, state, context);
    const toRows = compileRecordToRows(table, plan.request.projection, {
      sortRows: state.rowOrder,
    });
    let first: readonly Row[] | undefined;
    if (state.count) {
      // The count is wanted before the rows: make the first call now.
      try {
        const records = await pager.next();
        const rows: Row[] = [];
        for (const record of records) toRows(record, rows);
        first = rows;
      } catch (error) {
        throw mapKintoneError(error, this.errorContext(action));
      }
    }
    const mapError = (error: unknown): unknown => mapKintoneError(error, this.errorContext(action));
    async function* batches(): AsyncGenerator<readonly Row[]> {
      if (first !== undefined && first.length > 0) yield first;
      while (!pager.done) {
        let records;
        try {
          records = await pager.next();
        } catch (error) {
          throw mapError(error);
        }
        const rows: Row[] = [];
        for (const record of records) toRows(record, rows);
        if (rows.length > 0) yield rows;
      }
    }
    return {
      batches: batches(),
      totalCount: state.count ? Promise.resolve(pager.totalCount ?? 0) : undefined,
    };
  }

  private async scanApps(
    table: KintoneTableSchema,
    context: ExecutionContext,
  ): Promise<ScanResult> {
    let apps: KintoneApp[];
    try {
      apps = await this.fetchApps(context);
    } catch (error) {
      throw mapKintoneError(error, this.errorContext('listing the apps'));
    }
    const rows = apps.map((app) => appToRow(table, app as unknown as Record<string, unknown>));
    return { batches: batchesOf(rows.length > 0 ? [rows] : []), totalCount: undefined };
  }

  async write(
    operations: readonly WriteOperation[],
    context: ExecutionContext,
  ): Promise<readonly WriteResult[]> {
    return this.writer.write(operations, context);
  }

  test(context: ExecutionContext): Promise<ConnectionTestReport> {
    return runConnectionTest(this, context);
  }

  close(): Promise<void> {
    this.client.close();
    return Promise.resolve();
  }
}

function batchesOf(batches: readonly (readonly Row[])[]): AsyncIterable<readonly Row[]> {
  return {
    [Symbol.asyncIterator]: () => {
      let index = 0;
      return {
        next: () =>
          Promise.resolve(
            index < batches.length
              ? { done: false as const, value: batches[index++] as readonly Row[] }
              : { done: true as const, value: undefined },
          ),
        return: () => Promise.resolve({ done: true as const, value: undefined }),
      };
    },
  };
}

export type { TableSchema };
