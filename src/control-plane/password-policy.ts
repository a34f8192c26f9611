/**
 * The password policy: at least 12 characters (at most 1024, to bound hashing work), not
 * only spaces, not the e-mail address or its local part, not one character repeated,
 * not a well-known password. Returns every broken rule, for the TSG307 details.
 */
import { TsunagiError } from '../errors/tsunagi-error.js';

export const minimumPasswordLength = 12;
export const maximumPasswordLength = 1024;

const commonPasswords = new Set([
  'password1234',
  'password12345',
  'password123456',
  '123456789012',
  '1234567890123',
  'qwertyuiop12',
  'qwertyuiop123',
  'iloveyou1234',
  'administrator',
  'administrator1',
  'changeme1234',
  'letmein12345',
  'welcome12345',
  'passwordpassword',
  'abcdefghijkl',
  'abc123abc123',
  'qwerty123456',
  '111111111111',
  '000000000000',
  'tsunagi12345',
]);

export function passwordProblems(password: string, email: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < minimumPasswordLength) {
    problems.push(`The password must have at least ${minimumPasswordLength} characters.`);
  }
  if (length > maximumPasswordLength) {
    problems.push(`The password must have at most ${maximumPasswordLength} characters.`);
  }
  if (password.trim() === '') problems.push('The password must not be only spaces.');
  const lower = password.toLowerCase();
  const normalizedEmail = email.trim().toLowerCase();
  const localPart = normalizedEmail.split('@')[0] ?? '';
  if (lower === normalizedEmail || (localPart.length > 0 && lower === localPart)) {
    problems.push('The password must not be your e-mail address.');
  }
  if (length > 0 && new Set(password).size === 1) {
    problems.push('The password must not repeat one character.');
  }
  if (commonPasswords.has(lower)) problems.push('The password is too common.');
  return problems;
}

export function assertPasswordAllowed(password: string, email: string): void {
  const problems = passwordProblems(password, email);
  if (problems.length === 0) return;
  throw new TsunagiError('TSG307', `The password is too weak: ${problems.join(' ')}`, {
    target: 'password',
    details: problems.map((message) => ({ code: 'TSG307', message, target: 'password' })),
  });
}
