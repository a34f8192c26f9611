/**
 * A small model of properties and helpers for evaluator tests and benchmarks: property
 * models at fixed column indexes, rows built by property name, and one-line literals.
 */
import type { Row } from '../../../connectors/connector.js';
import type { EdmPrimitiveType, Value } from '../../edm/primitive-type.js';
import type { PropertyModel } from '../../edm/service-model.js';
import { literal, property } from '../../semantic/expression-builders.js';
import type { LiteralNode, PropertyNode } from '../../semantic/expression.js';
import type { EvaluationOptions } from '../evaluation-options.js';

/** A property model reading column `columnIndex`. */
export function testProperty(
  name: string,
  type: EdmPrimitiveType,
  columnIndex: number,
  collection = false,
): PropertyModel {
  return Object.freeze({
    name,
    column: name.toLowerCase(),
    columnIndex,
    type,
    collection,
    nullable: true,
    computed: false,
    immutable: false,
  });
}

export const sampleProperties = {
  Id: testProperty('Id', 'Edm.Int32', 0),
  Name: testProperty('Name', 'Edm.String', 1),
  Amount: testProperty('Amount', 'Edm.Int32', 2),
  Price: testProperty('Price', 'Edm.Decimal', 3),
  Ratio: testProperty('Ratio', 'Edm.Double', 4),
  Active: testProperty('Active', 'Edm.Boolean', 5),
  Born: testProperty('Born', 'Edm.Date', 6),
  Created: testProperty('Created', 'Edm.DateTimeOffset', 7),
  Opens: testProperty('Opens', 'Edm.TimeOfDay', 8),
  Lasts: testProperty('Lasts', 'Edm.Duration', 9),
  Key: testProperty('Key', 'Edm.Guid', 10),
  Tags: testProperty('Tags', 'Edm.String', 11, true),
  Big: testProperty('Big', 'Edm.Int64', 12),
  Data: testProperty('Data', 'Edm.Binary', 13),
  Scores: testProperty('Scores', 'Edm.Int32', 14, true),
  Weight: testProperty('Weight', 'Edm.Single', 15),
  Small: testProperty('Small', 'Edm.Byte', 16),
  Note: testProperty('Note', 'Edm.String', 17),
} as const;

export type SampleName = keyof typeof sampleProperties;

const columnCount = Object.keys(sampleProperties).length;

/** A row of the sample model; unnamed columns are null. */
export function sampleRow(values: Partial<Record<SampleName, Value>>): Row {
  const row: Value[] = new Array<Value>(columnCount).fill(null);
  for (const [name, value] of Object.entries(values) as [SampleName, Value][]) {
    row[sampleProperties[name].columnIndex] = value;
  }
  return row;
}

/** The property node `$it/name` of the sample model. */
export function column(name: SampleName): PropertyNode {
  return property(sampleProperties[name]);
}

export const string = (value: string | null): LiteralNode => literal('Edm.String', value);
export const int32 = (value: number | null): LiteralNode => literal('Edm.Int32', value);
export const int64 = (value: number | bigint | null): LiteralNode => literal('Edm.Int64', value);
export const decimal = (value: string | null): LiteralNode => literal('Edm.Decimal', value);
export const double = (value: number | null): LiteralNode => literal('Edm.Double', value);
export const boolean = (value: boolean | null): LiteralNode => literal('Edm.Boolean', value);
export const date = (value: string | null): LiteralNode => literal('Edm.Date', value);
export const dateTimeOffset = (value: string | null): LiteralNode =>
  literal('Edm.DateTimeOffset', value);
export const timeOfDay = (value: string | null): LiteralNode => literal('Edm.TimeOfDay', value);
export const duration = (value: string | null): LiteralNode => literal('Edm.Duration', value);
export const guid = (value: string | null): LiteralNode => literal('Edm.Guid', value);

/** Options with a fixed `now`: 2024-05-06T07:08:09.123Z. */
export const testOptions: EvaluationOptions = Object.freeze({
  now: new Date('2024-05-06T07:08:09.123Z'),
});
