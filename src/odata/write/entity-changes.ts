/**
 * Validates the JSON body of a create (POST), merge (PATCH) or replace (PUT) against the
 * entity type and turns it into the column values a connector writes, plus related rows
 * for deep insert/update. Every problem is collected and reported at once (TSG600, one
 * detail per property); nothing is written when any property is refused.
 *
 * Rules: unknown properties are refused; computed properties may not be set on create and
 * may only repeat their current value on update (Salesforce sends every field on edit);
 * key and immutable properties may not change; required properties must be present on
 * create; `@odata.bind` is not supported; other annotations are ignored.
 */
import type { ColumnValues, NestedRows, Row } from '../../connectors/connector.js';
import { TsunagiError, type ErrorDetail } from '../../errors/tsunagi-error.js';
import type { Value } from '../edm/primitive-type.js';
import type {
  EntitySetModel,
  NavigationPropertyModel,
  PropertyModel,
} from '../edm/service-model.js';
import { jsonToValue } from './json-to-value.js';
import { sameValue } from './same-value.js';

export type WriteMode = 'create' | 'merge' | 'replace';

export interface EntityChangesInput {
  readonly set: EntitySetModel;
  readonly body: unknown;
  readonly mode: WriteMode;
  /** The schema namespace, to check `@odata.type`. */
  readonly namespace: string;
  /** On update: the current row (to compare computed, key and immutable properties). */
  readonly current?: Row | undefined;
  /** Values fixed by the URL (the parent's key when posting to `Parent(5)/Children`). */
  readonly fixed?: ReadonlyMap<string, Value>;
  /** The entity set a navigation property leads to, for deep insert and update. */
  readonly relatedSet?: (navigation: NavigationPropertyModel) => EntitySetModel | undefined;
}

export interface EntityChanges {
  readonly values: ColumnValues;
  readonly nested: readonly NestedRows[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Collector {
  readonly details: ErrorDetail[];
  problem(target: string, message: string): void;
}

function collector(): Collector {
  const details: ErrorDetail[] = [];
  return {
    details,
    problem: (target, message) =>
      details.push({ code: 'TSG600', target, message: `${target} ${message}` }),
  };
}

function changesFor(
  input: EntityChangesInput,
  body: Record<string, unknown>,
  errors: Collector,
  prefix: string,
  /** Properties the parent supplies (the links of nested rows): never reported as missing. */
  suppliedByParent: ReadonlySet<string> = new Set(),
): EntityChanges {
  const { set, mode, current, fixed } = input;
  const entityType = set.entityType;
  const properties = new Map(entityType.properties.map((property) => [property.name, property]));
  const navigations = new Map(
    entityType.navigationProperties.map((navigation) => [navigation.name, navigation]),
  );
  const keyNames = new Set(entityType.key);
  const values = new Map<string, Value>();
  const nested: NestedRows[] = [];
  /** Properties present in the body, valid or not (a refused value is not also "missing"). */
  const given = new Set<string>();

  for (const [name, json] of Object.entries(body)) {
    const target = `${prefix}${name}`;
    if (name.startsWith('@')) {
      if (name === '@odata.type' && typeof json === 'string') {
        const typeName = json.replace(/^#/, '');
        if (typeName !== entityType.name && typeName !== `${input.namespace}.${entityType.name}`) {
          errors.problem(
            target,
            `names type ${json}, but this entity set holds ${input.namespace}.${entityType.name}`,
          );
        }
      }
      continue;
    }
    const at = name.indexOf('@');
    if (at > 0) {
      if (name.endsWith('@odata.bind')) {
        errors.problem(
          target,
          'binds to existing entities, which this service does not support; send the related values instead',
        );
      }
      continue;
    }
    const property = properties.get(name);
    if (property === undefined) {
      const navigation = navigations.get(name);
      if (navigation === undefined) {
        errors.problem(target, `is not a property of ${entityType.name}`);
        continue;
      }
      const rows = nestedRows(input, navigation, json, errors, `${target}/`);
      if (rows !== undefined) nested.push(rows);
      continue;
    }
    given.add(name);
    const converted = jsonToValue(json, property);
    if (!converted.ok) {
      errors.problem(target, converted.message);
      continue;
    }
    checkWritable(
      property,
      converted.value,
      { mode, current, key: keyNames.has(name) },
      errors,
      target,
    );
    values.set(property.column, converted.value);
  }

  for (const [name, value] of fixed ?? []) {
    const property = properties.get(name);
    if (property === undefined) continue;
    const sent = values.get(property.column);
    if (sent !== undefined && !sameValue(property.type, sent, value)) {
      errors.problem(`${prefix}${name}`, 'must equal the value given by the URL');
    }
    values.set(property.column, value);
  }

  if (mode === 'create') {
    for (const property of entityType.properties) {
      if (
        values.has(property.column) ||
        given.has(property.name) ||
        property.computed ||
        suppliedByParent.has(property.name)
      )
        continue;
      const isKey = keyNames.has(property.name);
      if (property.requiredOnCreate || (isKey && !property.computed)) {
        errors.problem(`${prefix}${property.name}`, 'is required');
      }
    }
  }
  return { values, nested };
}

function checkWritable(
  property: PropertyModel,
  value: Value,
  context: { mode: WriteMode; current: Row | undefined; key: boolean },
  errors: Collector,
  target: string,
): void {
  const currentValue = context.current?.[property.columnIndex] ?? null;
  if (context.mode === 'create') {
    if (property.computed) errors.problem(target, 'is computed by the source and cannot be set');
    return;
  }
  const unchanged = context.current !== undefined && sameValue(property.type, value, currentValue);
  if (unchanged) return;
  if (context.key) errors.problem(target, 'is part of the key and cannot be changed');
  else if (property.computed)
    errors.problem(target, 'is computed by the source and cannot be changed');
  else if (property.immutable) errors.problem(target, 'can only be set when the entity is created');
}

function nestedRows(
  input: EntityChangesInput,
  navigation: NavigationPropertyModel,
  json: unknown,
  errors: Collector,
  prefix: string,
): NestedRows | undefined {
  if (!navigation.collection || !Array.isArray(json)) {
    errors.problem(
      prefix.slice(0, -1),
      'can only be given as an array of related entities to create with this one',
    );
    return undefined;
  }
  const targetSet = input.relatedSet?.(navigation);
  if (targetSet === undefined) {
    errors.problem(prefix.slice(0, -1), 'leads to an entity set this request cannot write');
    return undefined;
  }
  const linking = new Set(
    navigation.constraints.map((constraint) => constraint.referencedProperty),
  );
  const rows: ColumnValues[] = [];
  (json as unknown[]).forEach((element, index) => {
    if (!isPlainObject(element)) {
      errors.problem(`${prefix}${index}`, 'must be an object');
      return;
    }
    const withoutLinks = Object.fromEntries(
      Object.entries(element).filter(([name]) => !linking.has(name)),
    );
    const hasKey = targetSet.entityType.key.every(
      (name) => name in withoutLinks && !linking.has(name),
    );
    const mode: WriteMode = input.mode === 'create' || !hasKey ? 'create' : 'merge';
    const child = changesFor(
      { set: targetSet, body: withoutLinks, mode, namespace: input.namespace },
      withoutLinks,
      errors,
      `${prefix}${index}/`,
      linking,
    );
    rows.push(child.values);
  });
  return { relationship: navigation.name, rows };
}

export function entityChanges(input: EntityChangesInput): EntityChanges {
  if (!isPlainObject(input.body)) {
    throw new TsunagiError(
      'TSG600',
      'The request body must be a JSON object with the properties of the entity.',
    );
  }
  const errors = collector();
  const changes = changesFor(input, input.body, errors, '');
  if (errors.details.length > 0) {
    const summary = errors.details
      .map((detail) => detail.message)
      .slice(0, 5)
      .join('; ');
    throw new TsunagiError(
      'TSG600',
      `The entity is not valid for ${input.set.name}: ${summary}${errors.details.length > 5 ? `; and ${errors.details.length - 5} more` : ''}.`,
      { details: errors.details },
    );
  }
  return changes;
}
