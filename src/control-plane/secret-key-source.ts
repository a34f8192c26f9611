/**
 * Where the master key comes from: TSUNAGI_SECRET_KEY (base64 of 32 bytes) when set;
 * otherwise the file `secret.key` in the data directory, created on first start with
 * mode 0600 (exclusive create, so two processes starting together agree on one key). A
 * key file that others can read is refused, like ssh does.
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TsunagiError } from '../errors/tsunagi-error.js';
import {
  encodeSecretKey,
  generateSecretKey,
  parseSecretKey,
  type SecretKey,
} from './secret-box.js';

export const secretKeyEnvironmentVariable = 'TSUNAGI_SECRET_KEY';
export const secretKeyFileName = 'secret.key';

export interface SecretKeySourceOptions {
  /** The value of TSUNAGI_SECRET_KEY, if set. */
  readonly environmentValue?: string | undefined;
  readonly dataDirectory: string;
}

export interface LoadedSecretKey {
  readonly key: SecretKey;
  readonly source: 'environment' | 'file';
  /** The key file path (source 'file'). */
  readonly file?: string;
  /** True when the key file was created now. */
  readonly created: boolean;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string'
    ? error.code
    : undefined;
}

function readKeyFile(file: string): SecretKey {
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new TsunagiError(
      'TSG505',
      `The key file ${file} can be read by other users (mode ${mode.toString(8)}); run chmod 600 on it.`,
    );
  }
  return parseSecretKey(readFileSync(file, 'utf8'), `The key file ${file}`);
}

export function loadSecretKey(options: SecretKeySourceOptions): LoadedSecretKey {
  const fromEnvironment = options.environmentValue?.trim();
  if (fromEnvironment !== undefined && fromEnvironment !== '') {
    return {
      key: parseSecretKey(fromEnvironment, secretKeyEnvironmentVariable),
      source: 'environment',
      created: false,
    };
  }
  const file = join(options.dataDirectory, secretKeyFileName);
  try {
    return { key: readKeyFile(file), source: 'file', file, created: false };
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') {
      if (error instanceof TsunagiError) throw error;
      throw new TsunagiError('TSG505', `The key file ${file} cannot be read.`, { cause: error });
    }
  }
  const key = generateSecretKey();
  try {
    writeFileSync(file, `${encodeSecretKey(key)}\n`, { mode: 0o600, flag: 'wx' });
    return { key, source: 'file', file, created: true };
  } catch (error) {
    if (errorCode(error) === 'EEXIST')
      return { key: readKeyFile(file), source: 'file', file, created: false };
    throw new TsunagiError('TSG505', `The key file ${file} cannot be created.`, { cause: error });
  }
}

/** Replaces the key file after a rotation: a new 0600 file renamed over the old one. */
export function writeSecretKeyFile(file: string, key: SecretKey): void {
  const temporary = `${file}.new`;
  writeFileSync(temporary, `${encodeSecretKey(key)}\n`, { mode: 0o600, flag: 'w' });
  renameSync(temporary, file);
}
