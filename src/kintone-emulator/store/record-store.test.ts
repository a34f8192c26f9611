import { describe, expect, it } from 'vitest';
import type { KintoneRecord } from '../model/record.js';
import { RecordStore } from './record-store.js';

function record(id: number, code: string): KintoneRecord {
  return {
    $id: { type: '__ID__', value: String(id) },
    code: { type: 'SINGLE_LINE_TEXT', value: code },
  };
}

describe('RecordStore', () => {
  it('keeps ids ordered whatever the insertion order, and finds positions', () => {
    const store = new RecordStore();
    for (const id of [5, 1, 9, 3]) store.put(id, record(id, `c${id}`));
    expect(store.ids()).toEqual([1, 3, 5, 9]);
    expect(store.positionAfter(3)).toBe(2);
    expect(store.positionAtOrAfter(4)).toBe(2);
    expect(store.positionAfter(100)).toBe(4);
    store.delete(3);
    expect(store.ids()).toEqual([1, 5, 9]);
    expect(store.size).toBe(3);
  });

  it('maintains unique indexes through puts, replacements and deletes', () => {
    const store = new RecordStore();
    store.put(1, record(1, 'A'));
    store.setUniqueFields(['code']);
    store.put(2, record(2, 'B'));
    expect(store.findByUniqueValue('code', 'A')).toBe(1);
    expect(store.findByUniqueValue('code', 'B')).toBe(2);
    store.put(2, record(2, 'C'));
    expect(store.findByUniqueValue('code', 'B')).toBeUndefined();
    expect(store.findByUniqueValue('code', 'C')).toBe(2);
    store.delete(1);
    expect(store.findByUniqueValue('code', 'A')).toBeUndefined();
    store.put(3, record(3, ''));
    expect(store.findByUniqueValue('code', '')).toBeUndefined();
  });
});
