// Salesforce "Validate and Sync" replayed against the demo: $metadata as both adapters read
// it, the rules Salesforce enforces on it, the field type each property becomes, and every
// row of every set fitting the types the metadata declares.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  externalIds,
  externalObjectFields,
  listedExternalObjects,
  validateAndSyncRequest,
} from './requests/validate-and-sync.js';
import { parseCsdlXml, entityTypeOf, type CsdlDocument } from './support/csdl-xml.js';
import { expectEntitiesFitType } from './support/expect-odata-response.js';
import { salesforceAdapters } from './support/salesforce-adapter.js';
import {
  salesforceFieldType,
  salesforceLongTextAreaLimit,
} from './support/salesforce-field-type.js';
import { startSalesforceReplay, type SalesforceReplay } from './support/salesforce-replay.js';

let replay: SalesforceReplay;

beforeAll(async () => {
  replay = await startSalesforceReplay({ records: 60 });
});

afterAll(async () => {
  await replay.close();
});

describe.each(salesforceAdapters)('Validate and Sync with $name', (adapter) => {
  let document: CsdlDocument;

  it('reads $metadata as CSDL XML in the adapter’s OData version', async () => {
    const response = await replay.send(adapter, validateAndSyncRequest);
    expect(response.status).toBe(200);
    expect(response.headers.get('odata-version')).toBe(adapter.version);
    expect(response.headers.get('content-type')).toBe('application/xml;charset=utf-8');
    expect(response.headers.get('etag')).toMatch(/^W\/".+"$/);
    expect(response.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    document = parseCsdlXml(response.text);
    expect(document.version).toBe(adapter.version);
    expect(document.namespace).toBe('Tsunagi');
  });

  it('lists the entity sets Salesforce offers to sync', () => {
    expect([...document.entitySets.keys()].sort()).toEqual([...listedExternalObjects].sort());
  });

  it('meets Salesforce’s metadata rules: keys, MaxLength, mappable types, 40-character names', () => {
    expect(document.complexTypeCount).toBe(0);
    for (const set of document.entitySets.keys()) {
      const type = entityTypeOf(document, set);
      expect(set.length, set).toBeLessThanOrEqual(40);
      expect(type.key, `key of ${set}`).toEqual(externalIds[set]);
      for (const property of type.properties) {
        const where = `${set}.${property.name}`;
        expect(property.name.length, where).toBeLessThanOrEqual(40);
        expect(property.type, where).not.toMatch(/^Collection\(|^Edm\.TimeOfDay$/);
        expect(property.type, where).toMatch(/^Edm\./);
        if (property.type === 'Edm.String') {
          expect(property.maxLength, where).toBeGreaterThan(0);
          expect(property.maxLength, where).toBeLessThanOrEqual(salesforceLongTextAreaLimit);
        }
        expect(salesforceFieldType(property), where).not.toMatch(/^unsupported/);
      }
      for (const key of type.key) {
        const property = type.properties.find((candidate) => candidate.name === key);
        expect(property?.nullable, `key ${set}.${key}`).toBe(false);
      }
    }
  });

  it('maps every field of the demo apps to a sensible Salesforce field', () => {
    for (const [set, fields] of Object.entries(externalObjectFields)) {
      const type = entityTypeOf(document, set);
      const mapped = Object.fromEntries(
        type.properties.map((property) => [property.name, salesforceFieldType(property)]),
      );
      expect(mapped, set).toStrictEqual(fields);
    }
  });

  it('marks what Salesforce must not write as computed (read-only fields)', () => {
    const customers = entityTypeOf(document, 'CUSTOMERS');
    const computed = customers.properties
      .filter((property) => property.computed)
      .map((property) => property.name);
    expect(computed).toEqual([
      'RecordId',
      'Revision',
      'Record_number',
      'Updated_by',
      'Created_by',
      'Updated_datetime',
      'Created_datetime',
    ]);
    const deals = entityTypeOf(document, 'DEALS');
    expect(
      deals.properties.filter((property) => property.computed).map((property) => property.name),
    ).toEqual(
      expect.arrayContaining(['customer_company', 'customer_city', 'total', 'weighted_total']),
    );
  });
});

describe('after the sync, every row fits its external object', () => {
  it.each(listedExternalObjects)('%s: values have the declared types and lengths', async (set) => {
    const document = await replay.metadata();
    const entities = await replay.readAll(set);
    expect(entities.length).toBeGreaterThan(0);
    expectEntitiesFitType(entities, entityTypeOf(document, set));
  });
});
