/**
 * Binding of a single expression, for code and tests that have an expression rather
 * than a request: `bindExpression("Name eq 'x'", customerType, model)`. The text is
 * written as in a $filter value (percent-encoding allowed, not required). Parameter
 * aliases can be given as a map of alias name (without `@`) to value text.
 */
import type { EntityTypeModel, ServiceModel } from '../edm/service-model.js';
import type { BoundExpression } from '../semantic/expression.js';
import type { ExpressionSyntax } from '../syntax/expression-syntax.js';
import type { ParserLimits } from '../syntax/parser-limits.js';
import { parseExpression } from '../syntax/parse-request.js';
import type { AliasSyntax } from '../syntax/query-option-syntax.js';
import { AliasScope, ExpressionBinder } from './expression-binder.js';

export interface BindExpressionOptions {
  readonly limits?: Partial<ParserLimits>;
  /** Alias values by name without `@`, written as in a query string. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** How messages name the expression (default `$filter`). */
  readonly label?: string;
}

/** Binds an expression of any type (a $filter body, an $orderby item ...). */
export function bindExpression(
  text: string,
  entityType: EntityTypeModel,
  model: ServiceModel,
  options: BindExpressionOptions = {},
): BoundExpression {
  const label = options.label ?? '$filter';
  return binderFor(entityType, model, options, label).bindSingleValue(
    parseLabelled(text, label, options),
    'the expression',
  );
}

/** Binds an expression that must be Boolean, as $filter requires (TSG207 otherwise). */
export function bindFilter(
  text: string,
  entityType: EntityTypeModel,
  model: ServiceModel,
  options: BindExpressionOptions = {},
): BoundExpression {
  const label = options.label ?? '$filter';
  return binderFor(entityType, model, options, label).bindPredicate(
    parseLabelled(text, label, options),
    label,
  );
}

function binderFor(
  entityType: EntityTypeModel,
  model: ServiceModel,
  options: BindExpressionOptions,
  label: string,
): ExpressionBinder {
  const aliases = new Map<string, AliasSyntax>();
  for (const [name, text] of Object.entries(options.aliases ?? {})) {
    aliases.set(name, {
      kind: 'alias',
      name,
      nameOffset: 0,
      valueOffset: 0,
      value: parseExpression(text, { label: `@${name}` }),
    });
  }
  return new ExpressionBinder({
    model,
    entityType,
    location: { target: label, label, origin: 0 },
    aliases: new AliasScope(aliases, (alias) => ({
      target: `@${alias.name}`,
      label: `@${alias.name}`,
      origin: 0,
    })),
    itIsInScope: true,
  });
}

function parseLabelled(
  text: string,
  label: string,
  options: BindExpressionOptions,
): ExpressionSyntax {
  return parseExpression(text, {
    label,
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
}
