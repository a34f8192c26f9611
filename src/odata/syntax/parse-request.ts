/**
 * Entry points of the syntax stage. `parseRequest` turns the path after the service root
 * and the raw query string into a RequestSyntax (checking the URL length first and the
 * rules that tie path and query together: `$entity` needs `$id`, `$metadata` and
 * `$batch` take only `$format`); `parseExpression` parses one expression as it would
 * appear as a $filter value; `parseLiteral` one literal. All take percent-encoded text
 * and throw TsunagiError.
 */
import { TsunagiError } from '../../errors/tsunagi-error.js';
import { ExpressionParser } from './expression-parser.js';
import type { ExpressionSyntax, LiteralSyntax } from './expression-syntax.js';
import { scanLiteral } from './literal-scanner.js';
import { resolveParserLimits, type ParserLimits } from './parser-limits.js';
import type { ResourcePathSyntax } from './path-syntax.js';
import { systemOptionFields, type QueryOptionsSyntax } from './query-option-syntax.js';
import { parseQueryOptions } from './query-options-parser.js';
import { parseResourcePath } from './resource-path-parser.js';
import { decodeSource } from './source-text.js';
import type { ErrorLocation } from './syntax-error.js';
import { syntaxError } from './syntax-error.js';
import { ParseState, SyntaxScanner } from './syntax-scanner.js';

export interface RequestSyntax {
  readonly kind: 'request';
  readonly path: ResourcePathSyntax;
  readonly query: QueryOptionsSyntax;
}

export interface RequestInput {
  /** The URL path after the service root, percent-encoded: `/Customers(5)/Orders`, `` ... */
  readonly path: string;
  /** The query string without `?`, percent-encoded. */
  readonly query: string;
}

export function parseRequest(input: RequestInput, limits?: Partial<ParserLimits>): RequestSyntax {
  const resolved = resolveParserLimits(limits);
  const length = input.path.length + (input.query.length > 0 ? input.query.length + 1 : 0);
  if (length > resolved.maxUrlLength) {
    throw new TsunagiError(
      'TSG110',
      `The request URL has ${length} characters after the service root; the maximum is ${resolved.maxUrlLength} (limits.maxUrlLength).`,
    );
  }
  const state = new ParseState(resolved);
  const path = parseResourcePath(input.path, state);
  const query = parseQueryOptions(input.query, state);
  checkPathAndQuery(path, query, input.query.length);
  return Object.freeze({ kind: 'request', path, query });
}

function checkPathAndQuery(
  path: ResourcePathSyntax,
  query: QueryOptionsSyntax,
  queryLength: number,
): void {
  const first = path.segments[0];
  if (first?.kind !== 'keyword') return;
  const queryLocation: ErrorLocation = {
    code: 'TSG102',
    target: undefined,
    label: 'the query string',
    origin: 0,
  };
  if (first.keyword === '$metadata' || first.keyword === '$batch') {
    for (const field of systemOptionFields) {
      const option = query[field];
      if (option !== undefined && field !== 'format') {
        throw syntaxError(
          { ...queryLocation, target: option.canonicalName },
          option.nameOffset,
          `${option.canonicalName} cannot be used with ${first.keyword} (only $format can)`,
        );
      }
    }
  }
  if (first.keyword === '$entity') {
    if (query.id === undefined) {
      throw syntaxError(queryLocation, queryLength, '$entity needs $id=<entity id>');
    }
    const cast = path.segments[1];
    for (const option of [query.select, query.expand]) {
      if (option !== undefined && cast === undefined) {
        throw syntaxError(
          { ...queryLocation, target: option.canonicalName },
          option.nameOffset,
          `${option.canonicalName} needs a type after $entity ($entity/Namespace.Type)`,
        );
      }
    }
  }
}

export interface ExpressionParseOptions {
  readonly limits?: Partial<ParserLimits>;
  /** How error messages name the text (default `$filter`). */
  readonly label?: string;
}

/**
 * Parses one expression written as in a $filter value (percent-encoding allowed, not
 * required; a literal '%' must be written %25).
 */
export function parseExpression(
  text: string,
  options: ExpressionParseOptions = {},
): ExpressionSyntax {
  const label = options.label ?? '$filter';
  const location: ErrorLocation = { code: 'TSG101', target: label, label, origin: 0 };
  const state = new ParseState(resolveParserLimits(options.limits));
  const scanner = new SyntaxScanner(decodeSource(text, 0, text.length, location), state, location);
  const parser = new ExpressionParser(scanner);
  const expression = parser.parseCommonExpression();
  parser.expectAfterExpression('', `an operator or the end of ${label}`);
  return expression;
}

/** Parses one literal in URL form (e.g. `'O''Neil'`, `2012-09-03`, `duration'P1D'`). */
export function parseLiteral(text: string): LiteralSyntax {
  const location: ErrorLocation = {
    code: 'TSG103',
    target: undefined,
    label: 'the literal',
    origin: 0,
  };
  const state = new ParseState(resolveParserLimits(undefined));
  const scanner = new SyntaxScanner(decodeSource(text, 0, text.length, location), state, location);
  const literal = scanLiteral(scanner) ?? scanner.failExpected('a literal');
  if (!scanner.atEnd()) scanner.failExpected('the end of the literal');
  return literal;
}
