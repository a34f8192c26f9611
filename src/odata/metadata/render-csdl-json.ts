/**
 * Writes the service's metadata document as CSDL JSON (`$metadata?$format=json`, the
 * JSON representation of OData 4.01, with `$Version` set to the negotiated version). It is
 * the same document as the CSDL XML one (both come from metadata-document.ts), in JSON:
 * `$Reference` to the vocabularies, one schema object with the entity types and the entity
 * container, annotations as `@Alias.Term` members.
 *
 * Objects are created without a prototype, so that any identifier (even `__proto__`)
 * becomes a member. Member order is deterministic; the text is compact JSON.
 */
import type { ServiceModel } from '../edm/service-model.js';
import { qualifiedTerm, type Annotation, type AnnotationValue } from './annotation.js';
import { defaultValueJson } from './default-value.js';
import {
  buildMetadataDocument,
  type EntitySetEntry,
  type EntityTypeEntry,
  type NavigationEntry,
  type PropertyEntry,
} from './metadata-document.js';
import type { MetadataOptions } from './metadata-options.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [member: string]: JsonValue;
}

function jsonObject(): JsonObject {
  return Object.create(null) as JsonObject;
}

function jsonExpression(value: AnnotationValue): JsonValue {
  switch (value.kind) {
    case 'bool':
    case 'string':
      return value.value;
    case 'enumMember':
      return value.member;
    case 'propertyPath':
      return value.path;
    case 'collection':
      return value.items.map(jsonExpression);
    case 'record': {
      const record = jsonObject();
      for (const property of value.properties)
        record[property.name] = jsonExpression(property.value);
      return record;
    }
    default: {
      const unknownValue: never = value;
      return unknownValue;
    }
  }
}

function addAnnotations(target: JsonObject, annotations: readonly Annotation[]): void {
  for (const annotation of annotations) {
    target[`@${qualifiedTerm(annotation)}`] = jsonExpression(annotation.value);
  }
}

function propertyObject(entry: PropertyEntry): JsonObject {
  const property = entry.property;
  const result = jsonObject();
  if (property.collection) result.$Collection = true;
  result.$Type = property.type;
  if (property.nullable) result.$Nullable = true;
  if (property.maxLength !== undefined) result.$MaxLength = property.maxLength;
  if (property.precision !== undefined) result.$Precision = property.precision;
  if (entry.scale !== undefined) result.$Scale = entry.scale;
  const defaultValue = defaultValueJson(property);
  if (defaultValue !== undefined) result.$DefaultValue = defaultValue;
  addAnnotations(result, entry.annotations);
  return result;
}

function navigationObject(entry: NavigationEntry): JsonObject {
  const navigation = entry.navigation;
  const result = jsonObject();
  result.$Kind = 'NavigationProperty';
  if (navigation.collection) result.$Collection = true;
  result.$Type = entry.targetTypeName;
  // $Nullable is for single-valued navigation only; a collection is never null.
  if (!navigation.collection && navigation.nullable) result.$Nullable = true;
  if (navigation.partner !== undefined) result.$Partner = navigation.partner;
  if (entry.constraints.length > 0) {
    const constraints = jsonObject();
    for (const constraint of entry.constraints) {
      constraints[constraint.property] = constraint.referencedProperty;
    }
    result.$ReferentialConstraint = constraints;
  }
  return result;
}

function entityTypeObject(entry: EntityTypeEntry): JsonObject {
  const result = jsonObject();
  result.$Kind = 'EntityType';
  result.$Key = [...entry.type.key];
  for (const property of entry.properties)
    result[property.property.name] = propertyObject(property);
  for (const navigation of entry.navigationProperties) {
    result[navigation.navigation.name] = navigationObject(navigation);
  }
  addAnnotations(result, entry.annotations);
  return result;
}

function entitySetObject(entry: EntitySetEntry): JsonObject {
  const result = jsonObject();
  result.$Collection = true;
  result.$Type = entry.typeName;
  if (entry.bindings.length > 0) {
    const bindings = jsonObject();
    for (const binding of entry.bindings) bindings[binding.path] = binding.target;
    result.$NavigationPropertyBinding = bindings;
  }
  addAnnotations(result, entry.annotations);
  return result;
}

/** The CSDL JSON metadata document of the service, as a JSON object. */
export function buildCsdlJson(model: ServiceModel, options: MetadataOptions): JsonObject {
  const document = buildMetadataDocument(model);
  const result = jsonObject();
  result.$Version = options.version;
  if (document.entitySets.length > 0) {
    result.$EntityContainer = `${document.namespace}.${document.containerName}`;
  }
  if (document.vocabularies.length > 0) {
    const references = jsonObject();
    for (const vocabulary of document.vocabularies) {
      const include = jsonObject();
      include.$Namespace = vocabulary.namespace;
      include.$Alias = vocabulary.alias;
      const reference = jsonObject();
      reference.$Include = [include];
      references[vocabulary.jsonUri] = reference;
    }
    result.$Reference = references;
  }
  const schema = jsonObject();
  for (const entry of document.entityTypes) schema[entry.type.name] = entityTypeObject(entry);
  if (document.entitySets.length > 0) {
    const container = jsonObject();
    container.$Kind = 'EntityContainer';
    for (const entry of document.entitySets) container[entry.set.name] = entitySetObject(entry);
    addAnnotations(container, document.containerAnnotations);
    schema[document.containerName] = container;
  }
  result[document.namespace] = schema;
  return result;
}

/** The CSDL JSON metadata document of the service, as compact JSON text. Pure: cache it. */
export function renderCsdlJson(model: ServiceModel, options: MetadataOptions): string {
  return JSON.stringify(buildCsdlJson(model, options));
}
