import { describe, expect, it } from 'vitest';
import {
  entitySet,
  entityType,
  oddDescription,
  property,
  richMetadataModel,
  serviceModel,
  tinyMetadataModel,
} from '../test-support/metadata-test-model.js';
import { renderCsdlJson } from './render-csdl-json.js';

const vocabularies = 'https://oasis-tcs.github.io/odata-vocabularies/vocabularies/';

const tinyJson = {
  $Version: '4.0',
  $EntityContainer: 'Demo.Service',
  $Reference: {
    [`${vocabularies}Org.OData.Core.V1.json`]: {
      $Include: [{ $Namespace: 'Org.OData.Core.V1', $Alias: 'Core' }],
    },
    [`${vocabularies}Org.OData.Capabilities.V1.json`]: {
      $Include: [{ $Namespace: 'Org.OData.Capabilities.V1', $Alias: 'Capabilities' }],
    },
  },
  Demo: {
    Task: {
      $Kind: 'EntityType',
      $Key: ['Id'],
      Id: { $Type: 'Edm.Int32', '@Core.Computed': true },
      Title: { $Type: 'Edm.String', $MaxLength: 64 },
      Done: { $Type: 'Edm.Boolean', $DefaultValue: false },
    },
    Service: {
      $Kind: 'EntityContainer',
      Tasks: {
        $Collection: true,
        $Type: 'Demo.Task',
        '@Capabilities.TopSupported': true,
        '@Capabilities.SkipSupported': true,
        '@Capabilities.CountRestrictions': { Countable: true },
        '@Capabilities.FilterFunctions': ['contains'],
        '@Capabilities.FilterRestrictions': {
          Filterable: true,
          RequiresFilter: false,
          NonFilterableProperties: [],
        },
        '@Capabilities.SortRestrictions': { Sortable: true, NonSortableProperties: [] },
        '@Capabilities.SearchRestrictions': { Searchable: false },
        '@Capabilities.InsertRestrictions': { Insertable: true },
        '@Capabilities.UpdateRestrictions': { Updatable: true },
        '@Capabilities.DeleteRestrictions': { Deletable: true },
      },
      '@Capabilities.ConformanceLevel': 'Intermediate',
    },
  },
};

type Json = Record<string, unknown>;

/** A member of a parsed JSON object, asserted to be an object. */
function member(parent: unknown, ...path: string[]): Json {
  let current = parent;
  for (const name of path) {
    expect(current, `parent of ${name}`).toBeTypeOf('object');
    current = (current as Json)[name];
  }
  expect(current, path.join('/')).toBeTypeOf('object');
  return current as Json;
}

describe('renderCsdlJson', () => {
  it('writes the tiny model exactly, members in order', () => {
    expect(renderCsdlJson(tinyMetadataModel(), { version: '4.0' })).toBe(JSON.stringify(tinyJson));
  });

  it('writes $Version 4.01 when 4.01 was negotiated', () => {
    expect(renderCsdlJson(tinyMetadataModel(), { version: '4.01' })).toBe(
      JSON.stringify({ ...tinyJson, $Version: '4.01' }),
    );
  });

  describe('rich model', () => {
    const document = JSON.parse(renderCsdlJson(richMetadataModel(), { version: '4.01' })) as Json;
    const schema = member(document, 'Tsunagi');

    it('references the Validation vocabulary too', () => {
      expect(Object.keys(member(document, '$Reference'))).toEqual([
        `${vocabularies}Org.OData.Core.V1.json`,
        `${vocabularies}Org.OData.Capabilities.V1.json`,
        `${vocabularies}Org.OData.Validation.V1.json`,
      ]);
    });

    it('sorts entity types and sets by name, the container last', () => {
      expect(Object.keys(schema)).toEqual(['Customer', 'Order', 'OrderItem', 'Service']);
      expect(Object.keys(member(schema, 'Service')).filter((key) => !key.startsWith('@'))).toEqual([
        '$Kind',
        'Customers',
        'OrderItems',
        'Orders',
      ]);
    });

    it('writes keys, facets and collection types', () => {
      const customer = member(schema, 'Customer');
      expect(customer.$Key).toEqual(['Id']);
      expect(member(schema, 'OrderItem').$Key).toEqual(['OrderId', 'LineNumber']);
      expect(customer.Name).toEqual({ $Type: 'Edm.String', $MaxLength: 100 });
      expect(customer.CreditLimit).toEqual({
        $Type: 'Edm.Decimal',
        $Nullable: true,
        $Precision: 12,
        $Scale: 2,
        $DefaultValue: 1000,
      });
      expect(customer.Ratio).toEqual({ $Type: 'Edm.Decimal', $Nullable: true, $Scale: 'variable' });
      expect(customer.Score).toEqual({ $Type: 'Edm.Decimal', $Nullable: true, $Scale: 'variable' });
      expect(customer.UpdatedAt).toEqual({
        $Type: 'Edm.DateTimeOffset',
        $Nullable: true,
        $Precision: 3,
        '@Core.Computed': true,
      });
      expect(customer.Tags).toEqual({ $Collection: true, $Type: 'Edm.String', $MaxLength: 50 });
      expect(customer.Scores).toEqual({ $Collection: true, $Type: 'Edm.Int32', $Nullable: true });
      expect(customer.Weight).toEqual({
        $Type: 'Edm.Double',
        $Nullable: true,
        $DefaultValue: 'INF',
      });
      expect(customer.ExternalId).toEqual({
        $Type: 'Edm.Guid',
        $Nullable: true,
        '@Core.Immutable': true,
      });
      expect(customer.Status).toEqual({
        $Type: 'Edm.String',
        $Nullable: true,
        $DefaultValue: 'Active',
        '@Validation.AllowedValues': [
          { Value: 'Active' },
          { Value: 'On hold' },
          { Value: 'Closed <old> & "gone"' },
        ],
      });
    });

    it('keeps odd descriptions exactly', () => {
      expect(member(schema, 'Customer')['@Core.Description']).toBe(oddDescription);
    });

    it('writes navigation with partners and constraints on single-valued navigation', () => {
      expect(member(schema, 'Order').Customer).toEqual({
        $Kind: 'NavigationProperty',
        $Type: 'Tsunagi.Customer',
        $Partner: 'Orders',
        $ReferentialConstraint: { CustomerId: 'Id' },
      });
      expect(member(schema, 'Customer').Orders).toEqual({
        $Kind: 'NavigationProperty',
        $Collection: true,
        $Type: 'Tsunagi.Order',
        $Partner: 'Customer',
      });
    });

    it('annotates entity sets with bindings and capabilities', () => {
      expect(member(schema, 'Service', 'Customers')).toEqual({
        $Collection: true,
        $Type: 'Tsunagi.Customer',
        $NavigationPropertyBinding: { Orders: 'Orders' },
        '@Core.Description': 'All customers',
        '@Core.OptimisticConcurrency': ['Revision'],
        '@Capabilities.TopSupported': true,
        '@Capabilities.SkipSupported': true,
        '@Capabilities.CountRestrictions': { Countable: true },
        '@Capabilities.FilterFunctions': ['contains', 'startswith', 'endswith', 'tolower'],
        '@Capabilities.FilterRestrictions': {
          Filterable: true,
          RequiresFilter: false,
          NonFilterableProperties: ['Tags'],
        },
        '@Capabilities.SortRestrictions': {
          Sortable: true,
          NonSortableProperties: ['Tags', 'Ratio'],
        },
        '@Capabilities.SearchRestrictions': { Searchable: true },
        '@Capabilities.InsertRestrictions': { Insertable: true },
        '@Capabilities.UpdateRestrictions': { Updatable: true },
        '@Capabilities.DeleteRestrictions': { Deletable: true },
      });
      const orderItems = member(schema, 'Service', 'OrderItems');
      expect(orderItems['@Core.OptimisticConcurrency']).toEqual([]);
      expect(orderItems['@Capabilities.InsertRestrictions']).toEqual({ Insertable: false });
      expect(member(schema, 'Service', 'Orders').$NavigationPropertyBinding).toEqual({
        Customer: 'Customers',
        Items: 'OrderItems',
      });
    });
  });

  it('makes any identifier a member, even __proto__', () => {
    const model = serviceModel([
      entitySet(
        'Odd',
        entityType({
          name: 'OddThing',
          key: ['Id'],
          properties: [
            property('Id', 'Edm.Int32', { nullable: false }),
            property('__proto__', 'Edm.String'),
          ],
        }),
      ),
    ]);
    const text = renderCsdlJson(model, { version: '4.01' });
    expect(text).toContain('"__proto__":{"$Type":"Edm.String","$Nullable":true}');
  });

  it('writes Int64 defaults beyond 2^53 as strings', () => {
    const model = serviceModel([
      entitySet(
        'Big',
        entityType({
          name: 'BigThing',
          key: ['Id'],
          properties: [
            property('Id', 'Edm.Int64', { nullable: false, defaultValue: 9007199254740993n }),
          ],
        }),
      ),
    ]);
    expect(renderCsdlJson(model, { version: '4.01' })).toContain(
      '"Id":{"$Type":"Edm.Int64","$DefaultValue":"9007199254740993"}',
    );
  });

  it('has no entity container and no references without entity sets', () => {
    expect(renderCsdlJson(serviceModel([]), { version: '4.0' })).toBe(
      '{"$Version":"4.0","Tsunagi":{}}',
    );
  });
});
