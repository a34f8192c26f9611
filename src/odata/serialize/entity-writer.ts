/**
 * Compiles the JSON writer for the entities of one entity set under one $select/$expand
 * shape and representation. Everything that does not depend on the row (property name
 * keys, value writers, annotations) is prepared once; per row only values are written.
 *
 * Control information by metadata level (OData JSON Format 4.01 §4.5):
 * - none: no annotations at all;
 * - minimal: `@odata.etag` where the entity type has an ETag;
 * - full: also `@odata.type`, `@odata.id`, `@odata.editLink`, navigation links and the
 *   type of every property whose JSON value does not tell it.
 */
import type { Row } from '../../connectors/connector.js';
import type { EntitySetModel, EntityTypeModel, PropertyModel } from '../edm/service-model.js';
import type { EdmPrimitiveType } from '../edm/primitive-type.js';
import { formatEtag } from './etag.js';
import type { ExpandedValue } from '../execute/entity-batch.js';
import type { CollectionOptions, ExpandItem } from '../semantic/query.js';
import { compileJsonValueWriter, type JsonValueWriter } from './json-value-writer.js';
import type { Representation } from './representation.js';
import { compileKeyPredicate } from './url-literal.js';

export type EntityWriter = (row: Row, expanded: readonly ExpandedValue[] | undefined) => string;

/** Types whose JSON value alone does not tell the EDM type (they need `@odata.type` in full metadata). */
const selfDescribingTypes: ReadonlySet<EdmPrimitiveType> = new Set([
  'Edm.String',
  'Edm.Boolean',
  'Edm.Double',
]);

function selectedProperties(
  entityType: EntityTypeModel,
  options: CollectionOptions,
): readonly PropertyModel[] {
  return options.select ?? entityType.properties;
}

function typeAnnotation(property: PropertyModel): string | undefined {
  if (!property.collection && selfDescribingTypes.has(property.type)) return undefined;
  const shortName = property.type.slice('Edm.'.length);
  return property.collection ? `#Collection(${shortName})` : `#${shortName}`;
}

interface PropertyPart {
  readonly prefix: string;
  readonly columnIndex: number;
  readonly write: JsonValueWriter;
}

interface ExpandPart {
  readonly item: ExpandItem;
  readonly name: string;
  readonly writeRelated: EntityWriter;
}

export interface EntityWriterInput {
  readonly set: EntitySetModel;
  readonly options: CollectionOptions;
  readonly representation: Representation;
  /** Schema namespace that qualifies type names in `@odata.type`. */
  readonly namespace: string;
}

export function compileEntityWriter(input: EntityWriterInput): EntityWriter {
  const { set, options, representation, namespace } = input;
  const entityType = set.entityType;
  const full = representation.metadata === 'full';
  const withEtag = representation.metadata !== 'none' && entityType.etagProperty !== undefined;
  const etagProperty =
    entityType.etagProperty === undefined
      ? undefined
      : entityType.properties.find((property) => property.name === entityType.etagProperty);
  const keyPredicate = full ? compileKeyPredicate(entityType) : undefined;
  const typeName = JSON.stringify(`#${namespace}.${entityType.name}`);

  const parts: PropertyPart[] = selectedProperties(entityType, options).map((property) => {
    const annotation = full ? typeAnnotation(property) : undefined;
    const key = JSON.stringify(property.name);
    return {
      prefix:
        annotation === undefined
          ? `${key}:`
          : `${JSON.stringify(`${property.name}@odata.type`)}:${JSON.stringify(annotation)},${key}:`,
      columnIndex: property.columnIndex,
      write: compileJsonValueWriter(
        property.type,
        property.collection,
        representation.ieee754Compatible,
      ),
    };
  });

  const expandParts: ExpandPart[] = options.expand.map((item) => ({
    item,
    name: item.navigation.name,
    writeRelated: compileEntityWriter({
      set: item.target,
      options: item.options,
      representation,
      namespace,
    }),
  }));

  const navigationNames = full
    ? entityType.navigationProperties.map((navigation) => navigation.name)
    : [];

  return (row, expanded) => {
    let text = '{';
    let first = true;
    if (full && keyPredicate !== undefined) {
      const id = JSON.stringify(`${set.name}${keyPredicate(row)}`);
      text += `"@odata.type":${typeName},"@odata.id":${id},"@odata.editLink":${id}`;
      first = false;
    }
    if (withEtag && etagProperty !== undefined) {
      const etag = formatEtag(row[etagProperty.columnIndex] ?? null);
      if (etag !== undefined) {
        text += `${first ? '' : ','}"@odata.etag":${JSON.stringify(etag)}`;
        first = false;
      }
    }
    for (const part of parts) {
      text += first ? part.prefix : `,${part.prefix}`;
      text += part.write(row[part.columnIndex] ?? null);
      first = false;
    }
    if (full && keyPredicate !== undefined) {
      const base = `${set.name}${keyPredicate(row)}`;
      for (const name of navigationNames) {
        text += `${first ? '' : ','}${JSON.stringify(`${name}@odata.navigationLink`)}:${JSON.stringify(`${base}/${name}`)}`;
        first = false;
      }
    }
    for (let index = 0; index < expandParts.length; index++) {
      const part = expandParts[index] as ExpandPart;
      const value = expanded?.[index];
      text += first ? '' : ',';
      first = false;
      text += writeExpandedValue(part, value);
    }
    return `${text}}`;
  };
}

function writeExpandedValue(part: ExpandPart, value: ExpandedValue | undefined): string {
  const { item, name } = part;
  const countKey = JSON.stringify(`${name}@odata.count`);
  if (item.countOnly) return `${countKey}:${value?.count ?? 0}`;
  const rows = value?.rows ?? [];
  if (!item.navigation.collection) {
    const related = rows[0];
    return `${JSON.stringify(name)}:${related === undefined ? 'null' : part.writeRelated(related, value?.expanded?.[0])}`;
  }
  let text = '';
  if (item.options.count) text += `${countKey}:${value?.count ?? rows.length},`;
  text += `${JSON.stringify(name)}:[`;
  for (let index = 0; index < rows.length; index++) {
    if (index > 0) text += ',';
    text += part.writeRelated(rows[index] as Row, value?.expanded?.[index]);
  }
  return `${text}]`;
}

/** A single entity's JSON with `@odata.context` in front (none for odata.metadata=none). */
export function entityWithContext(entityJson: string, contextUrl: string | undefined): string {
  if (contextUrl === undefined) return entityJson;
  const context = `"@odata.context":${JSON.stringify(contextUrl)}`;
  return entityJson === '{}' ? `{${context}}` : `{${context},${entityJson.slice(1)}`;
}
