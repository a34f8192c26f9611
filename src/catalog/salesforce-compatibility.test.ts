import { describe, expect, it } from 'vitest';
import { column } from '../connectors/memory/column-schema-builder.js';
import type { TableSchema } from '../connectors/connector.js';
import { customersSchema } from '../connectors/memory/sample-tables.js';
import { buildServiceModel } from './build-service-model.js';
import { salesforceCompatibleModel } from './salesforce-compatibility.js';
import { validateServiceModel } from '../odata/metadata/validate-service-model.js';

const longName = 'A_property_name_that_is_far_too_long_for_salesforce';
const notes: TableSchema = {
  ...customersSchema,
  id: 'notes',
  name: 'Notes',
  relationships: [],
  key: ['Id'],
  etagColumn: undefined,
  columns: [
    column('Id', 'Edm.Int64', { nullable: false }),
    column('Body', 'Edm.String'),
    column('At', 'Edm.TimeOfDay'),
    column(longName, 'Edm.String', { maxLength: 10 }),
    column(`${longName}_too`, 'Edm.Int32'),
  ],
};

describe('Salesforce compatibility', () => {
  const model = buildServiceModel({
    namespace: 'Tsunagi',
    containerName: 'Service',
    tables: [
      {
        publication: { connectionId: 'c', tableId: 'customers', alias: 'Customers' },
        table: customersSchema,
      },
      {
        publication: {
          connectionId: 'c',
          tableId: 'notes',
          alias: 'Notes_published_under_an_extremely_long_name',
        },
        table: notes,
      },
    ],
  });
  const compatible = salesforceCompatibleModel(model, { defaultStringMaxLength: 255 });

  it('publishes only what Salesforce can map, and stays a valid model', () => {
    expect(() => validateServiceModel(compatible)).not.toThrow();
    for (const set of compatible.entitySets.values()) {
      expect(set.name.length).toBeLessThanOrEqual(40);
      expect(set.entityType.key.length).toBeGreaterThan(0);
      for (const property of set.entityType.properties) {
        expect(property.collection).toBe(false);
        expect(property.type).not.toBe('Edm.TimeOfDay');
        expect(property.name.length).toBeLessThanOrEqual(40);
        if (property.type === 'Edm.String') expect(property.maxLength).toBeGreaterThan(0);
      }
    }
  });

  it('keeps column ordinals, gives strings a MaxLength and turns times into strings', () => {
    const customers = compatible.entitySets.get('Customers');
    expect(customers?.entityType.properties.some((property) => property.name === 'Tags')).toBe(
      false,
    );
    const notesSet = [...compatible.entitySets.values()].find(
      (set) => set.source.table === 'notes',
    );
    const body = notesSet?.entityType.properties.find((property) => property.column === 'Body');
    expect(body?.maxLength).toBe(255);
    const at = notesSet?.entityType.properties.find((property) => property.column === 'At');
    expect(at).toMatchObject({ type: 'Edm.String', columnIndex: 2 });
    const names = notesSet?.entityType.properties.map((property) => property.name) ?? [];
    expect(new Set(names).size).toBe(names.length);
  });
});
