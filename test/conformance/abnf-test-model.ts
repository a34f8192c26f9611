/**
 * The test model of the OASIS ABNF test cases, built from the `Constraints` section of
 * odata-abnf-testcases.yaml. The constraints only say which names are entity sets,
 * navigation properties, complex properties, functions and so on (no types), so this
 * model checks what names alone decide, on the syntax tree Tsunagi's parser produced:
 *
 * - the resource path: which segment may follow which (a function import only at the
 *   root, `$value` not after a complex or stream property, one type cast in a row, key
 *   access only on collections ...), following section 1 of the ABNF;
 * - the custom query options the test service knows (`customName`).
 *
 * As in the OASIS test tool, a category the constraints do not list (there is no
 * `primitiveFunctionImport` list, for example) accepts any name.
 *
 * The gateway's own binder does the same against the real service model; this model
 * exists because the ABNF cases use functions, complex types and singletons that the
 * gateway's service model does not have.
 */
import type { ArgumentListSyntax } from '../../src/odata/syntax/expression-syntax.js';
import type { PathSegmentSyntax, ResourcePathSyntax } from '../../src/odata/syntax/path-syntax.js';
import type { QueryOptionsSyntax } from '../../src/odata/syntax/query-option-syntax.js';

export type Constraints = Readonly<Record<string, readonly string[]>>;

/** What the path addresses after a segment. */
type PathState =
  | 'entityCollection'
  | 'entity'
  | 'complex'
  | 'complexCollection'
  | 'primitive'
  | 'primitiveCollection'
  | 'stream'
  /** A function called without parentheses: only `/$query` may follow. */
  | 'functionWithoutParentheses'
  /** `$each`: a bound operation may follow. */
  | 'each'
  /** Nothing may follow (an action, `$count`, `$ref`, `$value`, `$query` ...). */
  | 'end';

type Structured = 'entity' | 'complex';

interface Step {
  readonly state: PathState;
  /** Whether the segment was a type cast (a second cast in a row is not allowed). */
  readonly cast: boolean;
  /** Whether the collection was reached through key-as-segment (more key parts may follow). */
  readonly keySegments: boolean;
}

/** Rejection found by the model: where (offset in the path as given) and why. */
export interface ModelRejection {
  readonly offset: number;
  readonly reason: string;
}

export class AbnfTestModel {
  private readonly names: ReadonlyMap<string, ReadonlySet<string>>;
  private readonly keyPathLiterals: ReadonlySet<string>;

  constructor(constraints: Constraints) {
    const names = new Map<string, ReadonlySet<string>>();
    for (const [category, values] of Object.entries(constraints))
      names.set(category, new Set(values));
    this.names = names;
    this.keyPathLiterals = new Set(
      (constraints['keyPathLiteral'] ?? []).map((value) => decodeURIComponent(value)),
    );
  }

  /** Whether `name` belongs to `category`; a category the constraints do not list takes any name. */
  private is(category: string, name: string): boolean {
    const names = this.names.get(category);
    return names === undefined || names.has(name);
  }

  /** Custom options the test service does not know. */
  checkCustomOptions(options: QueryOptionsSyntax): ModelRejection | undefined {
    for (const option of options.custom) {
      if (!this.is('customName', option.name)) {
        return { offset: option.offset, reason: `unknown custom query option ${option.name}` };
      }
    }
    return undefined;
  }

  checkPath(path: ResourcePathSyntax): ModelRejection | undefined {
    let step: Step | undefined;
    for (const segment of path.segments) {
      const next: Step | ModelRejection =
        step === undefined ? this.first(segment) : this.next(step, segment);
      if ('reason' in next) return next;
      step = next;
    }
    return undefined;
  }

  private first(segment: PathSegmentSyntax): Step | ModelRejection {
    if (segment.kind === 'keyword') {
      const state: PathState = segment.keyword === '$all' ? 'entityCollection' : 'end';
      return {
        state: segment.keyword === '$entity' ? 'entity' : state,
        cast: false,
        keySegments: false,
      };
    }
    if (segment.kind === 'crossjoin') {
      const unknown = segment.entitySets.find((name) => !this.is('entitySetName', name));
      if (unknown !== undefined) return reject(segment.offset, `${unknown} is no entity set`);
      return { state: 'functionWithoutParentheses', cast: false, keySegments: false };
    }
    if (segment.kind !== 'name') return reject(segment.offset, 'expected a name');
    const name = segment.name;
    const lists = segment.argumentLists;
    if (this.is('entitySetName', name)) {
      if (lists.length > 1) return reject(segment.offset, 'one key predicate only');
      return plain(lists.length === 1 ? 'entity' : 'entityCollection');
    }
    if (this.is('singletonEntity', name)) {
      return lists.length === 0
        ? plain('entity')
        : reject(segment.offset, 'singletons have no key');
    }
    if (this.is('actionImport', name)) {
      return lists.length === 0
        ? plain('end')
        : reject(segment.offset, 'actions take no parameters here');
    }
    const importKinds: readonly [string, PathState][] = [
      ['entityColFunctionImport', 'entityCollection'],
      ['entityFunctionImport', 'entity'],
      ['complexColFunctionImport', 'complexCollection'],
      ['complexFunctionImport', 'complex'],
      ['primitiveColFunctionImport', 'primitiveCollection'],
      ['primitiveFunctionImport', 'primitive'],
    ];
    for (const [category, state] of importKinds) {
      if (this.is(category, name)) return this.afterCall(segment.offset, state, lists);
    }
    return reject(segment.offset, `${name} is not an entity set, singleton or operation import`);
  }

  /** State after a function call with `lists` (parameters, then maybe a key). */
  private afterCall(
    offset: number,
    state: PathState,
    lists: readonly ArgumentListSyntax[],
  ): Step | ModelRejection {
    if (lists.length === 0) return plain('functionWithoutParentheses');
    if (lists.length === 1) return plain(state);
    if (lists.length === 2 && state === 'entityCollection') return plain('entity');
    return reject(offset, 'too many parenthesised lists');
  }

  private next(step: Step, segment: PathSegmentSyntax): Step | ModelRejection {
    const state = step.state;
    switch (segment.kind) {
      case 'keyword':
        return this.keyword(state, segment.keyword, segment.offset);
      case 'filter':
        if (
          state !== 'entityCollection' &&
          state !== 'complexCollection' &&
          state !== 'primitiveCollection'
        ) {
          return reject(segment.offset, '$filter needs a collection');
        }
        return plain(segment.argumentLists.length > 0 ? 'entity' : state);
      case 'crossjoin':
        return reject(segment.offset, '$crossjoin only at the root');
      case 'text':
        return this.textSegment(step, segment.text, segment.offset);
      case 'name':
        break;
    }
    const { name, qualified, argumentLists: lists, offset } = segment;
    if (state === 'end') return reject(offset, 'nothing may follow');
    let bare = name;
    if (qualified) {
      const dot = name.lastIndexOf('.');
      bare = name.slice(dot + 1);
      const namespace = name.slice(0, dot).split('.');
      if (namespace.some((part) => !this.is('namespacePart', part))) {
        return reject(offset, `unknown namespace in ${name}`);
      }
    }
    if (state === 'functionWithoutParentheses') return reject(offset, 'only $query may follow');
    // Key-as-segment values that happen to be identifiers (Employees/A1245).
    if (!qualified && lists.length === 0 && this.keyPathLiterals.has(name)) {
      const key = this.textSegment(step, name, offset);
      if (!('reason' in key)) return key;
    }
    const structured: Structured | undefined =
      state === 'entity' || state === 'complex' ? state : undefined;
    if (!qualified && structured !== undefined && lists.length <= 1) {
      const property = this.property(bare, lists.length === 1);
      if (property !== undefined) return plain(property);
    }
    const castTo = this.castTarget(state, bare);
    if (castTo !== undefined && lists.length <= 1) {
      if (step.cast) return reject(offset, 'a type cast cannot follow a type cast');
      if (lists.length === 1) {
        return state === 'entityCollection'
          ? plain('entity')
          : reject(offset, 'key after a cast needs a collection');
      }
      return { state: castTo, cast: true, keySegments: false };
    }
    if (this.is('action', bare)) {
      return lists.length === 0 ? plain('end') : reject(offset, 'actions take no parameters here');
    }
    const functionKinds: readonly [string, PathState][] = [
      ['entityColFunction', 'entityCollection'],
      ['entityFunction', 'entity'],
      ['complexColFunction', 'complexCollection'],
      ['complexFunction', 'complex'],
      ['primitiveColFunction', 'primitiveCollection'],
      ['primitiveFunction', 'primitive'],
    ];
    for (const [category, result] of functionKinds) {
      if (this.is(category, bare)) return this.afterCall(offset, result, lists);
    }
    return reject(offset, `${name} cannot follow here`);
  }

  /** A property of an entity or complex value; `keyed`: a key predicate follows. */
  private property(name: string, keyed: boolean): PathState | undefined {
    if (this.is('entityColNavigationProperty', name)) return keyed ? 'entity' : 'entityCollection';
    if (keyed) return undefined;
    if (this.is('entityNavigationProperty', name)) return 'entity';
    if (this.is('complexProperty', name)) return 'complex';
    if (this.is('complexColProperty', name)) return 'complexCollection';
    if (this.is('primitiveKeyProperty', name) || this.is('primitiveNonKeyProperty', name)) {
      return 'primitive';
    }
    if (this.is('primitiveColProperty', name)) return 'primitiveCollection';
    if (this.is('streamProperty', name)) return 'stream';
    return undefined;
  }

  private castTarget(state: PathState, name: string): PathState | undefined {
    const entity = this.is('entityTypeName', name);
    const complex = this.is('complexTypeName', name);
    if ((state === 'entity' || state === 'entityCollection') && entity) return state;
    if ((state === 'complex' || state === 'complexCollection') && complex) return state;
    return undefined;
  }

  private keyword(state: PathState, keyword: string, offset: number): Step | ModelRejection {
    const collection =
      state === 'entityCollection' ||
      state === 'complexCollection' ||
      state === 'primitiveCollection';
    switch (keyword) {
      case '$count':
        return collection ? plain('end') : reject(offset, '$count needs a collection');
      case '$ref':
        return state === 'entity' || state === 'entityCollection'
          ? plain('end')
          : reject(offset, '$ref needs entities');
      case '$value':
        return state === 'primitive' || state === 'entity'
          ? plain('end')
          : reject(offset, '$value needs a primitive value or a media entity');
      case '$query':
        return state === 'end' ? reject(offset, 'nothing may follow') : plain('end');
      case '$each':
        return collection ? plain('each') : reject(offset, '$each needs a collection');
      default:
        return reject(offset, `${keyword} cannot follow here`);
    }
  }

  private textSegment(step: Step, text: string, offset: number): Step | ModelRejection {
    const state = step.state;
    if (state === 'entityCollection' || (state === 'entity' && step.keySegments)) {
      return this.keyPathLiterals.has(text)
        ? { state: 'entity', cast: false, keySegments: true }
        : reject(offset, `${text} is no key value of the test model`);
    }
    if (
      (state === 'primitiveCollection' || state === 'complexCollection') &&
      /^-?\d+$/.test(text)
    ) {
      return plain(state === 'primitiveCollection' ? 'primitive' : 'complex');
    }
    return reject(offset, `'${text}' cannot follow here`);
  }
}

function plain(state: PathState): Step {
  return { state, cast: false, keySegments: false };
}

function reject(offset: number, reason: string): ModelRejection {
  return { offset, reason };
}
