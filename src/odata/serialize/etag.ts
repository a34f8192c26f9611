/**
 * Entity tags: formatting a row's version value as a weak ETag (`W/"3"`, special
 * characters percent-encoded) and reading the If-Match / If-None-Match headers back into
 * version values. Comparison is by the opaque value, whether the client sent the tag weak
 * or strong (OData clients echo what they received).
 */
import type { Value } from '../edm/primitive-type.js';

export function formatEtag(value: Value): string | undefined {
  if (value === null || Array.isArray(value)) return undefined;
  let text = '';
  for (const character of String(value)) {
    const code = character.charCodeAt(0);
    text +=
      code < 0x20 || code === 0x7f || character === '"' || character === '\\' || character === '%'
        ? encodeURIComponent(character)
        : character;
  }
  return `W/"${text}"`;
}

/** The parsed value of If-Match / If-None-Match: any entity (`*`) or a list of version values. */
export type EntityTagCondition =
  { readonly any: true } | { readonly any: false; readonly values: readonly string[] };

export function parseEntityTags(header: string | undefined): EntityTagCondition | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (header.trim() === '*') return { any: true };
  const values: string[] = [];
  for (const match of header.matchAll(/(?:W\/)?"([^"]*)"/g)) {
    try {
      values.push(decodeURIComponent(match[1] ?? ''));
    } catch {
      values.push(match[1] ?? '');
    }
  }
  return { any: false, values };
}

/** Whether the condition matches an entity whose version value is `value` (undefined: no entity). */
export function entityTagMatches(condition: EntityTagCondition, value: Value | undefined): boolean {
  if (value === undefined) return false;
  if (condition.any) return true;
  return value !== null && condition.values.includes(String(value));
}
