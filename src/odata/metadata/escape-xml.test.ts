import { describe, expect, it } from 'vitest';
import { escapeXml } from './escape-xml.js';

describe('escapeXml', () => {
  it.each([
    ['plain text', 'Customers', 'Customers'],
    ['markup characters', '<a href="x">&</a>', '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;'],
    ['an entity that is already escaped', '&amp;', '&amp;amp;'],
    ['apostrophes (attributes use double quotes)', "O'Brien", "O'Brien"],
    ['tab, line feed, carriage return', 'a\tb\nc\rd', 'a&#9;b&#10;c&#13;d'],
    ['non-ASCII text', 'Ünïcödé 顧客 🎉', 'Ünïcödé 顧客 🎉'],
    ['control characters XML cannot carry', 'a\u0000b\u0008c\u001Fd', 'a\uFFFDb\uFFFDc\uFFFDd'],
    ['U+FFFE and U+FFFF', 'a\uFFFEb\uFFFF', 'a\uFFFDb\uFFFD'],
    ['unpaired surrogates', 'a\uD800b\uDC00', 'a\uFFFDb\uFFFD'],
    ['the empty string', '', ''],
  ])('escapes %s', (_case, input, expected) => {
    expect(escapeXml(input)).toBe(expected);
  });
});
