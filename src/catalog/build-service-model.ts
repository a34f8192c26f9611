/**
 * Builds the service model from connector table schemas and publications: one entity set
 * and entity type per published table, properties named by their aliases, navigation
 * properties for relationships whose target table is published too (in the same
 * connection), and capabilities from what the tables declare. Pure: no I/O.
 */
import type { ColumnSchema, TableSchema } from '../connectors/connector.js';
import type {
  EntitySetCapabilities,
  EntitySetModel,
  EntityTypeModel,
  NavigationPropertyModel,
  PropertyModel,
  ServiceModel,
} from '../odata/edm/service-model.js';
import { builtInFunctions } from '../odata/semantic/expression.js';
import type { Publication } from './publication.js';

export interface PublishedTable {
  readonly publication: Publication;
  readonly table: TableSchema;
}

export interface ServiceModelInput {
  readonly namespace: string;
  readonly containerName: string;
  readonly tables: readonly PublishedTable[];
}

function propertyFor(
  column: ColumnSchema,
  columnIndex: number,
  publication: Publication,
): PropertyModel {
  const name = publication.propertyAliases?.[column.name] ?? column.propertyName;
  return {
    name,
    column: column.name,
    columnIndex,
    type: column.type,
    collection: column.collection,
    nullable: column.nullable,
    ...(column.maxLength === undefined ? {} : { maxLength: column.maxLength }),
    ...(column.precision === undefined ? {} : { precision: column.precision }),
    ...(column.scale === undefined ? {} : { scale: column.scale }),
    computed: column.computed,
    immutable: column.immutable,
    requiredOnCreate: column.requiredOnCreate,
    ...(column.allowedValues === undefined ? {} : { allowedValues: column.allowedValues }),
    ...(column.defaultValue === undefined ? {} : { defaultValue: column.defaultValue }),
    ...(column.description === undefined ? {} : { description: column.description }),
  };
}

function propertyNameOf(table: TableSchema, publication: Publication, columnName: string): string {
  const column = table.columns.find((candidate) => candidate.name === columnName);
  if (column === undefined) throw new Error(`table ${table.id} has no column ${columnName}`);
  return publication.propertyAliases?.[column.name] ?? column.propertyName;
}

function capabilitiesFor(
  table: TableSchema,
  properties: readonly PropertyModel[],
): EntitySetCapabilities {
  return {
    insertable: table.writable.insert,
    updatable: table.writable.update,
    deletable: table.writable.delete,
    countable: true,
    searchable: true,
    topSupported: true,
    skipSupported: true,
    filterFunctions: builtInFunctions,
    nonFilterableProperties: [],
    nonSortableProperties: properties
      .filter((property) => property.collection)
      .map((property) => property.name),
    requiresIfMatch: table.requiresIfMatch === true,
  };
}

export function buildServiceModel(input: ServiceModelInput): ServiceModel {
  const byTable = new Map<string, PublishedTable>();
  for (const published of input.tables) {
    byTable.set(`${published.publication.connectionId}\u0000${published.table.id}`, published);
  }

  const entitySets = new Map<string, EntitySetModel>();
  for (const { publication, table } of input.tables) {
    const properties = table.columns.map((column, index) =>
      propertyFor(column, index, publication),
    );
    const navigationProperties: NavigationPropertyModel[] = [];
    for (const relationship of table.relationships) {
      const target = byTable.get(`${publication.connectionId}\u0000${relationship.targetTable}`);
      if (target === undefined) continue;
      const partner = target.table.relationships.find(
        (candidate) =>
          candidate.name === relationship.partner && candidate.targetTable === table.id,
      );
      // A single-valued navigation may be null unless every column it follows is non-nullable.
      const nullable =
        !relationship.collection &&
        relationship.columns.some(
          (pair) => table.columns.find((column) => column.name === pair.column)?.nullable !== false,
        );
      navigationProperties.push({
        name: relationship.name,
        targetSet: target.publication.alias,
        targetType: target.publication.alias,
        collection: relationship.collection,
        nullable,
        constraints: relationship.columns.map((pair) => ({
          property: propertyNameOf(table, publication, pair.column),
          referencedProperty: propertyNameOf(target.table, target.publication, pair.targetColumn),
        })),
        ...(partner === undefined ? {} : { partner: partner.name }),
      });
    }
    const entityType: EntityTypeModel = {
      name: publication.alias,
      key: table.key.map((columnName) => propertyNameOf(table, publication, columnName)),
      properties,
      navigationProperties,
      ...(table.etagColumn === undefined
        ? {}
        : { etagProperty: propertyNameOf(table, publication, table.etagColumn) }),
      ...(table.description === undefined ? {} : { description: table.description }),
    };
    entitySets.set(publication.alias, {
      name: publication.alias,
      entityType,
      source: { connectionId: publication.connectionId, table: table.id },
      capabilities: capabilitiesFor(table, properties),
      ...(table.label === publication.alias ? {} : { description: table.label }),
    });
  }
  return { namespace: input.namespace, containerName: input.containerName, entitySets };
}

/** The same model restricted to the entity sets a user may read (navigation to hidden sets removed). */
export function restrictServiceModel(
  model: ServiceModel,
  visible: (set: EntitySetModel) => boolean,
): ServiceModel {
  const kept = new Map<string, EntitySetModel>();
  for (const [name, set] of model.entitySets) if (visible(set)) kept.set(name, set);
  if (kept.size === model.entitySets.size) return model;
  const entitySets = new Map<string, EntitySetModel>();
  for (const [name, set] of kept) {
    const navigationProperties = set.entityType.navigationProperties.filter((navigation) =>
      kept.has(navigation.targetSet),
    );
    entitySets.set(
      name,
      navigationProperties.length === set.entityType.navigationProperties.length
        ? set
        : { ...set, entityType: { ...set.entityType, navigationProperties } },
    );
  }
  return { ...model, entitySets };
}
