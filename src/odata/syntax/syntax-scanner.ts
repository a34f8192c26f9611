/**
 * The scanner every parser of this folder reads with: a position in a decoded
 * SourceText, an end, the request-wide parse state (limits, node count, nesting depth)
 * and the place the text sits in the request (for error messages). It offers the small
 * recognisers the grammar needs: whitespace, keywords (case-insensitive or not),
 * identifiers and qualified names, and the error helpers.
 */
import type { ErrorCode } from '../../errors/catalogue/index.js';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import { identifierPartLength, isIdentifierStart, isWhitespace } from './character-classes.js';
import type { ParserLimits } from './parser-limits.js';
import type { SourceText } from './source-text.js';
import { describeFound, syntaxError, type ErrorLocation } from './syntax-error.js';

/** State shared by all parsers working on one request. */
export class ParseState {
  readonly limits: ParserLimits;
  /** Expression nodes created so far (all options of the request together). */
  nodeCount = 0;
  /** Current nesting depth (parentheses, calls, unary operators, lambdas, nested options). */
  depth = 0;

  constructor(limits: ParserLimits) {
    this.limits = limits;
  }
}

export class SyntaxScanner {
  readonly source: SourceText;
  readonly text: string;
  readonly state: ParseState;
  location: ErrorLocation;
  position: number;
  end: number;

  constructor(
    source: SourceText,
    state: ParseState,
    location: ErrorLocation,
    position = 0,
    end = source.text.length,
  ) {
    this.source = source;
    this.text = source.text;
    this.state = state;
    this.location = location;
    this.position = position;
    this.end = end;
  }

  get limits(): ParserLimits {
    return this.state.limits;
  }

  atEnd(): boolean {
    return this.position >= this.end;
  }

  /** Character code at position + ahead, or -1 past the end. */
  peek(ahead = 0): number {
    const index = this.position + ahead;
    return index < this.end ? this.text.charCodeAt(index) : -1;
  }

  peekIs(character: string, ahead = 0): boolean {
    return this.peek(ahead) === character.charCodeAt(0);
  }

  /** Consumes `character` if it is next. */
  accept(character: string): boolean {
    if (this.peek() !== character.charCodeAt(0)) return false;
    this.position++;
    return true;
  }

  expect(character: string): void {
    if (!this.accept(character)) this.failExpected(`'${character}'`);
  }

  rawOffset(index = this.position): number {
    return this.source.rawOffset(index);
  }

  /** Skips SP and HTAB; returns how many were skipped. */
  skipWhitespace(): number {
    const start = this.position;
    while (this.position < this.end && isWhitespace(this.text.charCodeAt(this.position))) {
      this.position++;
    }
    return this.position - start;
  }

  /**
   * Whether `word` starts at `index`. Case-insensitive comparison folds ASCII letters
   * only, so `word` must be given in lower case then.
   */
  hasWordAt(index: number, word: string, caseSensitive = false): boolean {
    if (index + word.length > this.end) return false;
    const text = this.text;
    for (let offset = 0; offset < word.length; offset++) {
      let code = text.charCodeAt(index + offset);
      if (!caseSensitive && code >= 0x41 && code <= 0x5a) code |= 0x20;
      if (code !== word.charCodeAt(offset)) return false;
    }
    return true;
  }

  /** Whether an identifier character (which would extend a word) is at `index`. */
  isIdentifierPartAt(index: number): boolean {
    return index < this.end && identifierPartLength(this.text, index) > 0;
  }

  /** Whether `word` starts at the position and is not followed by an identifier character. */
  atKeyword(word: string, caseSensitive = false): boolean {
    return (
      this.hasWordAt(this.position, word, caseSensitive) &&
      !this.isIdentifierPartAt(this.position + word.length)
    );
  }

  atIdentifierStart(): boolean {
    return this.position < this.end && isIdentifierStart(this.text, this.position);
  }

  /** Reads an OData identifier at the position, or returns undefined (position unchanged). */
  readIdentifier(): string | undefined {
    if (!this.atIdentifierStart()) return undefined;
    const start = this.position;
    let characters = 0;
    let index = start;
    while (index < this.end) {
      const length = identifierPartLength(this.text, index);
      if (length === 0) break;
      index += length;
      characters++;
    }
    if (characters > 128) {
      this.fail('an identifier may have at most 128 characters', start);
    }
    this.position = index;
    return this.text.slice(start, index);
  }

  /** Reads `identifier(.identifier)*`; a dot must be followed by an identifier. */
  readQualifiedName(): string | undefined {
    const first = this.readIdentifier();
    if (first === undefined) return undefined;
    let name = first;
    while (this.peekIs('.')) {
      this.position++;
      const part = this.readIdentifier();
      if (part === undefined) this.failExpected("an identifier after '.'");
      name += '.' + part;
    }
    return name;
  }

  fail(problem: string, index = this.position, code?: ErrorCode): never {
    const location = code === undefined ? this.location : { ...this.location, code };
    throw syntaxError(location, this.rawOffset(index), problem);
  }

  failExpected(expected: string, index = this.position): never {
    this.fail(`expected ${expected} but found ${this.found(index)}`, index);
  }

  found(index = this.position): string {
    return describeFound(this.text, index, this.end);
  }

  /** Counts one expression node against limits.maxExpressionNodes. */
  countNode(index = this.position): void {
    this.state.nodeCount++;
    if (this.state.nodeCount > this.limits.maxExpressionNodes) {
      throw this.limitError(
        'TSG111',
        `The request's expressions have more than ${this.limits.maxExpressionNodes} nodes (limits.maxExpressionNodes)`,
        index,
      );
    }
  }

  /** Enters one nesting level, checking limits.maxExpressionDepth. */
  enter(index = this.position): void {
    this.state.depth++;
    if (this.state.depth > this.limits.maxExpressionDepth) {
      throw this.limitError(
        'TSG111',
        `The expression nests deeper than ${this.limits.maxExpressionDepth} levels (limits.maxExpressionDepth)`,
        index,
      );
    }
  }

  leave(): void {
    this.state.depth--;
  }

  limitError(code: ErrorCode, message: string, index = this.position): TsunagiError {
    const offset = this.rawOffset(index);
    const position = Math.max(0, offset - this.location.origin);
    return new TsunagiError(
      code,
      `${message}; stopped at position ${position} in ${this.location.label}.`,
      {
        ...(this.location.target === undefined ? {} : { target: this.location.target }),
        innerError: { position, offset },
      },
    );
  }
}
