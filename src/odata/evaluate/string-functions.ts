/**
 * The string and collection functions of OData 4.01 (§5.1.1.5), on JavaScript values.
 *
 * Strings are measured in Unicode code points ("characters" in the spec): a character
 * outside the Basic Multilingual Plane (an emoji, a rare CJK ideograph), which JavaScript
 * stores as two UTF-16 code units, counts as one for `length`, `indexof` and `substring`.
 * This matches PostgreSQL and most languages other than JavaScript, Java and .NET.
 *
 * `substring(s, start, length)` follows OData 4.01: a negative start counts from the end
 * (`substring(s, -n, m)` is `substring(s, length(s) - n, m)`), a start past the end gives
 * "", a length past the end takes what is there; the characters taken are those at
 * positions [start, start + length) that exist. A negative length is an error (the caller
 * raises it).
 */
import type { PrimitiveValue } from '../edm/primitive-type.js';

const surrogatePattern = /[\uD800-\uDFFF]/;

function hasSurrogates(text: string): boolean {
  return surrogatePattern.test(text);
}

/** Number of code points. */
export function codePointLength(text: string): number {
  if (!hasSurrogates(text)) return text.length;
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    count++;
  }
  return count;
}

/** UTF-16 index of the code point at `codePointIndex` (clamped to the string). */
function codeUnitIndex(text: string, codePointIndex: number): number {
  let units = 0;
  let points = 0;
  while (points < codePointIndex && units < text.length) {
    const code = text.charCodeAt(units);
    units +=
      code >= 0xd800 &&
      code <= 0xdbff &&
      units + 1 < text.length &&
      isLowSurrogateAt(text, units + 1)
        ? 2
        : 1;
    points++;
  }
  return units;
}

function isLowSurrogateAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Zero-based code-point index of the first occurrence of `search`, or -1. */
export function codePointIndexOf(text: string, search: string): number {
  const index = text.indexOf(search);
  if (index <= 0 || !hasSurrogates(text)) return index;
  return codePointLength(text.slice(0, index));
}

/** OData `substring` on code points; `length` undefined means "to the end". */
export function codePointSubstring(text: string, start: number, length?: number): string {
  const simple = !hasSurrogates(text);
  const total = simple ? text.length : codePointLength(text);
  const [from, to] = substringBounds(total, start, length);
  if (from >= to) return '';
  if (simple) return text.slice(from, to);
  const fromUnit = codeUnitIndex(text, from);
  return text.slice(fromUnit, fromUnit + codeUnitIndex(text.slice(fromUnit), to - from));
}

/** [from, to) clamped to [0, total], for `substring` on strings and collections. */
export function substringBounds(total: number, start: number, length?: number): [number, number] {
  const first = start < 0 ? total + start : start;
  const end = length === undefined ? total : first + length;
  return [Math.min(Math.max(first, 0), total), Math.min(Math.max(end, 0), total)];
}

export type ElementEquality = (left: PrimitiveValue, right: PrimitiveValue) => boolean;

/** Index of the first contiguous occurrence of `search` in `items`, or -1. */
export function collectionIndexOf(
  items: readonly PrimitiveValue[],
  search: readonly PrimitiveValue[],
  equal: ElementEquality,
): number {
  outer: for (let start = 0; start + search.length <= items.length; start++) {
    for (let offset = 0; offset < search.length; offset++) {
      const item = items[start + offset];
      const wanted = search[offset];
      if (item === undefined || wanted === undefined || !equal(item, wanted)) continue outer;
    }
    return start;
  }
  return -1;
}

export function collectionStartsWith(
  items: readonly PrimitiveValue[],
  prefix: readonly PrimitiveValue[],
  equal: ElementEquality,
): boolean {
  if (prefix.length > items.length) return false;
  return prefix.every((wanted, index) => {
    const item = items[index];
    return item !== undefined && equal(item, wanted);
  });
}

export function collectionEndsWith(
  items: readonly PrimitiveValue[],
  suffix: readonly PrimitiveValue[],
  equal: ElementEquality,
): boolean {
  const offset = items.length - suffix.length;
  if (offset < 0) return false;
  return suffix.every((wanted, index) => {
    const item = items[offset + index];
    return item !== undefined && equal(item, wanted);
  });
}

/** `hassubset`: every element of `subset` occurs in `items` (as many times as in `subset`). */
export function collectionHasSubset(
  items: readonly PrimitiveValue[],
  subset: readonly PrimitiveValue[],
  equal: ElementEquality,
): boolean {
  const used = new Array<boolean>(items.length).fill(false);
  for (const wanted of subset) {
    let found = false;
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      if (!used[index] && item !== undefined && equal(item, wanted)) {
        used[index] = true;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

/** `hassubsequence`: the elements of `sequence` occur in `items` in the same order. */
export function collectionHasSubsequence(
  items: readonly PrimitiveValue[],
  sequence: readonly PrimitiveValue[],
  equal: ElementEquality,
): boolean {
  let position = 0;
  for (const wanted of sequence) {
    let found = false;
    while (position < items.length) {
      const item = items[position];
      position++;
      if (item !== undefined && equal(item, wanted)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}
