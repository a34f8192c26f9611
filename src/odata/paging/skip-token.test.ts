import { describe, expect, it } from 'vitest';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import { decodeSkipToken, encodeSkipToken } from './skip-token.js';
import { nextPageQuery, queryFingerprint } from './query-fingerprint.js';

const secret = 'test-secret';

describe('skip tokens', () => {
  it('round-trips a position with keyset values of every kind', () => {
    const position = {
      rowsBefore: 2000,
      remainingTop: 17,
      after: [
        "O'Neil",
        42,
        12345678901234567890n,
        null,
        true,
        Number.NaN,
        new Uint8Array([1, 2, 255]),
      ],
    };
    const fingerprint = queryFingerprint('/Customers', '$orderby=Name&$top=2017');
    const token = encodeSkipToken(position, fingerprint, secret);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const decoded = decodeSkipToken(token, fingerprint, secret);
    expect(decoded.rowsBefore).toBe(2000);
    expect(decoded.remainingTop).toBe(17);
    expect(decoded.after?.slice(0, 5)).toEqual(["O'Neil", 42, 12345678901234567890n, null, true]);
    expect(Number.isNaN(decoded.after?.[5])).toBe(true);
    expect(decoded.after?.[6]).toEqual(new Uint8Array([1, 2, 255]));
  });

  it('refuses a token used with another query, a forged token and garbage', () => {
    const token = encodeSkipToken(
      { rowsBefore: 10, after: [5], remainingTop: undefined },
      'query-a',
      secret,
    );
    const attempts = [
      () => decodeSkipToken(token, 'query-b', secret),
      () => decodeSkipToken(token, 'query-a', 'other-secret'),
      () =>
        decodeSkipToken(
          `${Buffer.from('{"r":0}').toString('base64url')}.${token.split('.')[1]}`,
          'query-a',
          secret,
        ),
      () => decodeSkipToken('10447', 'query-a', secret),
      () => decodeSkipToken('.', 'query-a', secret),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrowError(TsunagiError);
      try {
        attempt();
      } catch (error) {
        expect((error as TsunagiError).code).toBe('TSG105');
        expect((error as TsunagiError).status).toBe(400);
      }
    }
  });

  it('fingerprints ignore $skiptoken, $format and option order, but not the filter', () => {
    const base = queryFingerprint('/Orders', '$filter=Amount%20gt%205&$top=10');
    expect(
      queryFingerprint('/Orders', '$top=10&$filter=Amount%20gt%205&$skiptoken=abc&$format=json'),
    ).toBe(base);
    expect(queryFingerprint('/Orders', '$top=10&$filter=Amount%20gt%206')).not.toBe(base);
    expect(queryFingerprint('/Customers', '$filter=Amount%20gt%205&$top=10')).not.toBe(base);
  });

  it('builds the next page query by replacing the skip token', () => {
    expect(nextPageQuery('$count=true&$skiptoken=old&$top=301', 'new.tok')).toBe(
      '$count=true&$top=301&$skiptoken=new.tok',
    );
    expect(nextPageQuery('', 'a.b')).toBe('$skiptoken=a.b');
  });
});
