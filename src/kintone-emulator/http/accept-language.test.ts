import { describe, expect, it } from 'vitest';
import { languageFromHeader } from './accept-language.js';

describe('languageFromHeader', () => {
  it.each([
    [undefined, 'en', 'en'],
    ['*', 'ja', 'ja'],
    ['ja', 'en', 'ja'],
    ['en-GB', 'ja', 'en'],
    ['fr, ja;q=0.5', 'en', 'ja'],
    ['en;q=0.4, ja;q=0.8', 'en', 'ja'],
    ['ja;q=0, en', 'ja', 'en'],
    ['de', 'ja', 'ja'],
  ] as const)('%s (default %s) → %s', (header, fallback, expected) => {
    expect(languageFromHeader(header, fallback)).toBe(expected);
  });
});
