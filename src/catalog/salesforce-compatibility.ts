/**
 * Salesforce compatibility: what Salesforce Connect's OData 4.0 adapter can map, applied
 * to a service model. Every string gets a MaxLength (Salesforce makes strings without one
 * Text(128) and truncates), Edm.TimeOfDay becomes a string of the same text (Salesforce
 * reports it unsupported), collection-valued properties are left out (Salesforce cannot
 * show or write them; the Kintone connector publishes multi-value fields as delimited
 * strings instead), and entity-set and property names are kept within Salesforce's
 * 40-character API-name limit. Keys are required already (the catalog never publishes a
 * set without one). Columns keep their ordinals, so rows need no conversion.
 */
import type {
  EntitySetModel,
  EntityTypeModel,
  NavigationPropertyModel,
  PropertyModel,
  ServiceModel,
} from '../odata/edm/service-model.js';
import { uniqueIdentifier } from './odata-identifier.js';

/** Salesforce's limit on external object and field API names. */
export const salesforceNameLimit = 40;

export interface SalesforceCompatibilityOptions {
  /** MaxLength given to strings that declare none (Salesforce: > 255 is a long text area). */
  readonly defaultStringMaxLength: number;
}

export const defaultSalesforceCompatibility: SalesforceCompatibilityOptions = {
  defaultStringMaxLength: 255,
};

function shortName(name: string, taken: Set<string>): string {
  const short =
    name.length <= salesforceNameLimit
      ? name
      : uniqueIdentifier(name.slice(0, salesforceNameLimit - 3), taken);
  taken.add(short);
  return short.slice(0, salesforceNameLimit);
}

function compatibleProperty(
  property: PropertyModel,
  name: string,
  options: SalesforceCompatibilityOptions,
): PropertyModel {
  if (property.type === 'Edm.TimeOfDay')
    return { ...property, name, type: 'Edm.String', maxLength: property.maxLength ?? 16 };
  if (property.type === 'Edm.String' && property.maxLength === undefined) {
    return { ...property, name, maxLength: options.defaultStringMaxLength };
  }
  return property.name === name ? property : { ...property, name };
}

export function salesforceCompatibleModel(
  model: ServiceModel,
  options: SalesforceCompatibilityOptions = defaultSalesforceCompatibility,
): ServiceModel {
  const setNames = new Map<string, string>();
  const takenSetNames = new Set<string>();
  for (const name of model.entitySets.keys()) setNames.set(name, shortName(name, takenSetNames));

  const propertyNames = new Map<string, Map<string, string>>();
  for (const set of model.entitySets.values()) {
    const taken = new Set<string>();
    const names = new Map<string, string>();
    for (const property of set.entityType.properties)
      names.set(property.name, shortName(property.name, taken));
    for (const navigation of set.entityType.navigationProperties)
      names.set(navigation.name, shortName(navigation.name, taken));
    propertyNames.set(set.name, names);
  }
  const renamed = (setName: string, name: string): string =>
    propertyNames.get(setName)?.get(name) ?? name;

  const entitySets = new Map<string, EntitySetModel>();
  for (const set of model.entitySets.values()) {
    const type = set.entityType;
    const kept = type.properties.filter((property) => !property.collection);
    const properties = kept.map((property) =>
      compatibleProperty(property, renamed(set.name, property.name), options),
    );
    const navigationProperties: NavigationPropertyModel[] = type.navigationProperties.map(
      (navigation) => ({
        ...navigation,
        name: renamed(set.name, navigation.name),
        targetSet: setNames.get(navigation.targetSet) ?? navigation.targetSet,
        targetType: setNames.get(navigation.targetType) ?? navigation.targetType,
        constraints: navigation.constraints.map((constraint) => ({
          property: renamed(set.name, constraint.property),
          referencedProperty: renamed(navigation.targetSet, constraint.referencedProperty),
        })),
        ...(navigation.partner === undefined
          ? {}
          : { partner: renamed(navigation.targetSet, navigation.partner) }),
      }),
    );
    const keptNames = new Set(kept.map((property) => property.name));
    const entityType: EntityTypeModel = {
      ...type,
      name: setNames.get(type.name) ?? type.name,
      key: type.key.map((name) => renamed(set.name, name)),
      properties,
      navigationProperties,
      ...(type.etagProperty === undefined
        ? {}
        : { etagProperty: renamed(set.name, type.etagProperty) }),
    };
    const name = setNames.get(set.name) ?? set.name;
    entitySets.set(name, {
      ...set,
      name,
      entityType,
      capabilities: {
        ...set.capabilities,
        nonFilterableProperties: set.capabilities.nonFilterableProperties
          .filter((property) => keptNames.has(property))
          .map((property) => renamed(set.name, property)),
        nonSortableProperties: set.capabilities.nonSortableProperties
          .filter((property) => keptNames.has(property))
          .map((property) => renamed(set.name, property)),
      },
    });
  }
  return { ...model, entitySets };
}
