/**
 * What the evaluator needs to know about the request besides the expression itself.
 */
export interface EvaluationOptions {
  /**
   * The request's point in time: `now()` returns it (as an Edm.DateTimeOffset in UTC), the
   * same for every row. Fixed once per request so that paging stays consistent.
   */
  readonly now: Date;
  /**
   * The query option that errors name as their `target` ("$filter", "$orderby", or e.g.
   * "$expand/Items/$filter"). Defaults: "$filter" for compileFilter, "$orderby" for
   * compileValue and compileComparator.
   */
  readonly target?: string;
}
