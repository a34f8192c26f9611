/**
 * XML escaping for CSDL XML: the one function that every attribute value and every text
 * node of $metadata goes through, so that names, descriptions and allowed values from a
 * source can never break the document.
 *
 * - `&`, `<`, `>` and `"` become entity references (attribute values are always written
 *   in double quotes).
 * - Tab, line feed and carriage return become character references, so that parsers do
 *   not normalise them to spaces in attribute values.
 * - Characters XML 1.0 cannot carry at all, even as references (other C0 controls,
 *   U+FFFE, U+FFFF, unpaired surrogates), become U+FFFD REPLACEMENT CHARACTER.
 * - Everything else, non-ASCII text included, is written as is (the document is UTF-8).
 */

const charactersToEscape =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[&<>"\t\n\r]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;

const replacements: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

function replacement(character: string): string {
  return replacements[character] ?? '\uFFFD';
}

/** A cheaper first look (no Unicode mode): most names and texts need no escaping at all. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const mayNeedEscaping = /[&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escapes text for use in an XML attribute value (in double quotes) or in a text node. */
export function escapeXml(text: string): string {
  if (!mayNeedEscaping.test(text)) return text;
  return text.replace(charactersToEscape, replacement);
}
