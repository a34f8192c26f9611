/**
 * What building a record from a client's write needs to know: the domain's state, the
 * app and its live settings, who writes and when, and where in the request the record sits
 * (so that validation keys read `record.x.value`, `records[3].x.value` ...).
 */
import type { AppSettings, AppState } from '../model/app-state.js';
import type { KintoneRecord, UserEntity } from '../model/record.js';
import type { EmulatorState } from '../store/emulator-state.js';

export interface WriteEnvironment {
  readonly state: EmulatorState;
  readonly app: AppState;
  readonly settings: AppSettings;
  /** The user the write is attributed to (CREATOR / MODIFIER, LOGINUSER() defaults). */
  readonly actor: UserEntity;
  readonly now: Date;
  /** The writer's time zone, for `defaultNowValue` of DATE and TIME. */
  readonly timeZone: string;
  /** Whether the writer may read another app (lookups copy from it). */
  readonly canReadApp: (app: AppState) => boolean;
}

export interface WriteTarget {
  readonly mode: 'add' | 'update';
  readonly id: number;
  readonly revision: number;
  readonly existing: KintoneRecord | undefined;
  /** Prefix of validation keys, e.g. `record.`, `records[3].`, `records[3].record.`. */
  readonly keyPrefix: string;
  /** The same path in bracket form for number errors, e.g. `record`, `records[3]`. */
  readonly bracketPrefix: string;
}
