import { describe, expect, it } from 'vitest';
import { isTsunagiError } from '../../errors/tsunagi-error.js';
import type {
  EntitySetModel,
  EntityTypeModel,
  NavigationPropertyModel,
  PropertyModel,
  ServiceModel,
} from '../edm/service-model.js';
import {
  capabilities,
  entitySet,
  entityType,
  property,
  richMetadataModel,
  serviceModel,
} from '../test-support/metadata-test-model.js';
import { findServiceModelProblems, validateServiceModel } from './validate-service-model.js';

/** The rich model with one set changed. */
function withSet(name: string, change: (set: EntitySetModel) => EntitySetModel): ServiceModel {
  const model = richMetadataModel();
  return {
    ...model,
    entitySets: new Map(
      [...model.entitySets].map(([key, set]) => [key, key === name ? change(set) : set]),
    ),
  };
}

/** The rich model with one entity type changed (in every set that uses it). */
function withType(name: string, change: (type: EntityTypeModel) => EntityTypeModel): ServiceModel {
  const model = richMetadataModel();
  const changed = new Map<EntityTypeModel, EntityTypeModel>();
  const replace = (type: EntityTypeModel): EntityTypeModel => {
    if (type.name !== name) return type;
    const known = changed.get(type) ?? change(type);
    changed.set(type, known);
    return known;
  };
  return {
    ...model,
    entitySets: new Map(
      [...model.entitySets].map(([key, set]) => [
        key,
        { ...set, entityType: replace(set.entityType) },
      ]),
    ),
  };
}

function withProperty(
  typeName: string,
  propertyName: string,
  change: Partial<PropertyModel>,
): ServiceModel {
  return withType(typeName, (type) => ({
    ...type,
    properties: type.properties.map((entry) =>
      entry.name === propertyName ? { ...entry, ...change } : entry,
    ),
  }));
}

function withNavigation(
  typeName: string,
  navigationName: string,
  change: Partial<NavigationPropertyModel>,
): ServiceModel {
  return withType(typeName, (type) => ({
    ...type,
    navigationProperties: type.navigationProperties.map((entry) =>
      entry.name === navigationName ? { ...entry, ...change } : entry,
    ),
  }));
}

describe('validateServiceModel', () => {
  it('accepts the rich test model', () => {
    expect(findServiceModelProblems(richMetadataModel())).toEqual([]);
    expect(() => validateServiceModel(richMetadataModel())).not.toThrow();
  });

  it('accepts a model without entity sets', () => {
    expect(findServiceModelProblems(serviceModel([]))).toEqual([]);
  });

  it.each<[string, ServiceModel, string, string]>([
    // Names
    [
      'a namespace that is not dotted identifiers',
      { ...richMetadataModel(), namespace: 'My-Service' },
      'Namespace',
      'Namespace "My-Service" is not a valid CSDL namespace',
    ],
    [
      'a reserved namespace',
      { ...richMetadataModel(), namespace: 'Edm' },
      'Namespace',
      'reserved by OData or used for a vocabulary',
    ],
    [
      'a namespace equal to a vocabulary alias',
      { ...richMetadataModel(), namespace: 'Core' },
      'Namespace',
      'reserved by OData or used for a vocabulary',
    ],
    [
      'a bad container name',
      { ...richMetadataModel(), containerName: '1Service' },
      'EntityContainer',
      'Entity container name "1Service" is not an OData identifier',
    ],
    [
      'a container named like a type',
      { ...richMetadataModel(), containerName: 'Order' },
      'Order',
      'same name as the entity container',
    ],
    [
      'a bad entity set name',
      withSet('Orders', (set) => ({ ...set, name: 'Or ders' })),
      'Or ders',
      'Entity set name "Or ders" is not an OData identifier',
    ],
    [
      'a set registered under another name',
      withSet('Orders', (set) => ({ ...set, name: 'Purchases' })),
      'Purchases',
      'registered in the model under the name "Orders"',
    ],
    [
      'a bad entity type name',
      withType('Order', (type) => ({ ...type, name: 'Order$' })),
      'Order$',
      'Entity type name "Order$" is not an OData identifier',
    ],
    [
      'a bad property name',
      withProperty('Order', 'Total', { name: 'Total Amount' }),
      'Order/Total Amount',
      'Property name "Total Amount" of entity type "Order" is not an OData identifier',
    ],
    [
      'a name longer than 128 characters',
      withProperty('Order', 'Total', { name: 'T'.repeat(129) }),
      `Order/${'T'.repeat(129)}`,
      'is not an OData identifier',
    ],
    [
      'two properties with one name',
      withProperty('Order', 'Total', { name: 'OrderDate' }),
      'Order/OrderDate',
      'more than one property named "OrderDate"',
    ],
    [
      'a property named like a navigation property',
      withProperty('Order', 'Total', { name: 'Customer' }),
      'Order/Customer',
      'more than one property named "Customer"',
    ],
    // Keys
    [
      'no key',
      withType('Order', (type) => ({ ...type, key: [] })),
      'Order',
      'Entity type "Order" has no key',
    ],
    [
      'a key that is not a property',
      withType('Order', (type) => ({ ...type, key: ['Number'] })),
      'Order/Number',
      'Key property "Number" of entity type "Order" is not one of its properties',
    ],
    [
      'a key listed twice',
      withType('Order', (type) => ({ ...type, key: ['Id', 'Id'] })),
      'Order/Id',
      'lists key property "Id" more than once',
    ],
    [
      'a nullable key',
      withProperty('Order', 'Id', { nullable: true }),
      'Order/Id',
      'Key property "Id" of entity type "Order" is nullable',
    ],
    [
      'a collection key',
      withProperty('Order', 'Id', { collection: true }),
      'Order/Id',
      'is a collection; key properties must be single values',
    ],
    [
      'a floating-point key',
      withProperty('Order', 'Id', { type: 'Edm.Double' }),
      'Order/Id',
      'has type Edm.Double, which cannot be a key type',
    ],
    // Facets and values
    [
      'a negative column index',
      withProperty('Order', 'Total', { columnIndex: -1 }),
      'Order/Total',
      'has column index -1',
    ],
    [
      'MaxLength on a number',
      withProperty('Order', 'Total', { maxLength: 10 }),
      'Order/Total',
      'only Edm.String and Edm.Binary properties can (it is Edm.Decimal)',
    ],
    [
      'a fractional MaxLength',
      withProperty('Customer', 'Name', { maxLength: 1.5 }),
      'Customer/Name',
      'has maximum length 1.5',
    ],
    [
      'a zero decimal precision',
      withProperty('Order', 'Total', { precision: 0, scale: 0 }),
      'Order/Total',
      'a decimal precision must be a positive integer',
    ],
    [
      'a temporal precision above 12',
      withProperty('Customer', 'UpdatedAt', { precision: 13 }),
      'Customer/UpdatedAt',
      'fractional seconds precision must be an integer from 0 to 12',
    ],
    [
      'precision on a string',
      withProperty('Customer', 'Name', { precision: 3 }),
      'Customer/Name',
      'has a precision, but only Edm.Decimal, Edm.DateTimeOffset',
    ],
    [
      'scale on a double',
      withProperty('Customer', 'Weight', { scale: 2 }),
      'Customer/Weight',
      'has a scale, but only Edm.Decimal properties can',
    ],
    [
      'a negative scale',
      withProperty('Order', 'Total', { scale: -1 }),
      'Order/Total',
      "has scale -1; it must be a non-negative integer or 'variable'",
    ],
    [
      'scale above precision',
      withProperty('Order', 'Total', { precision: 4, scale: 6 }),
      'Order/Total',
      'has scale 6 greater than its precision 4',
    ],
    [
      'allowed values on a number',
      withProperty('Order', 'Total', { allowedValues: ['1'] }),
      'Order/Total',
      'lists allowed values, but only Edm.String properties can',
    ],
    [
      'a collection default value',
      withProperty('Customer', 'Tags', { defaultValue: ['a'] }),
      'Customer/Tags',
      'has a collection default value',
    ],
    [
      'a default of the wrong type',
      withProperty('Order', 'Total', { defaultValue: 12.5 }),
      'Order/Total',
      'has a default value of JavaScript type number, which is not how Edm.Decimal values are held',
    ],
    [
      'an ETag that is not a property',
      withType('Customer', (type) => ({ ...type, etagProperty: 'Version' })),
      'Customer/Version',
      'ETag property "Version" of entity type "Customer" is not one of its properties',
    ],
    [
      'a collection ETag',
      withType('Customer', (type) => ({ ...type, etagProperty: 'Tags' })),
      'Customer/Tags',
      'ETag property "Tags" of entity type "Customer" is a collection',
    ],
    // Navigation
    [
      'navigation to a missing set',
      withNavigation('Order', 'Customer', { targetSet: 'Clients' }),
      'Order/Customer',
      'leads to entity set "Clients", which the service does not have',
    ],
    [
      'navigation to the wrong type',
      withNavigation('Order', 'Customer', { targetType: 'Client' }),
      'Order/Customer',
      'declares target type "Client", but entity set "Customers" has entity type "Customer"',
    ],
    [
      'a constraint on a missing property',
      withNavigation('Order', 'Customer', {
        constraints: [{ property: 'ClientId', referencedProperty: 'Id' }],
      }),
      'Order/Customer',
      'referential constraint on "ClientId", which is not a property of "Order"',
    ],
    [
      'a constraint referencing a missing property',
      withNavigation('Order', 'Customer', {
        constraints: [{ property: 'CustomerId', referencedProperty: 'Number' }],
      }),
      'Order/Customer',
      'referencing "Number", which is not a property of "Customer"',
    ],
    [
      'a constraint between different types',
      withNavigation('Order', 'Customer', {
        constraints: [{ property: 'OrderDate', referencedProperty: 'Id' }],
      }),
      'Order/Customer',
      'constrains "OrderDate" (Edm.Date) to equal "Id" (Edm.Int64); the types must match',
    ],
    [
      'a nullable navigation with a non-nullable dependent',
      withNavigation('Order', 'Customer', { nullable: true }),
      'Order/Customer',
      'dependent property "CustomerId" must be nullable too',
    ],
    [
      'a non-nullable navigation with a nullable dependent',
      withProperty('Order', 'CustomerId', { nullable: true }),
      'Order/Customer',
      'dependent property "CustomerId" must not be nullable',
    ],
    [
      'a missing partner',
      withNavigation('Order', 'Customer', { partner: 'Purchases' }),
      'Order/Customer',
      'names partner "Purchases", which is not a navigation property of "Customer"',
    ],
    [
      'a partner leading to another type',
      withNavigation('OrderItem', 'Order', { partner: 'Customer' }),
      'OrderItem/Order',
      'names partner "Customer", but that leads to "Customer", not back to "OrderItem"',
    ],
    [
      'a partner whose partner is another',
      withNavigation('Customer', 'Orders', { partner: 'Items' }),
      'Customer/Orders',
      'names partner "Items", but that leads to "OrderItem", not back to "Customer"',
    ],
    [
      'partners that do not name each other',
      withType('Customer', (type) => ({
        ...type,
        navigationProperties: [
          ...type.navigationProperties,
          {
            name: 'RecentOrders',
            targetSet: 'Orders',
            targetType: 'Order',
            collection: true,
            nullable: false,
            constraints: [],
            partner: 'Customer',
          },
        ],
      })),
      'Customer/RecentOrders',
      'names partner "Customer", whose own partner is "Orders"; partners must name each other',
    ],
    // Capabilities
    [
      'an unknown non-filterable property',
      withSet('Customers', (set) => ({
        ...set,
        capabilities: { ...set.capabilities, nonFilterableProperties: ['Labels'] },
      })),
      'Customers/Labels',
      'lists "Labels" as non-filterable, but its entity type "Customer" has no such property',
    ],
    [
      'an unknown non-sortable property',
      withSet('Customers', (set) => ({
        ...set,
        capabilities: { ...set.capabilities, nonSortableProperties: ['Orders'] },
      })),
      'Customers/Orders',
      'lists "Orders" as non-sortable',
    ],
    [
      'an unknown filter function',
      withSet('Orders', (set) => ({
        ...set,
        capabilities: { ...set.capabilities, filterFunctions: ['soundex'] },
      })),
      'Orders',
      'lists "soundex" as a filter function, which is not an OData built-in function or operator',
    ],
  ])('reports %s', (_case, model, target, message) => {
    const problems = findServiceModelProblems(model);
    expect(problems).toContainEqual({
      target,
      message: expect.stringContaining(message) as string,
    });
  });

  it('reports two different entity types with one name', () => {
    const first = entityType({
      name: 'Thing',
      key: ['Id'],
      properties: [property('Id', 'Edm.Int32', { nullable: false })],
    });
    const second = entityType({
      name: 'Thing',
      key: ['Id'],
      properties: [property('Id', 'Edm.Int32', { nullable: false })],
    });
    expect(
      findServiceModelProblems(serviceModel([entitySet('A', first), entitySet('B', second)])),
    ).toEqual([
      {
        target: 'Thing',
        message:
          'Two different entity types are named "Thing" (entity set "B" uses the second); entity type names must be unique.',
      },
    ]);
  });

  it('accepts two sets sharing one entity type', () => {
    const shared = entityType({
      name: 'Thing',
      key: ['Id'],
      properties: [property('Id', 'Edm.Int32', { nullable: false })],
    });
    expect(
      findServiceModelProblems(serviceModel([entitySet('A', shared), entitySet('B', shared)])),
    ).toEqual([]);
  });

  it('throws TSG900 with every problem, each as a detail with its target', () => {
    const broken = serviceModel([
      entitySet(
        'Things',
        entityType({
          name: 'Thing',
          key: ['Id'],
          properties: [property('Id', 'Edm.Double'), property('Bad Name', 'Edm.String')],
        }),
        { capabilities: capabilities({ nonSortableProperties: ['Missing'] }) },
      ),
    ]);
    let thrown: unknown;
    try {
      validateServiceModel(broken);
    } catch (error) {
      thrown = error;
    }
    if (!isTsunagiError(thrown)) throw new Error('expected a TsunagiError');
    expect(thrown.code).toBe('TSG900');
    expect(thrown.status).toBe(500);
    expect(thrown.details.map((detail) => detail.target)).toEqual([
      'Things/Missing',
      'Thing/Bad Name',
      'Thing/Id',
      'Thing/Id',
    ]);
    expect(thrown.details.every((detail) => detail.code === 'TSG900')).toBe(true);
    expect(thrown.message).toBe(
      'The service model is invalid (4 problems): ' +
        'Entity set "Things" lists "Missing" as non-sortable, but its entity type "Thing" has no such property. ' +
        'Property name "Bad Name" of entity type "Thing" is not an OData identifier. ' +
        'Key property "Id" of entity type "Thing" is nullable; key properties must not be. ' +
        'Key property "Id" of entity type "Thing" has type Edm.Double, which cannot be a key type.',
    );
  });
});
