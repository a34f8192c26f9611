/**
 * Writes the service's metadata document as CSDL XML (`$metadata`, OData 4.0 and 4.01):
 * references to the vocabularies used, one schema in the model's namespace with the entity
 * types (keys, properties with facets, navigation properties with partners and referential
 * constraints) and the entity container (entity sets with navigation property bindings),
 * and the annotations decided by metadata-annotations.ts.
 *
 * A service without entity sets has no entity container (CSDL XML does not allow an empty
 * one). Every attribute value and text node goes through `escapeXml`. The output is indented
 * with two spaces, one element per line, and deterministic (see metadata-document.ts).
 */
import type { ServiceModel } from '../edm/service-model.js';
import { qualifiedTerm, type Annotation, type AnnotationValue } from './annotation.js';
import { defaultValueLiteral } from './default-value.js';
import { escapeXml } from './escape-xml.js';
import {
  buildMetadataDocument,
  type EntitySetEntry,
  type EntityTypeEntry,
  type NavigationEntry,
  type PropertyEntry,
} from './metadata-document.js';
import type { MetadataOptions } from './metadata-options.js';

const edmxNamespace = 'http://docs.oasis-open.org/odata/ns/edmx';
const edmNamespace = 'http://docs.oasis-open.org/odata/ns/edm';

/** Attributes in writing order; undefined values are left out. */
type Attributes = readonly (readonly [name: string, value: string | undefined])[];

const indentation = Array.from({ length: 12 }, (_, depth) => '  '.repeat(depth));

function indent(depth: number): string {
  return indentation[depth] ?? '  '.repeat(depth);
}

/** Collects the document line by line (one growing string: cheaper than joining lines). */
class XmlLines {
  private document = '';

  private tag(depth: number, name: string, attributes: Attributes, end: string): void {
    let text = `${indent(depth)}<${name}`;
    for (const [attribute, value] of attributes) {
      if (value !== undefined) text += ` ${attribute}="${escapeXml(value)}"`;
    }
    this.document += `${text}${end}\n`;
  }

  raw(text: string): void {
    this.document += `${text}\n`;
  }

  open(depth: number, name: string, attributes: Attributes = []): void {
    this.tag(depth, name, attributes, '>');
  }

  empty(depth: number, name: string, attributes: Attributes = []): void {
    this.tag(depth, name, attributes, '/>');
  }

  close(depth: number, name: string): void {
    this.document += `${indent(depth)}</${name}>\n`;
  }

  text(depth: number, name: string, content: string): void {
    this.document += `${indent(depth)}<${name}>${escapeXml(content)}</${name}>\n`;
  }

  toString(): string {
    return this.document;
  }
}

/** The attribute notation of a value, when it has one (constants and paths). */
function inlineExpression(value: AnnotationValue): readonly [string, string] | undefined {
  switch (value.kind) {
    case 'bool':
      return ['Bool', String(value.value)];
    case 'string':
      return ['String', value.value];
    case 'enumMember':
      return ['EnumMember', `${value.enumType}/${value.member}`];
    case 'propertyPath':
      return ['PropertyPath', value.path];
    case 'collection':
    case 'record':
      return undefined;
    default: {
      const unknownValue: never = value;
      return unknownValue;
    }
  }
}

/** The element notation of a value. */
function writeExpression(out: XmlLines, depth: number, value: AnnotationValue): void {
  switch (value.kind) {
    case 'bool':
      out.text(depth, 'Bool', String(value.value));
      return;
    case 'string':
      out.text(depth, 'String', value.value);
      return;
    case 'enumMember':
      out.text(depth, 'EnumMember', `${value.enumType}/${value.member}`);
      return;
    case 'propertyPath':
      out.text(depth, 'PropertyPath', value.path);
      return;
    case 'collection':
      if (value.items.length === 0) {
        out.empty(depth, 'Collection');
        return;
      }
      out.open(depth, 'Collection');
      for (const item of value.items) writeExpression(out, depth + 1, item);
      out.close(depth, 'Collection');
      return;
    case 'record':
      if (value.properties.length === 0) {
        out.empty(depth, 'Record');
        return;
      }
      out.open(depth, 'Record');
      for (const property of value.properties) {
        const inline = inlineExpression(property.value);
        if (inline !== undefined) {
          out.empty(depth + 1, 'PropertyValue', [['Property', property.name], inline]);
        } else {
          out.open(depth + 1, 'PropertyValue', [['Property', property.name]]);
          writeExpression(out, depth + 2, property.value);
          out.close(depth + 1, 'PropertyValue');
        }
      }
      out.close(depth, 'Record');
      return;
    default: {
      const unknownValue: never = value;
      return unknownValue;
    }
  }
}

function writeAnnotations(out: XmlLines, depth: number, annotations: readonly Annotation[]): void {
  for (const annotation of annotations) {
    const term: readonly [string, string] = ['Term', qualifiedTerm(annotation)];
    const inline = inlineExpression(annotation.value);
    if (inline !== undefined) {
      out.empty(depth, 'Annotation', [term, inline]);
    } else {
      out.open(depth, 'Annotation', [term]);
      writeExpression(out, depth + 1, annotation.value);
      out.close(depth, 'Annotation');
    }
  }
}

function writeProperty(out: XmlLines, depth: number, entry: PropertyEntry): void {
  const property = entry.property;
  const attributes: Attributes = [
    ['Name', property.name],
    ['Type', property.collection ? `Collection(${property.type})` : property.type],
    // Collection-valued: Nullable is about the items, and 4.01 wants it stated.
    [
      'Nullable',
      property.collection ? String(property.nullable) : property.nullable ? undefined : 'false',
    ],
    ['MaxLength', property.maxLength === undefined ? undefined : String(property.maxLength)],
    ['Precision', property.precision === undefined ? undefined : String(property.precision)],
    ['Scale', entry.scale === undefined ? undefined : String(entry.scale)],
    ['DefaultValue', defaultValueLiteral(property)],
  ];
  if (entry.annotations.length === 0) {
    out.empty(depth, 'Property', attributes);
    return;
  }
  out.open(depth, 'Property', attributes);
  writeAnnotations(out, depth + 1, entry.annotations);
  out.close(depth, 'Property');
}

function writeNavigationProperty(out: XmlLines, depth: number, entry: NavigationEntry): void {
  const navigation = entry.navigation;
  const attributes: Attributes = [
    ['Name', navigation.name],
    ['Type', navigation.collection ? `Collection(${entry.targetTypeName})` : entry.targetTypeName],
    // Nullable is for single-valued navigation only; a collection is never null.
    ['Nullable', navigation.collection || navigation.nullable ? undefined : 'false'],
    ['Partner', navigation.partner],
  ];
  if (entry.constraints.length === 0) {
    out.empty(depth, 'NavigationProperty', attributes);
    return;
  }
  out.open(depth, 'NavigationProperty', attributes);
  for (const constraint of entry.constraints) {
    out.empty(depth + 1, 'ReferentialConstraint', [
      ['Property', constraint.property],
      ['ReferencedProperty', constraint.referencedProperty],
    ]);
  }
  out.close(depth, 'NavigationProperty');
}

function writeEntityType(out: XmlLines, depth: number, entry: EntityTypeEntry): void {
  out.open(depth, 'EntityType', [['Name', entry.type.name]]);
  out.open(depth + 1, 'Key');
  for (const name of entry.type.key) out.empty(depth + 2, 'PropertyRef', [['Name', name]]);
  out.close(depth + 1, 'Key');
  for (const property of entry.properties) writeProperty(out, depth + 1, property);
  for (const navigation of entry.navigationProperties) {
    writeNavigationProperty(out, depth + 1, navigation);
  }
  writeAnnotations(out, depth + 1, entry.annotations);
  out.close(depth, 'EntityType');
}

function writeEntitySet(out: XmlLines, depth: number, entry: EntitySetEntry): void {
  const attributes: Attributes = [
    ['Name', entry.set.name],
    ['EntityType', entry.typeName],
  ];
  if (entry.bindings.length === 0 && entry.annotations.length === 0) {
    out.empty(depth, 'EntitySet', attributes);
    return;
  }
  out.open(depth, 'EntitySet', attributes);
  for (const binding of entry.bindings) {
    out.empty(depth + 1, 'NavigationPropertyBinding', [
      ['Path', binding.path],
      ['Target', binding.target],
    ]);
  }
  writeAnnotations(out, depth + 1, entry.annotations);
  out.close(depth, 'EntitySet');
}

/** The CSDL XML metadata document of the service. Pure: cache the result per model. */
export function renderCsdlXml(model: ServiceModel, options: MetadataOptions): string {
  const document = buildMetadataDocument(model);
  const out = new XmlLines();
  out.raw('<?xml version="1.0" encoding="utf-8"?>');
  out.open(0, 'edmx:Edmx', [
    ['xmlns:edmx', edmxNamespace],
    ['xmlns', edmNamespace],
    ['Version', options.version],
  ]);
  for (const vocabulary of document.vocabularies) {
    out.open(1, 'edmx:Reference', [['Uri', vocabulary.xmlUri]]);
    out.empty(2, 'edmx:Include', [
      ['Namespace', vocabulary.namespace],
      ['Alias', vocabulary.alias],
    ]);
    out.close(1, 'edmx:Reference');
  }
  out.open(1, 'edmx:DataServices');
  if (document.entitySets.length === 0) {
    out.empty(2, 'Schema', [['Namespace', document.namespace]]);
  } else {
    out.open(2, 'Schema', [['Namespace', document.namespace]]);
    for (const entry of document.entityTypes) writeEntityType(out, 3, entry);
    out.open(3, 'EntityContainer', [['Name', document.containerName]]);
    // The container's own annotations first, then its entity sets.
    writeAnnotations(out, 4, document.containerAnnotations);
    for (const entry of document.entitySets) writeEntitySet(out, 4, entry);
    out.close(3, 'EntityContainer');
    out.close(2, 'Schema');
  }
  out.close(1, 'edmx:DataServices');
  out.close(0, 'edmx:Edmx');
  return out.toString();
}
