/**
 * Parser for $search (URL conventions 5.1.7): words, "phrases", NOT, AND, OR, implicit
 * AND between juxtaposed terms, parentheses. OR binds weakest, then AND, then NOT.
 * AND, OR and NOT (upper case only) are operators only where an operator makes sense:
 * `$search=AND OR NOT` searches for the words AND or NOT. A value wrapped in single quotes
 * (`$search='"blue'`, the ABNF's searchExpr-incomplete) is one phrase taken literally.
 *
 * A word ends at whitespace, a parenthesis, a double quote, or a literal `;` (which ends
 * a nested option); a percent-encoded `%3B` is part of the word.
 */
import type { SearchExpression } from '../semantic/search.js';
import { isWhitespace } from './character-classes.js';
import type { SyntaxScanner } from './syntax-scanner.js';

export function parseSearchExpression(s: SyntaxScanner): SearchExpression {
  return new SearchParser(s).parse();
}

class SearchParser {
  private terms = 0;

  constructor(private readonly s: SyntaxScanner) {}

  parse(): SearchExpression {
    const s: SyntaxScanner = this.s;
    s.skipWhitespace();
    if (s.peekIs("'")) return this.quotedValue();
    if (!this.atTermStart(s.position)) s.failExpected('a search word, phrase or (');
    return this.or();
  }

  private or(): SearchExpression {
    let left = this.and();
    while (this.operatorAhead('OR')) {
      this.s.skipWhitespace();
      this.s.position += 2;
      this.s.skipWhitespace();
      const right = this.and();
      left = Object.freeze({ kind: 'or', left, right });
    }
    return left;
  }

  private and(): SearchExpression {
    const s: SyntaxScanner = this.s;
    let left = this.unary();
    for (;;) {
      const before = s.position;
      if (s.skipWhitespace() === 0) break;
      if (this.keywordOperatorAt(s.position, 'OR')) {
        s.position = before;
        break;
      }
      if (this.keywordOperatorAt(s.position, 'AND')) {
        s.position += 3;
        s.skipWhitespace();
      } else if (!this.atTermStart(s.position)) {
        s.position = before;
        break;
      }
      const right = this.unary();
      left = Object.freeze({ kind: 'and', left, right });
    }
    return left;
  }

  private unary(): SearchExpression {
    const s: SyntaxScanner = this.s;
    if (this.keywordOperatorAt(s.position, 'NOT')) {
      const start = s.position;
      s.position += 3;
      s.skipWhitespace();
      s.enter(start);
      const operand = this.unary();
      s.leave();
      return Object.freeze({ kind: 'not', operand });
    }
    return this.primary();
  }

  private primary(): SearchExpression {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    if (s.accept('(')) {
      s.enter(start);
      s.skipWhitespace();
      if (!this.atTermStart(s.position)) s.failExpected('a search word, phrase or (');
      const inner = this.or();
      s.skipWhitespace();
      s.expect(')');
      s.leave();
      return inner;
    }
    if (s.peekIs('"')) return this.phrase();
    return this.word();
  }

  private phrase(): SearchExpression {
    const s: SyntaxScanner = this.s;
    const open = s.position;
    const close = s.text.indexOf('"', open + 1);
    if (close === -1 || close >= s.end)
      s.fail('the search phrase has no closing double quote', s.end);
    if (close === open + 1) s.fail('a search phrase cannot be empty', open);
    s.position = close + 1;
    this.checkTermEnd();
    return this.term(s.text.slice(open + 1, close), true, open);
  }

  private word(): SearchExpression {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    if (s.peekIs("'")) s.fail('a search word cannot start with a single quote', start);
    while (s.position < s.end && this.isWordCharacter(s.position)) s.position++;
    if (s.position === start) s.failExpected('a search word, phrase or (');
    return this.term(s.text.slice(start, s.position), false, start);
  }

  /** `'...'`: the whole value as one phrase, `''` standing for a quote. */
  private quotedValue(): SearchExpression {
    const s: SyntaxScanner = this.s;
    const open = s.position;
    let index = open + 1;
    let content = '';
    for (;;) {
      const close = s.text.indexOf("'", index);
      if (close === -1 || close >= s.end)
        s.fail('the quoted search value has no closing quote', s.end);
      content += s.text.slice(index, close);
      if (s.text.charCodeAt(close + 1) === 0x27 && close + 1 < s.end) {
        content += "'";
        index = close + 2;
        continue;
      }
      s.position = close + 1;
      break;
    }
    if (content.length === 0) s.fail('the quoted search value is empty', open);
    return this.term(content, true, open);
  }

  private term(text: string, phrase: boolean, start: number): SearchExpression {
    this.terms++;
    if (this.terms > this.s.limits.maxSearchTerms) {
      throw this.s.limitError(
        'TSG114',
        `$search has more than ${this.s.limits.maxSearchTerms} terms (limits.maxSearchTerms)`,
        start,
      );
    }
    return Object.freeze({ kind: 'term', text, phrase });
  }

  private checkTermEnd(): void {
    const s: SyntaxScanner = this.s;
    if (s.atEnd()) return;
    const code = s.peek();
    if (isWhitespace(code) || code === 0x29) return;
    if (code === 0x3b && !s.source.isEncoded(s.position)) return;
    s.failExpected('whitespace or the end of the search expression');
  }

  private isWordCharacter(index: number): boolean {
    const code = this.s.text.charCodeAt(index);
    if (isWhitespace(code) || code === 0x28 || code === 0x29 || code === 0x22) return false;
    if (code === 0x3b) return this.s.source.isEncoded(index);
    return true;
  }

  private atTermStart(index: number): boolean {
    if (index >= this.s.end) return false;
    const code = this.s.text.charCodeAt(index);
    if (code === 0x28 || code === 0x22) return true;
    return code !== 0x27 && this.isWordCharacter(index);
  }

  /** `keyword` at `index`, followed by whitespace and the start of a search expression. */
  private keywordOperatorAt(index: number, keyword: 'AND' | 'OR' | 'NOT'): boolean {
    const s: SyntaxScanner = this.s;
    if (!s.hasWordAt(index, keyword, true)) return false;
    let next = index + keyword.length;
    if (next >= s.end || !isWhitespace(s.text.charCodeAt(next))) return false;
    while (next < s.end && isWhitespace(s.text.charCodeAt(next))) next++;
    return this.atTermStart(next);
  }

  private operatorAhead(keyword: 'OR'): boolean {
    const s: SyntaxScanner = this.s;
    let index = s.position;
    if (index >= s.end || !isWhitespace(s.text.charCodeAt(index))) return false;
    while (index < s.end && isWhitespace(s.text.charCodeAt(index))) index++;
    return this.keywordOperatorAt(index, keyword);
  }
}
