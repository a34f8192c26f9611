import { describe, expect, it } from 'vitest';
import { EmulatorState, type DirtyEntry, type StatePersistence } from './emulator-state.js';

describe('EmulatorState transactions', () => {
  it('undoes every change when the work throws, and writes nothing', () => {
    const written: DirtyEntry[][] = [];
    const persistence: StatePersistence = {
      write: (_state, dirty) => written.push([...dirty]),
      clear: () => undefined,
    };
    const state = new EmulatorState();
    state.attachPersistence(persistence);
    state.transaction(() => state.putRecord(1, 1, { $id: { type: '__ID__', value: '1' } }));
    expect(written).toHaveLength(1);
    expect(() =>
      state.transaction(() => {
        state.nextValue('record:1');
        state.putRecord(1, 2, { $id: { type: '__ID__', value: '2' } });
        state.deleteRecord(1, 1);
        state.putToken({
          token: 't',
          app: 1,
          permissions: {
            viewRecord: true,
            addRecord: true,
            editRecord: true,
            deleteRecord: true,
            manageApp: true,
          },
        });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(state.records(1).ids()).toEqual([1]);
    expect(state.counters.get('record:1')).toBeUndefined();
    expect(state.tokens.size).toBe(0);
    expect(written).toHaveLength(1);
  });

  it('writes each touched entry once per transaction, nested calls included', () => {
    const written: DirtyEntry[][] = [];
    const state = new EmulatorState();
    state.attachPersistence({
      write: (_state, dirty) => written.push([...dirty]),
      clear: () => undefined,
    });
    state.transaction(() => {
      state.nextValue('a');
      state.transaction(() => state.nextValue('a'));
      state.putRecord(2, 1, { $id: { type: '__ID__', value: '1' } });
    });
    expect(written).toEqual([
      [
        { kind: 'counter', name: 'a' },
        { kind: 'record', app: 2, id: 1 },
      ],
    ]);
  });
});
