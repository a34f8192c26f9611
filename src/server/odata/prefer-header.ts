/**
 * The Prefer header (RFC 7240) as OData uses it: `odata.maxpagesize` / `maxpagesize`,
 * `return=minimal|representation`, `odata.continue-on-error` / `continue-on-error`,
 * `odata.include-annotations`. Unknown preferences are ignored, as the RFC requires.
 */

export interface Preferences {
  readonly maxPageSize: number | undefined;
  readonly return: 'minimal' | 'representation' | undefined;
  readonly continueOnError: boolean;
  readonly includeAnnotations: string | undefined;
}

export function parsePrefer(headerValues: string | readonly string[] | undefined): Preferences {
  let maxPageSize: number | undefined;
  let returnPreference: Preferences['return'];
  let continueOnError = false;
  let includeAnnotations: string | undefined;
  const texts =
    headerValues === undefined
      ? []
      : typeof headerValues === 'string'
        ? [headerValues]
        : headerValues;
  for (const text of texts) {
    for (const item of text.split(',')) {
      const [token = '', ...parameters] = item.split(';');
      const equals = token.indexOf('=');
      const name = (equals < 0 ? token : token.slice(0, equals)).trim().toLowerCase();
      const value =
        equals < 0
          ? undefined
          : token
              .slice(equals + 1)
              .trim()
              .replace(/^"(.*)"$/, '$1');
      void parameters;
      switch (name) {
        case 'odata.maxpagesize':
        case 'maxpagesize': {
          const size = Number(value);
          if (Number.isSafeInteger(size) && size > 0) maxPageSize = size;
          break;
        }
        case 'return':
          if (value === 'minimal' || value === 'representation') returnPreference = value;
          break;
        case 'odata.continue-on-error':
        case 'continue-on-error':
          continueOnError = value === undefined || value.toLowerCase() !== 'false';
          break;
        case 'odata.include-annotations':
        case 'include-annotations':
          includeAnnotations = value;
          break;
        default:
          break;
      }
    }
  }
  return { maxPageSize, return: returnPreference, continueOnError, includeAnnotations };
}
