/**
 * A parsed $search expression. What a term matches is the source's business (Kintone: a
 * word search); the gateway's own fallback matches a term case-insensitively as a
 * substring of any string property.
 */
export type SearchExpression =
  | { readonly kind: 'term'; readonly text: string; readonly phrase: boolean }
  | { readonly kind: 'and'; readonly left: SearchExpression; readonly right: SearchExpression }
  | { readonly kind: 'or'; readonly left: SearchExpression; readonly right: SearchExpression }
  | { readonly kind: 'not'; readonly operand: SearchExpression };
