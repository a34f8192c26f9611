import { describe, expect, it } from 'vitest';
import { newPasswordProblems } from './password-rules';

describe('new password problems', () => {
  it.each([
    ['a long enough password', 'a long enough password', {}],
    ['short', 'short', { password: 'Use at least 12 characters (this one has 5).' }],
    [
      'jane@example.com-secret',
      'jane@example.com-secret',
      { password: 'The password must not contain your e-mail address.' },
    ],
    [
      'a long enough password',
      'another long password',
      { confirmation: 'The two passwords are not the same.' },
    ],
  ])('%j repeated as %j → %j', (password, confirmation, problems) => {
    expect(newPasswordProblems(password, confirmation, 'jane@example.com')).toEqual(problems);
  });
});
