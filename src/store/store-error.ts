/**
 * Turns database driver errors into catalogue errors: a unique-key violation is a
 * conflict (TSG502), a missing referenced row is "not found" (TSG501), an unreachable
 * server is "store unavailable" (TSG503). Messages never quote SQL parameters, so that a
 * value (which could be a secret) cannot leak through an error.
 */
import { TsunagiError, isTsunagiError } from '../errors/tsunagi-error.js';

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  '57P01', // admin shutdown
  '57P03', // cannot connect now
  '08000',
  '08001',
  '08003',
  '08006',
  '3D000', // database does not exist
  '28000', // invalid authorisation
  '28P01', // wrong password
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_FULL',
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'string' ? code : undefined;
}

export function translateStoreError(error: unknown, storeDescription: string): unknown {
  if (isTsunagiError(error)) return error;
  const code = errorCode(error);
  if (code === undefined) return error;
  if (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  ) {
    return new TsunagiError(
      'TSG502',
      'The change conflicts with an existing record: a name or key that must be unique is already taken.',
      { cause: error },
    );
  }
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new TsunagiError('TSG501', 'The change refers to a record that does not exist.', {
      cause: error,
    });
  }
  if (unavailableCodes.has(code)) {
    return new TsunagiError('TSG503', `The store (${storeDescription}) is unavailable (${code}).`, {
      cause: error,
    });
  }
  return error;
}
