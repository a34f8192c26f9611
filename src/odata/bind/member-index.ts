/**
 * Name lookups of properties and navigation properties, indexed once per entity type
 * (a Kintone app can publish hundreds of fields; the binder looks names up for every
 * path segment). The index lives as long as the entity type object does.
 */
import type {
  EntityTypeModel,
  NavigationPropertyModel,
  PropertyModel,
} from '../edm/service-model.js';

interface MemberIndex {
  readonly properties: ReadonlyMap<string, PropertyModel>;
  readonly navigations: ReadonlyMap<string, NavigationPropertyModel>;
}

const indexes = new WeakMap<EntityTypeModel, MemberIndex>();

function indexOf(type: EntityTypeModel): MemberIndex {
  let index = indexes.get(type);
  if (index === undefined) {
    index = {
      properties: new Map(type.properties.map((property) => [property.name, property])),
      navigations: new Map(
        type.navigationProperties.map((navigation) => [navigation.name, navigation]),
      ),
    };
    indexes.set(type, index);
  }
  return index;
}

export function propertyNamed(type: EntityTypeModel, name: string): PropertyModel | undefined {
  return indexOf(type).properties.get(name);
}

export function navigationNamed(
  type: EntityTypeModel,
  name: string,
): NavigationPropertyModel | undefined {
  return indexOf(type).navigations.get(name);
}
