import { describe, expect, it } from 'vitest';
import { PasswordHasher, testPasswordHashing } from './password-hasher.js';

describe('password hasher', () => {
  const hasher = new PasswordHasher(testPasswordHashing);

  it('hashes with argon2id and a random salt, and verifies', async () => {
    const first = await hasher.hash('correct horse battery staple');
    const second = await hasher.hash('correct horse battery staple');
    expect(first.startsWith('$argon2id$v=19$m=64,t=1,p=1$')).toBe(true);
    expect(first).not.toBe(second);
    expect(await hasher.verify(first, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(first, 'correct horse battery stapler')).toBe(false);
    expect(await hasher.verify('not a hash', 'anything')).toBe(false);
  });

  it('burns a verification when there is no hash, and says no', async () => {
    expect(await hasher.verifyOrDummy(null, 'whatever it is')).toBe(false);
    const stored = await hasher.hash('correct horse battery staple');
    expect(await hasher.verifyOrDummy(stored, 'correct horse battery staple')).toBe(true);
  });
});
