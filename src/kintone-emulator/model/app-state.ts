/**
 * The emulator's state of one Kintone app: identity (id, code, space), the pre-live
 * ("preview") settings that the app administration API edits, and the live settings that a
 * deploy copies them to (facts sheet §3.11). Values are immutable: a change replaces the
 * object, which makes undo and write-through persistence simple.
 */
import type { FieldProperties } from './field-property.js';
import type { UserEntity } from './record.js';

export type EntityType = 'USER' | 'GROUP' | 'ORGANIZATION' | 'FIELD_ENTITY' | 'CREATOR';

export interface StateAssignee {
  readonly type: 'ONE' | 'ALL' | 'ANY';
  readonly entities: readonly {
    readonly entity: { readonly type: EntityType; readonly code: string | null };
    readonly includeSubs: boolean;
  }[];
}

export interface ProcessState {
  readonly name: string;
  readonly index: string;
  readonly assignee: StateAssignee;
}

export interface ProcessAction {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly filterCond: string;
}

/** The body of `preview/app/status.json` (process management). */
export interface ProcessManagementSettings {
  readonly enable: boolean;
  readonly states: Readonly<Record<string, ProcessState>> | null;
  readonly actions: readonly ProcessAction[] | null;
}

/** One row of the app's access rights, evaluated top to bottom (first match wins). */
export interface AppPermissionEntry {
  readonly entity: {
    readonly type: 'USER' | 'GROUP' | 'ORGANIZATION' | 'CREATOR';
    readonly code: string | null;
  };
  readonly includeSubs?: boolean;
  readonly appEditable: boolean;
  readonly recordViewable: boolean;
  readonly recordAddable: boolean;
  readonly recordEditable: boolean;
  readonly recordDeletable: boolean;
}

/** Everything a deploy copies from pre-live to live. */
export interface AppSettings {
  readonly name: string;
  readonly description: string;
  readonly fields: FieldProperties;
  readonly processManagement: ProcessManagementSettings;
  /** Undefined: everyone may view, add, edit and delete records; administrators manage. */
  readonly permissions: readonly AppPermissionEntry[] | undefined;
}

export interface AppState {
  readonly id: number;
  readonly code: string;
  readonly spaceId: string | null;
  readonly threadId: string | null;
  readonly createdAt: string;
  readonly creator: UserEntity;
  readonly modifiedAt: string;
  readonly modifier: UserEntity;
  readonly preview: AppSettings;
  readonly previewRevision: number;
  /** Undefined until the first deploy: the app is then absent from apps.json and the record API. */
  readonly live: AppSettings | undefined;
  readonly liveRevision: number;
  readonly deployStatus: 'PROCESSING' | 'SUCCESS' | 'FAIL' | 'CANCEL' | undefined;
}
