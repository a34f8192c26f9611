/**
 * How the binder reports an error: a TsunagiError whose message starts with the
 * catalogue title and says where, in the words of the syntax errors:
 * `Unknown property at position 0 in $filter: Customer has no property 'Nme'; did you mean 'Name'?`
 * The position counts characters of the option value (or path) as sent; it is also in
 * `innererror.position`. The target is the query option (`$filter`) or, for the path, the
 * segment.
 */
import { errorCatalogue, type ErrorCode } from '../../errors/catalogue/index.js';
import { TsunagiError, type ErrorDetail } from '../../errors/tsunagi-error.js';

/** Where the bound text comes from. */
export interface BindLocation {
  /** The error target: `$filter`, `$orderby` ... or undefined for the path. */
  readonly target: string | undefined;
  /** How messages name the place: `$filter`, `$expand`, `@alias`, `the resource path`. */
  readonly label: string;
  /** Raw offset (in the path or query string) that positions are counted from. */
  readonly origin: number;
}

export const pathBindLocation: BindLocation = Object.freeze({
  target: undefined,
  label: 'the resource path',
  origin: 0,
});

export function bindError(
  code: ErrorCode,
  location: BindLocation,
  offset: number,
  detail: string,
  options: { readonly target?: string; readonly details?: readonly ErrorDetail[] } = {},
): TsunagiError {
  const position = Math.max(0, offset - location.origin);
  const title = errorCatalogue[code].title;
  const target = options.target ?? location.target;
  const end = detail.endsWith('?') || detail.endsWith('.') ? '' : '.';
  return new TsunagiError(
    code,
    `${title} at position ${position} in ${location.label}: ${detail}${end}`,
    {
      ...(target === undefined ? {} : { target }),
      ...(options.details === undefined ? {} : { details: options.details }),
      innerError: { position, offset },
    },
  );
}
