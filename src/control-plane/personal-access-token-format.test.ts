import { describe, expect, it } from 'vitest';
import {
  generatePersonalAccessToken,
  looksLikePersonalAccessToken,
  personalAccessTokenHint,
} from './personal-access-token-format.js';
import { base62Alphabet } from './secret-token.js';

describe('personal access token format', () => {
  it('is tsg_pat_ + 32 random base62 characters + a 6-character checksum', () => {
    const token = generatePersonalAccessToken();
    expect(token).toMatch(/^tsg_pat_[0-9A-Za-z]{38}$/);
    expect(looksLikePersonalAccessToken(token)).toBe(true);
    expect(personalAccessTokenHint(token)).toBe(token.slice(0, 12));
    // 32 base62 characters carry more than 160 bits.
    expect(32 * Math.log2(62)).toBeGreaterThan(160);
  });

  it('never repeats and uses the whole alphabet', () => {
    const tokens = new Set(Array.from({ length: 2000 }, () => generatePersonalAccessToken()));
    expect(tokens.size).toBe(2000);
    const used = new Set([...tokens].flatMap((token) => [...token.slice(8, 40)]));
    expect(used.size).toBe(base62Alphabet.length);
  });

  it('rejects every single-character change (checksum) and other shapes', () => {
    const token = generatePersonalAccessToken();
    let accepted = 0;
    for (let index = 8; index < token.length; index += 1) {
      for (const replacement of ['0', 'a', 'Z']) {
        if (token[index] === replacement) continue;
        const changed = token.slice(0, index) + replacement + token.slice(index + 1);
        if (looksLikePersonalAccessToken(changed)) accepted += 1;
      }
    }
    expect(accepted).toBe(0);
    for (const candidate of [
      '',
      'tsg_pat_',
      token.slice(0, -1),
      `${token}0`,
      token.replace('tsg_pat_', 'tsg_pak_'),
      token.replace('tsg_pat_', 'TSG_PAT_'),
      `${token.slice(0, 20)}-${token.slice(21)}`,
    ]) {
      expect(looksLikePersonalAccessToken(candidate), candidate).toBe(false);
    }
  });
});
