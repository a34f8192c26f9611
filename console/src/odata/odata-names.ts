/**
 * OData names as the gateway accepts them: identifiers of letters, digits and
 * underscores starting with a letter or underscore (at most 128), and a suggestion made
 * from a table's label when its default name is taken.
 */
const identifier = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]{0,127}$/u;

export function isODataIdentifier(text: string): boolean {
  return identifier.test(text);
}

/** A valid identifier made from any text ("Customer list (2024)" → "Customer_list_2024"). */
export function toODataIdentifier(text: string): string {
  const cleaned = text
    .normalize('NFKC')
    .replace(/[^\p{L}\p{Nd}_]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_+/g, '_');
  if (cleaned === '') return 'Table';
  const start = /^[\p{L}_]/u.test(cleaned) ? cleaned : `T_${cleaned}`;
  return start.slice(0, 128);
}
