/**
 * OData identifiers: the CSDL rule for names administrators choose, and the derivation of
 * valid, Salesforce-friendly ASCII names from source names (letters, digits and
 * underscores, at most 128 characters; Salesforce keeps API names shorter still, see the
 * Salesforce compatibility mode).
 */

/**
 * OData SimpleIdentifier (CSDL): a letter or underscore, then letters, digits, underscores
 * and combining marks; at most 128 characters. Aliases chosen by administrators must be one.
 */
const simpleIdentifier = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]{0,127}$/u;

export function isODataIdentifier(text: string): boolean {
  return simpleIdentifier.test(text);
}

/**
 * An ASCII identifier derived from `text`: accents dropped, other characters replaced by
 * `_`, runs of `_` collapsed. Returns `undefined` when nothing usable remains (a name made
 * only of non-Latin characters), so that the caller can choose a fallback such as `App_12`.
 */
export function toODataIdentifier(text: string): string | undefined {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/[A-Za-z0-9]/.test(ascii)) return undefined;
  const start = /^[A-Za-z_]/.test(ascii) ? ascii : `_${ascii}`;
  return start.slice(0, 128);
}

/** Makes `name` unique among `taken` (case-insensitively) by appending _2, _3 ... */
export function uniqueIdentifier(name: string, taken: ReadonlySet<string>): string {
  const lowerTaken = new Set([...taken].map((item) => item.toLowerCase()));
  if (!lowerTaken.has(name.toLowerCase())) return name;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${name.slice(0, 120)}_${suffix}`;
    if (!lowerTaken.has(candidate.toLowerCase())) return candidate;
  }
}
