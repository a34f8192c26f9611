/**
 * Splits a Kintone query into tokens (facts sheet §5.1, lexical rules).
 *
 * - Whitespace between tokens: space, TAB, CR, LF and the full-width space U+3000.
 * - Strings: double quotes only; escapes `\"`, `\\`, `\t`, `\n`, `\r`; any other escape,
 *   a raw TAB/CR/LF inside the quotes, a single quote or a missing closing quote is a
 *   syntax error (`CB_VA01`).
 * - Words: runs of ASCII letters, digits, `_`, `$`, `.`, `-` and any non-ASCII character
 *   other than U+3000, so Japanese field codes, `$id`, `table.field`, bare numbers
 *   (`-5`, `1.5`), keywords, function names and their symbol arguments are all words;
 *   the parser decides what each one is.
 * - Punctuation: `(`, `)`, `,` and the operators `=`, `!=`, `<`, `>`, `<=`, `>=`.
 */
import { invalidInput } from './query-error-messages.js';

export type PunctuationText = '(' | ')' | ',' | '=' | '!=' | '<' | '>' | '<=' | '>=';

export type Token =
  | { readonly kind: 'word'; readonly text: string; readonly position: number }
  | { readonly kind: 'string'; readonly value: string; readonly position: number }
  | { readonly kind: 'punctuation'; readonly text: PunctuationText; readonly position: number }
  | { readonly kind: 'end'; readonly position: number };

const space = 0x20;
const tab = 0x09;
const lineFeed = 0x0a;
const carriageReturn = 0x0d;
const ideographicSpace = 0x3000;
const doubleQuote = 0x22;
const singleQuote = 0x27;
const backslash = 0x5c;

export function isQueryWhitespace(code: number): boolean {
  return (
    code === space ||
    code === tab ||
    code === lineFeed ||
    code === carriageReturn ||
    code === ideographicSpace
  );
}

function isWordCharacter(code: number): boolean {
  if (code >= 0x80) return code !== ideographicSpace;
  return (
    (code >= 0x30 && code <= 0x39) || // 0-9
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    code === 0x5f || // _
    code === 0x24 || // $
    code === 0x2e || // .
    code === 0x2d // -
  );
}

function describeCharacter(code: number): string {
  if (code < 0x20 || code === 0x7f) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return String.fromCharCode(code);
}

/** Tokenizes the whole query; the last token is always `end`. Throws `CB_VA01`. */
export function tokenizeQuery(query: string): Token[] {
  const tokens: Token[] = [];
  const length = query.length;
  let index = 0;
  while (index < length) {
    const code = query.charCodeAt(index);
    if (isQueryWhitespace(code)) {
      index += 1;
      continue;
    }
    const position = index;
    if (code === doubleQuote) {
      const { value, next } = readString(query, index);
      tokens.push({ kind: 'string', value, position });
      index = next;
      continue;
    }
    if (isWordCharacter(code)) {
      let end = index + 1;
      while (end < length && isWordCharacter(query.charCodeAt(end))) end += 1;
      tokens.push({ kind: 'word', text: query.slice(index, end), position });
      index = end;
      continue;
    }
    const character = query[index] ?? '';
    const nextCharacter = query[index + 1];
    switch (character) {
      case '(':
      case ')':
      case ',':
      case '=':
        tokens.push({ kind: 'punctuation', text: character, position });
        index += 1;
        continue;
      case '<':
      case '>':
        if (nextCharacter === '=') {
          tokens.push({ kind: 'punctuation', text: character === '<' ? '<=' : '>=', position });
          index += 2;
        } else {
          tokens.push({ kind: 'punctuation', text: character, position });
          index += 1;
        }
        continue;
      case '!':
        if (nextCharacter === '=') {
          tokens.push({ kind: 'punctuation', text: '!=', position });
          index += 2;
          continue;
        }
        break;
      default:
        break;
    }
    if (code === singleQuote) throw invalidInput('single-quote', { position: position + 1 });
    throw invalidInput('unexpected-character', {
      position: position + 1,
      character: describeCharacter(code),
    });
  }
  tokens.push({ kind: 'end', position: length });
  return tokens;
}

function readString(query: string, start: number): { value: string; next: number } {
  const length = query.length;
  let value = '';
  let runStart = start + 1;
  let index = start + 1;
  while (index < length) {
    const code = query.charCodeAt(index);
    if (code === doubleQuote) {
      value += query.slice(runStart, index);
      return { value, next: index + 1 };
    }
    if (code === tab || code === lineFeed || code === carriageReturn) {
      throw invalidInput('control-character-in-string', { position: index + 1 });
    }
    if (code === backslash) {
      value += query.slice(runStart, index);
      const escaped = query[index + 1];
      switch (escaped) {
        case '"':
          value += '"';
          break;
        case '\\':
          value += '\\';
          break;
        case 't':
          value += '\t';
          break;
        case 'n':
          value += '\n';
          break;
        case 'r':
          value += '\r';
          break;
        case undefined:
          throw invalidInput('unterminated-string', { position: start + 1 });
        default:
          throw invalidInput('invalid-escape', {
            position: index + 1,
            sequence: `\\${escaped}`,
          });
      }
      index += 2;
      runStart = index;
      continue;
    }
    index += 1;
  }
  throw invalidInput('unterminated-string', { position: start + 1 });
}
