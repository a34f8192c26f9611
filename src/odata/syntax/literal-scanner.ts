/**
 * Recognises the primitive literals of the URL syntax (section 7 of the OData ABNF) at the
 * scanner's position: null, booleans (any case), numbers (integers, decimals, doubles with
 * exponents, NaN, INF, -INF), strings with `''` escapes, dates, date-times with offsets
 * and fractional seconds, times of day, GUIDs, `duration'P1DT2H'`, `binary'base64url'`,
 * enum literals `Namespace.Type'Member'`, and geography / geometry literals.
 *
 * A literal that is recognisably meant (a date with month 13, a GUID-shaped word with a
 * bad digit inside quotes, an unterminated string) is an error (TSG103) rather than "no
 * literal here", so the message names the real problem.
 */
import {
  identifierPartLength,
  isAsciiLetter,
  isDigit,
  isHexDigit,
  isIdentifierStart,
} from './character-classes.js';
import type { LiteralKind, LiteralSyntax } from './expression-syntax.js';
import type { SyntaxScanner } from './syntax-scanner.js';

const QUOTE = 0x27;
const MINUS = 0x2d;
const PLUS = 0x2b;

/** Scans a literal at the position; returns undefined (position unchanged) if none starts here. */
export function scanLiteral(s: SyntaxScanner): LiteralSyntax | undefined {
  const start = s.position;
  const code = s.peek();
  if (code === QUOTE) return scanStringLiteral(s);
  if (code === MINUS || code === PLUS) return scanSignedLiteral(s, start);
  if (isDigit(code)) {
    return scanGuid(s, start) ?? scanTemporal(s, start) ?? scanNumber(s, start, start);
  }
  if (code < 0 || !isIdentifierStart(s.text, start)) return undefined;
  if (isHexDigit(code)) {
    const guid = scanGuid(s, start);
    if (guid !== undefined) return guid;
  }
  if (s.atKeyword('null', true)) return keywordLiteral(s, start, 4, 'null', '');
  if (s.atKeyword('true')) return keywordLiteral(s, start, 4, 'boolean', 'true');
  if (s.atKeyword('false')) return keywordLiteral(s, start, 5, 'boolean', 'false');
  if (s.atKeyword('INF', true)) return keywordLiteral(s, start, 3, 'double', 'INF');
  if (s.atKeyword('NaN', true)) return keywordLiteral(s, start, 3, 'double', 'NaN');
  return scanPrefixedLiteral(s, start);
}

/** Creates a frozen literal node that starts at `start` (counted against the node limit). */
export function literalNode(
  s: SyntaxScanner,
  start: number,
  literalKind: LiteralKind,
  value: string,
  typeName?: string,
): LiteralSyntax {
  s.countNode(start);
  const node: LiteralSyntax =
    typeName === undefined
      ? { kind: 'literal', offset: s.rawOffset(start), literalKind, value }
      : { kind: 'literal', offset: s.rawOffset(start), literalKind, value, typeName };
  return Object.freeze(node);
}

function keywordLiteral(
  s: SyntaxScanner,
  start: number,
  length: number,
  kind: LiteralKind,
  value: string,
): LiteralSyntax {
  s.position = start + length;
  return literalNode(s, start, kind, value);
}

/** `'...'` with `''` standing for one quote. */
export function scanStringLiteral(s: SyntaxScanner): LiteralSyntax {
  const start = s.position;
  const content = readQuoted(s);
  return literalNode(s, start, 'string', content);
}

/** Reads `'...'` at the position (which must be a quote) and returns the unescaped content. */
function readQuoted(s: SyntaxScanner): string {
  const open = s.position;
  let index = open + 1;
  let content = '';
  for (;;) {
    const close = s.text.indexOf("'", index);
    if (close === -1 || close >= s.end) {
      s.fail('the string literal has no closing quote', s.end, 'TSG103');
    }
    content += s.text.slice(index, close);
    if (close + 1 < s.end && s.text.charCodeAt(close + 1) === QUOTE) {
      content += "'";
      index = close + 2;
      continue;
    }
    s.position = close + 1;
    return content;
  }
}

function scanSignedLiteral(s: SyntaxScanner, start: number): LiteralSyntax | undefined {
  const sign = s.peek();
  if (sign === MINUS && s.hasWordAt(start + 1, 'INF', true) && !s.isIdentifierPartAt(start + 4)) {
    s.position = start + 4;
    return literalNode(s, start, 'double', '-INF');
  }
  if (!isDigit(s.peek(1))) return undefined;
  if (sign === MINUS) {
    const temporal = scanTemporal(s, start);
    if (temporal !== undefined) return temporal;
  }
  return scanNumber(s, start, start + 1);
}

/** `[sign] 1*DIGIT [ "." 1*DIGIT ] [ "e" [sign] 1*DIGIT ]`. */
function scanNumber(s: SyntaxScanner, start: number, digitsStart: number): LiteralSyntax {
  const text = s.text;
  let index = digitsStart;
  while (index < s.end && isDigit(text.charCodeAt(index))) index++;
  let kind: LiteralKind = 'integer';
  if (text.charCodeAt(index) === 0x2e && index + 1 < s.end && isDigit(text.charCodeAt(index + 1))) {
    index += 2;
    while (index < s.end && isDigit(text.charCodeAt(index))) index++;
    kind = 'decimal';
  }
  const exponent = text.charCodeAt(index);
  if ((exponent === 0x65 || exponent === 0x45) && index + 1 < s.end) {
    let digits = index + 1;
    const exponentSign = text.charCodeAt(digits);
    if (exponentSign === PLUS || exponentSign === MINUS) digits++;
    if (digits < s.end && isDigit(text.charCodeAt(digits))) {
      index = digits + 1;
      while (index < s.end && isDigit(text.charCodeAt(index))) index++;
      kind = 'double';
    }
  }
  s.position = index;
  const written = text.slice(start, index);
  return literalNode(s, start, kind, written.charCodeAt(0) === PLUS ? written.slice(1) : written);
}

function scanGuid(s: SyntaxScanner, start: number): LiteralSyntax | undefined {
  const end = start + 36;
  if (end > s.end) return undefined;
  const text = s.text;
  for (let index = start; index < end; index++) {
    const offset = index - start;
    const code = text.charCodeAt(index);
    if (offset === 8 || offset === 13 || offset === 18 || offset === 23) {
      if (code !== MINUS) return undefined;
    } else if (!isHexDigit(code)) {
      return undefined;
    }
  }
  if (s.isIdentifierPartAt(end)) return undefined;
  s.position = end;
  return literalNode(s, start, 'guid', text.slice(start, end));
}

/** Dates, date-times and times of day; undefined if the text does not have their shape. */
function scanTemporal(s: SyntaxScanner, start: number): LiteralSyntax | undefined {
  const dateEnd = matchDateShape(s.text, start, s.end);
  if (dateEnd !== -1) {
    const date = s.text.slice(start, dateEnd);
    if (!isValidDate(date)) s.fail(`'${date}' is not a valid date`, start, 'TSG103');
    const separator = s.text.charCodeAt(dateEnd);
    if (separator !== 0x54 && separator !== 0x74) {
      s.position = dateEnd;
      return literalNode(s, start, 'date', date);
    }
    const timeEnd = matchTimeShape(s.text, dateEnd + 1, s.end);
    if (timeEnd === -1) s.fail('expected a time of day after T', dateEnd + 1, 'TSG103');
    const time = s.text.slice(dateEnd + 1, timeEnd);
    if (!isValidTime(time)) s.fail(`'${time}' is not a valid time of day`, dateEnd + 1, 'TSG103');
    const zone = s.text.charCodeAt(timeEnd);
    let end: number;
    let offset: string;
    if (zone === 0x5a || zone === 0x7a) {
      end = timeEnd + 1;
      offset = 'Z';
    } else if (zone === PLUS || zone === MINUS) {
      end = matchOffset(s.text, timeEnd, s.end);
      if (end === -1) s.fail('expected a time zone offset such as +01:00', timeEnd, 'TSG103');
      offset = s.text.slice(timeEnd, end);
    } else {
      s.fail("expected 'Z' or a time zone offset such as +01:00", timeEnd, 'TSG103');
    }
    if (s.isIdentifierPartAt(end)) s.failExpected('the end of the date-time literal', end);
    s.position = end;
    return literalNode(s, start, 'dateTimeOffset', `${date}T${time}${offset}`);
  }
  if (s.text.charCodeAt(start) === MINUS) return undefined;
  const timeEnd = matchTimeShape(s.text, start, s.end);
  if (timeEnd === -1) return undefined;
  const time = s.text.slice(start, timeEnd);
  if (!isValidTime(time)) s.fail(`'${time}' is not a valid time of day`, start, 'TSG103');
  s.position = timeEnd;
  return literalNode(s, start, 'timeOfDay', time);
}

/** `[-] 4*DIGIT - 2DIGIT - 2DIGIT`; returns the end index or -1. */
export function matchDateShape(text: string, start: number, end: number): number {
  let index = start;
  if (text.charCodeAt(index) === MINUS) index++;
  const yearStart = index;
  while (index < end && isDigit(text.charCodeAt(index))) index++;
  const yearDigits = index - yearStart;
  if (yearDigits < 4) return -1;
  if (yearDigits > 4 && text.charCodeAt(yearStart) === 0x30) return -1;
  if (
    index + 6 > end ||
    text.charCodeAt(index) !== MINUS ||
    !isDigit(text.charCodeAt(index + 1)) ||
    !isDigit(text.charCodeAt(index + 2)) ||
    text.charCodeAt(index + 3) !== MINUS ||
    !isDigit(text.charCodeAt(index + 4)) ||
    !isDigit(text.charCodeAt(index + 5))
  ) {
    return -1;
  }
  return index + 6;
}

/** `2DIGIT : 2DIGIT [ : 2DIGIT [ . 1*12DIGIT ] ]`; returns the end index or -1. */
export function matchTimeShape(text: string, start: number, end: number): number {
  if (
    start + 5 > end ||
    !isDigit(text.charCodeAt(start)) ||
    !isDigit(text.charCodeAt(start + 1)) ||
    text.charCodeAt(start + 2) !== 0x3a ||
    !isDigit(text.charCodeAt(start + 3)) ||
    !isDigit(text.charCodeAt(start + 4))
  ) {
    return -1;
  }
  let index = start + 5;
  if (
    index + 3 <= end &&
    text.charCodeAt(index) === 0x3a &&
    isDigit(text.charCodeAt(index + 1)) &&
    isDigit(text.charCodeAt(index + 2))
  ) {
    index += 3;
    if (text.charCodeAt(index) === 0x2e && isDigit(text.charCodeAt(index + 1))) {
      const fractionStart = index + 1;
      index = fractionStart;
      while (index < end && isDigit(text.charCodeAt(index))) index++;
      if (index - fractionStart > 12) return -1;
    }
  }
  return index;
}

function matchOffset(text: string, start: number, end: number): number {
  if (
    start + 6 > end ||
    !isDigit(text.charCodeAt(start + 1)) ||
    !isDigit(text.charCodeAt(start + 2)) ||
    text.charCodeAt(start + 3) !== 0x3a ||
    !isDigit(text.charCodeAt(start + 4)) ||
    !isDigit(text.charCodeAt(start + 5))
  ) {
    return -1;
  }
  const hours = Number(text.slice(start + 1, start + 3));
  const minutes = Number(text.slice(start + 4, start + 6));
  return hours <= 23 && minutes <= 59 ? start + 6 : -1;
}

/** A calendar date of the proleptic Gregorian calendar (year 0 is a leap year). */
export function isValidDate(date: string): boolean {
  const monthAt = date.length - 5;
  const year = Number(date.slice(0, monthAt - 1));
  const month = Number(date.slice(monthAt, monthAt + 2));
  const day = Number(date.slice(monthAt + 3));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** hh:mm[:ss[.f]] with hours 00-23, minutes 00-59, seconds 00-60 (leap second). */
export function isValidTime(time: string): boolean {
  const hours = Number(time.slice(0, 2));
  const minutes = Number(time.slice(3, 5));
  const seconds = time.length >= 8 ? Number(time.slice(6, 8)) : 0;
  return hours <= 23 && minutes <= 59 && seconds <= 60;
}

/** `binary'...'`, `duration'...'`, `geography'...'`, `geometry'...'`, `Namespace.Enum'...'`. */
function scanPrefixedLiteral(s: SyntaxScanner, start: number): LiteralSyntax | undefined {
  const text = s.text;
  let index = start;
  let qualified = false;
  while (index < s.end) {
    const length = identifierPartLength(text, index);
    if (length === 0) break;
    index += length;
    if (
      text.charCodeAt(index) === 0x2e &&
      index + 1 < s.end &&
      isIdentifierStart(text, index + 1)
    ) {
      qualified = true;
      index++;
    }
  }
  if (index >= s.end || text.charCodeAt(index) !== QUOTE) return undefined;
  const prefix = text.slice(start, index);
  s.position = index;
  const contentStart = index + 1;
  if (qualified) {
    const members = readQuoted(s);
    const problem = enumMembersProblem(members);
    if (problem !== undefined) s.fail(problem, contentStart, 'TSG103');
    return literalNode(s, start, 'enum', members, prefix);
  }
  const lower = prefix.toLowerCase();
  if (lower === 'duration') {
    const content = readQuoted(s);
    if (!isDurationText(content)) {
      s.fail(`'${content}' is not a valid duration (e.g. P1DT2H30M)`, contentStart, 'TSG103');
    }
    return literalNode(s, start, 'duration', content);
  }
  if (lower === 'binary') {
    const content = readQuoted(s);
    if (!isBase64UrlText(content)) {
      s.fail('the binary literal is not valid base64url', contentStart, 'TSG103');
    }
    return literalNode(s, start, 'binary', content);
  }
  if (lower === 'geography' || lower === 'geometry') {
    const content = readQuoted(s);
    const errorAt = geoLiteralProblem(content);
    if (errorAt !== -1) {
      s.fail('the geo literal is not valid well-known text', contentStart + errorAt, 'TSG103');
    }
    return literalNode(s, start, lower, content);
  }
  return s.fail(
    `'${prefix}' is not a literal prefix (binary, duration, geography, geometry, or a qualified enumeration type)`,
    start,
    'TSG103',
  );
}

/** ISO 8601 day-time duration as OData allows it: `[-]P[nD][T[nH][nM][n[.n]S]]`. */
export function isDurationText(text: string): boolean {
  return /^-?P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(text);
}

/** base64url as in RFC 4648 section 5, with optional padding (the ABNF's binaryValue). */
export function isBase64UrlText(text: string): boolean {
  let length = text.length;
  let padding = 0;
  while (length > 0 && text.charCodeAt(length - 1) === 0x3d) {
    length--;
    padding++;
  }
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (!(isAsciiLetter(code) || isDigit(code) || code === MINUS || code === 0x5f)) return false;
  }
  const remainder = length % 4;
  if (remainder === 0) return padding === 0;
  if (remainder === 1) return false;
  const last = text[length - 1] ?? '';
  if (remainder === 2) return 'AQgw'.includes(last) && (padding === 0 || padding === 2);
  return 'AEIMQUYcgkosw048'.includes(last) && (padding === 0 || padding === 1);
}

/** Problem with `Member,Member,42` (identifiers or signed integers), or undefined. */
export function enumMembersProblem(text: string): string | undefined {
  if (text.length === 0) return 'an enumeration literal needs at least one member';
  for (const member of text.split(',')) {
    if (/^[+-]?\d{1,19}$/.test(member)) continue;
    if (member.length > 0 && isIdentifierStart(member, 0)) {
      let index = 0;
      while (index < member.length) {
        const length = identifierPartLength(member, index);
        if (length === 0) return `'${member}' is not an enumeration member`;
        index += length;
      }
      continue;
    }
    return `'${member}' is not an enumeration member`;
  }
  return undefined;
}

/**
 * Checks the content of a geography/geometry literal (`SRID=n;` followed by well-known
 * text of the kinds the ABNF lists); returns the index of the first problem or -1.
 */
export function geoLiteralProblem(text: string): number {
  const reader = new GeoReader(text);
  const srid = /^SRID=\d{1,5};/i.exec(text);
  if (srid === null) return 0;
  reader.index = srid[0].length;
  if (!reader.geoLiteral(0)) return reader.index;
  return reader.index === text.length ? -1 : reader.index;
}

class GeoReader {
  index = 0;
  constructor(private readonly text: string) {}

  geoLiteral(depth: number): boolean {
    if (depth > 32) return false;
    if (this.keyword('GeometryCollection(')) {
      if (!this.geoLiteral(depth + 1)) return false;
      while (this.accept(',')) if (!this.geoLiteral(depth + 1)) return false;
      return this.accept(')');
    }
    if (this.keyword('MultiLineString(')) return this.listThenClose(() => this.lineStringData());
    if (this.keyword('MultiPoint(')) return this.listThenClose(() => this.pointData());
    if (this.keyword('MultiPolygon(')) return this.listThenClose(() => this.polygonData());
    if (this.keyword('LineString')) return this.lineStringData();
    if (this.keyword('Point')) return this.pointData();
    if (this.keyword('Polygon')) return this.polygonData();
    return false;
  }

  private listThenClose(item: () => boolean): boolean {
    if (this.accept(')')) return true;
    if (!item()) return false;
    while (this.accept(',')) if (!item()) return false;
    return this.accept(')');
  }

  private pointData(): boolean {
    return this.accept('(') && this.position() && this.accept(')');
  }

  private lineStringData(): boolean {
    if (!this.accept('(') || !this.position()) return false;
    if (!this.accept(',') || !this.position()) return false;
    while (this.accept(',')) if (!this.position()) return false;
    return this.accept(')');
  }

  private ring(): boolean {
    if (!this.accept('(') || !this.position()) return false;
    while (this.accept(',')) if (!this.position()) return false;
    return this.accept(')');
  }

  private polygonData(): boolean {
    if (!this.accept('(') || !this.ring()) return false;
    while (this.accept(',')) if (!this.ring()) return false;
    return this.accept(')');
  }

  private position(): boolean {
    if (!this.number() || !this.accept(' ') || !this.number()) return false;
    for (let extra = 0; extra < 2; extra++) {
      if (this.text[this.index] !== ' ') break;
      this.index++;
      if (!this.number()) return false;
    }
    return true;
  }

  private number(): boolean {
    const match = /(?:[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|NaN|-INF|INF)/y;
    match.lastIndex = this.index;
    const found = match.exec(this.text);
    if (found === null) return false;
    this.index += found[0].length;
    return true;
  }

  private keyword(word: string): boolean {
    if (
      this.text.slice(this.index, this.index + word.length).toLowerCase() !== word.toLowerCase()
    ) {
      return false;
    }
    this.index += word.length;
    return true;
  }

  private accept(character: string): boolean {
    if (this.text[this.index] !== character) return false;
    this.index++;
    return true;
  }
}
