/**
 * Reads the records of a planned scan page by page, past Kintone's limits without the
 * caller noticing: at most 500 records per call, and offsets only up to 10,000. After the
 * first call it seeks: the next call asks for the rows after the last one read in the
 * scan's total order (`(condition) and ($id > 1234) order by $id asc`), which gives the
 * same rows in the same order as one unpaged query. A skip beyond 10,000 rows is passed
 * with calls that read a single row at offset 10,000 (its order keys only) and seek from it.
 */
import type { ExecutionContext } from '../../connector.js';
import type { KintoneClient } from '../http/kintone-client.js';
import { dateTimeLiteral } from '../query/kintone-query-text.js';
import {
  maxKintoneOffset,
  orderClause,
  type OrderKey,
  type RecordScanState,
} from '../query/plan-kintone-scan.js';
import type { KintoneRecordData } from './kintone-values.js';

interface RecordsAnswer {
  readonly records: readonly KintoneRecordData[];
  readonly totalCount: string | null;
}

type SeekValues = readonly string[];

function seekValue(key: OrderKey, record: KintoneRecordData): string | undefined {
  const raw = record[key.field]?.value;
  if (typeof raw !== 'string') return undefined;
  if (key.kind === 'id') return /^\d+$/.test(raw) ? raw : undefined;
  const time = Date.parse(raw);
  return Number.isNaN(time) ? undefined : dateTimeLiteral(time);
}

/** `k1 > v1 or (k1 = v1 and k2 > v2) ...` in the keys' directions. */
export function seekCondition(keys: readonly OrderKey[], values: SeekValues): string {
  const terms: string[] = [];
  const equalities: string[] = [];
  keys.forEach((key, index) => {
    const value = values[index] ?? '';
    const after = `${key.field} ${key.direction === 'asc' ? '>' : '<'} ${value}`;
    terms.push(equalities.length === 0 ? after : `(${[...equalities, after].join(' and ')})`);
    equalities.push(
      key.kind === 'id'
        ? `${key.field} = ${value}`
        : `(${key.field} >= ${value} and ${key.field} <= ${value})`,
    );
  });
  return terms.length === 1 ? (terms[0] ?? '') : terms.join(' or ');
}

export class RecordPager {
  private seekFrom: SeekValues | undefined;
  private offset: number;
  private remaining: number | undefined;
  private finished = false;
  private firstCall = true;
  private countResult: number | undefined;

  constructor(
    private readonly client: KintoneClient,
    private readonly state: RecordScanState,
    private readonly context: ExecutionContext,
  ) {
    this.offset = state.skip;
    this.remaining = state.top;
  }

  get done(): boolean {
    return this.finished;
  }

  /** The total count, once the first call was made (when the plan asked for it). */
  get totalCount(): number | undefined {
    return this.countResult;
  }

  private query(limit: number, offset: number): string {
    const parts: string[] = [];
    const condition = this.state.condition;
    const seek =
      this.seekFrom === undefined ? undefined : seekCondition(this.state.orderKeys, this.seekFrom);
    if (condition !== undefined && seek !== undefined) parts.push(`(${condition}) and (${seek})`);
    else if (condition !== undefined) parts.push(condition);
    else if (seek !== undefined) parts.push(seek);
    parts.push(orderClause(this.state.orderKeys), `limit ${limit}`);
    if (offset > 0) parts.push(`offset ${offset}`);
    return parts.join(' ');
  }

  private async get(
    fields: readonly string[],
    limit: number,
    offset: number,
  ): Promise<RecordsAnswer> {
    const query = this.query(limit, offset);
    const withCount = this.firstCall && this.state.count;
    this.firstCall = false;
    const answer = await this.client.call<RecordsAnswer>(
      {
        method: 'GET',
        api: 'records',
        parameters: {
          app: this.state.appId,
          fields,
          query,
          ...(withCount ? { totalCount: true } : {}),
        },
        changesData: false,
        target: `app ${this.state.appId}`,
        query,
        countRows: (body) => (body as RecordsAnswer).records.length,
      },
      this.context,
    );
    if (withCount) this.countResult = Number(answer.totalCount ?? '0');
    return answer;
  }

  private remember(record: KintoneRecordData | undefined): boolean {
    if (record === undefined) return false;
    const values: string[] = [];
    for (const key of this.state.orderKeys) {
      const value = seekValue(key, record);
      if (value === undefined) return false;
      values.push(value);
    }
    this.seekFrom = values;
    return true;
  }

  /** The next page of records; an empty array once the scan is complete. */
  async next(): Promise<readonly KintoneRecordData[]> {
    if (this.finished) return [];
    const keyFields = [...new Set(['$id', ...this.state.orderKeys.map((key) => key.field)])];
    while (this.offset > maxKintoneOffset) {
      // Pass over 10,001 rows: read the one at offset 10,000 and seek from it.
      const answer = await this.get(keyFields, 1, maxKintoneOffset);
      const last = answer.records[0];
      if (last === undefined || !this.remember(last)) {
        this.finished = true;
        return [];
      }
      this.offset -= maxKintoneOffset + 1;
    }
    if (this.remaining === 0) {
      // Count only: one call for the total, no rows.
      if (this.state.count && this.countResult === undefined) await this.get(['$id'], 1, 0);
      this.finished = true;
      return [];
    }
    const limit = Math.min(this.state.pageSize, this.remaining ?? this.state.pageSize);
    const answer = await this.get(this.state.fields, limit, this.offset);
    this.offset = 0;
    const records = answer.records;
    if (this.remaining !== undefined) this.remaining -= records.length;
    if (
      records.length < limit ||
      this.remaining === 0 ||
      !this.remember(records[records.length - 1])
    ) {
      this.finished = true;
    }
    return records;
  }
}
