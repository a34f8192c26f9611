/**
 * How the parser reports a syntax error: a TsunagiError whose message says where parsing
 * stopped, counted in characters of the option value (or path) as the client sent it,
 * what was expected and what was found, e.g.
 * `Syntax error at position 14 in $filter: expected ')' but found 'eq'.`
 * The position also goes to `innererror.position`; `innererror.offset` is the same place
 * counted from the start of the path or query string.
 */
import type { ErrorCode } from '../../errors/catalogue/index.js';
import { TsunagiError } from '../../errors/tsunagi-error.js';

/** Where the text being parsed sits in the request, for error messages. */
export interface ErrorLocation {
  /** Catalogue code for syntax errors here (TSG100 path, TSG101 $filter, TSG102 options ...). */
  readonly code: ErrorCode;
  /** The error's `target`: the query option name (`$filter`) or undefined for the path. */
  readonly target: string | undefined;
  /** How the message names the place: `$filter`, `the resource path` ... */
  readonly label: string;
  /** Raw offset, within the path or query string, where positions are counted from. */
  readonly origin: number;
}

export function syntaxError(
  location: ErrorLocation,
  offset: number,
  problem: string,
): TsunagiError {
  const position = Math.max(0, offset - location.origin);
  return new TsunagiError(
    location.code,
    `Syntax error at position ${position} in ${location.label}: ${problem}.`,
    {
      ...(location.target === undefined ? {} : { target: location.target }),
      innerError: { position, offset },
    },
  );
}

/** Describes the text at `index` for "but found ..." (a word, one character, or the end). */
export function describeFound(text: string, index: number, end: number): string {
  if (index >= end) return 'the end of the input';
  const code = text.charCodeAt(index);
  if (code === 0x20) return 'a space';
  if (code === 0x09) return 'a tab';
  if (isWordCharacter(code)) {
    let stop = index + 1;
    while (stop < end && stop - index < 40 && isWordCharacter(text.charCodeAt(stop))) stop++;
    return `'${text.slice(index, stop)}'`;
  }
  const character = String.fromCodePoint(text.codePointAt(index) ?? code);
  const hint =
    character === '+' ? " ('+' is a plus sign in OData URLs; encode a space as %20)" : '';
  return `'${character}'${hint}`;
}

function isWordCharacter(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f ||
    code === 0x24 ||
    code > 0x7f
  );
}
