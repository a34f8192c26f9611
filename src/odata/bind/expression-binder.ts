/**
 * The expression binder: resolves the names of an expression syntax tree against an
 * entity type of the service model, type-checks it by the URL conventions, and produces
 * the shared bound expression tree of ../semantic/expression.ts.
 *
 * - Names: a path's first name is a lambda variable in scope, else a property or
 *   navigation property of the entity in scope (`$it`); `$it` and `$this` name that entity
 *   explicitly. Unknown names are TSG202 with a suggestion; inside a lambda an unknown
 *   first name followed by `/` is TSG212.
 * - Paths through navigation become NavigationNode chains. In a chain, `next` is read
 *   relative to the navigation's target, so nodes below the first have `variable: null`.
 *   Entity-valued chain ends (the source of `Items/any(...)` or `Items/$count`) have
 *   `resultType: { type: 'null', collection }`: ExpressionType has no entity type.
 * - Literals get their natural type (../bind/literal-values.ts) and, when compared or
 *   combined with a non-literal, the other operand's type if they hold a value of it
 *   (`Score eq 5` compares two Edm.Int32). `null` takes the other operand's type.
 * - Comparisons need comparable types (numbers promote, Edm.Date compares with
 *   Edm.DateTimeOffset: a Date literal becomes midnight UTC, a Date operand is wrapped in
 *   `cast(…, Edm.DateTimeOffset)`); arithmetic follows ./type-rules.ts; built-in
 *   functions ./built-in-function-signatures.ts. `x in CollectionProperty` becomes
 *   `CollectionProperty/any($in: $in eq x)`.
 * - Parameter aliases are replaced by their bound values (an alias may not refer to
 *   another alias); `Tags/any(t: ...)` declares `t` for its predicate only.
 * - Not implemented (TSG210): enum and geo literals, `has`, JSON objects, `case`, geo
 *   functions, annotations, `$root`, key access and `$filter` inside paths, `$count` with
 *   options, service-defined functions, casts to structured types.
 */
import type { ErrorCode } from '../../errors/catalogue/index.js';
import type { TsunagiError } from '../../errors/tsunagi-error.js';
import {
  isEdmPrimitiveType,
  isNumericType,
  type EdmPrimitiveType,
  type PrimitiveValue,
} from '../edm/primitive-type.js';
import {
  type EntityTypeModel,
  type NavigationPropertyModel,
  type PropertyModel,
  type ServiceModel,
} from '../edm/service-model.js';
import {
  booleanType,
  builtInFunctions,
  type ArithmeticOperator,
  type BoundExpression,
  type ComparisonOperator,
  type ExpressionType,
  type LiteralNode,
  type NavigationNode,
  type PropertyNode,
} from '../semantic/expression.js';
import type {
  BinarySyntax,
  ExpressionSyntax,
  LambdaSegmentSyntax,
  LiteralSyntax,
  MemberPathSyntax,
  MemberSegmentSyntax,
  MethodCallSyntax,
  TypeFunctionSyntax,
} from '../syntax/expression-syntax.js';
import type { AliasSyntax } from '../syntax/query-option-syntax.js';
import { navigationNamed, propertyNamed } from './member-index.js';
import { bindError, type BindLocation } from './bind-error.js';
import {
  builtInFunctionNamed,
  describeOverloads,
  functionSignatures,
  type FunctionOverload,
} from './built-in-function-signatures.js';
import { literalDescription, literalValueAs, naturalLiteralType } from './literal-values.js';
import { suggestName } from './name-suggestion.js';
import {
  arithmeticResultType,
  castAllowed,
  comparableTypes,
  describeType,
  isDateAndDateTimeOffset,
  negatedType,
  promoteNumeric,
} from './type-rules.js';

/** Parameter aliases visible at a place, innermost first (nested $expand options see outer ones). */
export class AliasScope {
  constructor(
    readonly aliases: ReadonlyMap<string, AliasSyntax>,
    readonly location: (alias: AliasSyntax) => BindLocation,
    readonly parent: AliasScope | undefined = undefined,
  ) {}

  find(name: string): { alias: AliasSyntax; location: BindLocation } | undefined {
    const alias = this.aliases.get(name);
    if (alias !== undefined) return { alias, location: this.location(alias) };
    return this.parent?.find(name);
  }
}

/** What an expression is bound against. */
export interface ExpressionContext {
  readonly model: ServiceModel;
  /** The entity type of the instance in scope (`$it` / `$this`). */
  readonly entityType: EntityTypeModel;
  readonly location: BindLocation;
  readonly aliases: AliasScope;
  /**
   * False inside nested $expand options, where `$it` names the outer resource (which the
   * bound tree cannot reach); `$this` and plain names there address the expanded entity.
   */
  readonly itIsInScope: boolean;
}

type LambdaVariable =
  | { readonly kind: 'entity'; readonly type: EntityTypeModel }
  | { readonly kind: 'primitive'; readonly type: EdmPrimitiveType };

/** A bound value: a primitive (or primitive collection) expression, plus its literal when it is one. */
interface ValueResult {
  readonly kind: 'value';
  readonly node: BoundExpression;
  readonly literal: LiteralSyntax | undefined;
  readonly offset: number;
}

/** An entity or entity collection: only a path may continue from it, or any/all/$count. */
interface EntityResult {
  readonly kind: 'entity';
  readonly type: EntityTypeModel;
  readonly collection: boolean;
  /** The navigation chain that reached it; undefined for `$it` or an entity lambda variable. */
  readonly node: NavigationNode | undefined;
  readonly description: string;
  readonly offset: number;
}

type BindResult = ValueResult | EntityResult;

interface PathPosition {
  readonly variable: string | null;
  readonly navigations: NavigationPropertyModel[];
  type: EntityTypeModel;
  /** Set when the path stands at a (collection-valued) primitive property. */
  property: PropertyModel | undefined;
  /** Set when the path stands at a primitive lambda variable. */
  variableType: EdmPrimitiveType | undefined;
  description: string;
}

const implicitLambdaVariable = '$in';

export class ExpressionBinder {
  private location: BindLocation;
  private readonly variables = new Map<string, LambdaVariable>();
  private aliasInProgress: string | undefined;

  constructor(private readonly context: ExpressionContext) {
    this.location = context.location;
  }

  /** Binds an expression that must be Boolean ($filter, lambda predicates). */
  bindPredicate(syntax: ExpressionSyntax, what: string): BoundExpression {
    const bound = this.single(this.bind(syntax), what);
    const type = bound.node.resultType.type;
    if (type === 'Edm.Boolean') return bound.node;
    if (type === 'null') return this.withType(bound, 'Edm.Boolean').node;
    throw this.error(
      'TSG207',
      syntax.offset,
      `${what} must be a Boolean expression, but this one is ${describeType(bound.node.resultType)}`,
    );
  }

  /** Binds an expression with a single primitive value ($orderby items, function arguments). */
  bindSingleValue(syntax: ExpressionSyntax, what: string): BoundExpression {
    return this.single(this.bind(syntax), what).node;
  }

  private bind(syntax: ExpressionSyntax): BindResult {
    switch (syntax.kind) {
      case 'literal':
        return this.bindLiteral(syntax);
      case 'memberPath':
        return this.bindMemberPath(syntax);
      case 'methodCall':
        return this.bindMethodCall(syntax);
      case 'cast':
      case 'isof':
        return this.bindTypeFunction(syntax);
      case 'case':
        throw this.error('TSG210', syntax.offset, 'the case function is not supported');
      case 'binary':
        return this.bindBinary(syntax);
      case 'unary':
        return syntax.operator === 'not' ? this.bindNot(syntax) : this.bindNegate(syntax);
      case 'list':
        throw this.error('TSG203', syntax.offset, 'a parenthesised list is only allowed after in');
      case 'array':
        return this.bindArray(syntax.items, syntax.offset);
      case 'object':
        throw this.error('TSG210', syntax.offset, 'JSON objects in expressions are not supported');
    }
  }

  // -------------------------------------------------------------------------------------
  // Literals and arrays
  // -------------------------------------------------------------------------------------

  private bindLiteral(literal: LiteralSyntax): ValueResult {
    const type = naturalLiteralType(literal);
    if (type === undefined) {
      throw this.error(
        'TSG210',
        literal.offset,
        `${literalDescription(literal)} is not supported: this service has no enumeration or geo types`,
      );
    }
    const value = type === 'null' ? null : literalValueAs(literal, type);
    if (value === undefined) {
      throw this.error(
        'TSG103',
        literal.offset,
        `${literalDescription(literal)} is not a valid ${type}`,
      );
    }
    return {
      kind: 'value',
      node: freeze<LiteralNode>({
        kind: 'literal',
        resultType: { type, collection: false },
        value,
      }),
      literal,
      offset: literal.offset,
    };
  }

  /** A JSON array of literals: a collection literal of their common type. */
  private bindArray(items: readonly ExpressionSyntax[], offset: number): ValueResult {
    const bound = items.map((item) => this.single(this.bind(item), 'an array element'));
    let elementType: EdmPrimitiveType | 'null' = 'null';
    for (const item of bound) {
      if (item.literal === undefined) {
        throw this.error('TSG203', item.offset, 'arrays in expressions may only hold literals');
      }
      const type = item.node.resultType.type;
      if (type === 'null') {
        throw this.error('TSG203', item.offset, 'arrays in expressions cannot hold null');
      }
      if (elementType === 'null' || elementType === type) elementType = type;
      else if (isNumericType(elementType) && isNumericType(type)) {
        elementType = promoteNumeric(elementType, type);
      } else {
        throw this.error(
          'TSG203',
          item.offset,
          `an array mixes ${elementType} and ${type} elements`,
        );
      }
    }
    const targetType = elementType;
    const values: PrimitiveValue[] = bound.map((item) => {
      const value =
        item.literal !== undefined && targetType !== 'null'
          ? literalValueAs(item.literal, targetType)
          : item.node.kind === 'literal'
            ? item.node.value
            : undefined;
      if (value === undefined || value === null || Array.isArray(value)) {
        throw this.error('TSG203', item.offset, `an array element is not a ${targetType}`);
      }
      return value as PrimitiveValue;
    });
    return {
      kind: 'value',
      node: freeze<LiteralNode>({
        kind: 'literal',
        resultType: { type: targetType, collection: true },
        value: Object.freeze(values),
      }),
      literal: undefined,
      offset,
    };
  }

  // -------------------------------------------------------------------------------------
  // Member paths
  // -------------------------------------------------------------------------------------

  private bindMemberPath(path: MemberPathSyntax): BindResult {
    const segments = path.segments;
    const first = segments[0];
    if (first === undefined) throw this.error('TSG202', path.offset, 'empty path');
    let index = 0;
    let position: PathPosition;
    if (first.kind === 'implicitVariable') {
      if (first.name === '$root') {
        throw this.error('TSG210', first.offset, '$root paths are not supported');
      }
      if (first.name === '$it' && !this.context.itIsInScope) {
        throw this.error(
          'TSG210',
          first.offset,
          '$it inside nested $expand options (the outer resource) is not supported; use $this or plain property names',
        );
      }
      position = this.startAt(null, this.context.entityType, first.name);
      index = 1;
    } else if (first.kind === 'at') {
      return this.bindAtPath(first, segments.slice(1), path);
    } else if (
      first.kind === 'name' &&
      !first.qualified &&
      first.argumentLists.length === 0 &&
      this.variables.has(first.name)
    ) {
      const variable = this.variables.get(first.name);
      if (variable?.kind === 'primitive') {
        position = this.startAt(first.name, this.context.entityType, first.name);
        position.variableType = variable.type;
      } else {
        position = this.startAt(first.name, variable?.type ?? this.context.entityType, first.name);
      }
      index = 1;
    } else {
      position = this.startAt(null, this.context.entityType, '$it');
    }
    for (; index < segments.length; index++) {
      const segment = segments[index];
      if (segment === undefined) break;
      const last = index === segments.length - 1;
      const result = this.step(position, segment, index === 0, last, segments[index + 1]);
      if (result !== undefined) {
        if (!last) {
          const next = segments[index + 1];
          throw this.error(
            'TSG203',
            next?.offset ?? segment.offset,
            `nothing can follow ${position.description} here`,
          );
        }
        return result;
      }
    }
    return this.endOfPath(position, path.offset);
  }

  private startAt(
    variable: string | null,
    type: EntityTypeModel,
    description: string,
  ): PathPosition {
    return {
      variable,
      navigations: [],
      type,
      property: undefined,
      variableType: undefined,
      description,
    };
  }

  /**
   * Moves along one segment. Returns a result when the segment ends the path (a lambda,
   * $count, or a primitive property); undefined when the path continues.
   */
  private step(
    position: PathPosition,
    segment: MemberSegmentSyntax,
    first: boolean,
    last: boolean,
    next: MemberSegmentSyntax | undefined,
  ): BindResult | undefined {
    switch (segment.kind) {
      case 'implicitVariable':
        throw this.error('TSG203', segment.offset, `${segment.name} may only start a path`);
      case 'at':
        throw this.error('TSG210', segment.offset, 'annotations in expressions are not supported');
      case 'filter':
        throw this.error('TSG210', segment.offset, '$filter inside a path is not supported');
      case 'count':
        return this.bindCount(
          position,
          segment.offset,
          segment.filter !== undefined || segment.search !== undefined,
        );
      case 'lambda':
        return this.bindLambda(position, segment);
      case 'name':
        break;
    }
    if (position.property !== undefined || position.variableType !== undefined) {
      const what = position.description;
      throw this.error(
        'TSG202',
        segment.offset,
        `${what} is a primitive ${position.property?.collection === true ? 'collection' : 'value'}; it has no member '${segment.name}' (use any, all or $count after a collection)`,
      );
    }
    if (this.isCollectionPosition(position)) {
      throw this.error(
        'TSG203',
        segment.offset,
        `${position.description} is a collection: use any(...), all(...) or $count to reach into it`,
      );
    }
    if (segment.qualified) {
      const ownType = `${this.context.model.namespace}.${position.type.name}`;
      if (segment.argumentLists.length > 0) {
        throw this.error(
          'TSG204',
          segment.offset,
          `this service defines no function ${segment.name}`,
        );
      }
      if (segment.name !== ownType) {
        throw this.error(
          'TSG203',
          segment.offset,
          `${position.description} is a ${ownType} and cannot be cast to ${segment.name}`,
        );
      }
      return undefined;
    }
    const property = propertyNamed(position.type, segment.name);
    const navigation =
      property === undefined ? navigationNamed(position.type, segment.name) : undefined;
    if (segment.argumentLists.length > 0) {
      if (property === undefined && navigation === undefined && first) {
        const suggestion = suggestName(segment.name, builtInFunctions);
        throw this.error(
          'TSG204',
          segment.offset,
          `'${segment.name}' is not a built-in function${suggestion === undefined ? '' : `; did you mean '${suggestion}'?`}`,
        );
      }
      throw this.error(
        'TSG210',
        segment.offset,
        'key predicates inside expressions are not supported',
      );
    }
    if (property !== undefined) {
      const node = this.chain(position, property);
      position.property = property;
      position.description = segment.name;
      if (last) return { kind: 'value', node, literal: undefined, offset: segment.offset };
      if (next?.kind === 'at') {
        throw this.error('TSG210', next.offset, 'annotations in expressions are not supported');
      }
      if (!property.collection && (next?.kind === 'lambda' || next?.kind === 'count')) {
        throw this.error(
          'TSG203',
          next.offset,
          `${next.kind === 'lambda' ? next.operator : '$count'} needs a collection, but ${segment.name} is not one`,
        );
      }
      if (!property.collection || (next?.kind !== 'lambda' && next?.kind !== 'count')) {
        throw this.error(
          'TSG202',
          next?.offset ?? segment.offset,
          `${segment.name} is a primitive ${property.collection ? 'collection' : 'property'}; only any, all or $count can follow it`,
        );
      }
      return undefined;
    }
    if (navigation !== undefined) {
      position.navigations.push(navigation);
      position.type = this.targetType(navigation, segment.offset);
      position.description = segment.name;
      return undefined;
    }
    if (first && this.variables.size > 0 && next !== undefined) {
      throw this.error(
        'TSG212',
        segment.offset,
        `'${segment.name}' is neither a lambda variable in scope (${[...this.variables.keys()].join(', ')}) nor a property of ${position.type.name}`,
      );
    }
    throw this.unknownMember(position.type, segment.name, segment.offset);
  }

  private isCollectionPosition(position: PathPosition): boolean {
    const lastNavigation = position.navigations[position.navigations.length - 1];
    return lastNavigation?.collection === true;
  }

  private unknownMember(type: EntityTypeModel, name: string, offset: number): TsunagiError {
    const names = [
      ...type.properties.map((property) => property.name),
      ...type.navigationProperties.map((navigation) => navigation.name),
    ];
    const suggestion = suggestName(name, names);
    return this.error(
      'TSG202',
      offset,
      `${type.name} has no property '${name}'${suggestion === undefined ? '' : `; did you mean '${suggestion}'?`}`,
      suggestion === undefined
        ? undefined
        : [{ code: 'TSG202', message: `Did you mean '${suggestion}'?`, target: name }],
    );
  }

  private targetType(navigation: NavigationPropertyModel, offset: number): EntityTypeModel {
    const set = this.context.model.entitySets.get(navigation.targetSet);
    if (set === undefined) {
      throw this.error(
        'TSG200',
        offset,
        `the entity set ${navigation.targetSet} that ${navigation.name} leads to is not published`,
      );
    }
    return set.entityType;
  }

  /** The node for `property` read at the end of the position's navigation chain. */
  private chain(position: PathPosition, property: PropertyModel | undefined): BoundExpression {
    const navigations = position.navigations;
    const leafType: ExpressionType =
      property === undefined
        ? { type: 'null', collection: navigations[navigations.length - 1]?.collection ?? false }
        : { type: property.type, collection: property.collection };
    let next: PropertyNode | NavigationNode | undefined =
      property === undefined
        ? undefined
        : freeze<PropertyNode>({
            kind: 'property',
            resultType: leafType,
            variable: navigations.length === 0 ? position.variable : null,
            property,
          });
    for (let index = navigations.length - 1; index >= 0; index--) {
      const navigation = navigations[index];
      if (navigation === undefined) continue;
      next = freeze<NavigationNode>({
        kind: 'navigation',
        resultType: leafType,
        variable: index === 0 ? position.variable : null,
        navigation,
        next,
      });
    }
    if (next === undefined) throw new Error('chain() needs a property or a navigation');
    return next;
  }

  private endOfPath(position: PathPosition, offset: number): BindResult {
    if (position.variableType !== undefined) {
      return {
        kind: 'value',
        node: freeze<PropertyNode>({
          kind: 'property',
          resultType: { type: position.variableType, collection: false },
          variable: position.variable,
          property: undefined,
        }),
        literal: undefined,
        offset,
      };
    }
    const node = position.navigations.length === 0 ? undefined : this.chain(position, undefined);
    return {
      kind: 'entity',
      type: position.type,
      collection: this.isCollectionPosition(position),
      node: node?.kind === 'navigation' ? node : undefined,
      description: position.description,
      offset,
    };
  }

  /** The source of a lambda or $count at the position (a collection), or an error. */
  private collectionSource(
    position: PathPosition,
    offset: number,
    what: string,
  ): { source: PropertyNode | NavigationNode; element: LambdaVariable } {
    if (position.property?.collection === true) {
      const source = this.chain(position, position.property);
      if (source.kind !== 'property' && source.kind !== 'navigation')
        throw new Error('unreachable');
      return { source, element: { kind: 'primitive', type: position.property.type } };
    }
    if (position.property === undefined && this.isCollectionPosition(position)) {
      const source = this.chain(position, undefined);
      if (source.kind !== 'navigation') throw new Error('unreachable');
      return { source, element: { kind: 'entity', type: position.type } };
    }
    throw this.error(
      'TSG203',
      offset,
      `${what} needs a collection, but ${position.description} is not one`,
    );
  }

  private bindCount(position: PathPosition, offset: number, hasOptions: boolean): ValueResult {
    if (hasOptions) {
      throw this.error('TSG210', offset, '$count with $filter or $search options is not supported');
    }
    const { source } = this.collectionSource(position, offset, '$count');
    return {
      kind: 'value',
      node: freeze({ kind: 'count', resultType: { type: 'Edm.Int64', collection: false }, source }),
      literal: undefined,
      offset,
    };
  }

  private bindLambda(position: PathPosition, segment: LambdaSegmentSyntax): ValueResult {
    const { source, element } = this.collectionSource(position, segment.offset, segment.operator);
    let predicate: BoundExpression | undefined;
    if (segment.variable !== undefined && segment.predicate !== undefined) {
      predicate = this.withVariable(segment.variable, element, () =>
        this.bindPredicate(segment.predicate ?? fail(), `the predicate of ${segment.operator}`),
      );
    }
    return {
      kind: 'value',
      node: freeze({
        kind: 'lambda',
        resultType: booleanType,
        operator: segment.operator,
        source,
        variable: segment.variable,
        predicate,
      }),
      literal: undefined,
      offset: segment.offset,
    };
  }

  private withVariable<T>(name: string, variable: LambdaVariable, bind: () => T): T {
    const shadowed = this.variables.get(name);
    this.variables.set(name, variable);
    try {
      return bind();
    } finally {
      if (shadowed === undefined) this.variables.delete(name);
      else this.variables.set(name, shadowed);
    }
  }

  /** `@alias` (optionally followed by path segments when the alias is a path) or an annotation. */
  private bindAtPath(
    first: MemberSegmentSyntax & { kind: 'at' },
    rest: readonly MemberSegmentSyntax[],
    path: MemberPathSyntax,
  ): BindResult {
    if (first.qualified || first.qualifier !== undefined) {
      throw this.error('TSG210', first.offset, 'annotations in expressions are not supported');
    }
    const found = this.context.aliases.find(first.name);
    if (found === undefined) {
      throw this.error(
        'TSG106',
        first.offset,
        `the query string does not define the parameter alias @${first.name}`,
      );
    }
    if (this.aliasInProgress !== undefined) {
      throw this.error(
        'TSG106',
        first.offset,
        `@${this.aliasInProgress} refers to @${first.name}; a parameter alias cannot refer to another alias`,
      );
    }
    const value = found.alias.value;
    if (rest.length > 0) {
      if (value.kind !== 'memberPath') {
        throw this.error(
          'TSG203',
          path.offset,
          `@${first.name} is not a path, so nothing can follow it`,
        );
      }
      return this.bindMemberPath({ ...path, segments: [...value.segments, ...rest] });
    }
    const savedLocation = this.location;
    this.location = found.location;
    this.aliasInProgress = first.name;
    try {
      return this.bind(value);
    } finally {
      this.location = savedLocation;
      this.aliasInProgress = undefined;
    }
  }

  // -------------------------------------------------------------------------------------
  // Operators
  // -------------------------------------------------------------------------------------

  private bindBinary(syntax: BinarySyntax): BindResult {
    switch (syntax.operator) {
      case 'and':
      case 'or':
        return this.bindLogical(syntax, syntax.operator);
      case 'eq':
      case 'ne':
      case 'lt':
      case 'le':
      case 'gt':
      case 'ge':
        return this.bindComparison(syntax, syntax.operator);
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
      case 'divby':
      case 'mod':
        return this.bindArithmetic(syntax, syntax.operator);
      case 'in':
        return this.bindIn(syntax);
      case 'has':
        throw this.error(
          'TSG210',
          syntax.operatorOffset,
          'the has operator is not supported: this service has no enumeration types',
        );
    }
  }

  /**
   * `a or b or c ...` parses into a left-deep tree; its left spine is walked in a loop so
   * that long chains (raised node limits) cannot exhaust the stack.
   */
  private bindLogical(syntax: BinarySyntax, operator: 'and' | 'or'): ValueResult {
    const spine: BinarySyntax[] = [syntax];
    let leftmost: ExpressionSyntax = syntax.left;
    while (leftmost.kind === 'binary' && leftmost.operator === operator) {
      spine.push(leftmost);
      leftmost = leftmost.left;
    }
    let result = this.booleanOperand(this.bind(leftmost), operator);
    for (let index = spine.length - 1; index >= 0; index--) {
      const node = spine[index];
      if (node === undefined) continue;
      const right = this.booleanOperand(this.bind(node.right), operator);
      result = this.value(
        {
          kind: 'logical',
          resultType: booleanType,
          operator,
          left: result.node,
          right: right.node,
        },
        node.offset,
      );
    }
    return result;
  }

  private booleanOperand(result: BindResult, operator: string): ValueResult {
    const value = this.single(result, `an operand of ${operator}`);
    const type = value.node.resultType.type;
    if (type === 'Edm.Boolean') return value;
    if (type === 'null') return this.withType(value, 'Edm.Boolean');
    throw this.error(
      'TSG203',
      value.offset,
      `${operator} needs Boolean operands, but this one is ${describeType(value.node.resultType)}`,
    );
  }

  private bindComparison(syntax: BinarySyntax, operator: ComparisonOperator): ValueResult {
    const left = this.single(this.bind(syntax.left), `an operand of ${operator}`);
    const right = this.single(this.bind(syntax.right), `an operand of ${operator}`);
    const ordering = operator !== 'eq' && operator !== 'ne';
    const [boundLeft, boundRight] = this.harmonize(
      left,
      right,
      ordering,
      operator,
      syntax.operatorOffset,
    );
    return this.value(
      {
        kind: 'comparison',
        resultType: booleanType,
        operator,
        left: boundLeft.node,
        right: boundRight.node,
      },
      syntax.offset,
    );
  }

  /**
   * Makes two operands comparable: a literal takes the other side's type when it holds a
   * value of it, null takes the other side's type, a non-literal Edm.Date facing an
   * Edm.DateTimeOffset is cast to it. Fails with TSG203 naming both types otherwise.
   */
  private harmonize(
    left: ValueResult,
    right: ValueResult,
    ordering: boolean,
    operator: string,
    offset: number,
  ): [ValueResult, ValueResult] {
    let a = left;
    let b = right;
    if (a.literal !== undefined && b.literal === undefined)
      a = this.retypeLiteral(a, b.node.resultType.type);
    else if (b.literal !== undefined && a.literal === undefined)
      b = this.retypeLiteral(b, a.node.resultType.type);
    const aType = a.node.resultType.type;
    const bType = b.node.resultType.type;
    if (!comparableTypes(aType, bType, ordering)) {
      const hint =
        (aType === 'Edm.Guid' || bType === 'Edm.Guid') &&
        (aType === 'Edm.String' || bType === 'Edm.String')
          ? ' (write GUIDs without quotes)'
          : '';
      throw this.error(
        'TSG203',
        offset,
        `cannot compare ${describeType(a.node.resultType)} with ${describeType(b.node.resultType)} using ${operator}${hint}`,
      );
    }
    if (aType !== 'null' && bType !== 'null' && isDateAndDateTimeOffset(aType, bType)) {
      if (aType === 'Edm.Date') a = this.castToDateTimeOffset(a);
      else b = this.castToDateTimeOffset(b);
    }
    return [a, b];
  }

  private castToDateTimeOffset(operand: ValueResult): ValueResult {
    if (operand.literal !== undefined) {
      const retyped = this.retypeLiteral(operand, 'Edm.DateTimeOffset');
      if (retyped.node.resultType.type === 'Edm.DateTimeOffset') return retyped;
    }
    return this.value(
      {
        kind: 'cast',
        resultType: { type: 'Edm.DateTimeOffset', collection: false },
        operand: operand.node,
        targetType: 'Edm.DateTimeOffset',
      },
      operand.offset,
    );
  }

  /** The literal as `type` when it holds a value of that type; the literal unchanged otherwise. */
  private retypeLiteral(operand: ValueResult, type: EdmPrimitiveType | 'null'): ValueResult {
    if (operand.literal === undefined || type === 'null') return operand;
    if (operand.node.resultType.type === type) return operand;
    const value = literalValueAs(operand.literal, type);
    if (value === undefined) return operand;
    return {
      kind: 'value',
      node: freeze<LiteralNode>({
        kind: 'literal',
        resultType: { type, collection: false },
        value,
      }),
      literal: operand.literal,
      offset: operand.offset,
    };
  }

  /** A `null` operand given a type. */
  private withType(operand: ValueResult, type: EdmPrimitiveType): ValueResult {
    if (operand.node.kind !== 'literal') return operand;
    return {
      ...operand,
      node: freeze<LiteralNode>({
        kind: 'literal',
        resultType: { type, collection: false },
        value: operand.node.value,
      }),
    };
  }

  private bindArithmetic(syntax: BinarySyntax, operator: ArithmeticOperator): ValueResult {
    let left = this.single(this.bind(syntax.left), `an operand of ${operator}`);
    let right = this.single(this.bind(syntax.right), `an operand of ${operator}`);
    const leftType = left.node.resultType.type;
    const rightType = right.node.resultType.type;
    if (leftType === 'null' && rightType === 'null') {
      throw this.error(
        'TSG203',
        syntax.operatorOffset,
        `${operator} needs at least one typed operand`,
      );
    }
    if (leftType === 'null' && rightType !== 'null') left = this.withType(left, rightType);
    if (rightType === 'null' && leftType !== 'null') right = this.withType(right, leftType);
    let result = this.arithmeticType(operator, left, right);
    if (result === undefined) {
      // A bare duration ('P1D') is a string literal until it meets a temporal operand.
      left = this.retypeLiteral(
        left,
        left.literal?.literalKind === 'string' ? 'Edm.Duration' : 'null',
      );
      right = this.retypeLiteral(
        right,
        right.literal?.literalKind === 'string' ? 'Edm.Duration' : 'null',
      );
      result = this.arithmeticType(operator, left, right);
    }
    if (result === undefined) {
      throw this.error(
        'TSG203',
        syntax.operatorOffset,
        `cannot apply ${operator} to ${describeType(left.node.resultType)} and ${describeType(right.node.resultType)}`,
      );
    }
    const finalLeftType = left.node.resultType.type;
    const finalRightType = right.node.resultType.type;
    if (
      finalLeftType !== 'null' &&
      finalRightType !== 'null' &&
      isNumericType(finalLeftType) &&
      isNumericType(finalRightType)
    ) {
      const promoted = promoteNumeric(finalLeftType, finalRightType);
      if (left.literal !== undefined && right.literal === undefined)
        left = this.retypeLiteral(left, promoted);
      if (right.literal !== undefined && left.literal === undefined)
        right = this.retypeLiteral(right, promoted);
    }
    return this.value(
      {
        kind: 'arithmetic',
        resultType: { type: result, collection: false },
        operator,
        left: left.node,
        right: right.node,
      },
      syntax.offset,
    );
  }

  private arithmeticType(
    operator: ArithmeticOperator,
    left: ValueResult,
    right: ValueResult,
  ): EdmPrimitiveType | undefined {
    const leftType = left.node.resultType.type;
    const rightType = right.node.resultType.type;
    if (leftType === 'null' || rightType === 'null') return undefined;
    return arithmeticResultType(operator, leftType, rightType);
  }

  private bindNot(syntax: ExpressionSyntax & { kind: 'unary' }): ValueResult {
    const operand = this.single(this.bind(syntax.operand), 'the operand of not');
    const type = operand.node.resultType.type;
    if (type !== 'Edm.Boolean' && type !== 'null') {
      throw this.error(
        'TSG203',
        syntax.offset,
        `not needs a Boolean operand, but this one is ${describeType(operand.node.resultType)} (not binds tighter than comparisons: write not (A eq B))`,
      );
    }
    const boolean = this.withType(operand, 'Edm.Boolean');
    return this.value(
      { kind: 'not', resultType: booleanType, operand: boolean.node },
      syntax.offset,
    );
  }

  private bindNegate(syntax: ExpressionSyntax & { kind: 'unary' }): ValueResult {
    const operand = this.single(this.bind(syntax.operand), 'the operand of -');
    const literal = operand.literal;
    if (
      literal !== undefined &&
      (literal.literalKind === 'integer' ||
        literal.literalKind === 'decimal' ||
        literal.literalKind === 'double')
    ) {
      const text = literal.value.startsWith('-') ? literal.value.slice(1) : `-${literal.value}`;
      return this.bindLiteral(Object.freeze({ ...literal, value: text }));
    }
    const type = operand.node.resultType.type;
    const result = type === 'null' ? undefined : negatedType(type);
    if (result === undefined) {
      throw this.error(
        'TSG203',
        syntax.offset,
        `cannot negate ${describeType(operand.node.resultType)}`,
      );
    }
    return this.value(
      { kind: 'negate', resultType: { type: result, collection: false }, operand: operand.node },
      syntax.offset,
    );
  }

  private bindIn(syntax: BinarySyntax): ValueResult {
    const operand = this.single(this.bind(syntax.left), 'the left operand of in');
    const right = this.aliasedList(syntax.right);
    let items: readonly ExpressionSyntax[];
    if (right.kind === 'list' || right.kind === 'array') {
      items = right.items;
    } else {
      const bound = this.bind(right);
      if (bound.kind === 'value' && bound.node.resultType.collection) {
        if (bound.node.kind === 'literal' && Array.isArray(bound.node.value)) {
          return this.inValues(
            syntax,
            operand,
            (bound.node.value as readonly PrimitiveValue[]).map((value) =>
              freeze<LiteralNode>({
                kind: 'literal',
                resultType: { type: bound.node.resultType.type, collection: false },
                value,
              }),
            ),
          );
        }
        return this.inCollection(syntax, operand, bound);
      }
      items = [right];
    }
    const values = items.map((item) => {
      const value = this.single(this.bind(item), 'an element of the in list');
      if (value.literal === undefined) {
        throw this.error(
          'TSG203',
          value.offset,
          'the list after in may only hold literals and parameter aliases',
        );
      }
      const [, harmonized] = this.harmonize(operand, value, false, 'in', value.offset);
      return harmonized.node;
    });
    return this.inValues(syntax, operand, values);
  }

  /** The list or array an alias stands for (`Name in @list`), else the syntax itself. */
  private aliasedList(syntax: ExpressionSyntax): ExpressionSyntax {
    if (syntax.kind !== 'memberPath' || syntax.segments.length !== 1) return syntax;
    const segment = syntax.segments[0];
    if (segment?.kind !== 'at' || segment.qualified) return syntax;
    const value = this.context.aliases.find(segment.name)?.alias.value;
    return value !== undefined && (value.kind === 'list' || value.kind === 'array')
      ? value
      : syntax;
  }

  private inValues(
    syntax: BinarySyntax,
    operand: ValueResult,
    values: readonly BoundExpression[],
  ): ValueResult {
    return this.value(
      {
        kind: 'in',
        resultType: booleanType,
        operand: operand.node,
        values: Object.freeze([...values]),
      },
      syntax.offset,
    );
  }

  /** `x in Tags` becomes `Tags/any($in: $in eq x)`. */
  private inCollection(
    syntax: BinarySyntax,
    operand: ValueResult,
    collection: ValueResult,
  ): ValueResult {
    const source = collection.node;
    if (source.kind !== 'property' && source.kind !== 'navigation') {
      throw this.error(
        'TSG203',
        collection.offset,
        'the right operand of in must be a list or a collection property',
      );
    }
    const elementType = source.resultType.type;
    if (elementType === 'null')
      throw this.error('TSG203', collection.offset, 'not a primitive collection');
    const element: ValueResult = {
      kind: 'value',
      node: freeze<PropertyNode>({
        kind: 'property',
        resultType: { type: elementType, collection: false },
        variable: implicitLambdaVariable,
        property: undefined,
      }),
      literal: undefined,
      offset: collection.offset,
    };
    const [left, right] = this.harmonize(element, operand, false, 'in', syntax.operatorOffset);
    const predicate = freeze({
      kind: 'comparison' as const,
      resultType: booleanType,
      operator: 'eq' as const,
      left: left.node,
      right: right.node,
    });
    return this.value(
      {
        kind: 'lambda',
        resultType: booleanType,
        operator: 'any',
        source,
        variable: implicitLambdaVariable,
        predicate,
      },
      syntax.offset,
    );
  }

  // -------------------------------------------------------------------------------------
  // Functions
  // -------------------------------------------------------------------------------------

  private bindMethodCall(syntax: MethodCallSyntax): ValueResult {
    const name = builtInFunctionNamed(syntax.name);
    if (name === undefined) {
      throw this.error('TSG210', syntax.offset, `the function ${syntax.name} is not supported`);
    }
    const args = syntax.args.map((argument) => {
      const bound = this.bind(argument);
      if (bound.kind === 'entity') {
        throw this.error(
          'TSG205',
          argument.offset,
          `${name} cannot take ${bound.description}, which is an entity`,
        );
      }
      return bound;
    });
    const overloads = functionSignatures[name];
    const candidates = overloads.filter((candidate) => candidate.parameters.length === args.length);
    if (candidates.length === 0) {
      const counts = [...new Set(overloads.map((candidate) => candidate.parameters.length))].join(
        ' or ',
      );
      throw this.error(
        'TSG205',
        syntax.offset,
        `${name} takes ${counts} argument${counts === '1' ? '' : 's'}, not ${args.length}: ${describeOverloads(name)}`,
      );
    }
    for (const candidate of candidates) {
      const matched = this.matchOverload(candidate, args);
      if (matched !== undefined) {
        const argumentTypes = matched.map((argument) => argument.node.resultType);
        return this.value(
          {
            kind: 'call',
            resultType: candidate.result(argumentTypes),
            name,
            args: Object.freeze(matched.map((argument) => argument.node)),
          },
          syntax.offset,
        );
      }
    }
    const given = args.map((argument) => describeType(argument.node.resultType)).join(', ');
    throw this.error(
      'TSG205',
      syntax.offset,
      `${name}(${given}) does not match ${describeOverloads(name)}`,
    );
  }

  private matchOverload(
    overload: FunctionOverload,
    args: readonly ValueResult[],
  ): ValueResult[] | undefined {
    const matched: ValueResult[] = [];
    for (const [index, parameter] of overload.parameters.entries()) {
      let argument = args[index];
      if (argument === undefined) return undefined;
      const type = argument.node.resultType;
      if (type.collection !== parameter.collection) return undefined;
      if (type.type === 'null') {
        if (parameter.literalType !== undefined)
          argument = this.withType(argument, parameter.literalType);
        matched.push(argument);
        continue;
      }
      if (!parameter.types.has(type.type)) {
        if (argument.literal === undefined || parameter.literalType === undefined) return undefined;
        const retyped = this.retypeLiteral(argument, parameter.literalType);
        if (retyped.node.resultType.type !== parameter.literalType) return undefined;
        argument = retyped;
      } else if (parameter.literalType !== undefined && argument.literal !== undefined) {
        argument = this.retypeLiteral(argument, parameter.literalType);
      }
      matched.push(argument);
    }
    if (overload.parameters.length === 2 && overload.parameters[0]?.collection === true) {
      const [first, second] = matched;
      if (
        first !== undefined &&
        second !== undefined &&
        !comparableTypes(first.node.resultType.type, second.node.resultType.type, false)
      ) {
        return undefined;
      }
    }
    return matched;
  }

  private bindTypeFunction(syntax: TypeFunctionSyntax): ValueResult {
    const typeName = syntax.typeName;
    if (typeName.collection) {
      throw this.error(
        'TSG210',
        typeName.offset,
        `${syntax.kind} to collection types is not supported`,
      );
    }
    if (!isEdmPrimitiveType(typeName.name)) {
      const code: ErrorCode = typeName.name.startsWith('Edm.') ? 'TSG210' : 'TSG205';
      throw this.error(
        code,
        typeName.offset,
        typeName.name.startsWith('Edm.')
          ? `${typeName.name} is not supported`
          : `${typeName.name} is not a primitive type (${syntax.kind} to entity or complex types is not supported)`,
      );
    }
    if (syntax.operand === undefined) {
      throw this.error(
        'TSG210',
        syntax.offset,
        `${syntax.kind}(Type) on the current entity is not supported`,
      );
    }
    const operand = this.single(this.bind(syntax.operand), `the operand of ${syntax.kind}`);
    const target = typeName.name;
    if (syntax.kind === 'isof') {
      return this.value(
        { kind: 'isof', resultType: booleanType, operand: operand.node, targetType: target },
        syntax.offset,
      );
    }
    if (!castAllowed(operand.node.resultType.type, target)) {
      throw this.error(
        'TSG205',
        syntax.offset,
        `cannot cast ${describeType(operand.node.resultType)} to ${target}`,
      );
    }
    return this.value(
      {
        kind: 'cast',
        resultType: { type: target, collection: false },
        operand: operand.node,
        targetType: target,
      },
      syntax.offset,
    );
  }

  // -------------------------------------------------------------------------------------
  // Helpers
  // -------------------------------------------------------------------------------------

  private single(result: BindResult, what: string): ValueResult {
    if (result.kind === 'entity') {
      const kind = result.collection ? 'a collection of entities' : 'an entity';
      throw this.error(
        'TSG203',
        result.offset,
        `${what} must be a primitive value, but ${result.description} is ${kind}`,
      );
    }
    return result;
  }

  private value(node: BoundExpression, offset: number): ValueResult {
    return { kind: 'value', node: freeze(node), literal: undefined, offset };
  }

  private error(
    code: ErrorCode,
    offset: number,
    detail: string,
    details?: readonly { code: string; message: string; target?: string }[],
  ): TsunagiError {
    return bindError(code, this.location, offset, detail, details === undefined ? {} : { details });
  }
}

function freeze<T extends object>(node: T): T {
  return Object.freeze(node);
}

function fail(): never {
  throw new Error('unreachable');
}
