/**
 * `like` as the emulator's approximation of Kintone's full-text word search (facts sheet
 * §5.4). Kintone matches words from a search index, not substrings; the gateway relies on
 * `like` being coarser than `contains()`. The emulator's rules, exactly:
 *
 * 1. Characters are folded first: ASCII and Latin-1 letters to lower case, full-width ASCII
 *    letters and digits (`Ａ`, `１`) to their ASCII forms. Nothing else is normalized (no
 *    half-width/full-width kana folding, no accents removed).
 * 2. Text is split into tokens. A *word* is a maximal run of word characters: ASCII digits
 *    and letters, Latin-1 and Latin Extended letters, Greek and Cyrillic. A *CJK run* is a
 *    maximal run of Hiragana, Katakana (incl. `ー` and half-width katakana), CJK ideographs
 *    (incl. `々`, `〆`, `〇` and surrogate pairs) and Hangul. Everything else (spaces,
 *    punctuation, symbols, `_`) separates tokens and cannot be searched.
 * 3. The pattern is split the same way; every one of its tokens must be found in the field
 *    (space-separated terms are ANDed, in any order):
 *    - a word term must equal a whole word of the text: `like "keyword"` matches
 *      "gamma keyword", `like "key"` does not (no prefix or infix match);
 *    - a CJK term of two or more characters must occur inside a CJK run of the text (the
 *      effect of a bigram index): `like "株式会社"` matches "山田商事株式会社";
 *    - a single CJK character is too short to search and matches nothing.
 * 4. A pattern without any searchable token (`""`, `"!!"`) matches no record.
 * 5. RICH_TEXT is searched as text: tags (`<…>`) and character entities (`&amp;`) are skipped
 *    as separators. FILE fields are searched by file name (the emulator has no contents).
 *
 * Matching scans the stored string in place (no per-record allocation). Unlike Kintone the
 * "index" is always current: fresh records are found at once.
 */

/** Tests one stored text; `markup` skips HTML tags and entities (rich text). */
export type TextMatcher = (text: string, markup: boolean) => boolean;

const lessThan = 0x3c;
const ampersand = 0x26;

/** Folds a UTF-16 code unit for comparison (see rule 1). */
function fold(code: number): number {
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
  if (code >= 0xc0 && code <= 0xde && code !== 0xd7) return code + 0x20;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10 + 0x30;
  if (code >= 0xff21 && code <= 0xff3a) return code - 0xff21 + 0x61;
  if (code >= 0xff41 && code <= 0xff5a) return code - 0xff41 + 0x61;
  return code;
}

/** Whether a folded code unit belongs to a word (rule 2). */
function isWordCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
  return (
    (code >= 0xdf && code <= 0xff && code !== 0xf7) ||
    (code >= 0x100 && code <= 0x24f) ||
    (code >= 0x370 && code <= 0x4ff && code !== 0x37e && code !== 0x387)
  );
}

/** Whether a code unit belongs to a CJK run (rule 2). */
function isCjkCode(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0x3005 && code <= 0x3007) ||
    (code >= 0x31f0 && code <= 0x31ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xd800 && code <= 0xdfff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff66 && code <= 0xff9f)
  );
}

interface SearchTerms {
  /** Folded words, each to be matched as a whole word. */
  readonly words: readonly string[];
  /** CJK runs, each to be found inside the text. */
  readonly cjkRuns: readonly string[];
  /** True when a term is too short to ever match. */
  readonly unsearchable: boolean;
}

/** Splits a pattern into its search terms (rule 3). */
export function searchTermsOf(pattern: string): SearchTerms {
  const words: string[] = [];
  const cjkRuns: string[] = [];
  let unsearchable = false;
  let index = 0;
  while (index < pattern.length) {
    const code = fold(pattern.charCodeAt(index));
    if (isWordCode(code)) {
      let word = '';
      while (index < pattern.length) {
        const folded = fold(pattern.charCodeAt(index));
        if (!isWordCode(folded)) break;
        word += String.fromCharCode(folded);
        index += 1;
      }
      words.push(word);
    } else if (isCjkCode(code)) {
      const start = index;
      while (index < pattern.length && isCjkCode(pattern.charCodeAt(index))) index += 1;
      if (index - start < 2) unsearchable = true;
      else cjkRuns.push(pattern.slice(start, index));
    } else {
      index += 1;
    }
  }
  return { words, cjkRuns, unsearchable };
}

function skipMarkup(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code === lessThan) {
    const close = text.indexOf('>', index + 1);
    return close < 0 ? text.length : close + 1;
  }
  // A character entity (`&amp;`, `&#12354;`) up to its semicolon, else the `&` alone.
  const limit = Math.min(text.length, index + 12);
  for (let cursor = index + 1; cursor < limit; cursor += 1) {
    if (text.charCodeAt(cursor) === 0x3b) return cursor + 1;
  }
  return index + 1;
}

/** Whether `text` contains `word` (already folded) as a whole word. */
function containsWord(text: string, word: string, markup: boolean): boolean {
  const length = text.length;
  const wordLength = word.length;
  let index = 0;
  while (index < length) {
    const raw = text.charCodeAt(index);
    if (markup && (raw === lessThan || raw === ampersand)) {
      index = skipMarkup(text, index);
      continue;
    }
    if (!isWordCode(fold(raw))) {
      index += 1;
      continue;
    }
    let matched = 0;
    let equal = true;
    while (index < length) {
      const next = text.charCodeAt(index);
      if (markup && (next === lessThan || next === ampersand)) break;
      const folded = fold(next);
      if (!isWordCode(folded)) break;
      if (equal) {
        if (matched < wordLength && folded === word.charCodeAt(matched)) matched += 1;
        else equal = false;
      }
      index += 1;
    }
    if (equal && matched === wordLength) return true;
  }
  return false;
}

const matchesNothing: TextMatcher = () => false;

interface FoldTables {
  /** A regular-expression class of every code unit that folds to a word character. */
  readonly wordClass: string;
  /** For each folded code unit, the other code units that fold to it. */
  readonly preimages: ReadonlyMap<number, readonly number[]>;
}

let foldTables: FoldTables | undefined;

function classCharacter(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Derives the regular-expression tables from `fold` and `isWordCode` (built once). */
function foldTablesOf(): FoldTables {
  if (foldTables !== undefined) return foldTables;
  const ranges: string[] = [];
  const preimages = new Map<number, number[]>();
  let rangeStart = -1;
  for (let code = 0; code <= 0x10000; code += 1) {
    const folded = code <= 0xffff ? fold(code) : -1;
    const isWord = folded >= 0 && isWordCode(folded);
    if (isWord && rangeStart < 0) rangeStart = code;
    if (!isWord && rangeStart >= 0) {
      ranges.push(`${classCharacter(rangeStart)}-${classCharacter(code - 1)}`);
      rangeStart = -1;
    }
    if (folded >= 0 && folded !== code) {
      const list = preimages.get(folded);
      if (list === undefined) preimages.set(folded, [code]);
      else list.push(code);
    }
  }
  foldTables = { wordClass: `[${ranges.join('')}]`, preimages };
  return foldTables;
}

/**
 * A regular expression equivalent to `containsWord(text, word, false)`: the word's folded
 * characters, each matching any code unit that folds to it, between non-word boundaries.
 * Used for plain text, where the regular-expression engine is faster than a scan in script.
 */
function wordExpression(word: string): RegExp {
  const { wordClass, preimages } = foldTablesOf();
  let source = `(?<!${wordClass})`;
  for (let index = 0; index < word.length; index += 1) {
    const code = word.charCodeAt(index);
    const others = preimages.get(code) ?? [];
    source += `[${[code, ...others].map(classCharacter).join('')}]`;
  }
  return new RegExp(`${source}(?!${wordClass})`);
}

/** Compiles a `like` pattern into a matcher over stored text. */
export function compileWordSearch(pattern: string): TextMatcher {
  const { words, cjkRuns, unsearchable } = searchTermsOf(pattern);
  if (unsearchable || (words.length === 0 && cjkRuns.length === 0)) return matchesNothing;
  const expressions = words.map(wordExpression);
  return (text: string, markup: boolean): boolean => {
    if (markup) {
      for (const word of words) if (!containsWord(text, word, true)) return false;
    } else {
      for (const expression of expressions) if (!expression.test(text)) return false;
    }
    for (const run of cjkRuns) {
      if (!text.includes(run)) return false;
    }
    return true;
  };
}

/** Whether a string holds only whitespace (space, tab, CR, LF, VT, FF, NBSP, U+3000). */
export function isBlankText(text: string, markup: boolean): boolean {
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (markup && code === lessThan) {
      index = skipMarkup(text, index);
      continue;
    }
    if (markup && code === ampersand) {
      if (text.startsWith('&nbsp;', index)) {
        index += 6;
        continue;
      }
      return false;
    }
    if (
      code !== 0x20 &&
      code !== 0x09 &&
      code !== 0x0a &&
      code !== 0x0d &&
      code !== 0x0b &&
      code !== 0x0c &&
      code !== 0xa0 &&
      code !== 0x3000
    ) {
      return false;
    }
    index += 1;
  }
  return true;
}
