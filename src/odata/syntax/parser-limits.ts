/**
 * Limits that keep hostile or accidental URLs from costing the gateway much: every
 * parser entry point takes them (partially; missing fields fall back to the defaults
 * below). The parser checks them while it parses, so a deeply nested expression is
 * rejected before it can exhaust the JavaScript stack.
 *
 * | limit              | default | error  | why this default                                          |
 * |--------------------|---------|--------|-----------------------------------------------------------|
 * | maxUrlLength       | 16,384  | TSG110 | Node's HTTP server refuses longer request heads anyway    |
 * | maxExpressionDepth | 100     | TSG111 | nesting (parentheses, calls, not, -, lambdas, arrays)     |
 * | maxExpressionNodes | 1,000   | TSG111 | all expressions of one request together; an `in` list of  |
 * |                    |         |        | ~990 values still fits                                    |
 * | maxTop             | 100,000 | TSG112 | a page size no client needs; larger reads page            |
 * | maxExpandDepth     | 3       | TSG113 | `$expand=A($expand=B($expand=C))` is the deepest allowed  |
 * | maxSearchTerms     | 20      | TSG114 | words and phrases of one $search                          |
 *
 * `maxUrlLength` counts the characters of the path after the service root plus the query
 * string, as sent (percent-encoded).
 */

export interface ParserLimits {
  readonly maxUrlLength: number;
  readonly maxExpressionDepth: number;
  readonly maxExpressionNodes: number;
  readonly maxTop: number;
  readonly maxExpandDepth: number;
  readonly maxSearchTerms: number;
}

export const defaultParserLimits: ParserLimits = Object.freeze({
  maxUrlLength: 16_384,
  maxExpressionDepth: 100,
  maxExpressionNodes: 1_000,
  maxTop: 100_000,
  maxExpandDepth: 3,
  maxSearchTerms: 20,
});

/** The defaults with the given overrides applied (undefined fields keep the default). */
export function resolveParserLimits(overrides: Partial<ParserLimits> | undefined): ParserLimits {
  if (overrides === undefined) return defaultParserLimits;
  const limits: ParserLimits = {
    maxUrlLength: overrides.maxUrlLength ?? defaultParserLimits.maxUrlLength,
    maxExpressionDepth: overrides.maxExpressionDepth ?? defaultParserLimits.maxExpressionDepth,
    maxExpressionNodes: overrides.maxExpressionNodes ?? defaultParserLimits.maxExpressionNodes,
    maxTop: overrides.maxTop ?? defaultParserLimits.maxTop,
    maxExpandDepth: overrides.maxExpandDepth ?? defaultParserLimits.maxExpandDepth,
    maxSearchTerms: overrides.maxSearchTerms ?? defaultParserLimits.maxSearchTerms,
  };
  return Object.freeze(limits);
}
