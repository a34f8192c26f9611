/**
 * The bound request: what the URL addresses (resource) and the query options that apply
 * to it, resolved against the service model. The binder produces it from the syntax tree;
 * the planner consumes it. A navigation path such as `Orders(5)/Items` is already turned
 * into a collection of the target set restricted by the referential constraints, plus the
 * parent entity whose existence must be checked.
 */
import type {
  EntitySetModel,
  NavigationPropertyModel,
  PropertyModel,
} from '../edm/service-model.js';
import type { Value } from '../edm/primitive-type.js';
import type { BoundExpression } from './expression.js';
import type { OrderByItem } from './order-by.js';
import type { SearchExpression } from './search.js';

/** Key values of one entity, by key property name, in key order. */
export type KeyValues = ReadonlyMap<string, Value>;

/** An entity addressed by key: `Set(5)`, `Set(A='x',B=2)`, `Set/5`. */
export interface EntityReference {
  readonly set: EntitySetModel;
  readonly key: KeyValues;
}

/** Options that shape a collection (or, partly, a single entity). */
export interface CollectionOptions {
  /** Properties to return; `undefined` means every (non-navigation) property. */
  readonly select: readonly PropertyModel[] | undefined;
  readonly filter: BoundExpression | undefined;
  readonly search: SearchExpression | undefined;
  readonly orderBy: readonly OrderByItem[];
  readonly top: number | undefined;
  readonly skip: number | undefined;
  readonly count: boolean;
  readonly expand: readonly ExpandItem[];
}

export interface ExpandItem {
  readonly navigation: NavigationPropertyModel;
  readonly target: EntitySetModel;
  /** Nested options ($select, $filter, $orderby, $top, $skip, $count, $expand). */
  readonly options: CollectionOptions;
  /** `$expand=Nav/$count`: only the number of related entities. */
  readonly countOnly: boolean;
}

/**
 * A collection of entities of `set`. `parent` is set when the collection was reached by
 * navigation (`Orders(5)/Items`): the parent must exist, and `constraint` (already part of
 * what the planner filters on) restricts the rows to its related ones.
 */
export interface CollectionResource {
  readonly kind: 'collection';
  readonly set: EntitySetModel;
  readonly parent: EntityReference | undefined;
  readonly navigation: NavigationPropertyModel | undefined;
  /** Restriction implied by the path (e.g. `ParentId eq 5`), or undefined. */
  readonly constraint: BoundExpression | undefined;
}

export interface EntityResource {
  readonly kind: 'entity';
  readonly entity: EntityReference;
  /** Set when reached through a single-valued navigation rather than a key. */
  readonly via:
    { readonly parent: EntityReference; readonly navigation: NavigationPropertyModel } | undefined;
}

export type BoundResource =
  | { readonly kind: 'serviceDocument' }
  | { readonly kind: 'metadata' }
  | { readonly kind: 'batch' }
  | CollectionResource
  | EntityResource
  /** `.../$count` on a collection. */
  | { readonly kind: 'count'; readonly collection: CollectionResource }
  /** `Set(5)/Name` (`value: false`) or `Set(5)/Name/$value` (`value: true`). */
  | {
      readonly kind: 'property';
      readonly entity: EntityReference;
      readonly property: PropertyModel;
      readonly value: boolean;
    };

/** Representation options that do not change which rows are returned. */
export interface FormatOptions {
  /** `$format`, if given (e.g. "json", "application/json;odata.metadata=full", "xml"). */
  readonly format: string | undefined;
  /** `$skiptoken`, verbatim, if given. */
  readonly skipToken: string | undefined;
}

export interface BoundRequest {
  readonly resource: BoundResource;
  readonly options: CollectionOptions;
  readonly format: FormatOptions;
}
