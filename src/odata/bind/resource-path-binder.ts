/**
 * Binds the resource path to what it addresses: the service document, $metadata, $batch,
 * an entity set, an entity by key (`Set(5)`, `Set(A=1,B='x')`, `Set/5`, `Set/1/2` for a
 * composite key), a related collection or entity (`Set(5)/Nav`, `Set(5)/Nav(2)`,
 * `Set(5)/Nav/2`), `/$count` on a collection, a property and its `/$value`.
 *
 * Navigation from an entity with a known key to a collection gives a CollectionResource
 * with `parent`, `navigation` and `constraint`: the restriction `target.p eq <value>` for
 * every referential constraint of the navigation, when each constraint's property is part
 * of the parent's key (so its value is in the URL). Otherwise (e.g. a constraint on a
 * non-key property) `constraint` is undefined and the executor must read the parent to
 * relate the rows. Key properties fixed by such a constraint may be left out of a key
 * predicate after the navigation: `Orders(5)/Items(2)` for Items keyed by (OrderId, LineNo).
 *
 * A single-valued navigation (`Orders(5)/Customer`) gives an EntityResource with `via`;
 * its key is filled in when the constraints derive it from the parent's key
 * (`OrderItems(OrderId=5,LineNo=1)/Order` → Orders key 5) and is an empty map otherwise,
 * in which case nothing may follow it in the path (TSG210).
 *
 * Casts to the entity type itself are accepted and change nothing. Not implemented
 * (TSG210): functions and actions, `$ref`, `$each`, `$query`, `$filter` segments,
 * `$entity`, `$all`, `$crossjoin`, collection-property `$count`.
 */
import type { Value } from '../edm/primitive-type.js';
import {
  type EntitySetModel,
  type NavigationPropertyModel,
  type PropertyModel,
  type ServiceModel,
} from '../edm/service-model.js';
import {
  booleanType,
  type BoundExpression,
  type ComparisonNode,
  type LiteralNode,
} from '../semantic/expression.js';
import type {
  BoundResource,
  CollectionResource,
  EntityReference,
  KeyValues,
} from '../semantic/query.js';
import type {
  ArgumentListSyntax,
  ExpressionSyntax,
  LiteralSyntax,
} from '../syntax/expression-syntax.js';
import type { PathSegmentSyntax, ResourcePathSyntax } from '../syntax/path-syntax.js';
import { tryParsePrimitiveValue } from '../syntax/primitive-value-parser.js';
import { navigationNamed, propertyNamed } from './member-index.js';
import { bindError, pathBindLocation } from './bind-error.js';
import type { AliasScope } from './expression-binder.js';
import { literalValueAs } from './literal-values.js';
import { suggestName } from './name-suggestion.js';
import { convertValue } from './value-conversion.js';

interface CollectionState {
  readonly kind: 'collection';
  readonly set: EntitySetModel;
  readonly parent: EntityReference | undefined;
  readonly navigation: NavigationPropertyModel | undefined;
  readonly constraint: BoundExpression | undefined;
  /** Key values of the target fixed by the navigation's constraints. */
  readonly implied: ReadonlyMap<string, Value>;
  /** Segment that reached this state, for messages. */
  readonly description: string;
}

interface EntityState {
  readonly kind: 'entity';
  readonly entity: EntityReference;
  readonly via:
    { readonly parent: EntityReference; readonly navigation: NavigationPropertyModel } | undefined;
  readonly keyKnown: boolean;
  readonly description: string;
}

interface PropertyState {
  readonly kind: 'property';
  readonly entity: EntityReference;
  readonly property: PropertyModel;
  readonly value: boolean;
}

interface FinalState {
  readonly kind: 'final';
  readonly resource: BoundResource;
}

type PathState = CollectionState | EntityState | PropertyState | FinalState;

export function bindResourcePath(
  path: ResourcePathSyntax,
  model: ServiceModel,
  aliases: AliasScope,
): BoundResource {
  return new ResourcePathBinder(model, aliases).bind(path);
}

class ResourcePathBinder {
  constructor(
    private readonly model: ServiceModel,
    private readonly aliases: AliasScope,
  ) {}

  bind(path: ResourcePathSyntax): BoundResource {
    const segments = path.segments;
    const first = segments[0];
    if (first === undefined) return Object.freeze({ kind: 'serviceDocument' });
    let state = this.first(first);
    let index = 1;
    while (index < segments.length) {
      const segment = segments[index];
      if (segment === undefined) break;
      const consumed = this.next(state, segments, index);
      state = consumed.state;
      index += consumed.count;
    }
    return this.resource(state);
  }

  private first(segment: PathSegmentSyntax): PathState {
    switch (segment.kind) {
      case 'keyword':
        if (segment.keyword === '$metadata') return final({ kind: 'metadata' });
        if (segment.keyword === '$batch') return final({ kind: 'batch' });
        throw this.error('TSG210', segment.offset, `${segment.keyword} is not supported`);
      case 'crossjoin':
        throw this.error('TSG210', segment.offset, '$crossjoin is not supported');
      case 'filter':
      case 'text':
        throw this.error('TSG209', segment.offset, 'the path must start with an entity set');
      case 'name':
        break;
    }
    const set = this.model.entitySets.get(segment.name);
    if (set === undefined) {
      const suggestion = suggestName(segment.name, this.model.entitySets.keys());
      throw this.error(
        'TSG200',
        segment.offset,
        `this service has no entity set, singleton or operation named '${segment.name}'${suggestion === undefined ? '' : `; did you mean '${suggestion}'?`}`,
        segment.name,
      );
    }
    const collection: CollectionState = {
      kind: 'collection',
      set,
      parent: undefined,
      navigation: undefined,
      constraint: undefined,
      implied: new Map(),
      description: segment.name,
    };
    return this.keyed(collection, segment.argumentLists, segment.offset);
  }

  /** Applies key predicates after a name: none keeps the collection, one picks an entity. */
  private keyed(
    state: CollectionState,
    lists: readonly ArgumentListSyntax[],
    offset: number,
  ): CollectionState | EntityState {
    if (lists.length === 0) return state;
    const [list, extra] = lists;
    if (extra !== undefined) {
      throw this.error(
        'TSG209',
        extra.offset,
        `only one key predicate may follow ${state.description}`,
      );
    }
    if (list === undefined) return state;
    const key = this.keyFromPredicate(state, list);
    return this.entityFrom(state, key, offset);
  }

  private entityFrom(state: CollectionState, key: KeyValues, _offset: number): EntityState {
    const entity: EntityReference = Object.freeze({ set: state.set, key });
    const via =
      state.parent === undefined || state.navigation === undefined
        ? undefined
        : Object.freeze({ parent: state.parent, navigation: state.navigation });
    return { kind: 'entity', entity, via, keyKnown: true, description: state.description };
  }

  private next(
    state: PathState,
    segments: readonly PathSegmentSyntax[],
    index: number,
  ): { state: PathState; count: number } {
    const segment = segments[index];
    if (segment === undefined) throw new Error('unreachable');
    if (state.kind === 'final') {
      throw this.error('TSG209', segment.offset, 'nothing may follow here');
    }
    if (segment.kind === 'keyword')
      return { state: this.keyword(state, segment.keyword, segment.offset), count: 1 };
    if (segment.kind === 'filter') {
      throw this.error('TSG210', segment.offset, '$filter path segments are not supported');
    }
    if (segment.kind === 'crossjoin') {
      throw this.error('TSG209', segment.offset, '$crossjoin can only start a path');
    }
    switch (state.kind) {
      case 'collection':
        return this.afterCollection(state, segments, index);
      case 'entity':
        return { state: this.afterEntity(state, segment), count: 1 };
      case 'property':
        throw this.error(
          'TSG209',
          segment.offset,
          `${state.property.name} is a primitive property; only $value can follow it`,
        );
    }
  }

  private keyword(
    state: Exclude<PathState, FinalState>,
    keyword: string,
    offset: number,
  ): PathState {
    switch (keyword) {
      case '$count':
        if (state.kind === 'collection') {
          return final({ kind: 'count', collection: this.collectionResource(state) });
        }
        if (state.kind === 'property' && state.property.collection) {
          throw this.error('TSG210', offset, '$count of a collection property is not supported');
        }
        throw this.error('TSG209', offset, '$count can only follow a collection');
      case '$value':
        if (state.kind === 'property' && !state.value) {
          if (state.property.collection) {
            throw this.error(
              'TSG209',
              offset,
              `$value cannot follow the collection property ${state.property.name}`,
            );
          }
          return { ...state, value: true };
        }
        if (state.kind === 'entity') {
          throw this.error(
            'TSG209',
            offset,
            `${state.description} is not a media entity, so it has no $value`,
          );
        }
        throw this.error('TSG209', offset, '$value can only follow a primitive property');
      case '$ref':
        throw this.error('TSG210', offset, 'entity references ($ref) are not supported');
      default:
        throw this.error('TSG210', offset, `${keyword} is not supported`);
    }
  }

  private afterCollection(
    state: CollectionState,
    segments: readonly PathSegmentSyntax[],
    index: number,
  ): { state: PathState; count: number } {
    const segment = segments[index];
    if (segment?.kind === 'name') {
      if (segment.qualified) {
        this.checkOwnCast(state.set, segment.name, segment.offset);
        return { state: this.keyed(state, segment.argumentLists, segment.offset), count: 1 };
      }
      if (segment.argumentLists.length > 0) {
        throw this.error(
          'TSG200',
          segment.offset,
          `${state.set.name} has no bound operation '${segment.name}' (this service defines no functions or actions)`,
          segment.name,
        );
      }
    }
    // Key-as-segment: one segment per key property not fixed by the navigation.
    const required = this.requiredKeyProperties(state);
    const values = new Map<string, Value>(state.implied);
    for (const [position, property] of required.entries()) {
      const keySegment = segments[index + position];
      if (keySegment === undefined) {
        throw this.error(
          'TSG206',
          segments[index]?.offset ?? 0,
          `${state.set.name} needs ${required.length} key segments (${required.map((item) => item.name).join(', ')})`,
        );
      }
      if (keySegment.kind !== 'name' && keySegment.kind !== 'text') {
        throw this.error('TSG206', keySegment.offset, `expected a key value of ${state.set.name}`);
      }
      const text = keySegment.kind === 'name' ? keySegment.text : keySegment.text;
      const value = tryParsePrimitiveValue(text, property.type);
      if (value === undefined) {
        throw this.error(
          'TSG206',
          keySegment.offset,
          `'${text}' is not a valid key value of ${state.set.name} (${property.name} is ${property.type}); properties can only follow a single entity`,
        );
      }
      values.set(property.name, value);
    }
    return {
      state: this.entityFrom(state, this.orderedKey(state.set, values), segment?.offset ?? 0),
      count: required.length,
    };
  }

  private afterEntity(state: EntityState, segment: PathSegmentSyntax): PathState {
    if (segment.kind !== 'name') {
      throw this.error(
        'TSG209',
        segment.offset,
        `${state.description} is a single entity; a key cannot follow it`,
      );
    }
    const type = state.entity.set.entityType;
    if (segment.qualified) {
      this.checkOwnCast(state.entity.set, segment.name, segment.offset);
      if (segment.argumentLists.length > 0) {
        throw this.error('TSG209', segment.offset, 'a key cannot follow a single entity');
      }
      return state;
    }
    if (!state.keyKnown) {
      throw this.error(
        'TSG210',
        segment.offset,
        `paths that continue after ${state.description} are not supported, because its key is not in the URL; address it by key instead`,
      );
    }
    const property = propertyNamed(type, segment.name);
    if (property !== undefined) {
      if (segment.argumentLists.length > 0) {
        throw this.error(
          'TSG209',
          segment.offset,
          `${property.name} is a property; it takes no parentheses`,
        );
      }
      return { kind: 'property', entity: state.entity, property, value: false };
    }
    const navigation = navigationNamed(type, segment.name);
    if (navigation === undefined) {
      const names = [
        ...type.properties.map((item) => item.name),
        ...type.navigationProperties.map((item) => item.name),
      ];
      const suggestion = suggestName(segment.name, names);
      throw this.error(
        'TSG200',
        segment.offset,
        `${type.name} has no property or navigation property '${segment.name}'${suggestion === undefined ? '' : `; did you mean '${suggestion}'?`}`,
        segment.name,
      );
    }
    return this.navigate(state.entity, navigation, segment.argumentLists, segment.offset);
  }

  private navigate(
    parent: EntityReference,
    navigation: NavigationPropertyModel,
    lists: readonly ArgumentListSyntax[],
    offset: number,
  ): PathState {
    const target = this.model.entitySets.get(navigation.targetSet);
    if (target === undefined) {
      throw this.error(
        'TSG200',
        offset,
        `the entity set ${navigation.targetSet} that ${navigation.name} leads to is not published`,
      );
    }
    const implied = this.impliedKey(parent, navigation, target);
    if (navigation.collection) {
      const collection: CollectionState = {
        kind: 'collection',
        set: target,
        parent,
        navigation,
        constraint: this.constraint(parent, navigation, target),
        implied,
        description: navigation.name,
      };
      return this.keyed(collection, lists, offset);
    }
    if (lists.length > 0) {
      throw this.error(
        'TSG209',
        lists[0]?.offset ?? offset,
        `${navigation.name} leads to a single entity; it takes no key`,
      );
    }
    const keyNames = target.entityType.key;
    const keyKnown = keyNames.every((name) => implied.has(name));
    const key = keyKnown ? this.orderedKey(target, implied) : new Map<string, Value>();
    return {
      kind: 'entity',
      entity: Object.freeze({ set: target, key }),
      via: Object.freeze({ parent, navigation }),
      keyKnown,
      description: navigation.name,
    };
  }

  /** Values of target properties fixed by the navigation's constraints and the parent's key. */
  private impliedKey(
    parent: EntityReference,
    navigation: NavigationPropertyModel,
    target: EntitySetModel,
  ): ReadonlyMap<string, Value> {
    const implied = new Map<string, Value>();
    for (const constraint of navigation.constraints) {
      if (!parent.key.has(constraint.property)) continue;
      const parentProperty = propertyNamed(parent.set.entityType, constraint.property);
      const targetProperty = propertyNamed(target.entityType, constraint.referencedProperty);
      if (parentProperty === undefined || targetProperty === undefined) continue;
      const value = convertValue(
        parent.key.get(constraint.property) ?? null,
        parentProperty.type,
        targetProperty.type,
      );
      if (value !== undefined) implied.set(targetProperty.name, value);
    }
    return implied;
  }

  /** `p1 eq v1 and p2 eq v2` over the target, when every constraint reads the parent's key. */
  private constraint(
    parent: EntityReference,
    navigation: NavigationPropertyModel,
    target: EntitySetModel,
  ): BoundExpression | undefined {
    if (navigation.constraints.length === 0) return undefined;
    let expression: BoundExpression | undefined;
    for (const constraint of navigation.constraints) {
      if (!parent.key.has(constraint.property)) return undefined;
      const parentProperty = propertyNamed(parent.set.entityType, constraint.property);
      const targetProperty = propertyNamed(target.entityType, constraint.referencedProperty);
      if (parentProperty === undefined || targetProperty === undefined) return undefined;
      const value = convertValue(
        parent.key.get(constraint.property) ?? null,
        parentProperty.type,
        targetProperty.type,
      );
      if (value === undefined) return undefined;
      const comparison: ComparisonNode = Object.freeze({
        kind: 'comparison',
        resultType: booleanType,
        operator: 'eq',
        left: Object.freeze({
          kind: 'property',
          resultType: Object.freeze({ type: targetProperty.type, collection: false }),
          variable: null,
          property: targetProperty,
        }),
        right: Object.freeze<LiteralNode>({
          kind: 'literal',
          resultType: Object.freeze({ type: targetProperty.type, collection: false }),
          value,
        }),
      });
      expression =
        expression === undefined
          ? comparison
          : Object.freeze({
              kind: 'logical',
              resultType: booleanType,
              operator: 'and',
              left: expression,
              right: comparison,
            });
    }
    return expression;
  }

  private requiredKeyProperties(state: CollectionState): PropertyModel[] {
    return state.set.entityType.key
      .filter((name) => !state.implied.has(name))
      .map((name) => {
        const property = propertyNamed(state.set.entityType, name);
        if (property === undefined) {
          throw new Error(`key property ${name} of ${state.set.name} is not a property`);
        }
        return property;
      });
  }

  private keyFromPredicate(state: CollectionState, list: ArgumentListSyntax): KeyValues {
    const set = state.set;
    const keyNames = set.entityType.key;
    const required = this.requiredKeyProperties(state);
    const values = new Map<string, Value>(state.implied);
    const items = list.items;
    if (items.length === 0) {
      throw this.error('TSG206', list.offset, `${set.name} needs a key value in the parentheses`);
    }
    const [only] = items;
    if (items.length === 1 && only !== undefined && only.name === undefined) {
      const property = required.length === 1 ? required[0] : undefined;
      if (property === undefined) {
        throw this.error(
          'TSG206',
          list.offset,
          `${set.name} has a key of ${keyNames.length} properties (${keyNames.join(', ')}); name them: ${set.name}(${keyNames.map((name) => `${name}=…`).join(',')})`,
        );
      }
      values.set(property.name, this.keyValue(property, only.value, set));
      return this.orderedKey(set, values);
    }
    const given = new Set<string>();
    for (const item of items) {
      const name = item.name;
      if (name === undefined) {
        throw this.error('TSG206', item.offset, 'name every value of a composite key (Name=value)');
      }
      const property = keyNames.includes(name) ? propertyNamed(set.entityType, name) : undefined;
      if (property === undefined) {
        const suggestion = suggestName(name, keyNames);
        throw this.error(
          'TSG206',
          item.offset,
          `'${name}' is not a key property of ${set.name} (key: ${keyNames.join(', ')})${suggestion === undefined ? '' : `; did you mean '${suggestion}'?`}`,
        );
      }
      if (given.has(name))
        throw this.error('TSG206', item.offset, `the key property ${name} is given twice`);
      given.add(name);
      values.set(name, this.keyValue(property, item.value, set));
    }
    const missing = required.filter((property) => !given.has(property.name));
    if (missing.length > 0) {
      throw this.error(
        'TSG206',
        list.offset,
        `the key of ${set.name} also needs ${missing.map((property) => property.name).join(', ')}`,
      );
    }
    return this.orderedKey(set, values);
  }

  private keyValue(property: PropertyModel, syntax: ExpressionSyntax, set: EntitySetModel): Value {
    const literal = this.literalOf(syntax);
    const value = literalValueAs(literal, property.type);
    if (value === undefined || value === null) {
      throw this.error(
        'TSG206',
        syntax.offset,
        `${literal.literalKind === 'null' ? 'null' : `the ${literal.literalKind} literal`} is not a valid key value of ${set.name}: ${property.name} is ${property.type}`,
      );
    }
    return value;
  }

  /** The literal a key value is, looking through a parameter alias. */
  private literalOf(syntax: ExpressionSyntax): LiteralSyntax {
    if (syntax.kind === 'literal') return syntax;
    const segment = syntax.kind === 'memberPath' ? syntax.segments[0] : undefined;
    if (segment?.kind === 'at' && !segment.qualified) {
      const found = this.aliases.find(segment.name);
      if (found === undefined) {
        throw this.error(
          'TSG106',
          segment.offset,
          `the query string does not define the parameter alias @${segment.name}`,
        );
      }
      if (found.alias.value.kind === 'literal') return found.alias.value;
      throw this.error(
        'TSG206',
        segment.offset,
        `the parameter alias @${segment.name} used as a key must be a literal`,
      );
    }
    throw this.error('TSG206', syntax.offset, 'a key value must be a literal or a parameter alias');
  }

  private orderedKey(set: EntitySetModel, values: ReadonlyMap<string, Value>): KeyValues {
    const ordered = new Map<string, Value>();
    for (const name of set.entityType.key) {
      if (values.has(name)) ordered.set(name, values.get(name) ?? null);
    }
    return ordered;
  }

  private checkOwnCast(set: EntitySetModel, name: string, offset: number): void {
    const ownType = `${this.model.namespace}.${set.entityType.name}`;
    if (name !== ownType) {
      throw this.error(
        'TSG200',
        offset,
        `${set.name} has no derived type or bound operation '${name}' (its type is ${ownType})`,
        name,
      );
    }
  }

  private collectionResource(state: CollectionState): CollectionResource {
    return Object.freeze({
      kind: 'collection',
      set: state.set,
      parent: state.parent,
      navigation: state.navigation,
      constraint: state.constraint,
    });
  }

  private resource(state: PathState): BoundResource {
    switch (state.kind) {
      case 'final':
        return state.resource;
      case 'collection':
        return this.collectionResource(state);
      case 'entity':
        return Object.freeze({ kind: 'entity', entity: state.entity, via: state.via });
      case 'property':
        return Object.freeze({
          kind: 'property',
          entity: state.entity,
          property: state.property,
          value: state.value,
        });
    }
  }

  private error(
    code: Parameters<typeof bindError>[0],
    offset: number,
    detail: string,
    target?: string,
  ) {
    return bindError(
      code,
      pathBindLocation,
      offset,
      detail,
      target === undefined ? {} : { target },
    );
  }
}

function final(resource: BoundResource): FinalState {
  return { kind: 'final', resource: Object.freeze(resource) };
}
