// The word-search approximation of Kintone's full-text `like`, rule by rule.
import { describe, expect, it } from 'vitest';
import { compileWordSearch, isBlankText, searchTermsOf } from './word-search.js';

describe('compileWordSearch', () => {
  it.each([
    // [pattern, text, markup, matches]
    ['keyword', 'gamma keyword', false, true],
    ['key', 'gamma keyword', false, false],
    ['word', 'gamma keyword', false, false],
    ['KEYWORD', 'Gamma Keyword', false, true],
    ['abc', 'ＡＢＣ株式会社', false, true],
    ['123', 'order #１２３', false, true],
    ['snake', 'snake_case', false, true],
    ['snake_case', 'snake_case', false, true],
    ['case snake', 'snake_case', false, true],
    ['café', 'Café au lait', false, true],
    ['株式会社', '山田商事株式会社', false, true],
    ['商事株式', '山田商事株式会社', false, true],
    ['山田 会社', '山田商事株式会社', false, true],
    ['山', '山田商事株式会社', false, false],
    ['カタカナ', 'ｶﾀｶﾅ', false, false],
    ['tokyo', 'Tokyo日本', false, true],
    ['', 'anything', false, false],
    ['?!', 'what?!', false, false],
    ['bold', 'x <b>bold</b> y', true, true],
    ['b', 'x <b>bold</b> y', true, false],
    ['amp', 'Tom &amp; Jerry', true, false],
    ['jerry', 'Tom &amp; Jerry', true, true],
    ['amp', 'Tom &amp; Jerry', false, true],
  ])('%j in %j (markup %s) → %s', (pattern, text, markup, expected) => {
    expect(compileWordSearch(pattern)(text, markup)).toBe(expected);
  });
});

describe('searchTermsOf', () => {
  it('splits a pattern into folded words and CJK runs', () => {
    expect(searchTermsOf('Gamma-Ｒａｙ 東京都 x')).toEqual({
      words: ['gamma', 'ray', 'x'],
      cjkRuns: ['東京都'],
      unsearchable: false,
    });
    expect(searchTermsOf('東 京').unsearchable).toBe(true);
  });
});

describe('isBlankText', () => {
  it.each([
    ['', false, true],
    [' \t\r\n\u3000\u00a0', false, true],
    [' x ', false, false],
    ['<div><br></div>', true, true],
    ['<p>&nbsp;</p>', true, true],
    ['<p>&amp;</p>', true, false],
    ['<div><br></div>', false, false],
  ])('%j (markup %s) → %s', (text, markup, expected) => {
    expect(isBlankText(text, markup)).toBe(expected);
  });
});

describe('plain-text and markup matching agree on text without markup', () => {
  // Plain text goes through regular expressions, rich text through a scan: same rules.
  const alphabet = [
    'a',
    'A',
    'ａ',
    'Ａ',
    'b',
    'à',
    'À',
    'ß',
    '×',
    '_',
    ' ',
    '1',
    '１',
    'é',
    'É',
    'Ω',
    'ω',
    '東',
    '京',
    'ー',
    '-',
  ];
  let state = 7;
  const next = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const randomText = (length: number): string =>
    Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)] ?? '').join('');

  it('for 2,000 random pattern and text pairs', () => {
    let agreements = 0;
    let matches = 0;
    for (let round = 0; round < 2_000; round += 1) {
      const matcher = compileWordSearch(randomText(1 + Math.floor(next() * 3)));
      const text = randomText(Math.floor(next() * 12));
      const plain = matcher(text, false);
      if (plain === matcher(text, true)) agreements += 1;
      if (plain) matches += 1;
    }
    expect(agreements).toBe(2_000);
    expect(matches).toBeGreaterThan(50);
  });
});
