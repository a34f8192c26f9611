/**
 * A small typed schema language for the admin API: each schema is at once a JSON Schema
 * (2020-12, the dialect of OpenAPI 3.1, for the generated document), a validator that
 * reports every problem with the field's path as its target (TSG500 details), and a
 * TypeScript type for the handler (`Infer<typeof schema>`). Objects refuse unknown
 * fields. In query mode, numbers and booleans are read from their text and a parameter
 * given twice is refused.
 */
import type { FieldProblem } from '../../control-plane/validation.js';

export type JsonSchema = Readonly<Record<string, unknown>>;

/** body: parsed JSON; query: query-string text; response: what a handler returned. */
export type CheckMode = 'body' | 'query' | 'response';

export interface Schema<T> {
  /** The JSON Schema of this value (a `$ref` for a named schema). */
  readonly json: JsonSchema;
  /** Schemas directly inside this one (to collect the named ones). */
  readonly children: readonly Schema<unknown>[];
  /** Set on named schemas: the component name and the full definition. */
  readonly component?: { readonly name: string; readonly definition: JsonSchema };
  /** True for object properties that may be left out. */
  readonly optional?: boolean;
  /** Checks a value; pushes one problem per fault; returns the value to use. */
  check(value: unknown, path: string, problems: FieldProblem[], mode: CheckMode): T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type OptionalKeys<P> = {
  [K in keyof P]: P[K] extends { readonly optional: true } ? K : never;
}[keyof P];

export type ObjectOf<P extends Readonly<Record<string, Schema<unknown>>>> = Simplify<
  { readonly [K in Exclude<keyof P, OptionalKeys<P>>]: Infer<P[K]> } & {
    readonly [K in OptionalKeys<P>]?: Infer<P[K]>;
  }
>;

interface Documentation {
  readonly description?: string;
  readonly example?: unknown;
}

function documented(json: Record<string, unknown>, documentation: Documentation): JsonSchema {
  if (documentation.description !== undefined) json['description'] = documentation.description;
  if (documentation.example !== undefined) json['examples'] = [documentation.example];
  return json;
}

export function fieldPath(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function subject(path: string): string {
  return path === '' ? 'The request body' : path;
}

/** The target of a problem: the field's path, or `body` for the body itself. */
function target(path: string): string {
  return path === '' ? 'body' : path;
}

/** In query mode a repeated parameter arrives as a list: refused (true when it was). */
function repeated(
  value: unknown,
  path: string,
  problems: FieldProblem[],
  mode: CheckMode,
): boolean {
  if (mode === 'query' && Array.isArray(value)) {
    problems.push({
      field: target(path),
      message: `${path} is given more than once; give it once.`,
    });
    return true;
  }
  return false;
}

export function text(
  options: Documentation & {
    readonly minLength?: number;
    readonly maxLength?: number;
    readonly format?: 'email' | 'date-time' | 'uri' | 'uuid' | 'password';
    readonly pattern?: { readonly expression: RegExp; readonly message: string };
  } = {},
): Schema<string> {
  const json: Record<string, unknown> = { type: 'string' };
  if (options.minLength !== undefined) json['minLength'] = options.minLength;
  if (options.maxLength !== undefined) json['maxLength'] = options.maxLength;
  if (options.format !== undefined) json['format'] = options.format;
  if (options.pattern !== undefined) json['pattern'] = options.pattern.expression.source;
  return {
    json: documented(json, options),
    children: [],
    check(given, path, problems, mode) {
      if (repeated(given, path, problems, mode)) return '';
      if (typeof given !== 'string') {
        problems.push({ field: target(path), message: `${subject(path)} must be text.` });
        return '';
      }
      if (options.minLength !== undefined && given.length < options.minLength) {
        problems.push({
          field: target(path),
          message:
            options.minLength === 1
              ? `${subject(path)} must not be empty.`
              : `${subject(path)} must have at least ${options.minLength} characters.`,
        });
      } else if (options.maxLength !== undefined && given.length > options.maxLength) {
        problems.push({
          field: target(path),
          message: `${subject(path)} must have at most ${options.maxLength} characters.`,
        });
      } else if (options.pattern !== undefined && !options.pattern.expression.test(given)) {
        problems.push({
          field: target(path),
          message: `${subject(path)} ${options.pattern.message}`,
        });
      }
      return given;
    },
  };
}

export function integer(
  options: Documentation & { readonly minimum?: number; readonly maximum?: number } = {},
): Schema<number> {
  const json: Record<string, unknown> = { type: 'integer' };
  if (options.minimum !== undefined) json['minimum'] = options.minimum;
  if (options.maximum !== undefined) json['maximum'] = options.maximum;
  const range =
    options.minimum !== undefined && options.maximum !== undefined
      ? ` from ${options.minimum} to ${options.maximum}`
      : options.minimum !== undefined
        ? ` of at least ${options.minimum}`
        : options.maximum !== undefined
          ? ` of at most ${options.maximum}`
          : '';
  return {
    json: documented(json, options),
    children: [],
    check(given, path, problems, mode) {
      if (repeated(given, path, problems, mode)) return 0;
      const number =
        mode === 'query' && typeof given === 'string' && /^-?\d{1,15}$/.test(given)
          ? Number(given)
          : given;
      if (
        typeof number !== 'number' ||
        !Number.isSafeInteger(number) ||
        (options.minimum !== undefined && number < options.minimum) ||
        (options.maximum !== undefined && number > options.maximum)
      ) {
        problems.push({
          field: target(path),
          message: `${subject(path)} must be a whole number${range}.`,
        });
        return 0;
      }
      return number;
    },
  };
}

export function number(options: Documentation = {}): Schema<number> {
  return {
    json: documented({ type: 'number' }, options),
    children: [],
    check(value, path, problems) {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        problems.push({ field: target(path), message: `${subject(path)} must be a number.` });
        return 0;
      }
      return value;
    },
  };
}

export function boolean(options: Documentation = {}): Schema<boolean> {
  return {
    json: documented({ type: 'boolean' }, options),
    children: [],
    check(given, path, problems, mode) {
      if (repeated(given, path, problems, mode)) return false;
      if (mode === 'query' && (given === 'true' || given === 'false')) return given === 'true';
      if (typeof given !== 'boolean') {
        problems.push({ field: target(path), message: `${subject(path)} must be true or false.` });
        return false;
      }
      return given;
    },
  };
}

/** One of a few strings. */
export function choice<const V extends string>(
  values: readonly V[],
  options: Documentation = {},
): Schema<V> {
  return {
    json: documented({ type: 'string', enum: [...values] }, options),
    children: [],
    check(given, path, problems, mode) {
      if (repeated(given, path, problems, mode)) return values[0] as V;
      if (typeof given !== 'string' || !(values as readonly string[]).includes(given)) {
        problems.push({
          field: target(path),
          message: `${subject(path)} must be one of: ${values.join(', ')}.`,
        });
        return values[0] as V;
      }
      return given as V;
    },
  };
}

/** A setting value: text, number or boolean. */
export function scalar(options: Documentation = {}): Schema<string | number | boolean> {
  return {
    json: documented({ type: ['string', 'number', 'boolean'] }, options),
    children: [],
    check(value, path, problems) {
      if (typeof value === 'string' || typeof value === 'boolean') return value;
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      problems.push({
        field: target(path),
        message: `${subject(path)} must be text, a number or true/false.`,
      });
      return '';
    },
  };
}

/** Any JSON object (free-form details); only checked to be an object. */
export function freeObject(options: Documentation = {}): Schema<Readonly<Record<string, unknown>>> {
  return {
    json: documented({ type: 'object' }, options),
    children: [],
    check(value, path, problems) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push({ field: target(path), message: `${subject(path)} must be a JSON object.` });
        return {};
      }
      return value as Record<string, unknown>;
    },
  };
}

export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  const innerType = inner.json['type'];
  const json =
    typeof innerType === 'string' && inner.json['$ref'] === undefined
      ? {
          ...inner.json,
          type: [innerType, 'null'],
          ...(Array.isArray(inner.json['enum'])
            ? { enum: [...(inner.json['enum'] as unknown[]), null] }
            : {}),
        }
      : { anyOf: [inner.json, { type: 'null' }] };
  return {
    json,
    children: [inner],
    check(value, path, problems, mode) {
      if (value === null) return null;
      return inner.check(value, path, problems, mode);
    },
  };
}

export function optional<T>(inner: Schema<T>): Schema<T> & { readonly optional: true } {
  return { ...inner, children: [inner], optional: true, check: inner.check.bind(inner) };
}

export function array<T>(
  items: Schema<T>,
  options: Documentation & { readonly maxItems?: number } = {},
): Schema<T[]> {
  const json: Record<string, unknown> = { type: 'array', items: items.json };
  if (options.maxItems !== undefined) json['maxItems'] = options.maxItems;
  return {
    json: documented(json, options),
    children: [items],
    check(value, path, problems, mode) {
      if (!Array.isArray(value)) {
        problems.push({ field: target(path), message: `${subject(path)} must be a list.` });
        return [];
      }
      if (options.maxItems !== undefined && value.length > options.maxItems) {
        problems.push({
          field: target(path),
          message: `${subject(path)} may hold at most ${options.maxItems} items.`,
        });
        return [];
      }
      return value.map((item, index) => items.check(item, `${path}[${index}]`, problems, mode));
    },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Names that must never become keys of an object built from input. */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** An object with any keys and values of one schema (settings, property aliases). */
export function record<T>(
  values: Schema<T>,
  options: Documentation & { readonly maxProperties?: number } = {},
): Schema<Readonly<Record<string, T>>> {
  const json: Record<string, unknown> = { type: 'object', additionalProperties: values.json };
  if (options.maxProperties !== undefined) json['maxProperties'] = options.maxProperties;
  return {
    json: documented(json, options),
    children: [values],
    check(value, path, problems, mode) {
      if (!isPlainObject(value)) {
        problems.push({ field: target(path), message: `${subject(path)} must be a JSON object.` });
        return {};
      }
      const entries = Object.entries(value);
      if (options.maxProperties !== undefined && entries.length > options.maxProperties) {
        problems.push({
          field: target(path),
          message: `${subject(path)} may hold at most ${options.maxProperties} entries.`,
        });
        return {};
      }
      const result: [string, T][] = [];
      for (const [key, item] of entries) {
        if (forbiddenKeys.has(key)) {
          problems.push({ field: fieldPath(path, key), message: `${key} is not an allowed name.` });
          continue;
        }
        result.push([key, values.check(item, fieldPath(path, key), problems, mode)]);
      }
      return Object.fromEntries(result);
    },
  };
}

/** An object with exactly these properties (unknown ones are refused). */
export function object<P extends Readonly<Record<string, Schema<unknown>>>>(
  properties: P,
  options: Documentation = {},
): Schema<ObjectOf<P>> {
  const names = Object.keys(properties);
  const required = names.filter((name) => properties[name]?.optional !== true);
  const json: Record<string, unknown> = {
    type: 'object',
    properties: Object.fromEntries(names.map((name) => [name, properties[name]?.json ?? {}])),
    additionalProperties: false,
  };
  if (required.length > 0) json['required'] = required;
  return {
    json: documented(json, options),
    children: Object.values(properties),
    check(value, path, problems, mode) {
      if (!isPlainObject(value)) {
        problems.push({ field: target(path), message: `${subject(path)} must be a JSON object.` });
        return {} as ObjectOf<P>;
      }
      const result: [string, unknown][] = [];
      for (const name of names) {
        const property = properties[name];
        if (property === undefined) continue;
        const given = Object.hasOwn(value, name) ? value[name] : undefined;
        const target = fieldPath(path, name);
        if (given === undefined) {
          if (property.optional !== true) {
            problems.push({ field: target, message: `${target} is required.` });
          }
          continue;
        }
        result.push([name, property.check(given, target, problems, mode)]);
      }
      for (const name of Object.keys(value)) {
        if (!Object.hasOwn(properties, name)) {
          const target = fieldPath(path, name);
          problems.push({
            field: target,
            message:
              mode === 'query'
                ? `There is no query parameter ${name}.`
                : `There is no field ${target}${path === '' ? '' : ` in ${path}`}.`,
          });
        }
      }
      return Object.fromEntries(result) as ObjectOf<P>;
    },
  };
}

/** A schema documented once under components/schemas and referenced by name. */
export function named<T>(name: string, inner: Schema<T>): Schema<T> {
  return {
    json: { $ref: `#/components/schemas/${name}` },
    children: [inner],
    component: { name, definition: inner.json },
    check: inner.check.bind(inner),
  };
}

/** Every named schema reachable from these, by name (a name used twice must be the same schema). */
export function collectComponents(
  roots: Iterable<Schema<unknown>>,
): ReadonlyMap<string, JsonSchema> {
  const found = new Map<string, JsonSchema>();
  const seen = new Set<Schema<unknown>>();
  const visit = (schema: Schema<unknown>): void => {
    if (seen.has(schema)) return;
    seen.add(schema);
    if (schema.component !== undefined) {
      const existing = found.get(schema.component.name);
      if (existing !== undefined && existing !== schema.component.definition) {
        throw new Error(`Two different schemas are named ${schema.component.name}.`);
      }
      found.set(schema.component.name, schema.component.definition);
    }
    for (const child of schema.children) visit(child);
  };
  for (const root of roots) visit(root);
  return found;
}
