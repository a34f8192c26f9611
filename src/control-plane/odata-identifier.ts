/**
 * OData SimpleIdentifier (CSDL): a letter or underscore, then letters, digits,
 * underscores and combining marks; at most 128 characters. Entity-set and property
 * aliases must be one.
 */
const simpleIdentifier = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]{0,127}$/u;

export function isODataIdentifier(text: string): boolean {
  return simpleIdentifier.test(text);
}
