/**
 * Edm.Guid values, held as lower-case text "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx":
 * validation, normalisation and case-insensitive comparison without allocating.
 */

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuidText(text: string): boolean {
  return guidPattern.test(text);
}

/** The lower-case form of a GUID text, or undefined when it is not one. */
export function normalizeGuid(text: string): string | undefined {
  return guidPattern.test(text) ? text.toLowerCase() : undefined;
}

function lowerAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** Orders two GUID texts ignoring ASCII case. */
export function compareGuids(left: string, right: string): number {
  if (left === right) return 0;
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const leftCode = lowerAscii(left.charCodeAt(index));
    const rightCode = lowerAscii(right.charCodeAt(index));
    if (leftCode !== rightCode) return leftCode < rightCode ? -1 : 1;
  }
  return left.length === right.length ? 0 : left.length < right.length ? -1 : 1;
}
