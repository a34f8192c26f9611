/**
 * A bound $orderby item: an expression (usually a property) and a direction. OData sorts
 * null before every other value in ascending order and after them in descending order.
 */
import type { BoundExpression } from './expression.js';

export interface OrderByItem {
  readonly expression: BoundExpression;
  readonly direction: 'asc' | 'desc';
}
