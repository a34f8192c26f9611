import { describe, expect, it } from 'vitest';
import { assertPasswordAllowed, passwordProblems } from './password-policy.js';

describe('password policy', () => {
  const email = 'Alice.Smith@example.com';
  it.each([
    ['correct horse battery staple', []],
    ['short pass', ['at least 12 characters']],
    ['            ', ['only spaces', 'repeat one character']],
    ['alice.smith@example.com', ['e-mail address']],
    ['ALICE.SMITH@EXAMPLE.COM', ['e-mail address']],
    ['aaaaaaaaaaaaaaaa', ['repeat one character']],
    ['Password1234', ['too common']],
    ['x'.repeat(1025), ['at most 1024', 'repeat one character']],
  ])('%j → %j', (password, expected) => {
    const problems = passwordProblems(password, email);
    expect(problems.length).toBe(expected.length);
    expected.forEach((fragment, index) => expect(problems[index]).toContain(fragment));
  });

  it('throws TSG307 with one detail per broken rule', () => {
    expect(() => assertPasswordAllowed('aaaa', email)).toThrow(
      expect.objectContaining({
        code: 'TSG307',
        details: [expect.anything(), expect.anything()],
      }) as Error,
    );
  });
});
