/**
 * Decides which vocabulary annotations $metadata carries, from the service model alone:
 *
 * - Properties: `Core.Description`, `Core.Computed`, `Core.Immutable`, and
 *   `Validation.AllowedValues` for string properties backed by a choice.
 * - Entity types: `Core.Description`.
 * - Entity sets: `Core.Description`; `Core.OptimisticConcurrency` (the ETag property, or an
 *   empty list when updates need If-Match but the ETag is not a property); and what the set
 *   supports, from `Org.OData.Capabilities.V1`: `TopSupported`, `SkipSupported`,
 *   `CountRestrictions`, `FilterFunctions`, `FilterRestrictions`, `SortRestrictions`,
 *   `SearchRestrictions`, `InsertRestrictions`, `UpdateRestrictions`, `DeleteRestrictions`.
 *   Filtering and sorting are always supported: the gateway applies whatever a source
 *   cannot; only the properties listed as non-filterable / non-sortable are excluded.
 * - The entity container: `Capabilities.ConformanceLevel` (see `conformanceLevel`).
 *
 * `Core.Permissions` and `Core.AcceptableMediaTypes` are left out: `Core.Computed` already
 * says a property is read-only, and the service has no media entities or streams.
 */
import type { EntitySetModel, EntityTypeModel, PropertyModel } from '../edm/service-model.js';
import type { Annotation, AnnotationValue, RecordProperty } from './annotation.js';

export type ConformanceLevel = 'Minimal' | 'Intermediate' | 'Advanced';

function bool(value: boolean): AnnotationValue {
  return { kind: 'bool', value };
}

function string(value: string): AnnotationValue {
  return { kind: 'string', value };
}

function propertyPaths(paths: readonly string[]): AnnotationValue {
  return { kind: 'collection', items: paths.map((path) => ({ kind: 'propertyPath', path })) };
}

function record(properties: readonly RecordProperty[]): AnnotationValue {
  return { kind: 'record', properties };
}

function description(text: string | undefined): Annotation[] {
  return text === undefined
    ? []
    : [{ vocabulary: 'Core', term: 'Description', value: string(text) }];
}

export function propertyAnnotations(property: PropertyModel): readonly Annotation[] {
  const annotations = description(property.description);
  if (property.computed)
    annotations.push({ vocabulary: 'Core', term: 'Computed', value: bool(true) });
  if (property.immutable) {
    annotations.push({ vocabulary: 'Core', term: 'Immutable', value: bool(true) });
  }
  if (property.allowedValues !== undefined) {
    annotations.push({
      vocabulary: 'Validation',
      term: 'AllowedValues',
      value: {
        kind: 'collection',
        items: property.allowedValues.map((value) =>
          record([{ name: 'Value', value: string(value) }]),
        ),
      },
    });
  }
  return annotations;
}

export function entityTypeAnnotations(type: EntityTypeModel): readonly Annotation[] {
  return description(type.description);
}

export function entitySetAnnotations(set: EntitySetModel): readonly Annotation[] {
  const capabilities = set.capabilities;
  const annotations = description(set.description);
  const etagProperty = set.entityType.etagProperty;
  if (etagProperty !== undefined || capabilities.requiresIfMatch) {
    annotations.push({
      vocabulary: 'Core',
      term: 'OptimisticConcurrency',
      value: propertyPaths(etagProperty === undefined ? [] : [etagProperty]),
    });
  }
  annotations.push(
    { vocabulary: 'Capabilities', term: 'TopSupported', value: bool(capabilities.topSupported) },
    { vocabulary: 'Capabilities', term: 'SkipSupported', value: bool(capabilities.skipSupported) },
    {
      vocabulary: 'Capabilities',
      term: 'CountRestrictions',
      value: record([{ name: 'Countable', value: bool(capabilities.countable) }]),
    },
    {
      vocabulary: 'Capabilities',
      term: 'FilterFunctions',
      value: { kind: 'collection', items: capabilities.filterFunctions.map(string) },
    },
    {
      vocabulary: 'Capabilities',
      term: 'FilterRestrictions',
      value: record([
        { name: 'Filterable', value: bool(true) },
        { name: 'RequiresFilter', value: bool(false) },
        {
          name: 'NonFilterableProperties',
          value: propertyPaths(capabilities.nonFilterableProperties),
        },
      ]),
    },
    {
      vocabulary: 'Capabilities',
      term: 'SortRestrictions',
      value: record([
        { name: 'Sortable', value: bool(true) },
        { name: 'NonSortableProperties', value: propertyPaths(capabilities.nonSortableProperties) },
      ]),
    },
    {
      vocabulary: 'Capabilities',
      term: 'SearchRestrictions',
      value: record([{ name: 'Searchable', value: bool(capabilities.searchable) }]),
    },
    {
      vocabulary: 'Capabilities',
      term: 'InsertRestrictions',
      value: record([{ name: 'Insertable', value: bool(capabilities.insertable) }]),
    },
    {
      vocabulary: 'Capabilities',
      term: 'UpdateRestrictions',
      value: record([{ name: 'Updatable', value: bool(capabilities.updatable) }]),
    },
    {
      vocabulary: 'Capabilities',
      term: 'DeleteRestrictions',
      value: record([{ name: 'Deletable', value: bool(capabilities.deletable) }]),
    },
  );
  return annotations;
}

/**
 * The conformance level the service can honestly claim. The gateway implements $select,
 * $filter, $orderby, $top, $skip, $count, $expand and $search for every entity set (it
 * applies residually whatever a source cannot), which is what the Intermediate level asks
 * for, as long as every set supports $top. Advanced would also need $batch, asynchronous
 * requests, $apply and more, which the gateway does not claim.
 */
export function conformanceLevel(sets: readonly EntitySetModel[]): ConformanceLevel {
  return sets.every((set) => set.capabilities.topSupported) ? 'Intermediate' : 'Minimal';
}

export function containerAnnotations(sets: readonly EntitySetModel[]): readonly Annotation[] {
  return [
    {
      vocabulary: 'Capabilities',
      term: 'ConformanceLevel',
      value: {
        kind: 'enumMember',
        enumType: 'Capabilities.ConformanceLevelType',
        member: conformanceLevel(sets),
      },
    },
  ];
}
