/**
 * The service's metadata document as data, decided once from the service model and then
 * written by the CSDL XML and CSDL JSON renderers: the same elements, in the same order,
 * with the same facets and annotations in both representations.
 *
 * Order is deterministic whatever order the catalog built the model in: entity sets and
 * entity types by name (UTF-16 code unit order); properties, navigation properties and
 * key properties in model order.
 *
 * Two rules make the document say what the model means:
 * - An Edm.Decimal property without a scale is published with `Scale="variable"`: CSDL
 *   reads a missing scale as 0, which would tell clients the values are integers.
 * - Referential constraints are written on single-valued navigation properties only, as
 *   CSDL requires; the constraints the model keeps on collection-valued navigation (for
 *   the planner) are implied by the partner's.
 */
import type {
  EntitySetModel,
  EntityTypeModel,
  NavigationPropertyModel,
  PropertyModel,
  ReferentialConstraint,
  ServiceModel,
} from '../edm/service-model.js';
import type { Annotation } from './annotation.js';
import {
  containerAnnotations,
  entitySetAnnotations,
  entityTypeAnnotations,
  propertyAnnotations,
} from './metadata-annotations.js';
import { validateServiceModel } from './validate-service-model.js';
import { vocabularies, type Vocabulary } from './vocabularies.js';

export interface PropertyEntry {
  readonly property: PropertyModel;
  /** The scale to publish (see the header comment for Edm.Decimal). */
  readonly scale: number | 'variable' | undefined;
  readonly annotations: readonly Annotation[];
}

export interface NavigationEntry {
  readonly navigation: NavigationPropertyModel;
  /** Qualified name of the target entity type. */
  readonly targetTypeName: string;
  /** The constraints to publish: none on collection-valued navigation. */
  readonly constraints: readonly ReferentialConstraint[];
}

export interface EntityTypeEntry {
  readonly type: EntityTypeModel;
  readonly properties: readonly PropertyEntry[];
  readonly navigationProperties: readonly NavigationEntry[];
  readonly annotations: readonly Annotation[];
}

export interface NavigationBinding {
  readonly path: string;
  readonly target: string;
}

export interface EntitySetEntry {
  readonly set: EntitySetModel;
  /** Qualified name of the set's entity type. */
  readonly typeName: string;
  readonly bindings: readonly NavigationBinding[];
  readonly annotations: readonly Annotation[];
}

export interface MetadataDocument {
  readonly namespace: string;
  readonly containerName: string;
  /** The vocabularies the annotations use, in reference order. */
  readonly vocabularies: readonly Vocabulary[];
  readonly entityTypes: readonly EntityTypeEntry[];
  readonly entitySets: readonly EntitySetEntry[];
  readonly containerAnnotations: readonly Annotation[];
}

function byName(left: { readonly name: string }, right: { readonly name: string }): number {
  return left.name < right.name ? -1 : left.name > right.name ? 1 : 0;
}

/** The model's entity sets, sorted by name. */
export function sortedEntitySets(model: ServiceModel): readonly EntitySetModel[] {
  return [...model.entitySets.values()].sort(byName);
}

function publishedScale(property: PropertyModel): number | 'variable' | undefined {
  if (property.scale === undefined && property.type === 'Edm.Decimal') return 'variable';
  return property.scale;
}

function entityTypeEntry(type: EntityTypeModel, namespace: string): EntityTypeEntry {
  return {
    type,
    properties: type.properties.map((property) => ({
      property,
      scale: publishedScale(property),
      annotations: propertyAnnotations(property),
    })),
    navigationProperties: type.navigationProperties.map((navigation) => ({
      navigation,
      targetTypeName: `${namespace}.${navigation.targetType}`,
      constraints: navigation.collection ? [] : navigation.constraints,
    })),
    annotations: entityTypeAnnotations(type),
  };
}

/**
 * Builds the document. Validates the model first (TsunagiError TSG900 listing every
 * problem), so that an invalid model is never published.
 */
export function buildMetadataDocument(model: ServiceModel): MetadataDocument {
  validateServiceModel(model);
  const namespace = model.namespace;
  const sets = sortedEntitySets(model);
  const types = new Map<string, EntityTypeModel>();
  for (const set of sets) types.set(set.entityType.name, set.entityType);

  const entityTypes = [...types.values()]
    .sort(byName)
    .map((type) => entityTypeEntry(type, namespace));
  const entitySets = sets.map((set) => ({
    set,
    typeName: `${namespace}.${set.entityType.name}`,
    bindings: set.entityType.navigationProperties.map((navigation) => ({
      path: navigation.name,
      target: navigation.targetSet,
    })),
    annotations: entitySetAnnotations(set),
  }));
  // Without entity sets there is no entity container to annotate.
  const container = sets.length === 0 ? [] : containerAnnotations(sets);

  const used = new Set<string>();
  const collect = (annotations: readonly Annotation[]): void => {
    for (const annotation of annotations) used.add(annotation.vocabulary);
  };
  for (const entry of entityTypes) {
    collect(entry.annotations);
    for (const property of entry.properties) collect(property.annotations);
  }
  for (const entry of entitySets) collect(entry.annotations);
  collect(container);

  return {
    namespace,
    containerName: model.containerName,
    vocabularies: vocabularies.filter((vocabulary) => used.has(vocabulary.alias)),
    entityTypes,
    entitySets,
    containerAnnotations: container,
  };
}
