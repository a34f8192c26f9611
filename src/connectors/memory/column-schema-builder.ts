/**
 * A terse way to declare columns of in-memory tables (sample data, tests, benchmarks):
 * `column('Name', 'Edm.String', { maxLength: 80 })`. Columns declare no pushdown.
 */
import type { ColumnSchema } from '../connector.js';
import type { EdmPrimitiveType } from '../../odata/edm/primitive-type.js';

export type ColumnOptions = Partial<Omit<ColumnSchema, 'name' | 'type'>>;

export function column(
  name: string,
  type: EdmPrimitiveType,
  options: ColumnOptions = {},
): ColumnSchema {
  return {
    propertyName: name,
    collection: false,
    nullable: true,
    computed: false,
    immutable: false,
    requiredOnCreate: false,
    pushdown: { filter: [], sort: false },
    ...options,
    name,
    type,
  };
}
