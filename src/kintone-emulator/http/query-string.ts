/**
 * Parses a URL query string the way Kintone reads GET and DELETE parameters (facts sheet
 * §1): `+` is a space, percent-encoding (also of the brackets) is decoded, and bracketed
 * keys build arrays and objects: `fields[0]=a&fields[1]=b`, `ids[]=1`, `updateKey[field]=x`.
 */

type Container = Record<string, unknown>;

function decode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

function keyPath(key: string): string[] {
  const first = key.indexOf('[');
  if (first <= 0) return [key];
  const path = [key.slice(0, first)];
  const pattern = /\[([^\]]*)\]/g;
  pattern.lastIndex = first;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(key)) !== null) path.push(match[1] ?? '');
  return path;
}

/** Turns objects whose keys are all array indices into arrays, recursively. */
function arraysFromIndices(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const container = value as Container;
  const keys = Object.keys(container);
  for (const key of keys) container[key] = arraysFromIndices(container[key]);
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((index) => container[String(index)]);
  }
  return container;
}

export function parseQueryString(query: string): Record<string, unknown> {
  const root: Container = {};
  if (query === '') return root;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = decode(equals < 0 ? pair : pair.slice(0, equals));
    const value = equals < 0 ? '' : decode(pair.slice(equals + 1));
    const path = keyPath(key);
    let container = root;
    for (let index = 0; index < path.length; index++) {
      let segment = path[index] ?? '';
      const last = index === path.length - 1;
      if (segment === '') segment = String(Object.keys(container).length);
      if (last) {
        container[segment] = value;
        break;
      }
      const next = container[segment];
      if (typeof next === 'object' && next !== null) container = next as Container;
      else {
        const created: Container = {};
        container[segment] = created;
        container = created;
      }
    }
  }
  return arraysFromIndices(root) as Record<string, unknown>;
}
