/**
 * Asserts that a call of the official client fails with a KintoneRestAPIError of the
 * expected status and code, and returns the error for further checks.
 */
import { KintoneRestAPIError } from '@kintone/rest-api-client';
import { expect } from 'vitest';

export async function expectKintoneError(
  promise: Promise<unknown>,
  status: number,
  code: string,
): Promise<KintoneRestAPIError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KintoneRestAPIError);
  const kintoneError = error as KintoneRestAPIError;
  expect({ status: kintoneError.status, code: kintoneError.code }).toEqual({ status, code });
  return kintoneError;
}

/** `expect.stringMatching` typed as unknown (for use inside expected objects). */
export function matching(pattern: RegExp): unknown {
  return expect.stringMatching(pattern) as unknown;
}

/** `expect.anything()` typed as unknown. */
export function present(): unknown {
  return expect.anything() as unknown;
}
