/**
 * One emulated Kintone domain: its state, clock, settings (time zone, language, the
 * administrator) and open cursors. The HTTP server, the seed loader and the programmatic
 * API all act on a domain through the services in ../services.
 */
import type { UserEntity } from '../model/record.js';
import { EmulatorState } from '../store/emulator-state.js';
import { EmulatorClock } from '../support/emulator-clock.js';
import { CursorRegistry } from './cursor-registry.js';

export interface DomainSettings {
  /** Default IANA time zone of users (TODAY(), defaultNowValue of dates). */
  readonly timeZone: string;
  /** Default message language and language of system field codes of new apps. */
  readonly language: 'en' | 'ja';
  /** Login name of the domain administrator. */
  readonly adminUser: string;
}

/** API tokens and seeds act as this user (facts sheet §2). */
export const tokenActor: UserEntity = { code: 'Administrator', name: 'Administrator' };

export class KintoneDomain {
  readonly state = new EmulatorState();
  readonly cursors = new CursorRegistry();

  constructor(
    readonly settings: DomainSettings,
    readonly clock: EmulatorClock = new EmulatorClock(),
  ) {}
}
