/**
 * The service model: the entity sets, entity types, properties and navigation properties
 * that one service publishes, as the catalog builds them from connector schemas. Everything
 * downstream of the catalog (binder, planner, executor, serializer, $metadata) reads this
 * model and nothing else; it never calls a source.
 *
 * A property knows both its published name (an alias) and the source column behind it, so
 * that rows from a connector (arrays indexed by column ordinal) can be read without lookups.
 */
import type { EdmPrimitiveType, Value } from './primitive-type.js';

export interface PropertyModel {
  /** Published name: an OData identifier, unique within the entity type. */
  readonly name: string;
  /** The source column this property reads (a Kintone field code, a SQL column name). */
  readonly column: string;
  /** Position of that column in the table's rows. */
  readonly columnIndex: number;
  readonly type: EdmPrimitiveType;
  /** True for Collection(type). */
  readonly collection: boolean;
  readonly nullable: boolean;
  readonly maxLength?: number;
  readonly precision?: number;
  /** A number, or 'variable' (CSDL Scale="variable"). */
  readonly scale?: number | 'variable';
  /** Computed by the source; never written by clients (Core.Computed). */
  readonly computed: boolean;
  /** Set on create, never changed afterwards (Core.Immutable). */
  readonly immutable: boolean;
  /** Required on create (non-nullable without a default). */
  readonly requiredOnCreate?: boolean;
  /** Allowed values for a string property backed by a choice (drop-down, radio ...). */
  readonly allowedValues?: readonly string[];
  readonly description?: string;
  readonly defaultValue?: Value;
}

export interface ReferentialConstraint {
  /** Property of the declaring entity type. */
  readonly property: string;
  /** Property of the target entity type it must equal. */
  readonly referencedProperty: string;
}

export interface NavigationPropertyModel {
  readonly name: string;
  /** Name of the entity set the navigation leads to. */
  readonly targetSet: string;
  /** Name of the target entity type. */
  readonly targetType: string;
  /** True when the navigation yields many entities (Collection(T)). */
  readonly collection: boolean;
  readonly nullable: boolean;
  /** How rows of the target relate to this row: target.referencedProperty = this.property. */
  readonly constraints: readonly ReferentialConstraint[];
  /** Name of the navigation property in the target type that leads back, if any. */
  readonly partner?: string;
}

export interface EntityTypeModel {
  readonly name: string;
  /** Names of the key properties, in key order. */
  readonly key: readonly string[];
  readonly properties: readonly PropertyModel[];
  readonly navigationProperties: readonly NavigationPropertyModel[];
  /** Name of the property whose value is the entity's ETag (Kintone's revision), if any. */
  readonly etagProperty?: string;
  readonly description?: string;
}

/** What clients may do with an entity set (Org.OData.Capabilities.V1 and the write path). */
export interface EntitySetCapabilities {
  readonly insertable: boolean;
  readonly updatable: boolean;
  readonly deletable: boolean;
  readonly countable: boolean;
  readonly searchable: boolean;
  readonly topSupported: boolean;
  readonly skipSupported: boolean;
  /** Built-in functions usable in $filter (names as in the URL conventions). */
  readonly filterFunctions: readonly string[];
  readonly nonFilterableProperties: readonly string[];
  readonly nonSortableProperties: readonly string[];
  /** Whether updates and deletes must carry If-Match. */
  readonly requiresIfMatch: boolean;
}

/** Where an entity set's rows come from. */
export interface EntitySetSource {
  readonly connectionId: string;
  /** The connector's table id. */
  readonly table: string;
}

export interface EntitySetModel {
  /** Published name: unique within the service. */
  readonly name: string;
  readonly entityType: EntityTypeModel;
  readonly source: EntitySetSource;
  readonly capabilities: EntitySetCapabilities;
  readonly description?: string;
}

export interface ServiceModel {
  /** CSDL namespace of the schema, e.g. "Tsunagi". */
  readonly namespace: string;
  /** Name of the entity container, e.g. "Service". */
  readonly containerName: string;
  readonly entitySets: ReadonlyMap<string, EntitySetModel>;
}

export function findProperty(type: EntityTypeModel, name: string): PropertyModel | undefined {
  return type.properties.find((property) => property.name === name);
}

export function findNavigationProperty(
  type: EntityTypeModel,
  name: string,
): NavigationPropertyModel | undefined {
  return type.navigationProperties.find((navigation) => navigation.name === name);
}
