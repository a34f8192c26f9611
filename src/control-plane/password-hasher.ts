/**
 * Password hashing with argon2id (@node-rs/argon2: prebuilt binaries arrive as npm
 * optional dependencies, nothing is downloaded at install). Hashing runs on libuv's
 * thread pool. The cost is configurable so that tests stay fast; production defaults
 * follow OWASP's argon2id recommendation (19 MiB, 2 passes, 1 lane).
 *
 * `verifyOrDummy` verifies against a hash of a random password when there is no user, so
 * that an unknown e-mail address costs the same time as a wrong password.
 */
import { hash, verify } from '@node-rs/argon2';
import { randomBase62 } from './secret-token.js';

export interface PasswordHashingParameters {
  /** KiB. */
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

export const defaultPasswordHashing: PasswordHashingParameters = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** Cheap parameters for tests only. */
export const testPasswordHashing: PasswordHashingParameters = {
  memoryCost: 64,
  timeCost: 1,
  parallelism: 1,
};

export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly parameters: PasswordHashingParameters = defaultPasswordHashing) {}

  hash(password: string): Promise<string> {
    // The library's default algorithm is argon2id (a test checks the $argon2id$ prefix).
    return hash(password, { ...this.parameters });
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /** Verifies against `passwordHash`, or burns the same time when there is none. */
  async verifyOrDummy(passwordHash: string | null, password: string): Promise<boolean> {
    if (passwordHash !== null) return this.verify(passwordHash, password);
    this.dummyHash ??= this.hash(randomBase62(24));
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
