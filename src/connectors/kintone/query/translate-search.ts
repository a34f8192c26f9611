/**
 * $search as Kintone's word search: every term becomes `like` over the app's text fields
 * (single-line and multi-line text, rich text, links), `not` becomes `not like` on all of
 * them, and `and` / `or` keep their meaning. This is the connector's search semantics
 * (a word search, as Kintone's own search box does), so the plan marks search as applied.
 */
import type { SearchExpression } from '../../../odata/semantic/search.js';
import type { KintoneTableSchema } from '../schema/kintone-table-model.js';
import { fieldToken, quoteString } from './kintone-query-text.js';
import { andConditions, orConditions, type KintoneCondition } from './translate-filter.js';

const searchableTypes = new Set(['SINGLE_LINE_TEXT', 'MULTI_LINE_TEXT', 'RICH_TEXT', 'LINK']);

/** The fields a search looks in: the app's own text fields. */
export function searchFields(table: KintoneTableSchema): string[] {
  if (table.kintone.kind !== 'app') return [];
  const fields: string[] = [];
  for (const source of table.kintone.columns) {
    if (!searchableTypes.has(source.fieldType)) continue;
    const token = fieldToken(source.code);
    if (token !== undefined) fields.push(token);
  }
  return fields;
}

/**
 * The condition of a search, `{ constant: false }` when the app has no text field, or
 * undefined when a term cannot be sent to Kintone (then the gateway searches).
 */
export function translateSearch(
  search: SearchExpression,
  table: KintoneTableSchema,
): KintoneCondition | { readonly constant: false } | undefined {
  if (table.kintone.kind !== 'app') return undefined;
  const fields = searchFields(table);
  if (fields.length === 0) return { constant: false };
  const visit = (node: SearchExpression, negated: boolean): KintoneCondition | undefined => {
    switch (node.kind) {
      case 'term': {
        const quoted = quoteString(node.text);
        if (quoted === undefined || node.text.trim() === '') return undefined;
        let result: KintoneCondition | undefined;
        for (const field of fields) {
          const condition: KintoneCondition = {
            text: `${field} ${negated ? 'not like' : 'like'} ${quoted}`,
            exact: true,
            compound: false,
          };
          result =
            result === undefined
              ? condition
              : negated
                ? andConditions(result, condition)
                : orConditions(result, condition);
        }
        return result;
      }
      case 'not':
        return visit(node.operand, !negated);
      case 'and':
      case 'or': {
        const left = visit(node.left, negated);
        const right = visit(node.right, negated);
        if (left === undefined || right === undefined) return undefined;
        return (node.kind === 'and') !== negated
          ? andConditions(left, right)
          : orConditions(left, right);
      }
    }
  };
  return visit(search, false);
}
