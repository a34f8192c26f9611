/**
 * Stateless, signed `$skiptoken`s. A token carries the position of the next page (the
 * number of rows before it and the order-key values of the last row delivered, for keyset
 * seeking) and what remains of `$top`; an HMAC-SHA256 tag over the token and the query it
 * belongs to makes it unforgeable and unusable with another query. Any gateway node that
 * shares the paging secret can serve the next page.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Value } from '../edm/primitive-type.js';
import { TsunagiError } from '../../errors/tsunagi-error.js';

export interface PagePosition {
  /** Rows of the whole ordered result that come before the next page. */
  readonly rowsBefore: number;
  /** Values of the order keys of the last row delivered (keyset seek), if known. */
  readonly after: readonly Value[] | undefined;
  /** What remains of the client's $top, if it gave one. */
  readonly remainingTop: number | undefined;
}

type EncodedValue =
  null | boolean | number | string | { n: string } | { b: string } | { d: string };

function encodeValue(value: Value): EncodedValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : { d: String(value) };
  if (typeof value === 'bigint') return { n: value.toString() };
  if (value instanceof Uint8Array) return { b: Buffer.from(value).toString('base64url') };
  throw new TypeError('collections cannot be order keys');
}

function decodeValue(encoded: unknown): Value {
  if (encoded === null || typeof encoded === 'boolean' || typeof encoded === 'string')
    return encoded;
  if (typeof encoded === 'number') return encoded;
  if (typeof encoded === 'object') {
    const record = encoded as Record<string, unknown>;
    if (typeof record['n'] === 'string' && /^-?\d+$/.test(record['n'])) return BigInt(record['n']);
    if (typeof record['b'] === 'string')
      return new Uint8Array(Buffer.from(record['b'], 'base64url'));
    if (record['d'] === 'NaN') return Number.NaN;
    if (record['d'] === 'Infinity') return Number.POSITIVE_INFINITY;
    if (record['d'] === '-Infinity') return Number.NEGATIVE_INFINITY;
  }
  throw new Error('bad value');
}

function tag(secret: string, payload: string, fingerprint: string): Buffer {
  return createHmac('sha256', secret)
    .update(payload)
    .update('\n')
    .update(fingerprint)
    .digest()
    .subarray(0, 16);
}

function invalidToken(): TsunagiError {
  return new TsunagiError(
    'TSG105',
    'The $skiptoken is not valid for this request. Follow @odata.nextLink exactly as the service returned it.',
    { target: '$skiptoken' },
  );
}

/** Encodes a position for the query identified by `fingerprint`. */
export function encodeSkipToken(
  position: PagePosition,
  fingerprint: string,
  secret: string,
): string {
  const body: Record<string, unknown> = { r: position.rowsBefore };
  if (position.after !== undefined) body['k'] = position.after.map(encodeValue);
  if (position.remainingTop !== undefined) body['t'] = position.remainingTop;
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${tag(secret, payload, fingerprint).toString('base64url')}`;
}

/** Decodes and verifies a token; TSG105 when it was not issued for this query. */
export function decodeSkipToken(token: string, fingerprint: string, secret: string): PagePosition {
  const separator = token.indexOf('.');
  if (separator <= 0 || token.length > 16_384) throw invalidToken();
  const payload = token.slice(0, separator);
  // Compare the text of the tag: decoding would ignore characters appended to it.
  const given = Buffer.from(token.slice(separator + 1));
  const expected = Buffer.from(tag(secret, payload, fingerprint).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidToken();
  try {
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const rowsBefore = body['r'];
    const remainingTop = body['t'];
    const after = body['k'];
    if (typeof rowsBefore !== 'number' || !Number.isSafeInteger(rowsBefore) || rowsBefore < 0)
      throw invalidToken();
    if (
      remainingTop !== undefined &&
      (typeof remainingTop !== 'number' || !Number.isSafeInteger(remainingTop) || remainingTop < 0)
    ) {
      throw invalidToken();
    }
    if (after !== undefined && !Array.isArray(after)) throw invalidToken();
    return {
      rowsBefore,
      remainingTop: remainingTop,
      after: after === undefined ? undefined : (after as unknown[]).map(decodeValue),
    };
  } catch (error) {
    if (error instanceof TsunagiError) throw error;
    throw invalidToken();
  }
}
