/**
 * A small, realistic service model for tests of every OData stage (binder, planner,
 * evaluator, serializer): a shop with Customers, Orders, OrderItems and Products.
 *
 * | entity set | key                          | notes                                        |
 * |------------|------------------------------|----------------------------------------------|
 * | Customers  | Id (Int64)                   | one property of nearly every primitive type, |
 * |            |                              | Tags: Collection(Edm.String)                 |
 * | Orders     | Id (Int32)                   | Status with allowed values                   |
 * | OrderItems | OrderId (Int32), LineNo (Int16) | composite key                             |
 * | Products   | Code (String, MaxLength 20)  | string key                                   |
 *
 * Navigation (referential constraints in brackets, `this.property = target.property`):
 * Customers.Orders [Id = CustomerId] and back Orders.Customer [CustomerId = Id];
 * Orders.Items [Id = OrderId] and back OrderItems.Order [OrderId = Id];
 * OrderItems.Product [ProductCode = Code] and back Products.OrderItems [Code = ProductCode].
 *
 * Everything is frozen; build variants with the exported helpers.
 */
import type { EdmPrimitiveType, Value } from '../edm/primitive-type.js';
import type {
  EntitySetCapabilities,
  EntitySetModel,
  EntityTypeModel,
  NavigationPropertyModel,
  PropertyModel,
  ServiceModel,
} from '../edm/service-model.js';
import { builtInFunctions } from '../semantic/expression.js';

export const sampleNamespace = 'Tsunagi';

export interface SamplePropertyOptions {
  readonly nullable?: boolean;
  readonly collection?: boolean;
  readonly maxLength?: number;
  readonly precision?: number;
  readonly scale?: number | 'variable';
  readonly computed?: boolean;
  readonly immutable?: boolean;
  readonly allowedValues?: readonly string[];
  readonly defaultValue?: Value;
}

/** Builds the properties of one entity type; column indexes follow the order given. */
export function sampleProperties(
  definitions: readonly (readonly [string, EdmPrimitiveType, SamplePropertyOptions?])[],
): readonly PropertyModel[] {
  return Object.freeze(
    definitions.map(([name, type, options = {}], columnIndex) => {
      const property: PropertyModel = {
        name,
        column: name.toLowerCase(),
        columnIndex,
        type,
        collection: options.collection ?? false,
        nullable: options.nullable ?? true,
        computed: options.computed ?? false,
        immutable: options.immutable ?? false,
        ...(options.maxLength === undefined ? {} : { maxLength: options.maxLength }),
        ...(options.precision === undefined ? {} : { precision: options.precision }),
        ...(options.scale === undefined ? {} : { scale: options.scale }),
        ...(options.allowedValues === undefined
          ? {}
          : { allowedValues: Object.freeze([...options.allowedValues]) }),
        ...(options.defaultValue === undefined ? {} : { defaultValue: options.defaultValue }),
      };
      return Object.freeze(property);
    }),
  );
}

export function sampleNavigation(
  name: string,
  targetSet: string,
  targetType: string,
  collection: boolean,
  constraints: readonly (readonly [string, string])[],
  partner?: string,
): NavigationPropertyModel {
  return Object.freeze({
    name,
    targetSet,
    targetType,
    collection,
    nullable: !collection,
    constraints: Object.freeze(
      constraints.map(([property, referencedProperty]) =>
        Object.freeze({ property, referencedProperty }),
      ),
    ),
    ...(partner === undefined ? {} : { partner }),
  });
}

export const sampleCapabilities: EntitySetCapabilities = Object.freeze({
  insertable: true,
  updatable: true,
  deletable: true,
  countable: true,
  searchable: true,
  topSupported: true,
  skipSupported: true,
  filterFunctions: Object.freeze([...builtInFunctions]),
  nonFilterableProperties: Object.freeze([]),
  nonSortableProperties: Object.freeze([]),
  requiresIfMatch: false,
});

export function sampleEntitySet(
  name: string,
  entityType: EntityTypeModel,
  capabilities: EntitySetCapabilities = sampleCapabilities,
): EntitySetModel {
  return Object.freeze({
    name,
    entityType,
    source: Object.freeze({ connectionId: 'sample', table: name.toLowerCase() }),
    capabilities,
  });
}

export const customerType: EntityTypeModel = Object.freeze({
  name: 'Customer',
  key: Object.freeze(['Id']),
  properties: sampleProperties([
    ['Id', 'Edm.Int64', { nullable: false, computed: true, immutable: true }],
    ['Name', 'Edm.String', { nullable: false, maxLength: 100 }],
    ['Email', 'Edm.String', { maxLength: 255 }],
    ['City', 'Edm.String', { maxLength: 60 }],
    ['CreditLimit', 'Edm.Decimal', { precision: 12, scale: 2 }],
    ['Score', 'Edm.Int32'],
    ['Level', 'Edm.Byte'],
    ['Rating', 'Edm.Double'],
    ['Discount', 'Edm.Single'],
    ['BirthDate', 'Edm.Date'],
    ['CreatedAt', 'Edm.DateTimeOffset', { nullable: false, computed: true }],
    ['OpensAt', 'Edm.TimeOfDay'],
    ['ResponseTime', 'Edm.Duration'],
    ['IsActive', 'Edm.Boolean', { nullable: false, defaultValue: true }],
    ['ExternalId', 'Edm.Guid'],
    ['Photo', 'Edm.Binary'],
    ['Tags', 'Edm.String', { collection: true, nullable: false }],
    ['Revision', 'Edm.Int64', { nullable: false, computed: true }],
  ]),
  navigationProperties: Object.freeze([
    sampleNavigation('Orders', 'Orders', 'Order', true, [['Id', 'CustomerId']], 'Customer'),
  ]),
  etagProperty: 'Revision',
  description: 'A customer of the shop.',
});

export const orderType: EntityTypeModel = Object.freeze({
  name: 'Order',
  key: Object.freeze(['Id']),
  properties: sampleProperties([
    ['Id', 'Edm.Int32', { nullable: false, computed: true, immutable: true }],
    ['CustomerId', 'Edm.Int64', { nullable: false }],
    ['OrderDate', 'Edm.Date', { nullable: false }],
    ['Total', 'Edm.Decimal', { precision: 12, scale: 2 }],
    ['Status', 'Edm.String', { allowedValues: ['Open', 'Shipped', 'Cancelled'] }],
    ['ShippedAt', 'Edm.DateTimeOffset'],
  ]),
  navigationProperties: Object.freeze([
    sampleNavigation('Customer', 'Customers', 'Customer', false, [['CustomerId', 'Id']], 'Orders'),
    sampleNavigation('Items', 'OrderItems', 'OrderItem', true, [['Id', 'OrderId']], 'Order'),
  ]),
});

export const orderItemType: EntityTypeModel = Object.freeze({
  name: 'OrderItem',
  key: Object.freeze(['OrderId', 'LineNo']),
  properties: sampleProperties([
    ['OrderId', 'Edm.Int32', { nullable: false, immutable: true }],
    ['LineNo', 'Edm.Int16', { nullable: false, immutable: true }],
    ['ProductCode', 'Edm.String', { nullable: false, maxLength: 20 }],
    ['Quantity', 'Edm.Int32', { nullable: false }],
    ['UnitPrice', 'Edm.Decimal', { precision: 10, scale: 2 }],
  ]),
  navigationProperties: Object.freeze([
    sampleNavigation('Order', 'Orders', 'Order', false, [['OrderId', 'Id']], 'Items'),
    sampleNavigation(
      'Product',
      'Products',
      'Product',
      false,
      [['ProductCode', 'Code']],
      'OrderItems',
    ),
  ]),
});

export const productType: EntityTypeModel = Object.freeze({
  name: 'Product',
  key: Object.freeze(['Code']),
  properties: sampleProperties([
    ['Code', 'Edm.String', { nullable: false, maxLength: 20 }],
    ['Name', 'Edm.String', { nullable: false }],
    ['Price', 'Edm.Decimal', { precision: 10, scale: 2 }],
    ['Weight', 'Edm.Double'],
    ['Released', 'Edm.Date'],
  ]),
  navigationProperties: Object.freeze([
    sampleNavigation(
      'OrderItems',
      'OrderItems',
      'OrderItem',
      true,
      [['Code', 'ProductCode']],
      'Product',
    ),
  ]),
});

export const customersSet = sampleEntitySet('Customers', customerType);
export const ordersSet = sampleEntitySet('Orders', orderType);
export const orderItemsSet = sampleEntitySet('OrderItems', orderItemType);
export const productsSet = sampleEntitySet('Products', productType);

export function sampleServiceModel(
  entitySets: readonly EntitySetModel[] = [customersSet, ordersSet, orderItemsSet, productsSet],
): ServiceModel {
  return Object.freeze({
    namespace: sampleNamespace,
    containerName: 'Service',
    entitySets: new Map(entitySets.map((set) => [set.name, set])),
  });
}

/** The shop model: Customers, Orders, OrderItems, Products. */
export const sampleModel: ServiceModel = sampleServiceModel();

/** A property of a sample entity type, or an error naming what is missing. */
export function sampleProperty(type: EntityTypeModel, name: string): PropertyModel {
  const property = type.properties.find((candidate) => candidate.name === name);
  if (property === undefined) throw new Error(`${type.name} has no property ${name}`);
  return property;
}
