/**
 * Small builders for service models in tests, and two ready models for the $metadata
 * tests: a tiny one whose documents the tests spell out in full, and a rich one (customers,
 * orders, order items with a composite key) that uses every facet, navigation in both
 * directions, every capability annotation and descriptions that need escaping.
 */
import type { EdmPrimitiveType } from '../edm/primitive-type.js';
import type {
  EntitySetCapabilities,
  EntitySetModel,
  EntityTypeModel,
  NavigationPropertyModel,
  PropertyModel,
  ServiceModel,
} from '../edm/service-model.js';

/** A property: nullable, not computed, not immutable, reading a column of the same name. */
export function property(
  name: string,
  type: EdmPrimitiveType,
  options: Partial<Omit<PropertyModel, 'name' | 'type'>> = {},
): PropertyModel {
  return {
    name,
    column: name,
    columnIndex: 0,
    type,
    collection: false,
    nullable: true,
    computed: false,
    immutable: false,
    ...options,
  };
}

export interface EntityTypeInput {
  readonly name: string;
  readonly key: readonly string[];
  readonly properties: readonly PropertyModel[];
  readonly navigationProperties?: readonly NavigationPropertyModel[];
  readonly etagProperty?: string;
  readonly description?: string;
}

/** An entity type whose properties read columns 0, 1, 2 ... in order. */
export function entityType(input: EntityTypeInput): EntityTypeModel {
  return {
    ...input,
    properties: input.properties.map((entry, columnIndex) => ({ ...entry, columnIndex })),
    navigationProperties: input.navigationProperties ?? [],
  };
}

/** Capabilities of a set that supports everything, with the given changes. */
export function capabilities(changes: Partial<EntitySetCapabilities> = {}): EntitySetCapabilities {
  return {
    insertable: true,
    updatable: true,
    deletable: true,
    countable: true,
    searchable: true,
    topSupported: true,
    skipSupported: true,
    filterFunctions: [],
    nonFilterableProperties: [],
    nonSortableProperties: [],
    requiresIfMatch: false,
    ...changes,
  };
}

export function entitySet(
  name: string,
  type: EntityTypeModel,
  changes: Partial<Omit<EntitySetModel, 'name' | 'entityType'>> = {},
): EntitySetModel {
  return {
    name,
    entityType: type,
    source: { connectionId: 'test', table: name },
    capabilities: capabilities(),
    ...changes,
  };
}

export function serviceModel(
  sets: readonly EntitySetModel[],
  namespace = 'Tsunagi',
  containerName = 'Service',
): ServiceModel {
  return { namespace, containerName, entitySets: new Map(sets.map((set) => [set.name, set])) };
}

/** One set, three properties: the model whose documents the tests spell out in full. */
export function tinyMetadataModel(): ServiceModel {
  const task = entityType({
    name: 'Task',
    key: ['Id'],
    properties: [
      property('Id', 'Edm.Int32', { nullable: false, computed: true }),
      property('Title', 'Edm.String', { nullable: false, maxLength: 64 }),
      property('Done', 'Edm.Boolean', { nullable: false, defaultValue: false }),
    ],
  });
  return serviceModel(
    [
      entitySet('Tasks', task, {
        capabilities: capabilities({ filterFunctions: ['contains'], searchable: false }),
      }),
    ],
    'Demo',
  );
}

/** A description that needs XML escaping and is not ASCII. */
export const oddDescription = 'Kunden <VIP> & "Partner" \'Ünïcödé\' 顧客\tTab\nLine';

/** Customers, Orders and OrderItems (composite key), related both ways. */
export function richMetadataModel(): ServiceModel {
  const customer = entityType({
    name: 'Customer',
    description: oddDescription,
    key: ['Id'],
    etagProperty: 'Revision',
    properties: [
      property('Id', 'Edm.Int64', {
        nullable: false,
        computed: true,
        description: 'Record number',
      }),
      property('Name', 'Edm.String', { nullable: false, maxLength: 100, requiredOnCreate: true }),
      property('CreditLimit', 'Edm.Decimal', { precision: 12, scale: 2, defaultValue: '1000.00' }),
      property('Ratio', 'Edm.Decimal', { scale: 'variable' }),
      property('Score', 'Edm.Decimal'),
      property('Birthday', 'Edm.Date'),
      property('UpdatedAt', 'Edm.DateTimeOffset', { precision: 3, computed: true }),
      property('Active', 'Edm.Boolean', { nullable: false, defaultValue: true }),
      property('Tags', 'Edm.String', { collection: true, nullable: false, maxLength: 50 }),
      property('Scores', 'Edm.Int32', { collection: true }),
      property('ExternalId', 'Edm.Guid', { immutable: true }),
      property('Status', 'Edm.String', {
        allowedValues: ['Active', 'On hold', 'Closed <old> & "gone"'],
        defaultValue: 'Active',
      }),
      property('Weight', 'Edm.Double', { defaultValue: Number.POSITIVE_INFINITY }),
      property('Revision', 'Edm.Int64', { nullable: false, computed: true }),
    ],
    navigationProperties: [
      {
        name: 'Orders',
        targetSet: 'Orders',
        targetType: 'Order',
        collection: true,
        nullable: false,
        constraints: [{ property: 'Id', referencedProperty: 'CustomerId' }],
        partner: 'Customer',
      },
    ],
  });
  const order = entityType({
    name: 'Order',
    key: ['Id'],
    properties: [
      property('Id', 'Edm.Int32', { nullable: false, computed: true }),
      property('CustomerId', 'Edm.Int64', { nullable: false }),
      property('OrderDate', 'Edm.Date', { nullable: false }),
      property('Total', 'Edm.Decimal', { precision: 10, scale: 2 }),
    ],
    navigationProperties: [
      {
        name: 'Customer',
        targetSet: 'Customers',
        targetType: 'Customer',
        collection: false,
        nullable: false,
        constraints: [{ property: 'CustomerId', referencedProperty: 'Id' }],
        partner: 'Orders',
      },
      {
        name: 'Items',
        targetSet: 'OrderItems',
        targetType: 'OrderItem',
        collection: true,
        nullable: false,
        constraints: [{ property: 'Id', referencedProperty: 'OrderId' }],
        partner: 'Order',
      },
    ],
  });
  const orderItem = entityType({
    name: 'OrderItem',
    key: ['OrderId', 'LineNumber'],
    properties: [
      property('OrderId', 'Edm.Int32', { nullable: false }),
      property('LineNumber', 'Edm.Int16', { nullable: false }),
      property('Product', 'Edm.String', { maxLength: 40 }),
      property('Quantity', 'Edm.Int32', { nullable: false, defaultValue: 1 }),
    ],
    navigationProperties: [
      {
        name: 'Order',
        targetSet: 'Orders',
        targetType: 'Order',
        collection: false,
        nullable: false,
        constraints: [{ property: 'OrderId', referencedProperty: 'Id' }],
        partner: 'Items',
      },
    ],
  });
  // Deliberately not in name order: documents sort sets and types by name.
  return serviceModel([
    entitySet('Orders', order, {
      capabilities: capabilities({
        searchable: false,
        deletable: false,
        filterFunctions: ['year', 'month'],
      }),
    }),
    entitySet('Customers', customer, {
      description: 'All customers',
      capabilities: capabilities({
        filterFunctions: ['contains', 'startswith', 'endswith', 'tolower'],
        nonFilterableProperties: ['Tags'],
        nonSortableProperties: ['Tags', 'Ratio'],
        requiresIfMatch: true,
      }),
    }),
    entitySet('OrderItems', orderItem, {
      capabilities: capabilities({
        insertable: false,
        updatable: false,
        deletable: false,
        countable: false,
        searchable: false,
        skipSupported: false,
        requiresIfMatch: true,
      }),
    }),
  ]);
}
