/**
 * The gateway's expression evaluator: what a connector did not apply of $filter, $orderby
 * and $search, evaluated on the rows it streams. Compile once per request, run per row.
 */
export { compileFilter } from './compile-filter.js';
export { compileValue, compileTypedValue, type CompiledValue } from './compile-value.js';
export { compileComparator, type RowComparator } from './compile-comparator.js';
export { compileSearch, type SearchColumn } from './compile-search.js';
export {
  compareValues,
  compareStrings,
  comparerFor,
  orderingComparerFor,
  type Comparer,
  type OrderingComparer,
} from './compare-values.js';
export type { EvaluationOptions } from './evaluation-options.js';
