/**
 * The expression compiler: walks a bound expression once and returns closures that
 * evaluate it per row (no tree walking per row). Each node kind has one case in an
 * exhaustive switch; operators and functions live in their own modules.
 *
 * - Properties of `$it` read the row cell at `property.columnIndex`; a lambda's range
 *   variable reads the slot that its any/all loop fills with the current element.
 * - `and`, `or` and `not` follow three-valued logic (OData 4.01 §5.1.1.3): null and false
 *   is false, null or true is true, not null is null, anything else with null is null.
 * - Sub-expressions that do not depend on the row are evaluated once, at compile time.
 * - Navigation cannot be evaluated on the rows of one table: TSG210.
 */
import type { Row } from '../../connectors/connector.js';
import type {
  BoundExpression,
  CastNode,
  CountNode,
  IsOfNode,
  LambdaNode,
  LogicalNode,
  PropertyNode,
} from '../semantic/expression.js';
import { compileArithmetic, compileNegate } from './compile-arithmetic.js';
import { compileComparison, compileIn } from './compile-comparison.js';
import { compileFunctionCall } from './compile-function-call.js';
import { converterFor, isOfTest } from './cast-value.js';
import {
  columnExpression,
  constantExpression,
  constantPredicate,
  derivedExpression,
  derivedPredicate,
  dynamicExpression,
  fromPredicate,
  isCollectionValue,
  type CompileContext,
  type CompiledExpression,
  type CompiledPredicate,
  type LambdaScope,
  type VariableSlot,
} from './compiled-expression.js';
import {
  describeType,
  navigationNotSupported,
  notBoolean,
  notSupported,
  typeMismatch,
  unknownVariable,
} from './evaluation-errors.js';

type StrictTest = (row: Row) => boolean;

export function compileExpression(
  node: BoundExpression,
  context: CompileContext,
): CompiledExpression {
  switch (node.kind) {
    case 'literal':
      return constantExpression(node.resultType, node.value);
    case 'property':
      return compileProperty(node, context);
    case 'navigation':
      throw navigationNotSupported(node.navigation.name, context.target);
    case 'comparison':
      return compileComparison(
        node,
        compileExpression(node.left, context),
        compileExpression(node.right, context),
        context,
      );
    case 'logical':
      return fromPredicate(compileLogical(node, context));
    case 'not':
      return fromPredicate(compileNot(compilePredicate(node.operand, context)));
    case 'arithmetic':
      return compileArithmetic(
        node,
        compileExpression(node.left, context),
        compileExpression(node.right, context),
        context,
      );
    case 'negate':
      return compileNegate(compileExpression(node.operand, context), context);
    case 'in':
      return compileIn(
        compileExpression(node.operand, context),
        node.values.map((value) => compileExpression(value, context)),
        context,
      );
    case 'call':
      return compileFunctionCall(
        node,
        node.args.map((arg) => compileExpression(arg, context)),
        context,
      );
    case 'cast':
      return compileCast(node, context);
    case 'isof':
      return compileIsOf(node, context);
    case 'lambda':
      return fromPredicate(compileLambda(node, context));
    case 'count':
      return compileCount(node, context);
    default: {
      const unexpected: never = node;
      throw notSupported(
        `The expression kind '${(unexpected as { kind: string }).kind}' cannot be evaluated.`,
        context.target,
      );
    }
  }
}

/** Compiles a boolean expression as a three-valued test (TSG207 when it is not boolean). */
export function compilePredicate(
  node: BoundExpression,
  context: CompileContext,
): CompiledPredicate {
  const compiled = compileExpression(node, context);
  if (compiled.predicate !== undefined) return compiled.predicate;
  if (compiled.type.type === 'null') return constantPredicate(null);
  if (compiled.type.type !== 'Edm.Boolean' || compiled.type.collection) {
    throw notBoolean(compiled.type, context.target);
  }
  if (compiled.constant) {
    return constantPredicate(typeof compiled.value === 'boolean' ? compiled.value : null);
  }
  const index = compiled.columnIndex;
  const evaluate = compiled.evaluate;
  return derivedPredicate(
    index >= 0
      ? (row) => {
          const value = row[index];
          return typeof value === 'boolean' ? value : null;
        }
      : (row) => {
          const value = evaluate(row);
          return typeof value === 'boolean' ? value : null;
        },
    undefined,
    [compiled],
  );
}

function findVariable(scope: LambdaScope | undefined, name: string): LambdaScope | undefined {
  for (let current = scope; current !== undefined; current = current.parent) {
    if (current.name === name) return current;
  }
  return undefined;
}

function compileProperty(node: PropertyNode, context: CompileContext): CompiledExpression {
  if (node.variable !== null) {
    const variable = findVariable(context.scope, node.variable);
    if (variable !== undefined) {
      if (node.property !== undefined) {
        throw notSupported(
          `The property '${node.property.name}' of the range variable '${node.variable}' cannot be evaluated: only lambdas over collections of primitive values are supported for this entity set.`,
          context.target,
        );
      }
      const slot = variable.slot;
      return dynamicExpression(variable.elementType, () => slot.value);
    }
    if (node.variable !== '$it' && node.variable !== '$this') {
      throw unknownVariable(node.variable, context.target);
    }
  }
  if (node.property === undefined) {
    throw notSupported(
      'An expression on the entity itself (without a property) cannot be evaluated.',
      context.target,
    );
  }
  const property = node.property;
  return columnExpression(
    { type: property.type, collection: property.collection },
    property.columnIndex,
  );
}

function compileLogical(node: LogicalNode, context: CompileContext): CompiledPredicate {
  const left = compilePredicate(node.left, context);
  const right = compilePredicate(node.right, context);
  const isAnd = node.operator === 'and';
  // A constant that decides the result on its own: false for and, true for or.
  const deciding = !isAnd;
  if ((left.constant && left.value === deciding) || (right.constant && right.value === deciding)) {
    return constantPredicate(deciding);
  }
  if (left.constant && left.value === !deciding) return right;
  if (right.constant && right.value === !deciding) return left;
  const leftStrict = left.strictTest;
  const rightStrict = right.strictTest;
  if (leftStrict !== undefined && rightStrict !== undefined) {
    const test: StrictTest = isAnd
      ? (row) => leftStrict(row) && rightStrict(row)
      : (row) => leftStrict(row) || rightStrict(row);
    return derivedPredicate(test, test, [left, right]);
  }
  const leftTest = left.test;
  const rightTest = right.test;
  if (isAnd) {
    return derivedPredicate(
      (row) => {
        const a = leftTest(row);
        if (a === false) return false;
        const b = rightTest(row);
        if (b === false) return false;
        return a === true && b === true ? true : null;
      },
      undefined,
      [left, right],
    );
  }
  return derivedPredicate(
    (row) => {
      const a = leftTest(row);
      if (a === true) return true;
      const b = rightTest(row);
      if (b === true) return true;
      return a === false && b === false ? false : null;
    },
    undefined,
    [left, right],
  );
}

function compileNot(operand: CompiledPredicate): CompiledPredicate {
  if (operand.constant) return constantPredicate(operand.value === null ? null : !operand.value);
  const strict = operand.strictTest;
  if (strict !== undefined) {
    const test: StrictTest = (row) => !strict(row);
    return derivedPredicate(test, test, [operand]);
  }
  const test = operand.test;
  return derivedPredicate(
    (row) => {
      const value = test(row);
      return value === null ? null : !value;
    },
    undefined,
    [operand],
  );
}

function compileCollectionSource(
  node: LambdaNode | CountNode,
  context: CompileContext,
): CompiledExpression {
  if (node.source.kind === 'navigation') {
    throw navigationNotSupported(node.source.navigation.name, context.target);
  }
  const source = compileExpression(node.source, context);
  if (!source.type.collection) {
    throw typeMismatch(
      `${node.kind === 'count' ? '$count' : `The lambda operator '${node.operator}'`} needs a collection, but the source has type ${describeType(source.type)}.`,
      context.target,
    );
  }
  return source;
}

function compileLambda(node: LambdaNode, context: CompileContext): CompiledPredicate {
  const source = compileCollectionSource(node, context);
  const evaluate = source.evaluate;
  if (node.predicate === undefined) {
    if (node.operator === 'all') return constantPredicate(true);
    const test: StrictTest = (row) => {
      const items = evaluate(row);
      return isCollectionValue(items) && items.length > 0;
    };
    return derivedPredicate(test, test, [source]);
  }
  if (node.variable === undefined) {
    throw notSupported(
      `The lambda operator '${node.operator}' has a predicate but no range variable.`,
      context.target,
    );
  }
  const slot: VariableSlot = { value: null };
  const scope: LambdaScope = {
    name: node.variable,
    slot,
    elementType: { type: source.type.type, collection: false },
    parent: context.scope,
  };
  const predicate = compilePredicate(node.predicate, { ...context, scope });
  const matches = predicate.test;
  const test: StrictTest =
    node.operator === 'any'
      ? (row) => {
          const items = evaluate(row);
          if (!isCollectionValue(items)) return false;
          for (let index = 0; index < items.length; index++) {
            slot.value = items[index] ?? null;
            if (matches(row) === true) return true;
          }
          return false;
        }
      : (row) => {
          const items = evaluate(row);
          if (!isCollectionValue(items)) return true;
          for (let index = 0; index < items.length; index++) {
            slot.value = items[index] ?? null;
            if (matches(row) !== true) return false;
          }
          return true;
        };
  return derivedPredicate(test, test, [source]);
}

function compileCount(node: CountNode, context: CompileContext): CompiledExpression {
  const source = compileCollectionSource(node, context);
  const evaluate = source.evaluate;
  return derivedExpression(
    node.resultType.type === 'null' ? { type: 'Edm.Int32', collection: false } : node.resultType,
    (row) => {
      const items = evaluate(row);
      return isCollectionValue(items) ? items.length : 0;
    },
    [source],
  );
}

function compileCast(node: CastNode, context: CompileContext): CompiledExpression {
  const operand = compileExpression(node.operand, context);
  const resultType = { type: node.targetType, collection: false };
  if (operand.type.collection) {
    throw notSupported(
      `cast of a collection (${describeType(operand.type)}) is not supported.`,
      context.target,
    );
  }
  const from = operand.type.type;
  if (from === 'null') return constantExpression(resultType, null);
  const convert = converterFor(from, node.targetType);
  const evaluate = operand.evaluate;
  return derivedExpression(
    resultType,
    (row) => {
      const value = evaluate(row);
      return value === null ? null : convert(value);
    },
    [operand],
  );
}

function compileIsOf(node: IsOfNode, context: CompileContext): CompiledExpression {
  const operand = compileExpression(node.operand, context);
  const from = operand.type.type;
  if (from === 'null' || operand.type.collection) {
    return fromPredicate(constantPredicate(false));
  }
  const isOf = isOfTest(from, node.targetType);
  const evaluate = operand.evaluate;
  const test: StrictTest = (row) => {
    const value = evaluate(row);
    return value !== null && isOf(value);
  };
  return fromPredicate(derivedPredicate(test, test, [operand]));
}
