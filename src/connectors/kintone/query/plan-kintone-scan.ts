/**
 * planScan for Kintone, pure: splits the request's filter into what Kintone evaluates
 * exactly, what it pre-filters (superset) and what the gateway does; adds $search as a
 * word search; pushes the order when every key sorts exactly in Kintone (record ID,
 * created and updated time); and, when rows come out exactly as OData wants them, skip,
 * top and count too. The result carries the Kintone calls to make (state) and their
 * description (sourceQuery, for explain).
 */
import type { ScanPlan, ScanRequest } from '../../connector.js';
import { planWithoutPushdown } from '../../connector.js';
import type { BoundExpression } from '../../../odata/semantic/expression.js';
import { conjunction, conjuncts } from '../../../odata/plan/expression-nodes.js';
import { isKintoneTableSchema, type KintoneTableSchema } from '../schema/kintone-table-model.js';
import { fieldToken } from './kintone-query-text.js';
import {
  andConditions,
  isConstant,
  shareSubtable,
  translateCondition,
  type KintoneCondition,
} from './translate-filter.js';
import { translateSearch } from './translate-search.js';

/** Kintone's largest offset. */
export const maxKintoneOffset = 10000;
/** Kintone's largest limit. */
export const maxKintoneLimit = 500;

export interface OrderKey {
  /** Field code token ($id or a created / updated time field). */
  readonly field: string;
  readonly direction: 'asc' | 'desc';
  /** How seek predicates compare it: integers, or date-times (equality as a closed range). */
  readonly kind: 'id' | 'dateTime';
}

export interface RecordScanState {
  readonly kind: 'records';
  readonly appId: number;
  /** For subtable tables: the subtable whose rows are produced. */
  readonly subtableCode: string | undefined;
  /** For subtable tables: the order of the rows within a record (by row ID). */
  readonly rowOrder: 'asc' | 'desc';
  /** The condition, without order and paging (undefined: every record). */
  readonly condition: string | undefined;
  /** The order Kintone applies; the last key is $id, so the order is total. */
  readonly orderKeys: readonly OrderKey[];
  readonly fields: readonly string[];
  /** Rows to skip and to return, when the plan pushed them (else 0 / undefined). */
  readonly skip: number;
  readonly top: number | undefined;
  readonly count: boolean;
  /** Records per call. */
  readonly pageSize: number;
}

export type KintoneScanState =
  RecordScanState | { readonly kind: 'empty'; readonly count: boolean } | { readonly kind: 'apps' };

export interface KintonePlanOptions {
  readonly pageSize: number;
}

function orderKeysFor(request: ScanRequest, table: KintoneTableSchema): OrderKey[] | undefined {
  const keys: OrderKey[] = [];
  for (const item of request.orderBy) {
    const expression = item.expression;
    if (
      expression.kind !== 'property' ||
      expression.variable !== null ||
      expression.property === undefined
    )
      return undefined;
    const index = expression.property.columnIndex;
    const column = table.columns[index];
    const source = table.kintone.columns[index];
    if (column === undefined || source === undefined || column.name !== expression.property.column)
      return undefined;
    if (!column.pushdown.sort) return undefined;
    const field = fieldToken(source.code);
    if (field === undefined) return undefined;
    const kind =
      source.queryKind === 'id' ? 'id' : source.queryKind === 'systemTime' ? 'dateTime' : undefined;
    if (kind === undefined) return undefined;
    keys.push({ field, direction: item.direction, kind });
  }
  // Make the order total: $id last (the planner appends the key, but be safe).
  if (!keys.some((key) => key.field === '$id'))
    keys.push({ field: '$id', direction: 'asc', kind: 'id' });
  else {
    const position = keys.findIndex((key) => key.field === '$id');
    keys.length = position + 1;
  }
  return keys;
}

/** A subtable table sorts by (ParentRecordId, RowId): records by $id, rows by ID within each. */
function subtableOrder(
  request: ScanRequest,
  table: KintoneTableSchema,
): { keys: OrderKey[]; rowOrder: 'asc' | 'desc' } | undefined {
  const items = request.orderBy;
  let parentDirection: 'asc' | 'desc' = 'asc';
  let rowOrder: 'asc' | 'desc' = 'asc';
  const kinds: string[] = [];
  for (const item of items) {
    const expression = item.expression;
    if (
      expression.kind !== 'property' ||
      expression.variable !== null ||
      expression.property === undefined
    )
      return undefined;
    const source = table.kintone.columns[expression.property.columnIndex];
    if (source === undefined) return undefined;
    kinds.push(source.valueKind);
    if (source.valueKind === 'parentId') parentDirection = item.direction;
    else if (source.valueKind === 'rowId') rowOrder = item.direction;
    else return undefined;
  }
  const shape = kinds.join(',');
  if (shape !== '' && shape !== 'parentId' && shape !== 'parentId,rowId') return undefined;
  return { keys: [{ field: '$id', direction: parentDirection, kind: 'id' }], rowOrder };
}

function fieldsFor(request: ScanRequest, table: KintoneTableSchema): string[] {
  const source = table.kintone;
  if (source.kind === 'subtable') return ['$id', '$revision', source.subtableCode ?? ''];
  const fields = ['$id', '$revision'];
  for (const index of request.projection) {
    const code = source.columns[index]?.code;
    if (code !== undefined && !fields.includes(code)) fields.push(code);
  }
  return fields;
}

export function orderClause(keys: readonly OrderKey[]): string {
  return `order by ${keys.map((key) => `${key.field} ${key.direction}`).join(', ')}`;
}

/** A readable description of the calls a state makes (explain). */
export function describeScan(state: KintoneScanState, guestSpaceId: number | undefined): string {
  const prefix = guestSpaceId === undefined ? '/k/v1' : `/k/guest/${guestSpaceId}/v1`;
  switch (state.kind) {
    case 'empty':
      return '(no call: the filter selects no record)';
    case 'apps':
      return `GET ${prefix}/apps.json (or app.json per configured app)`;
    case 'records': {
      const condition = state.condition ?? '';
      const limit =
        state.top === undefined ? state.pageSize : Math.min(state.pageSize, Math.max(state.top, 1));
      const paging = `limit ${limit}${state.skip > 0 ? ` offset ${Math.min(state.skip, maxKintoneOffset)}` : ''}`;
      const query = [condition, orderClause(state.orderKeys), paging]
        .filter((part) => part !== '')
        .join(' ');
      const lines = [
        `GET ${prefix}/records.json app=${state.appId}${state.count ? ' totalCount=true' : ''}`,
        `  fields: ${state.fields.join(', ')}`,
        `  query: ${query}`,
      ];
      if (state.top === 0) lines.push('  (count only: one call, no rows)');
      else
        lines.push(
          `  next calls: the same condition and seek past the last row (${state.orderKeys.map((key) => key.field).join(', ')}), ${state.pageSize} records per call${state.top === undefined ? '' : `, ${state.top} rows in all`}`,
        );
      if (state.skip > maxKintoneOffset)
        lines.push(
          `  skip ${state.skip}: offsets of ${maxKintoneOffset} read only the order keys, then seek`,
        );
      if (state.subtableCode !== undefined)
        lines.push(`  rows: each record's subtable ${state.subtableCode}`);
      return lines.join('\n');
    }
  }
}

export function planKintoneScan(
  request: ScanRequest,
  options: KintonePlanOptions,
  guestSpaceId: number | undefined,
): ScanPlan {
  const table = request.table;
  if (!isKintoneTableSchema(table)) return planWithoutPushdown(request);
  if (table.kintone.kind === 'apps') {
    return {
      ...planWithoutPushdown(request),
      state: { kind: 'apps' } satisfies KintoneScanState,
      sourceQuery: describeScan({ kind: 'apps' }, guestSpaceId),
    };
  }
  const scope = { table };

  let condition: KintoneCondition | undefined;
  let staticallyEmpty = false;
  const residual: BoundExpression[] = [];
  const pushedExactly: BoundExpression[] = [];
  for (const part of conjuncts(request.filter)) {
    const translation = translateCondition(part, scope);
    if (translation === undefined) {
      residual.push(part);
      continue;
    }
    if (isConstant(translation)) {
      if (!translation.constant) staticallyEmpty = true;
      pushedExactly.push(part);
      continue;
    }
    if (condition !== undefined && shareSubtable(condition, translation)) {
      // Kintone would read both any() as one row's conditions.
      residual.push(part);
      continue;
    }
    condition = condition === undefined ? translation : andConditions(condition, translation);
    if (translation.exact) pushedExactly.push(part);
    else residual.push(part);
  }

  let searchApplied = request.search === undefined;
  if (request.search !== undefined) {
    const search = translateSearch(request.search, table);
    if (search !== undefined) {
      searchApplied = true;
      if ('constant' in search) staticallyEmpty = true;
      else condition = condition === undefined ? search : andConditions(condition, search);
    }
  }

  const residualFilter = conjunction(...residual);
  const filterExact = residualFilter === undefined && searchApplied;
  const isApp = table.kintone.kind === 'app';
  const rowsOrder = isApp ? undefined : subtableOrder(request, table);
  const pushedOrder = isApp ? orderKeysFor(request, table) : rowsOrder?.keys;
  const orderApplied = request.orderBy.length === 0 || pushedOrder !== undefined;
  const rowsExact = filterExact && orderApplied && isApp;
  const skipApplied = rowsExact;
  const topApplied = rowsExact;
  const countApplied = filterExact && isApp;

  const base = {
    request,
    pushedFilter: conjunction(...pushedExactly),
    residualFilter,
    searchApplied,
    orderApplied,
    skipApplied,
    topApplied,
    countApplied,
    projectionApplied: true,
  };
  if (staticallyEmpty) {
    const state: KintoneScanState = { kind: 'empty', count: request.count };
    return {
      ...base,
      residualFilter: undefined,
      searchApplied: true,
      orderApplied: true,
      skipApplied: true,
      topApplied: true,
      countApplied: true,
      pushedFilter: request.filter,
      state,
      sourceQuery: describeScan(state, guestSpaceId),
    };
  }
  const orderKeys = pushedOrder ?? [{ field: '$id', direction: 'asc', kind: 'id' } as const];
  const fields = fieldsFor(request, table);
  for (const key of orderKeys) if (!fields.includes(key.field)) fields.push(key.field);
  const state: RecordScanState = {
    kind: 'records',
    appId: table.kintone.appId,
    subtableCode: table.kintone.subtableCode,
    rowOrder: rowsOrder?.rowOrder ?? 'asc',
    condition: condition?.text,
    orderKeys,
    fields,
    skip: skipApplied ? (request.skip ?? 0) : 0,
    top: topApplied ? request.top : undefined,
    count: countApplied && request.count,
    pageSize: Math.min(maxKintoneLimit, Math.max(1, options.pageSize)),
  };
  return { ...base, state, sourceQuery: describeScan(state, guestSpaceId) };
}
