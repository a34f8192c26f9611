/**
 * Parses media types and Accept headers (RFC 9110 §12.5.1): type, subtype, parameters and
 * quality, ordered by preference. Parameter names are lower-cased, values unquoted.
 */

export interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly parameters: ReadonlyMap<string, string>;
  readonly quality: number;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    if (character === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  parts.push(current);
  return parts;
}

export function parseMediaType(text: string): MediaRange | undefined {
  const [essence = '', ...parameterTexts] = splitOutsideQuotes(text, ';');
  const match = /^\s*([a-z0-9!#$&^_.+*-]+)\/([a-z0-9!#$&^_.+*-]+)\s*$/i.exec(essence);
  if (match === null) return undefined;
  const parameters = new Map<string, string>();
  let quality = 1;
  for (const parameterText of parameterTexts) {
    const equals = parameterText.indexOf('=');
    if (equals < 0) continue;
    const name = parameterText.slice(0, equals).trim().toLowerCase();
    let value = parameterText.slice(equals + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2)
      value = value.slice(1, -1);
    if (name === 'q') {
      const parsed = Number(value);
      quality = Number.isFinite(parsed) ? Math.min(1, Math.max(0, parsed)) : 1;
    } else {
      parameters.set(name, value);
    }
  }
  return {
    type: (match[1] ?? '').toLowerCase(),
    subtype: (match[2] ?? '').toLowerCase(),
    parameters,
    quality,
  };
}

/** The ranges of an Accept header, most preferred first (quality, then specificity). */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (header === undefined || header.trim() === '') return [];
  const ranges = splitOutsideQuotes(header, ',')
    .map(parseMediaType)
    .filter((range): range is MediaRange => range !== undefined && range.quality > 0);
  const specificity = (range: MediaRange): number =>
    (range.type === '*' ? 0 : 2) +
    (range.subtype === '*' ? 0 : 1) +
    (range.parameters.size > 0 ? 1 : 0);
  return ranges
    .map((range, index) => ({ range, index }))
    .sort(
      (left, right) =>
        right.range.quality - left.range.quality ||
        specificity(right.range) - specificity(left.range) ||
        left.index - right.index,
    )
    .map(({ range }) => range);
}

export function rangeMatches(range: MediaRange, type: string, subtype: string): boolean {
  return (
    (range.type === '*' || range.type === type) &&
    (range.subtype === '*' || range.subtype === subtype)
  );
}
