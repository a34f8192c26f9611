/**
 * Identifies "the same query" for paging: the resource path and every query option except
 * `$skiptoken` (and representation-only `$format`), in a canonical order. A skip token is
 * only valid with the fingerprint it was signed with.
 */
import { createHash } from 'node:crypto';

function isOptionIgnoredForPaging(name: string): boolean {
  const bare = name.startsWith('$') ? name.slice(1) : name;
  const lower = bare.toLowerCase();
  return lower === 'skiptoken' || lower === 'format';
}

/** Splits a raw query string into [name, rawValue] pairs, without decoding. */
export function splitQueryString(query: string): [string, string][] {
  if (query === '') return [];
  return query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const equals = part.indexOf('=');
      return equals < 0 ? [part, ''] : [part.slice(0, equals), part.slice(equals + 1)];
    });
}

function decodedName(rawName: string): string {
  try {
    return decodeURIComponent(rawName);
  } catch {
    return rawName;
  }
}

export function queryFingerprint(path: string, query: string): string {
  const parts = splitQueryString(query)
    .filter(([name]) => !isOptionIgnoredForPaging(decodedName(name)))
    .map(([name, value]) => `${name}=${value}`)
    .sort();
  return createHash('sha256').update(path).update('?').update(parts.join('&')).digest('base64url');
}

/** The query string of the next page: the original options with `$skiptoken` replaced. */
export function nextPageQuery(query: string, token: string): string {
  const kept = splitQueryString(query).filter(([name]) => {
    const bare = decodedName(name).replace(/^\$/, '').toLowerCase();
    return bare !== 'skiptoken';
  });
  kept.push(['$skiptoken', encodeURIComponent(token)]);
  return kept.map(([name, value]) => `${name}=${value}`).join('&');
}
