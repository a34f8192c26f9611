/**
 * Parser for the resource path: the part of the URL path after the service root, still
 * percent-encoded (`/Customers(5)/Orders`, `/Customers/5`, `/$metadata`, `` or `/` for
 * the service document). It splits on literal `/`, decodes each segment, and recognises
 * names with key predicates or function parameters, `$`-segments and, for anything else,
 * key-as-segment values. It enforces what the ABNF says about order: nothing follows
 * `$count`, `$value`, `$ref` or `$query`; `$metadata` and `$batch` stand alone; the first
 * segment is an unqualified name or a `$`-segment. A single trailing slash is tolerated.
 */
import { ExpressionParser } from './expression-parser.js';
import type { PathKeyword, PathSegmentSyntax, ResourcePathSyntax } from './path-syntax.js';
import { decodeSource } from './source-text.js';
import { syntaxError, type ErrorLocation } from './syntax-error.js';
import { SyntaxScanner, type ParseState } from './syntax-scanner.js';

const pathLocation: ErrorLocation = {
  code: 'TSG100',
  target: undefined,
  label: 'the resource path',
  origin: 0,
};

const laterKeywords: ReadonlySet<string> = new Set(['$count', '$value', '$ref', '$each', '$query']);
const firstKeywords: ReadonlySet<string> = new Set(['$metadata', '$batch', '$entity', '$all']);
const finalKeywords: ReadonlySet<string> = new Set(['$count', '$value', '$ref', '$query']);

export function parseResourcePath(path: string, state: ParseState): ResourcePathSyntax {
  let start = path.startsWith('/') ? 1 : 0;
  let end = path.length;
  if (end > start && path.charCodeAt(end - 1) === 0x2f) end--;
  const segments: PathSegmentSyntax[] = [];
  if (end > start) {
    for (;;) {
      let slash = path.indexOf('/', start);
      if (slash === -1 || slash > end) slash = end;
      segments.push(parseSegment(path, start, slash, segments, state));
      if (slash >= end) break;
      start = slash + 1;
    }
  }
  return Object.freeze({ kind: 'resourcePath', segments: Object.freeze(segments) });
}

function parseSegment(
  path: string,
  start: number,
  end: number,
  previous: readonly PathSegmentSyntax[],
  state: ParseState,
): PathSegmentSyntax {
  if (start === end) throw syntaxError(pathLocation, start, 'empty path segment');
  const last = previous[previous.length - 1];
  if (
    last?.kind === 'keyword' &&
    (finalKeywords.has(last.keyword) || last.keyword === '$metadata' || last.keyword === '$batch')
  ) {
    throw syntaxError(pathLocation, start - 1, `nothing may follow ${last.keyword}`);
  }
  if (last?.kind === 'crossjoin' && path.slice(start, end) !== '$query') {
    throw syntaxError(pathLocation, start, 'only $query may follow $crossjoin(...)');
  }
  const source = decodeSource(path, start, end, pathLocation);
  const s = new SyntaxScanner(source, state, pathLocation);
  const text = source.text;
  const first = previous.length === 0;
  if (s.peekIs('$')) return parseDollarSegment(s, first);
  if (first && !s.atIdentifierStart()) {
    s.failExpected('an entity set, singleton or function import name, or a $-segment');
  }
  if (s.atIdentifierStart()) {
    const name = s.readQualifiedName() ?? s.failExpected('a name');
    const qualified = name.includes('.');
    if (first && qualified) {
      s.fail(
        'the first segment must be an entity set, singleton or operation import name, not a qualified name',
        name.indexOf('.'),
      );
    }
    if (s.atEnd() || s.peekIs('(')) {
      const argumentLists = new ExpressionParser(s).parseArgumentLists(true);
      if (!s.atEnd()) s.failExpected("'(' or the end of the segment");
      return Object.freeze({
        kind: 'name',
        offset: start,
        name,
        qualified,
        argumentLists: Object.freeze(argumentLists),
        text,
      });
    }
    if (first) s.failExpected("'(' or '/'");
  }
  return Object.freeze({ kind: 'text', offset: start, text });
}

function parseDollarSegment(s: SyntaxScanner, first: boolean): PathSegmentSyntax {
  const start = s.position;
  const offset = s.rawOffset(start);
  if (s.hasWordAt(start, '$crossjoin', true) && s.peek(10) === 0x28) {
    if (!first) s.fail('$crossjoin(...) must be the first segment');
    s.position += 11;
    const entitySets: string[] = [];
    for (;;) {
      entitySets.push(s.readIdentifier() ?? s.failExpected('an entity set name'));
      if (s.accept(',')) continue;
      s.expect(')');
      break;
    }
    if (!s.atEnd()) s.failExpected('the end of the segment');
    return Object.freeze({ kind: 'crossjoin', offset, entitySets: Object.freeze(entitySets) });
  }
  if (s.hasWordAt(start, '$filter', true) && s.peek(7) === 0x28) {
    if (first) s.fail('$filter(...) cannot be the first segment');
    s.position += 8;
    s.location = { ...s.location, code: 'TSG101' };
    const parser = new ExpressionParser(s);
    s.skipWhitespace();
    const expression = parser.parseCommonExpression();
    s.skipWhitespace();
    s.expect(')');
    s.location = pathLocation;
    const argumentLists = parser.parseArgumentLists(true);
    if (!s.atEnd()) s.failExpected('the end of the segment');
    return Object.freeze({
      kind: 'filter',
      offset,
      expression,
      argumentLists: Object.freeze(argumentLists),
    });
  }
  const keyword = s.text;
  const allowed = first ? firstKeywords : laterKeywords;
  if (!allowed.has(keyword)) {
    const where = first ? 'as the first segment' : 'here';
    s.fail(`'${keyword}' is not a path segment allowed ${where}`);
  }
  return Object.freeze({ kind: 'keyword', offset, keyword: keyword as PathKeyword });
}
