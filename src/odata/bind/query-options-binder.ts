/**
 * Binds the query options that shape a collection ($select, $filter, $search, $orderby,
 * $top, $skip, $count, $expand with its nested options) against an entity set.
 *
 * - $select resolves to the selected PropertyModels in the order first named; `*` (or no
 *   $select) gives undefined. Key properties are not added: the planner and serializer
 *   add what they need. Navigation properties named in $select are accepted and add
 *   nothing (they only matter for navigation links in full metadata); `Namespace.*`
 *   (operations) likewise.
 * - $expand items resolve to navigation properties with their own options, bound against
 *   the target set; `*` expands every navigation property (explicit items win);
 *   `Nav/$count` gives `countOnly`. Inside nested options `$it` is the outer resource,
 *   which bound expressions cannot reach (TSG210); `$this` and plain names work.
 * - Not implemented (TSG210): $compute, $apply, $index, $levels, $deltatoken,
 *   $schemaversion, nested options in $select, `$expand=Nav/$ref`, `$expand=$value`,
 *   annotations.
 */
import type { ErrorCode } from '../../errors/catalogue/index.js';
import type { TsunagiError } from '../../errors/tsunagi-error.js';
import {
  type EntitySetModel,
  type EntityTypeModel,
  type NavigationPropertyModel,
  type PropertyModel,
  type ServiceModel,
} from '../edm/service-model.js';
import type { OrderByItem } from '../semantic/order-by.js';
import type { CollectionOptions, ExpandItem } from '../semantic/query.js';
import type {
  AliasSyntax,
  ExpandItemSyntax,
  OptionSyntax,
  OrderByItemSyntax,
  PathNameSyntax,
  QueryOptionsSyntax,
  SelectItemSyntax,
} from '../syntax/query-option-syntax.js';
import { navigationNamed, propertyNamed } from './member-index.js';
import { bindError, type BindLocation } from './bind-error.js';
import { AliasScope, ExpressionBinder } from './expression-binder.js';
import { suggestName } from './name-suggestion.js';
import { describeType } from './type-rules.js';

/** Where a set of options is bound. */
export interface OptionsBindingContext {
  readonly model: ServiceModel;
  readonly aliases: AliasScope;
  /**
   * Set for options nested in $expand: the location of the top-level option they are
   * part of (errors point into it), and `$it` is out of reach.
   */
  readonly nestedIn: BindLocation | undefined;
}

export const defaultCollectionOptions: CollectionOptions = Object.freeze({
  select: undefined,
  filter: undefined,
  search: undefined,
  orderBy: Object.freeze([]),
  top: undefined,
  skip: undefined,
  count: false,
  expand: Object.freeze([]),
});

/** Location for errors in a top-level option's value. */
export function optionLocation(option: OptionSyntax<unknown>): BindLocation {
  return { target: option.canonicalName, label: option.canonicalName, origin: option.valueOffset };
}

/** Aliases of a query string (or nested options), errors pointing into their values. */
export function aliasScope(
  aliases: ReadonlyMap<string, AliasSyntax>,
  parent?: AliasScope,
): AliasScope {
  return new AliasScope(
    aliases,
    (alias) => ({ target: `@${alias.name}`, label: `@${alias.name}`, origin: alias.valueOffset }),
    parent,
  );
}

export function bindCollectionOptions(
  options: QueryOptionsSyntax,
  set: EntitySetModel,
  context: OptionsBindingContext,
): CollectionOptions {
  rejectNotImplemented(options, context);
  const type = set.entityType;
  const location = (option: OptionSyntax<unknown>): BindLocation =>
    context.nestedIn ?? optionLocation(option);
  const expressionBinder = (option: OptionSyntax<unknown>): ExpressionBinder =>
    new ExpressionBinder({
      model: context.model,
      entityType: type,
      location: location(option),
      aliases: context.aliases,
      itIsInScope: context.nestedIn === undefined,
    });
  const filter =
    options.filter === undefined
      ? undefined
      : expressionBinder(options.filter).bindPredicate(options.filter.value, '$filter');
  const orderBy =
    options.orderBy === undefined
      ? defaultCollectionOptions.orderBy
      : bindOrderBy(
          options.orderBy.value,
          expressionBinder(options.orderBy),
          location(options.orderBy),
        );
  const select =
    options.select === undefined
      ? undefined
      : bindSelect(options.select.value, type, context.model, location(options.select));
  const expand =
    options.expand === undefined
      ? defaultCollectionOptions.expand
      : bindExpand(options.expand.value, type, context, location(options.expand));
  return Object.freeze({
    select,
    filter,
    search: options.search?.value,
    orderBy,
    top: options.top?.value,
    skip: options.skip?.value,
    count: options.count?.value ?? false,
    expand,
  });
}

function rejectNotImplemented(options: QueryOptionsSyntax, context: OptionsBindingContext): void {
  const unsupported: readonly (OptionSyntax<unknown> | undefined)[] = [
    options.compute,
    options.apply,
    options.index,
    options.levels,
    options.deltaToken,
    options.schemaVersion,
  ];
  for (const option of unsupported) {
    if (option === undefined) continue;
    const location = context.nestedIn ?? optionLocation(option);
    throw bindError(
      'TSG210',
      location,
      option.nameOffset,
      `${option.canonicalName} is not supported`,
      {
        target: option.canonicalName,
      },
    );
  }
}

function bindOrderBy(
  items: readonly OrderByItemSyntax[],
  binder: ExpressionBinder,
  location: BindLocation,
): readonly OrderByItem[] {
  return Object.freeze(
    items.map((item) => {
      const expression = binder.bindSingleValue(item.expression, 'an $orderby expression');
      if (expression.resultType.collection) {
        throw bindError(
          'TSG203',
          location,
          item.offset,
          `cannot sort by ${describeType(expression.resultType)}; $orderby needs a single value`,
        );
      }
      return Object.freeze({ expression, direction: item.direction });
    }),
  );
}

/** Skips a leading cast to the set's own type (`Tsunagi.Customer/Name`). */
function withoutOwnCast(
  path: readonly PathNameSyntax[],
  type: EntityTypeModel,
  model: ServiceModel,
  location: BindLocation,
  code: ErrorCode,
): readonly PathNameSyntax[] {
  const first = path[0];
  if (first === undefined || first.kind !== 'name' || !first.qualified) return path;
  const ownType = `${model.namespace}.${type.name}`;
  if (first.name !== ownType) {
    throw bindError(
      code,
      location,
      first.offset,
      `${type.name} has no derived type or operation ${first.name}`,
    );
  }
  return path.slice(1);
}

function bindSelect(
  items: readonly SelectItemSyntax[],
  type: EntityTypeModel,
  model: ServiceModel,
  location: BindLocation,
): readonly PropertyModel[] | undefined {
  const selected: PropertyModel[] = [];
  let all = false;
  for (const item of items) {
    if (item.kind === 'selectAll') {
      all = true;
      continue;
    }
    if (item.kind === 'selectAllOperations') continue;
    const path = withoutOwnCast(item.path, type, model, location, 'TSG202');
    const first = path[0];
    if (first === undefined) {
      throw bindError('TSG202', location, item.offset, `select a property after the type cast`);
    }
    if (first.kind === 'annotation') {
      throw bindError('TSG210', location, first.offset, 'selecting annotations is not supported');
    }
    const property = propertyNamed(type, first.name);
    const navigation = property === undefined ? navigationNamed(type, first.name) : undefined;
    if (property === undefined && navigation === undefined) {
      throw unknownMember('TSG202', type, first.name, first.offset, location);
    }
    const second = path[1];
    if (second !== undefined) {
      throw bindError(
        'TSG202',
        location,
        second.offset,
        navigation === undefined
          ? `${first.name} is a primitive property; it has no member '${second.name}'`
          : `${first.name} is a navigation property; select its properties with $expand=${first.name}($select=${second.name})`,
      );
    }
    if (item.options !== undefined) {
      throw bindError(
        'TSG210',
        location,
        item.offset,
        `nested options in $select are not supported`,
      );
    }
    if (item.parameterNames !== undefined) {
      throw bindError('TSG202', location, item.offset, `${first.name} is not a function`);
    }
    if (property !== undefined && !selected.includes(property)) selected.push(property);
  }
  return all ? undefined : Object.freeze(selected);
}

function bindExpand(
  items: readonly ExpandItemSyntax[],
  type: EntityTypeModel,
  context: OptionsBindingContext,
  location: BindLocation,
): readonly ExpandItem[] {
  const explicit = new Map<string, ExpandItem>();
  let star = false;
  for (const item of items) {
    if (item.kind === 'expandValue') {
      throw bindError(
        'TSG210',
        location,
        item.offset,
        'expanding the media stream ($value) is not supported',
      );
    }
    if (item.star) {
      if (item.path.length > 0) {
        throw bindError(
          'TSG208',
          location,
          item.offset,
          `${item.path.map((name) => name.name).join('/')} has no navigation properties to expand with *`,
        );
      }
      if (item.suffix !== 'none' || item.options !== undefined) {
        throw bindError(
          'TSG210',
          location,
          item.offset,
          '* with /$ref or $levels is not supported',
        );
      }
      star = true;
      continue;
    }
    const path = withoutOwnCast(item.path, type, context.model, location, 'TSG208');
    const first = path[0];
    if (first === undefined) {
      throw bindError(
        'TSG208',
        location,
        item.offset,
        'name a navigation property after the type cast',
      );
    }
    if (first.kind === 'annotation') {
      throw bindError('TSG210', location, first.offset, 'expanding annotations is not supported');
    }
    const navigation = navigationNamed(type, first.name);
    if (navigation === undefined) {
      if (propertyNamed(type, first.name) !== undefined) {
        throw bindError(
          'TSG208',
          location,
          first.offset,
          `${first.name} is a property, not a navigation property`,
        );
      }
      throw unknownMember('TSG208', type, first.name, first.offset, location, 'navigation');
    }
    const second = path[1];
    if (second !== undefined) {
      throw bindError(
        'TSG210',
        location,
        second.offset,
        `casts after a navigation property in $expand are not supported`,
      );
    }
    if (item.suffix === '$ref') {
      throw bindError(
        'TSG210',
        location,
        item.offset,
        'expanding references ($ref) is not supported',
      );
    }
    if (explicit.has(navigation.name)) {
      throw bindError(
        'TSG102',
        location,
        first.offset,
        `${navigation.name} is expanded more than once`,
      );
    }
    explicit.set(
      navigation.name,
      expandItem(
        navigation,
        item.options,
        item.suffix === '$count',
        context,
        location,
        first.offset,
      ),
    );
  }
  if (!star) return Object.freeze([...explicit.values()]);
  const result: ExpandItem[] = [];
  for (const navigation of type.navigationProperties) {
    result.push(
      explicit.get(navigation.name) ??
        expandItem(navigation, undefined, false, context, location, 0),
    );
  }
  return Object.freeze(result);
}

function expandItem(
  navigation: NavigationPropertyModel,
  options: QueryOptionsSyntax | undefined,
  countOnly: boolean,
  context: OptionsBindingContext,
  location: BindLocation,
  offset: number,
): ExpandItem {
  const target = context.model.entitySets.get(navigation.targetSet);
  if (target === undefined) {
    throw bindError(
      'TSG200',
      location,
      offset,
      `the entity set ${navigation.targetSet} that ${navigation.name} leads to is not published`,
    );
  }
  const nestedOptions =
    options === undefined
      ? defaultCollectionOptions
      : bindCollectionOptions(options, target, {
          model: context.model,
          aliases: aliasScope(options.aliases, context.aliases),
          nestedIn: location,
        });
  return Object.freeze({ navigation, target, options: nestedOptions, countOnly });
}

function unknownMember(
  code: ErrorCode,
  type: EntityTypeModel,
  name: string,
  offset: number,
  location: BindLocation,
  kind: 'property' | 'navigation' = 'property',
): TsunagiError {
  const candidates =
    kind === 'navigation'
      ? type.navigationProperties.map((navigation) => navigation.name)
      : [
          ...type.properties.map((property) => property.name),
          ...type.navigationProperties.map((navigation) => navigation.name),
        ];
  const suggestion = suggestName(name, candidates);
  const what = kind === 'navigation' ? 'navigation property' : 'property';
  return bindError(
    code,
    location,
    offset,
    `${type.name} has no ${what} '${name}'${suggestion === undefined ? '' : `; did you mean '${suggestion}'?`}`,
    suggestion === undefined
      ? {}
      : { details: [{ code, message: `Did you mean '${suggestion}'?`, target: name }] },
  );
}
