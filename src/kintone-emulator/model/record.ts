/**
 * Records in Kintone's read shape (facts sheet §4.1–4.2): an object keyed by field code
 * whose values are `{ type, value }`, including `$id` and `$revision`. The emulator keeps
 * records in exactly this shape, so that reads are copies and the query engine sees what
 * a client would see.
 */
import type { FieldType } from './field-property.js';

export interface UserEntity {
  readonly code: string;
  readonly name: string;
}

export interface FileValue {
  readonly contentType: string;
  readonly fileKey: string;
  readonly name: string;
  readonly size: string;
}

export interface SubtableRow {
  readonly id: string;
  readonly value: Readonly<Record<string, FieldValue>>;
}

export type FieldRawValue =
  | string
  | null
  | readonly string[]
  | UserEntity
  | readonly UserEntity[]
  | readonly FileValue[]
  | readonly SubtableRow[];

export interface FieldValue {
  readonly type: FieldType;
  readonly value: FieldRawValue;
}

export type KintoneRecord = Readonly<Record<string, FieldValue>>;
