/**
 * The seed format (JSON fixtures, and the built-in demo seed): directory (users, groups,
 * organisations), spaces, apps with their fields, process management, permissions and API
 * tokens, and records in Kintone's write shape. See docs/kintone-emulator.md for an example.
 */
import type { AppPermissionEntry } from '../model/app-state.js';
import type { ApiTokenPermissions } from '../model/directory.js';

export interface SeedUser {
  readonly code: string;
  readonly name: string;
  readonly password: string;
  readonly email?: string;
  readonly administrator?: boolean;
  readonly timeZone?: string;
  readonly language?: 'en' | 'ja';
  readonly primaryOrganization?: string;
}

export interface SeedApiToken {
  /** The token text; generated (40 characters) when absent. */
  readonly token?: string;
  /** Absent permissions default to true. */
  readonly permissions?: Partial<ApiTokenPermissions>;
}

/**
 * A record in write shape (`{ code: { value } }`). Seed extension: `"$actions": ["Start", …]`
 * runs those process-management actions on the record after it is added.
 */
export type SeedRecord = Readonly<Record<string, unknown>>;

export interface SeedApp {
  readonly name: string;
  /** The app code (prefix of record numbers, lookup references between seed apps). */
  readonly code?: string;
  readonly description?: string;
  /** Id of the space (guest or not) the app belongs to. */
  readonly space?: string | number;
  /** Field definitions as for `POST preview/app/form/fields.json` `properties`. */
  readonly fields?: Readonly<Record<string, unknown>>;
  /** As for `PUT preview/app/status.json`. */
  readonly processManagement?: {
    readonly enable: boolean;
    readonly states?: unknown;
    readonly actions?: unknown;
  };
  /** As for `PUT preview/app/acl.json` `rights` (first match wins; absent: everyone may do everything with records). */
  readonly permissions?: readonly AppPermissionEntry[];
  readonly apiTokens?: readonly SeedApiToken[];
  /** An array, or (programmatic seeds) a function producing records lazily. */
  readonly records?: readonly SeedRecord[] | (() => Iterable<SeedRecord>);
}

export interface SeedDocument {
  readonly users?: readonly SeedUser[];
  readonly groups?: readonly { code: string; name: string; members?: readonly string[] }[];
  readonly organizations?: readonly {
    code: string;
    name: string;
    members?: readonly string[];
    parent?: string;
  }[];
  readonly spaces?: readonly { id: string | number; name: string; isGuest?: boolean }[];
  /** Created in order: an app's lookups may only refer to apps listed before it. */
  readonly apps?: readonly SeedApp[];
}

export interface SeededApp {
  readonly id: number;
  readonly name: string;
  readonly code: string;
  readonly spaceId: string | null;
  readonly apiTokens: readonly string[];
  readonly recordCount: number;
}

export interface SeedResult {
  readonly apps: readonly SeededApp[];
}
