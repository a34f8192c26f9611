/**
 * Checks that a service model can be published as valid CSDL: names are OData identifiers
 * and unique where CSDL needs them unique, keys exist and are usable, facets fit their
 * types, navigation properties lead to sets, types and properties that exist, and the
 * capabilities name real properties. The catalog calls it whenever it builds a model;
 * the $metadata renderers call it too, so an invalid model is never published.
 *
 * It reports every problem at once, each with a target (`Type/Property`, `Set`, ...), as a
 * TsunagiError TSG900: an invalid model is a bug in the gateway or a connector, not
 * something a client did.
 */
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { EdmPrimitiveType } from '../edm/primitive-type.js';
import type {
  EntitySetModel,
  EntityTypeModel,
  NavigationPropertyModel,
  PropertyModel,
  ServiceModel,
} from '../edm/service-model.js';
import { builtInFunctions } from '../semantic/expression.js';
import { vocabularies } from './vocabularies.js';

export interface ServiceModelProblem {
  /** What the problem is about: `Namespace`, `Set`, `Type`, `Type/Property`, ... */
  readonly target: string;
  readonly message: string;
}

const identifierPattern = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]{0,127}$/u;

/** Namespaces CSDL reserves, plus the vocabularies and aliases the documents include. */
const unavailableNamespaces = new Set([
  'Edm',
  'odata',
  'System',
  'Transient',
  ...vocabularies.flatMap((vocabulary) => [vocabulary.alias, vocabulary.namespace]),
]);

/** Types a key property may have (CSDL: no floating point, no binary). */
const keyTypes: ReadonlySet<EdmPrimitiveType> = new Set([
  'Edm.Boolean',
  'Edm.Byte',
  'Edm.SByte',
  'Edm.Int16',
  'Edm.Int32',
  'Edm.Int64',
  'Edm.Decimal',
  'Edm.Date',
  'Edm.DateTimeOffset',
  'Edm.TimeOfDay',
  'Edm.Duration',
  'Edm.Guid',
  'Edm.String',
]);

const temporalTypes: ReadonlySet<EdmPrimitiveType> = new Set([
  'Edm.DateTimeOffset',
  'Edm.TimeOfDay',
  'Edm.Duration',
]);

/** Names `Capabilities.FilterFunctions` may list: built-in functions and operators. */
const filterFunctionNames: ReadonlySet<string> = new Set<string>([
  ...builtInFunctions,
  ...['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'and', 'or', 'not', 'has', 'in'],
  ...['add', 'sub', 'mul', 'div', 'divby', 'mod', 'negate'],
  ...['cast', 'isof', 'any', 'all'],
]);

function isIdentifier(name: string): boolean {
  return identifierPattern.test(name);
}

function isNamespace(name: string): boolean {
  return name.length <= 511 && name.split('.').every(isIdentifier);
}

function isNonNegativeInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function quoted(name: string): string {
  return JSON.stringify(name);
}

/** Does the default value have the in-memory representation of the property's type? */
function defaultValueFits(type: EdmPrimitiveType, value: unknown): boolean {
  switch (type) {
    case 'Edm.Boolean':
      return typeof value === 'boolean';
    case 'Edm.Byte':
    case 'Edm.SByte':
    case 'Edm.Int16':
    case 'Edm.Int32':
      return typeof value === 'number' && Number.isInteger(value);
    case 'Edm.Int64':
      return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint';
    case 'Edm.Double':
    case 'Edm.Single':
      return typeof value === 'number';
    case 'Edm.Binary':
      return value instanceof Uint8Array;
    case 'Edm.String':
    case 'Edm.Guid':
    case 'Edm.Decimal':
    case 'Edm.Date':
    case 'Edm.DateTimeOffset':
    case 'Edm.TimeOfDay':
    case 'Edm.Duration':
      return typeof value === 'string';
    default: {
      const unknownType: never = type;
      return unknownType;
    }
  }
}

class ProblemList {
  readonly problems: ServiceModelProblem[] = [];

  add(target: string, message: string): void {
    this.problems.push({ target, message });
  }
}

function checkProperty(type: EntityTypeModel, property: PropertyModel, list: ProblemList): void {
  const target = `${type.name}/${property.name}`;
  const where = (): string =>
    `Property ${quoted(property.name)} of entity type ${quoted(type.name)}`;
  if (!isNonNegativeInteger(property.columnIndex)) {
    list.add(
      target,
      `${where()} has column index ${property.columnIndex}; it must be a non-negative integer.`,
    );
  }
  if (property.maxLength !== undefined) {
    if (property.type !== 'Edm.String' && property.type !== 'Edm.Binary') {
      list.add(
        target,
        `${where()} has a maximum length, but only Edm.String and Edm.Binary properties can (it is ${property.type}).`,
      );
    } else if (!isNonNegativeInteger(property.maxLength)) {
      list.add(
        target,
        `${where()} has maximum length ${property.maxLength}; it must be a non-negative integer.`,
      );
    }
  }
  if (property.precision !== undefined) {
    if (property.type === 'Edm.Decimal') {
      if (!isNonNegativeInteger(property.precision) || property.precision < 1) {
        list.add(
          target,
          `${where()} has precision ${property.precision}; a decimal precision must be a positive integer.`,
        );
      }
    } else if (temporalTypes.has(property.type)) {
      if (!isNonNegativeInteger(property.precision) || property.precision > 12) {
        list.add(
          target,
          `${where()} has precision ${property.precision}; fractional seconds precision must be an integer from 0 to 12.`,
        );
      }
    } else {
      list.add(
        target,
        `${where()} has a precision, but only Edm.Decimal, Edm.DateTimeOffset, Edm.TimeOfDay and Edm.Duration properties can (it is ${property.type}).`,
      );
    }
  }
  if (property.scale !== undefined) {
    if (property.type !== 'Edm.Decimal') {
      list.add(
        target,
        `${where()} has a scale, but only Edm.Decimal properties can (it is ${property.type}).`,
      );
    } else if (property.scale !== 'variable') {
      if (!isNonNegativeInteger(property.scale)) {
        list.add(
          target,
          `${where()} has scale ${property.scale}; it must be a non-negative integer or 'variable'.`,
        );
      } else if (property.precision !== undefined && property.scale > property.precision) {
        list.add(
          target,
          `${where()} has scale ${property.scale} greater than its precision ${property.precision}.`,
        );
      }
    }
  }
  if (property.allowedValues !== undefined && property.type !== 'Edm.String') {
    list.add(
      target,
      `${where()} lists allowed values, but only Edm.String properties can (it is ${property.type}).`,
    );
  }
  const defaultValue = property.defaultValue;
  if (defaultValue !== undefined && defaultValue !== null) {
    if (property.collection || Array.isArray(defaultValue)) {
      list.add(
        target,
        `${where()} has a collection default value; CSDL default values are single primitive values.`,
      );
    } else if (!defaultValueFits(property.type, defaultValue)) {
      list.add(
        target,
        `${where()} has a default value of JavaScript type ${typeof defaultValue}, which is not how ${property.type} values are held.`,
      );
    }
  }
}

function checkKey(type: EntityTypeModel, list: ProblemList): void {
  if (type.key.length === 0) {
    list.add(
      type.name,
      `Entity type ${quoted(type.name)} has no key; every published entity type needs one.`,
    );
  }
  const seen = new Set<string>();
  for (const name of type.key) {
    const target = `${type.name}/${name}`;
    if (seen.has(name)) {
      list.add(
        target,
        `Entity type ${quoted(type.name)} lists key property ${quoted(name)} more than once.`,
      );
      continue;
    }
    seen.add(name);
    const property = type.properties.find((candidate) => candidate.name === name);
    if (property === undefined) {
      list.add(
        target,
        `Key property ${quoted(name)} of entity type ${quoted(type.name)} is not one of its properties.`,
      );
      continue;
    }
    if (property.nullable) {
      list.add(
        target,
        `Key property ${quoted(name)} of entity type ${quoted(type.name)} is nullable; key properties must not be.`,
      );
    }
    if (property.collection) {
      list.add(
        target,
        `Key property ${quoted(name)} of entity type ${quoted(type.name)} is a collection; key properties must be single values.`,
      );
    } else if (!keyTypes.has(property.type)) {
      list.add(
        target,
        `Key property ${quoted(name)} of entity type ${quoted(type.name)} has type ${property.type}, which cannot be a key type.`,
      );
    }
  }
}

function checkNavigation(
  model: ServiceModel,
  type: EntityTypeModel,
  navigation: NavigationPropertyModel,
  list: ProblemList,
): void {
  const target = `${type.name}/${navigation.name}`;
  const where = (): string =>
    `Navigation property ${quoted(navigation.name)} of entity type ${quoted(type.name)}`;
  const targetSet = model.entitySets.get(navigation.targetSet);
  if (targetSet === undefined) {
    list.add(
      target,
      `${where()} leads to entity set ${quoted(navigation.targetSet)}, which the service does not have.`,
    );
    return;
  }
  const targetType = targetSet.entityType;
  if (targetType.name !== navigation.targetType) {
    list.add(
      target,
      `${where()} declares target type ${quoted(navigation.targetType)}, but entity set ${quoted(targetSet.name)} has entity type ${quoted(targetType.name)}.`,
    );
    return;
  }
  for (const constraint of navigation.constraints) {
    const dependent = type.properties.find((property) => property.name === constraint.property);
    const principal = targetType.properties.find(
      (property) => property.name === constraint.referencedProperty,
    );
    if (dependent === undefined) {
      list.add(
        target,
        `${where()} has a referential constraint on ${quoted(constraint.property)}, which is not a property of ${quoted(type.name)}.`,
      );
    }
    if (principal === undefined) {
      list.add(
        target,
        `${where()} has a referential constraint referencing ${quoted(constraint.referencedProperty)}, which is not a property of ${quoted(targetType.name)}.`,
      );
    }
    if (dependent === undefined || principal === undefined) continue;
    if (dependent.type !== principal.type || dependent.collection !== principal.collection) {
      list.add(
        target,
        `${where()} constrains ${quoted(dependent.name)} (${dependent.type}) to equal ${quoted(principal.name)} (${principal.type}); the types must match.`,
      );
    }
    if (!navigation.collection) {
      const mustBeNullable = navigation.nullable || principal.nullable;
      if (mustBeNullable && !dependent.nullable) {
        list.add(
          target,
          `${where()} is nullable or references a nullable property, so its dependent property ${quoted(dependent.name)} must be nullable too.`,
        );
      } else if (!mustBeNullable && dependent.nullable) {
        list.add(
          target,
          `${where()} is not nullable and references a non-nullable property, so its dependent property ${quoted(dependent.name)} must not be nullable.`,
        );
      }
    }
  }
  if (navigation.partner !== undefined) {
    const partner = targetType.navigationProperties.find(
      (candidate) => candidate.name === navigation.partner,
    );
    if (partner === undefined) {
      list.add(
        target,
        `${where()} names partner ${quoted(navigation.partner)}, which is not a navigation property of ${quoted(targetType.name)}.`,
      );
    } else if (partner.targetType !== type.name) {
      list.add(
        target,
        `${where()} names partner ${quoted(partner.name)}, but that leads to ${quoted(partner.targetType)}, not back to ${quoted(type.name)}.`,
      );
    } else if (partner.partner !== undefined && partner.partner !== navigation.name) {
      list.add(
        target,
        `${where()} names partner ${quoted(partner.name)}, whose own partner is ${quoted(partner.partner)}; partners must name each other.`,
      );
    }
  }
}

function checkEntityType(model: ServiceModel, type: EntityTypeModel, list: ProblemList): void {
  if (!isIdentifier(type.name)) {
    list.add(type.name, `Entity type name ${quoted(type.name)} is not an OData identifier.`);
  }
  if (type.name === model.containerName) {
    list.add(
      type.name,
      `Entity type ${quoted(type.name)} has the same name as the entity container; names in a schema must be unique.`,
    );
  }
  const seen = new Set<string>();
  const memberNames = [
    ...type.properties.map((property) => property.name),
    ...type.navigationProperties.map((navigation) => navigation.name),
  ];
  for (const name of memberNames) {
    if (!isIdentifier(name)) {
      list.add(
        `${type.name}/${name}`,
        `Property name ${quoted(name)} of entity type ${quoted(type.name)} is not an OData identifier.`,
      );
    }
    if (seen.has(name)) {
      list.add(
        `${type.name}/${name}`,
        `Entity type ${quoted(type.name)} has more than one property named ${quoted(name)}.`,
      );
    }
    seen.add(name);
  }
  for (const property of type.properties) checkProperty(type, property, list);
  checkKey(type, list);
  if (type.etagProperty !== undefined) {
    const etag = type.properties.find((property) => property.name === type.etagProperty);
    if (etag === undefined) {
      list.add(
        `${type.name}/${type.etagProperty}`,
        `ETag property ${quoted(type.etagProperty)} of entity type ${quoted(type.name)} is not one of its properties.`,
      );
    } else if (etag.collection) {
      list.add(
        `${type.name}/${etag.name}`,
        `ETag property ${quoted(etag.name)} of entity type ${quoted(type.name)} is a collection; it must be a single value.`,
      );
    }
  }
  for (const navigation of type.navigationProperties)
    checkNavigation(model, type, navigation, list);
}

function checkPropertyList(
  set: EntitySetModel,
  kind: string,
  names: readonly string[],
  list: ProblemList,
): void {
  for (const name of names) {
    const property = set.entityType.properties.find((candidate) => candidate.name === name);
    if (property === undefined) {
      list.add(
        `${set.name}/${name}`,
        `Entity set ${quoted(set.name)} lists ${quoted(name)} as ${kind}, but its entity type ${quoted(set.entityType.name)} has no such property.`,
      );
    }
  }
}

function checkEntitySet(key: string, set: EntitySetModel, list: ProblemList): void {
  if (!isIdentifier(set.name)) {
    list.add(set.name, `Entity set name ${quoted(set.name)} is not an OData identifier.`);
  }
  if (key !== set.name) {
    list.add(
      set.name,
      `Entity set ${quoted(set.name)} is registered in the model under the name ${quoted(key)}.`,
    );
  }
  const capabilities = set.capabilities;
  checkPropertyList(set, 'non-filterable', capabilities.nonFilterableProperties, list);
  checkPropertyList(set, 'non-sortable', capabilities.nonSortableProperties, list);
  for (const name of capabilities.filterFunctions) {
    if (!filterFunctionNames.has(name)) {
      list.add(
        set.name,
        `Entity set ${quoted(set.name)} lists ${quoted(name)} as a filter function, which is not an OData built-in function or operator.`,
      );
    }
  }
}

/** Every problem of the model, in a stable order; empty when the model is valid. */
export function findServiceModelProblems(model: ServiceModel): readonly ServiceModelProblem[] {
  const list = new ProblemList();
  if (!isNamespace(model.namespace)) {
    list.add(
      'Namespace',
      `Namespace ${quoted(model.namespace)} is not a valid CSDL namespace (OData identifiers separated by dots).`,
    );
  } else if (unavailableNamespaces.has(model.namespace)) {
    list.add(
      'Namespace',
      `Namespace ${quoted(model.namespace)} is reserved by OData or used for a vocabulary.`,
    );
  }
  if (!isIdentifier(model.containerName)) {
    list.add(
      'EntityContainer',
      `Entity container name ${quoted(model.containerName)} is not an OData identifier.`,
    );
  }

  const types = new Map<string, EntityTypeModel>();
  for (const [key, set] of model.entitySets) {
    checkEntitySet(key, set, list);
    const type = set.entityType;
    const known = types.get(type.name);
    if (known === undefined) {
      types.set(type.name, type);
    } else if (known !== type) {
      list.add(
        type.name,
        `Two different entity types are named ${quoted(type.name)} (entity set ${quoted(set.name)} uses the second); entity type names must be unique.`,
      );
    }
  }
  for (const type of types.values()) checkEntityType(model, type, list);
  return list.problems;
}

/** Throws TsunagiError TSG900 listing every problem when the model cannot be published. */
export function validateServiceModel(model: ServiceModel): void {
  const problems = findServiceModelProblems(model);
  if (problems.length === 0) return;
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  throw new TsunagiError(
    'TSG900',
    `The service model is invalid (${count}): ${problems.map((problem) => problem.message).join(' ')}`,
    {
      target: problems[0]?.target,
      details: problems.map((problem) => ({
        code: 'TSG900',
        message: problem.message,
        target: problem.target,
      })),
    },
  );
}
