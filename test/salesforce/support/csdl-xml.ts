/**
 * Reads what Salesforce's "Validate and Sync" reads from a CSDL XML `$metadata` document:
 * the version, entity types with their keys and properties (type, MaxLength, Nullable,
 * Core.Computed), complex types and the entity sets of the container. A small reader for
 * the well-formed documents the gateway writes, not a general XML parser.
 */

export interface CsdlProperty {
  readonly name: string;
  readonly type: string;
  readonly maxLength: number | undefined;
  readonly nullable: boolean;
  readonly computed: boolean;
}

export interface CsdlEntityType {
  readonly name: string;
  readonly key: readonly string[];
  readonly properties: readonly CsdlProperty[];
  readonly navigationProperties: readonly { readonly name: string; readonly type: string }[];
}

export interface CsdlDocument {
  readonly version: string;
  readonly namespace: string;
  readonly entityTypes: ReadonlyMap<string, CsdlEntityType>;
  readonly complexTypeCount: number;
  /** Entity set name → entity type name (without namespace), in document order. */
  readonly entitySets: ReadonlyMap<string, string>;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([A-Za-z_:][\w:.-]*)="([^"]*)"/g)) {
    const [, name, value] = match;
    if (name !== undefined && value !== undefined) found.set(name, unescapeXml(value));
  }
  return found;
}

function required(values: Map<string, string>, name: string, where: string): string {
  const value = values.get(name);
  if (value === undefined) throw new Error(`${where} has no ${name} attribute`);
  return value;
}

/** `<Property …/>` or `<Property …>…</Property>`, with what is inside. */
function elements(text: string, name: string): { tag: string; body: string }[] {
  const pattern = new RegExp(`<${name}\\b([^>]*?)(/>|>([\\s\\S]*?)</${name}>)`, 'g');
  return [...text.matchAll(pattern)].map((match) => ({
    tag: match[1] ?? '',
    body: match[3] ?? '',
  }));
}

export function parseCsdlXml(xml: string): CsdlDocument {
  const edmx = /<edmx:Edmx\b([^>]*)>/.exec(xml);
  if (edmx === null) throw new Error('not a CSDL XML document: no edmx:Edmx element');
  const version = required(attributes(edmx[1] ?? ''), 'Version', 'edmx:Edmx');
  const schema = /<Schema\b([^>]*)>/.exec(xml);
  const namespace = required(attributes(schema?.[1] ?? ''), 'Namespace', 'Schema');

  const entityTypes = new Map<string, CsdlEntityType>();
  for (const element of elements(xml, 'EntityType')) {
    const name = required(attributes(element.tag), 'Name', 'EntityType');
    const key = elements(element.body, 'PropertyRef').map((reference) =>
      required(attributes(reference.tag), 'Name', `PropertyRef of ${name}`),
    );
    const properties = elements(element.body, 'Property').map((property): CsdlProperty => {
      const values = attributes(property.tag);
      const maxLength = values.get('MaxLength');
      return {
        name: required(values, 'Name', `a Property of ${name}`),
        type: required(values, 'Type', `a Property of ${name}`),
        maxLength: maxLength === undefined || maxLength === 'max' ? undefined : Number(maxLength),
        nullable: values.get('Nullable') !== 'false',
        computed: /<Annotation Term="Core\.Computed"(?! Bool="false")/.test(property.body),
      };
    });
    const navigationProperties = elements(element.body, 'NavigationProperty').map((navigation) => {
      const values = attributes(navigation.tag);
      return {
        name: required(values, 'Name', `a NavigationProperty of ${name}`),
        type: required(values, 'Type', `a NavigationProperty of ${name}`),
      };
    });
    entityTypes.set(name, { name, key, properties, navigationProperties });
  }

  const entitySets = new Map<string, string>();
  for (const element of elements(xml, 'EntitySet')) {
    const values = attributes(element.tag);
    const type = required(values, 'EntityType', 'EntitySet');
    entitySets.set(
      required(values, 'Name', 'EntitySet'),
      type.startsWith(`${namespace}.`) ? type.slice(namespace.length + 1) : type,
    );
  }
  return {
    version,
    namespace,
    entityTypes,
    complexTypeCount: elements(xml, 'ComplexType').length,
    entitySets,
  };
}

/** The entity type of a set; throws when the document has no such set. */
export function entityTypeOf(document: CsdlDocument, set: string): CsdlEntityType {
  const typeName = document.entitySets.get(set);
  const type = typeName === undefined ? undefined : document.entityTypes.get(typeName);
  if (type === undefined) throw new Error(`$metadata has no entity set ${set}`);
  return type;
}
