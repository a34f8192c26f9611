/**
 * Writes: OData inserts, updates and deletes as Kintone record calls. One operation is one
 * call (POST/PUT record.json, DELETE records.json); several are one bulkRequest, applied
 * by Kintone in one transaction (at most 20 requests). Subtable rows are changed through
 * their parent record: read it, change the subtable array, PUT it with the parent's
 * revision (the row's ETag); changes to rows of one parent in one request share one PUT.
 * Values are checked before any call; the written rows are read back so that the caller
 * gets keys, revisions and computed values.
 */
import { TsunagiError, type ErrorDetail } from '../../../errors/tsunagi-error.js';
import type { Value } from '../../../odata/edm/primitive-type.js';
import { formatEtag } from '../../../odata/serialize/etag.js';
import type {
  ExecutionContext,
  NestedRows,
  Row,
  WriteOperation,
  WriteResult,
} from '../../connector.js';
import { KintoneApiError } from '../http/kintone-api-error.js';
import type { KintoneClient } from '../http/kintone-client.js';
import { mapKintoneError } from '../http/kintone-error-mapping.js';
import { compileRecordToRows } from '../read/record-rows.js';
import type { KintoneRecordData } from '../read/kintone-values.js';
import { isKintoneTableSchema, type KintoneTableSchema } from '../schema/kintone-table-model.js';
import type { KintoneConnectionConfig } from '../settings/kintone-settings.js';
import { encodeRecord, type KintoneWriteRecord } from './encode-values.js';
import { fieldToken, numberToken, quoteString } from '../query/kintone-query-text.js';

const maxBulkRequests = 20;
/** Sends of one insert whose earlier outcomes were unknown and verified as not applied. */
const maxInsertAttempts = 10;

interface SubtableRowData {
  readonly id?: string;
  readonly value: Record<string, { value: unknown }>;
}

/** Pending changes to the subtable rows of one parent record. */
interface ParentEdit {
  readonly appId: number;
  readonly parentId: string;
  readonly subtableCode: string;
  readonly table: KintoneTableSchema;
  revision: string | undefined;
  /** Revision was given by the client (If-Match), not read by us. */
  clientRevision: boolean;
  rows: SubtableRowData[];
}

interface PlannedRequest {
  readonly method: 'POST' | 'PUT' | 'DELETE';
  readonly api: 'record' | 'records';
  readonly payload: Record<string, unknown>;
  /** Operations this request serves (several for a shared subtable PUT). */
  readonly operations: number[];
  readonly edit?: ParentEdit;
}

/** What each operation's result will be read from after the calls. */
type Outcome =
  | {
      readonly kind: 'record';
      readonly table: KintoneTableSchema;
      readonly request: number;
      readonly id?: string;
    }
  | {
      readonly kind: 'row';
      readonly table: KintoneTableSchema;
      readonly edit: ParentEdit;
      readonly position: number;
      readonly rowId?: string;
    }
  | { readonly kind: 'deleted' };

/** A revision from an ETag: `W/"5"`, `"5"`, `5`; undefined for `*` or none. */
export function revisionFromEtag(etag: string | undefined): string | undefined {
  if (etag === undefined || etag.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(etag);
  if (match === null) {
    throw new TsunagiError(
      'TSG601',
      'The ETag given in If-Match is not one this service issued; read the entity again.',
    );
  }
  return match[1];
}

function keyText(value: Value | undefined, name: string): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'bigint' && value > 0n) return value.toString();
  if (typeof value === 'string' && /^[1-9]\d*$/.test(value)) return value;
  throw new TsunagiError('TSG206', `The key ${name} must be a positive whole number.`);
}

export class KintoneWriter {
  constructor(
    private readonly client: KintoneClient,
    private readonly config: KintoneConnectionConfig,
    private readonly describe: (
      tableId: string,
      context: ExecutionContext,
    ) => Promise<KintoneTableSchema>,
  ) {}

  /**
   * Deep insert / update: the subtable value of each nested relationship. Rows with their
   * RowId update that row (cells not given keep their values), rows without one are new,
   * and rows not listed are deleted: exactly Kintone's PUT semantics for subtables.
   */
  private async nestedRecord(
    table: KintoneTableSchema,
    nested: readonly NestedRows[] | undefined,
    problems: ErrorDetail[],
    context: ExecutionContext,
  ): Promise<KintoneWriteRecord> {
    const record: KintoneWriteRecord = {};
    for (const item of nested ?? []) {
      const relationship = table.relationships.find(
        (candidate) => candidate.name === item.relationship && candidate.collection,
      );
      if (relationship === undefined) {
        problems.push({
          code: 'TSG600',
          message: `${table.name} has no subtable ${item.relationship}.`,
          target: item.relationship,
        });
        continue;
      }
      const child = await this.describe(relationship.targetTable, context);
      const rows: { id?: string; value: KintoneWriteRecord }[] = [];
      for (const values of item.rows) {
        const rowKey = values.get('$rowId');
        const encoded = encodeRecord(
          child,
          withoutKeys(values, ['$rowId', '$parentId', '$parentRevision']),
          false,
        );
        problems.push(
          ...encoded.problems.map((problem) => ({
            ...problem,
            target: `${item.relationship}/${problem.target ?? ''}`,
          })),
        );
        rows.push(
          rowKey === undefined || rowKey === null
            ? { value: encoded.record }
            : { id: keyText(rowKey, 'RowId'), value: encoded.record },
        );
      }
      const code = child.kintone.subtableCode;
      if (code !== undefined) record[code] = { value: rows };
    }
    return record;
  }

  private apiPath(api: string): string {
    return this.client.transport.apiPath(api);
  }

  async write(
    operations: readonly WriteOperation[],
    context: ExecutionContext,
  ): Promise<WriteResult[]> {
    if (operations.length === 0) return [];
    for (const operation of operations) this.checkAllowed(operation);
    // Subtable changes read their parents: on a conflict with our own read, read again and retry.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(operations, context);
      } catch (error) {
        const retry = error instanceof RetryableConflict && attempt < 3;
        if (retry) continue;
        if (error instanceof RetryableConflict)
          throw mapKintoneError(error.cause, {
            action: 'writing',
            guestSpaceId: this.config.guestSpaceId,
          });
        throw error;
      }
    }
  }

  private checkAllowed(operation: WriteOperation): void {
    const table = operation.table;
    if (!isKintoneTableSchema(table) || table.kintone.kind === 'apps') {
      throw new TsunagiError('TSG603', `${table.name} is read-only.`);
    }
    const allowed =
      operation.kind === 'insert'
        ? table.writable.insert
        : operation.kind === 'update'
          ? table.writable.update
          : table.writable.delete;
    if (!allowed || this.config.readOnly) {
      throw new TsunagiError(
        'TSG603',
        `${table.name} does not allow ${operation.kind}s (the connection is read-only).`,
      );
    }
  }

  private async readParent(
    table: KintoneTableSchema,
    parentId: string,
    context: ExecutionContext,
  ): Promise<{ revision: string; rows: SubtableRowData[] }> {
    const code = table.kintone.subtableCode ?? '';
    const answer = await this.client.call<{ record: KintoneRecordData }>(
      {
        method: 'GET',
        api: 'record',
        parameters: { app: table.kintone.appId, id: parentId },
        changesData: false,
        target: `app ${table.kintone.appId}`,
      },
      context,
    );
    const revisionValue = answer.record['$revision']?.value;
    const revision =
      typeof revisionValue === 'string' ? revisionValue : JSON.stringify(revisionValue);
    const rows = answer.record[code]?.value;
    const list: SubtableRowData[] = Array.isArray(rows)
      ? (rows as { id: string }[]).map((row) => ({ id: String(row.id), value: {} }))
      : [];
    return { revision, rows: list };
  }

  private async attempt(
    operations: readonly WriteOperation[],
    context: ExecutionContext,
  ): Promise<WriteResult[]> {
    const requests: PlannedRequest[] = [];
    const outcomes: Outcome[] = [];
    const edits = new Map<string, ParentEdit>();
    const problems: ErrorDetail[] = [];

    for (const [index, operation] of operations.entries()) {
      const table = operation.table as KintoneTableSchema;
      const appId = table.kintone.appId;
      if (table.kintone.kind === 'app') {
        if (operation.kind === 'insert') {
          const { record, problems: found } = encodeRecord(
            table,
            withoutKeys(operation.values, ['$id', '$revision']),
            false,
          );
          problems.push(...found);
          Object.assign(
            record,
            await this.nestedRecord(table, operation.nested, problems, context),
          );
          requests.push({
            method: 'POST',
            api: 'record',
            payload: { app: appId, record },
            operations: [index],
          });
          outcomes.push({ kind: 'record', table, request: requests.length - 1 });
        } else if (operation.kind === 'update') {
          const id = keyText(operation.key.get('$id'), 'RecordId');
          const { record, problems: found } = encodeRecord(
            table,
            withoutKeys(operation.values, ['$id', '$revision']),
            operation.replace,
          );
          problems.push(...found);
          Object.assign(
            record,
            await this.nestedRecord(table, operation.nested, problems, context),
          );
          const revision = revisionFromEtag(operation.etag);
          requests.push({
            method: 'PUT',
            api: 'record',
            payload: { app: appId, id, record, ...(revision === undefined ? {} : { revision }) },
            operations: [index],
          });
          outcomes.push({ kind: 'record', table, request: requests.length - 1, id });
        } else {
          const id = keyText(operation.key.get('$id'), 'RecordId');
          const revision = revisionFromEtag(operation.etag);
          requests.push({
            method: 'DELETE',
            api: 'records',
            payload: {
              app: appId,
              ids: [id],
              ...(revision === undefined ? {} : { revisions: [revision] }),
            },
            operations: [index],
          });
          outcomes.push({ kind: 'deleted' });
        }
        continue;
      }
      // A subtable row: change the parent's subtable array.
      const parentValue =
        operation.kind === 'insert'
          ? operation.values.get('$parentId')
          : operation.key.get('$parentId');
      const parentId = keyText(parentValue ?? undefined, 'ParentRecordId');
      const editKey = `${appId}/${parentId}/${table.kintone.subtableCode ?? ''}`;
      let edit = edits.get(editKey);
      if (edit === undefined) {
        const parent = await this.readParent(table, parentId, context).catch((error: unknown) => {
          throw mapKintoneError(error, {
            action: `reading record ${parentId} of app ${appId}`,
            guestSpaceId: this.config.guestSpaceId,
          });
        });
        edit = {
          appId,
          parentId,
          subtableCode: table.kintone.subtableCode ?? '',
          table,
          revision: parent.revision,
          clientRevision: false,
          rows: parent.rows,
        };
        edits.set(editKey, edit);
        requests.push({ method: 'PUT', api: 'record', payload: {}, operations: [], edit });
      }
      const request = requests.find((candidate) => candidate.edit === edit);
      request?.operations.push(index);
      const etagRevision =
        operation.kind === 'insert' ? undefined : revisionFromEtag(operation.etag);
      if (etagRevision !== undefined) {
        if (edit.clientRevision && edit.revision !== etagRevision) {
          throw new TsunagiError(
            'TSG601',
            `Two changes to rows of record ${parentId} give different ETags.`,
          );
        }
        edit.revision = etagRevision;
        edit.clientRevision = true;
      }
      const values = withoutKeys(operation.kind === 'delete' ? new Map() : operation.values, [
        '$rowId',
        '$parentId',
        '$parentRevision',
      ]);
      if (operation.kind !== 'insert') {
        const newParent =
          operation.kind === 'update' ? operation.values.get('$parentId') : undefined;
        if (
          newParent !== undefined &&
          newParent !== null &&
          keyText(newParent, 'ParentRecordId') !== parentId
        ) {
          problems.push({
            code: 'TSG600',
            message: 'ParentRecordId cannot be changed: a row cannot move to another record.',
            target: 'ParentRecordId',
          });
        }
      }
      if (operation.kind === 'insert') {
        const { record, problems: found } = encodeRecord(table, values, false);
        problems.push(...found);
        edit.rows.push({ value: record });
        outcomes.push({ kind: 'row', table, edit, position: edit.rows.length - 1 });
        continue;
      }
      const rowId = keyText(operation.key.get('$rowId'), 'RowId');
      const position = edit.rows.findIndex((row) => row.id === rowId);
      if (position < 0) {
        throw new TsunagiError(
          'TSG201',
          `Record ${parentId} of ${table.name.split('_')[0] ?? 'the app'} has no subtable row ${rowId}.`,
        );
      }
      if (operation.kind === 'delete') {
        edit.rows.splice(position, 1);
        outcomes.push({ kind: 'deleted' });
        continue;
      }
      const { record, problems: found } = encodeRecord(table, values, operation.replace);
      problems.push(...found);
      const current = edit.rows[position];
      edit.rows[position] = { id: rowId, value: { ...(current?.value ?? {}), ...record } };
      outcomes.push({ kind: 'row', table, edit, position, rowId });
    }
    if (problems.length > 0) {
      throw new TsunagiError(
        'TSG600',
        `${problems.length === 1 ? 'A value is' : 'Values are'} not accepted by Kintone: ${problems.map((problem) => problem.message).join(' ')}`,
        {
          details: problems,
          ...(problems.length === 1 && problems[0]?.target !== undefined
            ? { target: problems[0].target }
            : {}),
        },
      );
    }
    if (requests.length > maxBulkRequests) {
      throw new TsunagiError(
        'TSG632',
        `These changes need ${requests.length} Kintone calls; at most ${maxBulkRequests} can be applied in one transaction.`,
      );
    }
    // Subtable PUTs: positions of rows may have moved by later deletes; fill the payloads now.
    const rowPositions = new Map<SubtableRowData, number>();
    for (const request of requests) {
      const edit = request.edit;
      if (edit === undefined) continue;
      edit.rows.forEach((row, position) => rowPositions.set(row, position));
      Object.assign(request.payload, {
        app: edit.appId,
        id: edit.parentId,
        record: {
          [edit.subtableCode]: {
            value: edit.rows.map((row) =>
              row.id === undefined ? { value: row.value } : { id: row.id, value: row.value },
            ),
          },
        },
        ...(edit.revision === undefined ? {} : { revision: edit.revision }),
      });
    }
    const rowsOfOutcomes = outcomes.map((outcome) =>
      outcome.kind === 'row' ? outcome.edit.rows[outcome.position] : undefined,
    );

    const responses = await this.send(requests, operations, context);

    // Read back what was written.
    const results: WriteResult[] = [];
    const recordCache = new Map<string, KintoneRecordData | undefined>();
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.kind === 'deleted') {
        results.push(undefined);
        continue;
      }
      if (outcome.kind === 'record') {
        const response = responses[outcome.request] as { id?: string } | undefined;
        const id = outcome.id ?? String(response?.id ?? '');
        const record = await this.readRecord(outcome.table, id, recordCache, context);
        results.push(record === undefined ? undefined : this.rowsOf(outcome.table, record)[0]);
        continue;
      }
      const record = await this.readRecord(
        outcome.table,
        outcome.edit.parentId,
        recordCache,
        context,
      );
      const row = rowsOfOutcomes[index];
      const position = row === undefined ? -1 : (rowPositions.get(row) ?? -1);
      const rows = record === undefined ? [] : this.rowsOf(outcome.table, record, false);
      results.push(rows[position]);
    }
    return results;
  }

  private rowsOf(table: KintoneTableSchema, record: KintoneRecordData, sorted = true): Row[] {
    const rows: Row[] = [];
    compileRecordToRows(
      table,
      table.columns.map((_column, index) => index),
      { sortRows: sorted ? 'asc' : false },
    )(record, rows);
    return rows;
  }

  private async readRecord(
    table: KintoneTableSchema,
    id: string,
    cache: Map<string, KintoneRecordData | undefined>,
    context: ExecutionContext,
  ): Promise<KintoneRecordData | undefined> {
    const key = `${table.kintone.appId}/${id}`;
    if (cache.has(key)) return cache.get(key);
    try {
      const answer = await this.client.call<{ record: KintoneRecordData }>(
        {
          method: 'GET',
          api: 'record',
          parameters: { app: table.kintone.appId, id },
          changesData: false,
          target: `app ${table.kintone.appId}`,
        },
        context,
      );
      cache.set(key, answer.record);
      return answer.record;
    } catch (error) {
      if (error instanceof KintoneApiError && error.code === 'GAIA_RE01') {
        cache.set(key, undefined);
        return undefined;
      }
      throw mapKintoneError(error, {
        action: `reading back record ${id} of app ${table.kintone.appId}`,
        guestSpaceId: this.config.guestSpaceId,
      });
    }
  }

  /**
   * One record call. Updates and deletes are repeated after an attempt whose outcome is
   * unknown (the end state is the same), and the answer is read in that light: "not found"
   * after a delete that may have been applied is success; a revision conflict after an
   * update that may have been applied is success when the record holds what was sent at
   * the next revision. An insert whose outcome is unknown is looked up by a unique field
   * it sets, and sent again only when it is not there.
   */
  private async sendOne(
    request: PlannedRequest,
    operation: WriteOperation | undefined,
    context: ExecutionContext,
  ): Promise<unknown> {
    const appId = Number(request.payload['app']);
    const isInsert = request.method === 'POST';
    const idempotent = !isInsert && request.edit === undefined;
    const call = {
      method: request.method,
      api: request.api,
      parameters: request.payload,
      changesData: true,
      idempotent,
      target: `app ${appId}`,
      query: `${request.method} ${request.api}`,
    };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.client.call<unknown>(call, context);
      } catch (error) {
        if (!(error instanceof KintoneApiError)) throw error;
        if (
          error.afterUncertainAttempt &&
          request.method === 'DELETE' &&
          error.code === 'GAIA_RE01'
        ) {
          return {};
        }
        if (
          error.afterUncertainAttempt &&
          request.method === 'PUT' &&
          error.code === 'GAIA_CO02' &&
          operation !== undefined
        ) {
          const applied = await this.updateApplied(
            request,
            operation.table as KintoneTableSchema,
            context,
          );
          if (applied !== undefined) return { revision: applied };
        }
        const uncertainInsert =
          isInsert &&
          error.failure === 'unknown' &&
          operation !== undefined &&
          attempt < maxInsertAttempts;
        if (!uncertainInsert || Date.now() >= context.deadline) throw error;
        const found = await this.findInserted(
          operation.table as KintoneTableSchema,
          request.payload['record'] as KintoneWriteRecord,
          context,
        );
        if (found === 'unverifiable') throw error;
        if (found !== undefined) return found;
        // Not there: the insert was not applied; send it again.
      }
    }
  }

  /** The record's revision when it holds the values an uncertain update sent, at the next revision. */
  private async updateApplied(
    request: PlannedRequest,
    table: KintoneTableSchema,
    context: ExecutionContext,
  ): Promise<string | undefined> {
    const expected = request.payload['revision'];
    const id = String(request.payload['id']);
    const cache = new Map<string, KintoneRecordData | undefined>();
    const record = await this.readRecord(table, id, cache, context);
    if (record === undefined) return undefined;
    const revision = record['$revision']?.value;
    if (typeof revision !== 'string' || Number(revision) !== Number(expected) + 1) return undefined;
    return holdsValues(record, request.payload['record'] as KintoneWriteRecord)
      ? revision
      : undefined;
  }

  /** After an insert with an unknown outcome: the record it created, found by a unique field. */
  private async findInserted(
    table: KintoneTableSchema,
    record: KintoneWriteRecord,
    context: ExecutionContext,
  ): Promise<{ id: string; revision: string } | undefined | 'unverifiable'> {
    const unique = table.kintone.columns.find((source) => {
      const value = record[source.code]?.value;
      return source.unique === true && typeof value === 'string' && value !== '';
    });
    if (unique === undefined) return 'unverifiable';
    const value = String(record[unique.code]?.value);
    const token = unique.fieldType === 'NUMBER' ? numberToken(value) : quoteString(value);
    const field = fieldToken(unique.code);
    if (token === undefined || field === undefined) return 'unverifiable';
    const answer = await this.client.call<{ records: KintoneRecordData[] }>(
      {
        method: 'GET',
        api: 'records',
        parameters: {
          app: table.kintone.appId,
          fields: ['$id', '$revision', ...Object.keys(record)],
          query: `${field} = ${token} limit 2`,
        },
        changesData: false,
        target: `app ${table.kintone.appId}`,
        query: `${field} = ${token}`,
      },
      context,
    );
    const matches = answer.records.filter((candidate) => holdsValues(candidate, record));
    const found = matches[0];
    if (matches.length !== 1 || found === undefined) return undefined;
    return { id: String(found['$id']?.value), revision: String(found['$revision']?.value) };
  }

  /** A precondition failure on one record names the record's current ETag (one extra read). */
  private async withCurrentEtag(
    error: unknown,
    requests: readonly PlannedRequest[],
    operations: readonly WriteOperation[],
    context: ExecutionContext,
  ): Promise<unknown> {
    const operation = operations[0];
    const request = requests[0];
    if (
      !(error instanceof TsunagiError) ||
      error.code !== 'TSG601' ||
      operations.length !== 1 ||
      operation === undefined ||
      operation.kind === 'insert' ||
      request === undefined
    )
      return error;
    const table = operation.table as KintoneTableSchema;
    const id =
      table.kintone.kind === 'app'
        ? (request.payload['id'] ?? (request.payload['ids'] as unknown[] | undefined)?.[0])
        : request.edit?.parentId;
    try {
      const record = await this.readRecord(table, String(id), new Map(), context);
      const revision = record?.['$revision']?.value;
      if (typeof revision !== 'string') return error;
      const etag = formatEtag(revision) ?? '';
      return new TsunagiError('TSG601', `${error.message} Its current ETag is ${etag}.`, {
        details: error.details,
        headers: { ...error.headers, ETag: etag },
        ...(error.innerError === undefined ? {} : { innerError: error.innerError }),
        cause: error,
      });
    } catch {
      return error;
    }
  }

  private async send(
    requests: readonly PlannedRequest[],
    operations: readonly WriteOperation[],
    context: ExecutionContext,
  ): Promise<unknown[]> {
    try {
      if (requests.length === 1) {
        const request = requests[0] as PlannedRequest;
        const operationIndex = request.operations[0];
        const operation = operationIndex === undefined ? undefined : operations[operationIndex];
        return [await this.sendOne(request, operation, context)];
      }
      const answer = await this.client.call<{ results: unknown[] }>(
        {
          method: 'POST',
          api: 'bulkRequest',
          parameters: {
            requests: requests.map((request) => ({
              method: request.method,
              api: this.apiPath(request.api),
              payload: request.payload,
            })),
          },
          changesData: true,
          target: 'bulkRequest',
          query: `${requests.length} requests`,
        },
        context,
      );
      return answer.results;
    } catch (error) {
      throw await this.withCurrentEtag(
        this.writeError(error, requests, operations),
        requests,
        operations,
        context,
      );
    }
  }

  private writeError(
    error: unknown,
    requests: readonly PlannedRequest[],
    operations: readonly WriteOperation[],
  ): unknown {
    const request = error instanceof KintoneApiError ? requests[error.bulkIndex ?? 0] : undefined;
    if (
      error instanceof KintoneApiError &&
      error.code === 'GAIA_CO02' &&
      request?.edit !== undefined &&
      !requests.some(
        (candidate) =>
          candidate.edit?.clientRevision === true ||
          (candidate.edit === undefined && 'revision' in candidate.payload),
      )
    ) {
      return new RetryableConflict(error);
    }
    const operationIndex = request?.operations[0];
    const operation = operationIndex === undefined ? undefined : operations[operationIndex];
    const action =
      operation === undefined
        ? 'writing'
        : `${operation.kind === 'insert' ? 'inserting into' : operation.kind === 'update' ? 'updating' : 'deleting from'} ${operation.table.name}${requests.length > 1 ? ` (change ${(operationIndex ?? 0) + 1} of ${operations.length})` : ''}`;
    const mapped = mapKintoneError(error, { action, guestSpaceId: this.config.guestSpaceId });
    if (
      !(mapped instanceof TsunagiError) ||
      !(error instanceof KintoneApiError) ||
      operation === undefined
    )
      return mapped;
    if (mapped.code === 'TSG600') {
      const details = this.validationDetails(error, operation.table as KintoneTableSchema);
      return new TsunagiError(
        'TSG600',
        `Kintone rejected the values while ${action}: ${details.map((detail) => detail.message).join(' ')}`,
        {
          details,
          ...(details.length === 1 && details[0]?.target !== undefined
            ? { target: details[0].target }
            : {}),
          ...(mapped.innerError === undefined ? {} : { innerError: mapped.innerError }),
          cause: error,
        },
      );
    }
    return mapped;
  }

  /** Kintone's `errors` keys (`record.title.value`, `record.items.value[0].value.qty.value`) as columns. */
  private validationDetails(error: KintoneApiError, table: KintoneTableSchema): ErrorDetail[] {
    const details: ErrorDetail[] = [];
    for (const [key, value] of Object.entries(error.body?.errors ?? {})) {
      const codes = [...key.matchAll(/(?:^|\.|\[)([^.[\]]+)(?=\]?\.value)/g)].map(
        (match) => match[1] ?? '',
      );
      const code = codes[codes.length - 1] ?? key;
      const index = table.kintone.columns.findIndex((source) => source.code === code);
      const column = index >= 0 ? table.columns[index] : undefined;
      for (const message of value.messages ?? []) {
        details.push({
          code: error.code ?? 'CB_VA01',
          message: `${column?.propertyName ?? code}: ${message}`,
          target: column?.name ?? code,
        });
      }
    }
    if (details.length === 0)
      details.push({ code: error.code ?? 'CB_VA01', message: error.message });
    return details;
  }
}

/** Whether a record read back holds the (text-like) values a write sent. */
function holdsValues(record: KintoneRecordData, sent: KintoneWriteRecord): boolean {
  for (const [code, { value }] of Object.entries(sent)) {
    const stored = record[code]?.value;
    if (typeof value !== 'string') continue;
    if (typeof stored !== 'string' && stored !== null) return false;
    const text = stored ?? '';
    if (text === value) continue;
    const numeric = /^-?\d+(\.\d+)?$/;
    if (numeric.test(text) && numeric.test(value) && Number(text) === Number(value)) continue;
    return false;
  }
  return true;
}

class RetryableConflict extends Error {
  constructor(override readonly cause: KintoneApiError) {
    super('conflict with our own read');
  }
}

function withoutKeys(
  values: ReadonlyMap<string, Value>,
  keys: readonly string[],
): Map<string, Value> {
  const result = new Map(values);
  for (const key of keys) result.delete(key);
  return result;
}

export type { KintoneWriteRecord };
