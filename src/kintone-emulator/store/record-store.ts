/**
 * The records of one app, kept in read shape: a map by id for direct access, the ids in
 * ascending order for lazy scans in either direction (the default `$id desc` order stops
 * early), and one index per field that prohibits duplicate values (unique checks, lookups,
 * `updateKey`).
 */
import type { KintoneRecord } from '../model/record.js';

export class RecordStore {
  private readonly byId = new Map<number, KintoneRecord>();
  /** Ascending; never mutated in place while a caller scans it (writes replace or splice between requests). */
  private readonly ascendingIds: number[] = [];
  private readonly uniqueIndexes = new Map<string, Map<string, number>>();

  get size(): number {
    return this.byId.size;
  }

  get(id: number): KintoneRecord | undefined {
    return this.byId.get(id);
  }

  /** The ids in ascending order (read only). */
  ids(): readonly number[] {
    return this.ascendingIds;
  }

  /** Position of the first id greater than `id` in ids(). */
  positionAfter(id: number): number {
    let low = 0;
    let high = this.ascendingIds.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.ascendingIds[middle] ?? 0) <= id) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Position of the first id greater than or equal to `id` in ids(). */
  positionAtOrAfter(id: number): number {
    return this.positionAfter(id - 1);
  }

  put(id: number, record: KintoneRecord): void {
    const previous = this.byId.get(id);
    if (previous !== undefined) this.unindex(id, previous);
    else {
      const last = this.ascendingIds[this.ascendingIds.length - 1];
      if (last === undefined || id > last) this.ascendingIds.push(id);
      else this.ascendingIds.splice(this.positionAfter(id), 0, id);
    }
    this.byId.set(id, record);
    this.index(id, record);
  }

  delete(id: number): KintoneRecord | undefined {
    const previous = this.byId.get(id);
    if (previous === undefined) return undefined;
    this.unindex(id, previous);
    this.byId.delete(id);
    const position = this.positionAtOrAfter(id);
    if (this.ascendingIds[position] === id) this.ascendingIds.splice(position, 1);
    return previous;
  }

  /** Declares which top-level fields prohibit duplicates; rebuilds their indexes. */
  setUniqueFields(codes: readonly string[]): void {
    const wanted = new Set(codes);
    for (const code of [...this.uniqueIndexes.keys()]) {
      if (!wanted.has(code)) this.uniqueIndexes.delete(code);
    }
    for (const code of wanted) {
      if (this.uniqueIndexes.has(code)) continue;
      const index = new Map<string, number>();
      for (const [id, record] of this.byId) {
        const key = uniqueKey(record, code);
        if (key !== undefined && !index.has(key)) index.set(key, id);
      }
      this.uniqueIndexes.set(code, index);
    }
  }

  hasUniqueIndex(code: string): boolean {
    return this.uniqueIndexes.has(code);
  }

  /** The id of the record whose unique field `code` holds `value`, if any. */
  findByUniqueValue(code: string, value: string): number | undefined {
    return this.uniqueIndexes.get(code)?.get(value);
  }

  private index(id: number, record: KintoneRecord): void {
    for (const [code, index] of this.uniqueIndexes) {
      const key = uniqueKey(record, code);
      if (key !== undefined && !index.has(key)) index.set(key, id);
    }
  }

  private unindex(id: number, record: KintoneRecord): void {
    for (const [code, index] of this.uniqueIndexes) {
      const key = uniqueKey(record, code);
      if (key !== undefined && index.get(key) === id) index.delete(key);
    }
  }
}

function uniqueKey(record: KintoneRecord, code: string): string | undefined {
  const value = record[code]?.value;
  return typeof value === 'string' && value !== '' ? value : undefined;
}
