/**
 * Converts a JSON value from a request body into the EDM value representation of its
 * property (../edm/primitive-type.ts), checking type, range, format and facets. Returns
 * the value, or a message that says in plain words what is wrong.
 */
import type { EdmPrimitiveType, PrimitiveValue, Value } from '../edm/primitive-type.js';
import type { PropertyModel } from '../edm/service-model.js';

export type Conversion =
  { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly message: string };

const integerRanges: Partial<Record<EdmPrimitiveType, readonly [number, number]>> = {
  'Edm.Byte': [0, 255],
  'Edm.SByte': [-128, 127],
  'Edm.Int16': [-32_768, 32_767],
  'Edm.Int32': [-2_147_483_648, 2_147_483_647],
};

const datePattern = /^(-?\d{4,})-(\d{2})-(\d{2})$/;
const dateTimePattern =
  /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,12})?)?(Z|[+-]\d{2}:\d{2})$/;
const timePattern = /^(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,12})?)?$/;
const durationPattern = /^-?P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const guidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const decimalPattern = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
const base64Pattern = /^[A-Za-z0-9+/_-]*={0,2}$/;

function fail(message: string): Conversion {
  return { ok: false, message };
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** Canonical decimal text ("012.50" → "12.5", "1e2" → "100"), or undefined when not a decimal. */
export function canonicalDecimal(text: string): string | undefined {
  const match = decimalPattern.exec(text.trim());
  if (match === null) return undefined;
  const sign = match[1] === '-' ? '-' : '';
  let digits = (match[2] ?? '') + (match[3] ?? '');
  let pointPosition = (match[2] ?? '').length + Number(match[4] ?? '0');
  if (pointPosition < 0) {
    digits = '0'.repeat(-pointPosition) + digits;
    pointPosition = 0;
  }
  if (pointPosition > digits.length) digits += '0'.repeat(pointPosition - digits.length);
  const integer = digits.slice(0, pointPosition).replace(/^0+(?=\d)/, '') || '0';
  const fraction = digits.slice(pointPosition).replace(/0+$/, '');
  const result = fraction === '' ? integer : `${integer}.${fraction}`;
  return result === '0' ? '0' : `${sign}${result}`;
}

function checkDecimalFacets(text: string, property: PropertyModel): string | undefined {
  const unsigned = text.replace(/^-/, '');
  const [integer = '', fraction = ''] = unsigned.split('.');
  const scale = typeof property.scale === 'number' ? property.scale : undefined;
  if (scale !== undefined && fraction.length > scale) {
    return `has ${fraction.length} decimal places; at most ${scale} are allowed`;
  }
  if (property.precision !== undefined) {
    const significant = (integer === '0' ? '' : integer).length + (scale ?? fraction.length);
    if (significant > property.precision)
      return `has more than ${property.precision} significant digits`;
  }
  return undefined;
}

function convertPrimitive(json: unknown, property: PropertyModel): Conversion {
  const type = property.type;
  const describe = (expected: string): Conversion =>
    fail(
      `must be ${expected}, not ${json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json === 'string' ? `"${json.length > 40 ? `${json.slice(0, 40)}…` : json}"` : JSON.stringify(json)}`,
    );
  switch (type) {
    case 'Edm.String': {
      if (typeof json !== 'string') return describe('a string');
      if (property.maxLength !== undefined && [...json].length > property.maxLength) {
        return fail(
          `is ${[...json].length} characters long; at most ${property.maxLength} are allowed`,
        );
      }
      if (
        property.allowedValues !== undefined &&
        json !== '' &&
        !property.allowedValues.includes(json)
      ) {
        return fail(
          `must be one of ${property.allowedValues.map((value) => `"${value}"`).join(', ')}`,
        );
      }
      return { ok: true, value: json };
    }
    case 'Edm.Boolean':
      return typeof json === 'boolean' ? { ok: true, value: json } : describe('true or false');
    case 'Edm.Byte':
    case 'Edm.SByte':
    case 'Edm.Int16':
    case 'Edm.Int32': {
      const [minimum, maximum] = integerRanges[type] ?? [0, 0];
      const number = typeof json === 'string' && /^-?\d+$/.test(json) ? Number(json) : json;
      if (typeof number !== 'number' || !Number.isInteger(number)) return describe('an integer');
      if (number < minimum || number > maximum)
        return fail(`must be between ${minimum} and ${maximum}`);
      return { ok: true, value: number };
    }
    case 'Edm.Int64': {
      if (typeof json === 'number') {
        if (Number.isSafeInteger(json)) return { ok: true, value: json };
        return describe(
          Number.isInteger(json)
            ? 'an integer (send values beyond ±2^53 as strings)'
            : 'an integer',
        );
      }
      if (typeof json === 'string' && /^-?\d{1,19}$/.test(json)) {
        const big = BigInt(json);
        if (big > 9_223_372_036_854_775_807n || big < -9_223_372_036_854_775_808n)
          return fail('is out of the Int64 range');
        const small = Number(big);
        return { ok: true, value: Number.isSafeInteger(small) ? small : big };
      }
      return describe('an integer');
    }
    case 'Edm.Decimal': {
      const text =
        typeof json === 'number' && Number.isFinite(json)
          ? String(json)
          : typeof json === 'string'
            ? json
            : undefined;
      const canonical = text === undefined ? undefined : canonicalDecimal(text);
      if (canonical === undefined) return describe('a decimal number');
      const facetProblem = checkDecimalFacets(canonical, property);
      return facetProblem === undefined ? { ok: true, value: canonical } : fail(facetProblem);
    }
    case 'Edm.Double':
    case 'Edm.Single': {
      if (typeof json === 'number') return { ok: true, value: json };
      if (json === 'NaN') return { ok: true, value: Number.NaN };
      if (json === 'INF') return { ok: true, value: Number.POSITIVE_INFINITY };
      if (json === '-INF') return { ok: true, value: Number.NEGATIVE_INFINITY };
      if (typeof json === 'string' && json.trim() !== '' && Number.isFinite(Number(json)))
        return { ok: true, value: Number(json) };
      return describe('a number');
    }
    case 'Edm.Date': {
      const match = typeof json === 'string' ? datePattern.exec(json) : null;
      if (match === null || !validDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
        return describe('a date (YYYY-MM-DD)');
      }
      return { ok: true, value: json as string };
    }
    case 'Edm.DateTimeOffset': {
      const match = typeof json === 'string' ? dateTimePattern.exec(json) : null;
      if (
        match === null ||
        !validDate(Number(match[1]), Number(match[2]), Number(match[3])) ||
        Number(match[4]) > 23 ||
        Number(match[5]) > 59 ||
        Number(match[6] ?? '0') > 59
      ) {
        return describe('a date and time with an offset (YYYY-MM-DDThh:mm:ssZ)');
      }
      return { ok: true, value: json as string };
    }
    case 'Edm.TimeOfDay': {
      const match = typeof json === 'string' ? timePattern.exec(json) : null;
      if (
        match === null ||
        Number(match[1]) > 23 ||
        Number(match[2]) > 59 ||
        Number(match[3] ?? '0') > 59
      ) {
        return describe('a time of day (hh:mm:ss)');
      }
      return {
        ok: true,
        value: match[3] === undefined ? `${json as string}:00` : (json as string),
      };
    }
    case 'Edm.Duration':
      return typeof json === 'string' && durationPattern.test(json)
        ? { ok: true, value: json }
        : describe('an ISO 8601 duration (e.g. P1DT2H)');
    case 'Edm.Guid':
      return typeof json === 'string' && guidPattern.test(json)
        ? { ok: true, value: json.toLowerCase() }
        : describe('a GUID');
    case 'Edm.Binary': {
      if (typeof json !== 'string' || !base64Pattern.test(json))
        return describe('base64url-encoded binary');
      const bytes = Buffer.from(json.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
      return { ok: true, value: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    }
  }
}

/** Converts the JSON value of `property`; null is checked against nullability. */
export function jsonToValue(json: unknown, property: PropertyModel): Conversion {
  if (json === null) {
    if (property.collection) return fail('must be an array (use [] for no values), not null');
    return property.nullable ? { ok: true, value: null } : fail('cannot be null');
  }
  if (!property.collection) return convertPrimitive(json, property);
  if (!Array.isArray(json)) return fail('must be an array');
  const values: PrimitiveValue[] = [];
  for (const [index, element] of (json as unknown[]).entries()) {
    if (element === null) return fail(`element ${index} cannot be null`);
    const converted = convertPrimitive(element, property);
    if (!converted.ok) return fail(`element ${index} ${converted.message}`);
    values.push(converted.value as PrimitiveValue);
  }
  return { ok: true, value: values };
}
