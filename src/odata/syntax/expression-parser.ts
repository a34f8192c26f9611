/**
 * Recursive-descent parser for the OData expression language (commonExpr of the ABNF),
 * with the operator precedence of the URL conventions (highest first):
 *
 * | level          | operators                                             |
 * |----------------|-------------------------------------------------------|
 * | primary        | `/` paths, function calls, `has`, `in`                |
 * | unary          | `-` (negation), `not`                                 |
 * | multiplicative | `mul`, `div`, `divby`, `mod`                          |
 * | additive       | `add`, `sub`                                          |
 * | relational     | `lt`, `le`, `gt`, `ge`                                |
 * | equality       | `eq`, `ne`                                            |
 * | and            | `and`                                                 |
 * | or             | `or`                                                  |
 *
 * Binary operators are left-associative and, as the ABNF requires, surrounded by
 * whitespace (`%20` counts); operator names and built-in function names are
 * case-insensitive, `$it`, `$this`, `$root` and `$count` are not. `not` binds to its
 * operand like `-` does: `not Name eq 'x'` means `(not Name) eq 'x'`; write
 * `not (Name eq 'x')`. A parenthesised list of literals is only allowed on the right of
 * `in`. Leading whitespace is an error, trailing whitespace is allowed.
 *
 * The parser stops where the grammar cannot continue and leaves the rest to its caller
 * ($filter wants the end of the value, a nested option wants `;` or `)`).
 */
import { isAsciiLetter, isWhitespace } from './character-classes.js';
import type {
  ArgumentListSyntax,
  ArgumentSyntax,
  BinaryOperatorSyntax,
  CaseBranchSyntax,
  CaseSyntax,
  CountSegmentSyntax,
  ExpressionSyntax,
  LambdaSegmentSyntax,
  LiteralSyntax,
  ListSyntax,
  MemberPathSyntax,
  MemberSegmentSyntax,
  MethodCallSyntax,
  NameSegmentSyntax,
  ObjectMemberSyntax,
  TypeFunctionSyntax,
  TypeNameSyntax,
} from './expression-syntax.js';
import { literalNode, scanLiteral } from './literal-scanner.js';
import { parseSearchExpression } from './search-parser.js';
import type { SyntaxScanner } from './syntax-scanner.js';
import { builtInFunctions } from '../semantic/expression.js';
import type { SearchExpression } from '../semantic/search.js';

/**
 * Built-in functions called with positional arguments (names in lower case): the
 * functions of the semantic model, and the geo functions, which parse but do not bind
 * (TSG210).
 */
export const builtInMethodNames: ReadonlySet<string> = new Set([
  ...builtInFunctions.map((name) => name.toLowerCase()),
  'geo.distance',
  'geo.length',
  'geo.intersects',
]);

/** Binding strength of the binary operators (higher binds tighter); has and in bind like paths. */
const operatorLevels: ReadonlyMap<string, number> = new Map<BinaryOperatorSyntax, number>([
  ['or', 0],
  ['and', 1],
  ['eq', 2],
  ['ne', 2],
  ['lt', 3],
  ['le', 3],
  ['gt', 3],
  ['ge', 3],
  ['add', 4],
  ['sub', 4],
  ['mul', 5],
  ['div', 5],
  ['divby', 5],
  ['mod', 5],
  ['has', 6],
  ['in', 6],
]);
const postfixLevel = 6;

const allOperators = [...operatorLevels.keys()] as readonly BinaryOperatorSyntax[];

interface OperatorMatch {
  readonly operator: BinaryOperatorSyntax;
  readonly level: number;
  readonly keywordIndex: number;
  readonly next: number;
}

export class ExpressionParser {
  /** The last operator lookahead, by position: precedence climbing asks twice at one place. */
  private peekedPosition = -1;
  private peekedOperator: OperatorMatch | undefined;

  constructor(private readonly s: SyntaxScanner) {}

  /** commonExpr: parses as much as the grammar allows; the caller checks what follows. */
  parseCommonExpression(): ExpressionSyntax {
    const s: SyntaxScanner = this.s;
    if (s.atEnd()) s.failExpected('an expression');
    if (isWhitespace(s.peek())) s.fail('unexpected whitespace before the expression');
    s.enter();
    const expression = this.parseBinary(0);
    s.leave();
    return expression;
  }

  /**
   * After an expression, at whitespace or `expected`: consumes `expected`, or fails with
   * a message that names a dangling operator (`Name eq` / `Name eq'x'`) when there is one.
   */
  expectAfterExpression(expected: string, description = `'${expected}'`): void {
    const s: SyntaxScanner = this.s;
    s.skipWhitespace();
    if (expected.length > 0 && s.accept(expected)) return;
    if (expected.length === 0 && s.atEnd()) return;
    this.failAtOperatorWord();
    s.failExpected(description);
  }

  /** Fails with a precise message if a binary operator word is at the position. */
  failAtOperatorWord(): void {
    const s: SyntaxScanner = this.s;
    for (const operator of allOperators) {
      if (
        !s.hasWordAt(s.position, operator) ||
        s.isIdentifierPartAt(s.position + operator.length)
      ) {
        continue;
      }
      const after = s.position + operator.length;
      if (after >= s.end) s.fail(`expected an expression after '${operator}'`, after);
      if (!isWhitespace(s.text.charCodeAt(after)))
        s.fail(`expected whitespace after '${operator}'`, after);
    }
  }

  /** Argument lists after a name: `(1)`, `(A=1,B='x')`, `(p=@alias)`, `()` ... */
  parseArgumentLists(restricted: boolean): ArgumentListSyntax[] {
    const lists: ArgumentListSyntax[] = [];
    while (this.s.peekIs('(')) lists.push(this.parseArgumentList(restricted));
    return lists;
  }

  /** Precedence climbing over the binary operators of `minimumLevel` and tighter. */
  private parseBinary(minimumLevel: number): ExpressionSyntax {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    let left = this.parseUnary();
    for (;;) {
      const match = this.operatorAhead();
      if (match === undefined || match.level < minimumLevel || match.level === postfixLevel) {
        return left;
      }
      s.position = match.next;
      const right = this.parseBinary(match.level + 1);
      left = this.binary(start, match, left, right);
    }
  }

  private binary(
    start: number,
    match: OperatorMatch,
    left: ExpressionSyntax,
    right: ExpressionSyntax,
  ): ExpressionSyntax {
    const s: SyntaxScanner = this.s;
    s.countNode(match.keywordIndex);
    return Object.freeze({
      kind: 'binary',
      offset: s.rawOffset(start),
      operator: match.operator,
      operatorOffset: s.rawOffset(match.keywordIndex),
      left,
      right,
    });
  }

  /** Whitespace, an operator word, whitespace: the position is not moved. */
  private operatorAhead(): OperatorMatch | undefined {
    const s: SyntaxScanner = this.s;
    if (this.peekedPosition === s.position) return this.peekedOperator;
    this.peekedPosition = s.position;
    this.peekedOperator = undefined;
    const text = s.text;
    let index = s.position;
    if (index >= s.end || !isWhitespace(text.charCodeAt(index))) return undefined;
    while (index < s.end && isWhitespace(text.charCodeAt(index))) index++;
    let next = index;
    while (next < s.end && next - index < 6 && isAsciiLetter(text.charCodeAt(next))) next++;
    if (next - index < 2 || next >= s.end || !isWhitespace(text.charCodeAt(next))) return undefined;
    const operator = text.slice(index, next).toLowerCase();
    const level = operatorLevels.get(operator);
    if (level === undefined) return undefined;
    while (next < s.end && isWhitespace(text.charCodeAt(next))) next++;
    this.peekedOperator = {
      operator: operator as BinaryOperatorSyntax,
      level,
      keywordIndex: index,
      next,
    };
    return this.peekedOperator;
  }

  private parseUnary(): ExpressionSyntax {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    if (s.peekIs('-')) {
      const literal = scanLiteral(s);
      if (literal !== undefined) return this.parsePostfix(literal, start);
      s.position++;
      s.skipWhitespace();
      return this.unary(start, 'negate');
    }
    if (s.hasWordAt(start, 'not')) {
      const after = s.peek(3);
      if (after === 0x28 || isWhitespace(after)) {
        s.position += 3;
        s.skipWhitespace();
        return this.unary(start, 'not');
      }
    }
    return this.parsePostfix(this.parsePrimary(), start);
  }

  private unary(start: number, operator: 'not' | 'negate'): ExpressionSyntax {
    const s: SyntaxScanner = this.s;
    s.enter(start);
    const operand = this.parseUnary();
    s.leave();
    s.countNode(start);
    return Object.freeze({ kind: 'unary', offset: s.rawOffset(start), operator, operand });
  }

  /** `primary [has|in primary]*`: has and in bind like navigation (URL conventions 5.1.1.15). */
  private parsePostfix(primary: ExpressionSyntax, start: number): ExpressionSyntax {
    const s: SyntaxScanner = this.s;
    let left = primary;
    for (;;) {
      const match = this.operatorAhead();
      if (match === undefined || match.level !== postfixLevel) return left;
      s.position = match.next;
      const right = match.operator === 'in' ? this.parseInOperand() : this.parsePrimary();
      left = this.binary(start, match, left, right);
    }
  }

  private parseInOperand(): ExpressionSyntax {
    const s: SyntaxScanner = this.s;
    if (!s.peekIs('(')) return this.parsePrimary();
    const start = s.position;
    const nodes = s.state.nodeCount;
    const list = this.tryParseList();
    if (list !== undefined) return list;
    s.position = start;
    s.state.nodeCount = nodes;
    return this.parsePrimary();
  }

  /** `( literal, ... )`, or undefined if the parentheses hold something else. */
  private tryParseList(): ListSyntax | undefined {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    s.position++;
    s.skipWhitespace();
    const items: ExpressionSyntax[] = [];
    if (!s.accept(')')) {
      for (;;) {
        const item = this.scanListItem();
        if (item === undefined) return undefined;
        items.push(item);
        s.skipWhitespace();
        if (s.accept(',')) {
          s.skipWhitespace();
          continue;
        }
        if (s.accept(')')) break;
        return undefined;
      }
    }
    s.countNode(start);
    return Object.freeze({ kind: 'list', offset: s.rawOffset(start), items: Object.freeze(items) });
  }

  private scanListItem(): ExpressionSyntax | undefined {
    const s: SyntaxScanner = this.s;
    if (s.peekIs('@')) {
      const start = s.position;
      const segment = this.parseAtSegment();
      if (segment.qualified || s.peekIs('/')) return undefined;
      return this.memberPath(start, [segment]);
    }
    return scanLiteral(s);
  }

  private parsePrimary(): ExpressionSyntax {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    const code = s.peek();
    switch (code) {
      case 0x28: {
        s.position++;
        s.skipWhitespace();
        const inner = this.parseCommonExpression();
        this.expectAfterExpression(')');
        return inner;
      }
      case 0x5b:
        return this.parseArray();
      case 0x7b:
        return this.parseObject();
      case 0x22:
        return s.fail(
          'a double-quoted string is only allowed inside a JSON array or object; write string literals in single quotes',
        );
      case 0x24:
        return this.parseImplicitVariablePath(start);
      case 0x40: {
        const segment = this.parseAtSegment();
        return this.parseMemberPathRest(start, [segment]);
      }
      default:
        break;
    }
    const literal = scanLiteral(s);
    if (literal !== undefined) return literal;
    if (s.atIdentifierStart()) return this.parseNamePrimary(start);
    return s.failExpected('an expression');
  }

  private parseNamePrimary(start: number): ExpressionSyntax {
    const s: SyntaxScanner = this.s;
    const name = s.readQualifiedName() ?? s.failExpected('a name');
    const qualified = name.includes('.');
    const lower = name.toLowerCase();
    if (s.peekIs('(')) {
      if (!qualified) {
        if (lower === 'cast' || lower === 'isof') return this.parseTypeFunction(lower, start);
        if (lower === 'case') return this.parseCase(start);
        if (lower === 'any' || lower === 'all') {
          s.fail(`${lower}() must follow a collection, e.g. Items/${lower}(x: x/Quantity gt 1)`);
        }
      }
      if (builtInMethodNames.has(lower) && (!qualified || lower.startsWith('geo.'))) {
        return this.parseMethodCall(lower, start);
      }
    }
    const first = this.nameSegment(name, qualified, start, false);
    if (qualified && first.argumentLists.length === 0 && !s.peekIs('/')) {
      s.failExpected(`'(' (function call) or '/' (type cast) after '${name}'`);
    }
    return this.parseMemberPathRest(start, [first]);
  }

  private parseImplicitVariablePath(start: number): ExpressionSyntax {
    const s: SyntaxScanner = this.s;
    let name: '$it' | '$this' | '$root';
    if (s.atKeyword('$it', true)) name = '$it';
    else if (s.atKeyword('$this', true)) name = '$this';
    else if (s.atKeyword('$root', true)) name = '$root';
    else return s.fail('unknown name starting with $ (expected $it, $this or $root)');
    s.position += name.length;
    if (name === '$root' && !s.peekIs('/')) s.failExpected("'/' after $root");
    s.countNode(start);
    const segment = Object.freeze({
      kind: 'implicitVariable' as const,
      offset: s.rawOffset(start),
      name,
    });
    return this.parseMemberPathRest(start, [segment]);
  }

  private parseMemberPathRest(start: number, segments: MemberSegmentSyntax[]): MemberPathSyntax {
    const s: SyntaxScanner = this.s;
    while (s.peekIs('/')) {
      s.position++;
      const segment = this.parseMemberSegment();
      segments.push(segment);
      if (segment.kind === 'count' || segment.kind === 'lambda') break;
    }
    return this.memberPath(start, segments);
  }

  private memberPath(start: number, segments: MemberSegmentSyntax[]): MemberPathSyntax {
    const s: SyntaxScanner = this.s;
    s.countNode(start);
    return Object.freeze({
      kind: 'memberPath',
      offset: s.rawOffset(start),
      segments: Object.freeze(segments),
    });
  }

  private parseMemberSegment(): MemberSegmentSyntax {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    if (s.peekIs('$')) {
      if (s.atKeyword('$count', true)) return this.parseCountSegment(start);
      if (s.hasWordAt(start, '$filter', true) && s.peek(7) === 0x28) {
        s.position += 8;
        s.enter(start);
        s.skipWhitespace();
        const expression = this.parseCommonExpression();
        this.expectAfterExpression(')');
        s.leave();
        const argumentLists = this.parseArgumentLists(false);
        s.countNode(start);
        return Object.freeze({
          kind: 'filter',
          offset: s.rawOffset(start),
          expression,
          argumentLists: Object.freeze(argumentLists),
        });
      }
      return s.fail('unknown path segment (expected $count or $filter(...) after /)');
    }
    if (s.peekIs('@')) return this.parseAtSegment();
    if (s.atIdentifierStart()) {
      const name = s.readQualifiedName() ?? s.failExpected('a name');
      const qualified = name.includes('.');
      const lower = name.toLowerCase();
      if (!qualified && (lower === 'any' || lower === 'all') && s.peekIs('(')) {
        return this.parseLambda(lower, start);
      }
      return this.nameSegment(name, qualified, start, false);
    }
    return s.failExpected(
      'a property, navigation property, type cast, function, $count, any or all',
    );
  }

  private nameSegment(
    name: string,
    qualified: boolean,
    start: number,
    restricted: boolean,
  ): NameSegmentSyntax {
    const s: SyntaxScanner = this.s;
    const argumentLists = this.parseArgumentLists(restricted);
    s.countNode(start);
    return Object.freeze({
      kind: 'name',
      offset: s.rawOffset(start),
      name,
      qualified,
      argumentLists: Object.freeze(argumentLists),
    });
  }

  /** `@alias` or `@Namespace.Term#Qualifier`. */
  parseAtSegment(): MemberSegmentSyntax & { kind: 'at' } {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    s.position++;
    const name = s.readQualifiedName() ?? s.failExpected("a name after '@'");
    let qualifier: string | undefined;
    if (s.peekIs('#')) {
      s.position++;
      qualifier = s.readIdentifier() ?? s.failExpected("a qualifier after '#'");
    }
    s.countNode(start);
    return Object.freeze({
      kind: 'at',
      offset: s.rawOffset(start),
      name,
      qualified: name.includes('.'),
      qualifier,
    });
  }

  private parseCountSegment(start: number): CountSegmentSyntax {
    const s: SyntaxScanner = this.s;
    s.position += 6;
    let filter: ExpressionSyntax | undefined;
    let search: SearchExpression | undefined;
    if (s.accept('(')) {
      s.enter(start);
      for (;;) {
        const optionStart = s.position;
        const option = this.readNestedOptionName(['filter', 'search']);
        if (option === 'filter') {
          if (filter !== undefined) s.fail('$filter is given twice', optionStart, 'TSG102');
          filter = this.withCode('TSG101', () => this.parseCommonExpression());
        } else {
          if (search !== undefined) s.fail('$search is given twice', optionStart, 'TSG102');
          search = this.withCode('TSG104', () => parseSearchExpression(s));
        }
        s.skipWhitespace();
        if (s.accept(';')) continue;
        s.expect(')');
        break;
      }
      s.leave();
    }
    s.countNode(start);
    return Object.freeze({ kind: 'count', offset: s.rawOffset(start), filter, search });
  }

  /** Reads `$name=` or `name=` for one of `allowed` (lower case, without $). */
  private readNestedOptionName<T extends string>(allowed: readonly T[]): T {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    s.accept('$');
    const name = s.readIdentifier()?.toLowerCase();
    const found = allowed.find((option) => option === name);
    if (found === undefined || !s.accept('=')) {
      s.position = start;
      s.failExpected(allowed.map((option) => `$${option}=`).join(' or '));
    }
    return found;
  }

  private withCode<T>(code: 'TSG101' | 'TSG102' | 'TSG104', parse: () => T): T {
    const s: SyntaxScanner = this.s;
    const saved = s.location;
    s.location = { ...saved, code };
    try {
      return parse();
    } finally {
      s.location = saved;
    }
  }

  private parseLambda(operator: 'any' | 'all', start: number): LambdaSegmentSyntax {
    const s: SyntaxScanner = this.s;
    s.expect('(');
    s.enter(start);
    s.skipWhitespace();
    let variable: string | undefined;
    let predicate: ExpressionSyntax | undefined;
    if (s.peekIs(')')) {
      if (operator === 'all') {
        s.failExpected('a lambda variable (all needs a predicate, e.g. all(x: x/Quantity gt 1))');
      }
      s.position++;
    } else {
      variable = s.readIdentifier() ?? s.failExpected('a lambda variable name');
      s.skipWhitespace();
      s.expect(':');
      s.skipWhitespace();
      predicate = this.parseCommonExpression();
      this.expectAfterExpression(')');
    }
    s.leave();
    s.countNode(start);
    return Object.freeze({
      kind: 'lambda',
      offset: s.rawOffset(start),
      operator,
      variable,
      predicate,
    });
  }

  private parseArgumentList(restricted: boolean): ArgumentListSyntax {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    s.position++;
    const items = this.parseItemsUntil(start, ')', (): ArgumentSyntax => {
      const itemStart = s.position;
      let name: string | undefined;
      if (s.atIdentifierStart()) {
        const identifier = s.readIdentifier();
        if (s.accept('=')) name = identifier;
        else s.position = itemStart;
      }
      const value = restricted ? this.parseRestrictedValue() : this.parseArgumentValue();
      return Object.freeze({ kind: 'argument', offset: s.rawOffset(itemStart), name, value });
    });
    if (restricted && items.length > 1) {
      const unnamed = items.find((item) => item.name === undefined);
      if (unnamed !== undefined) {
        s.fail('several values in parentheses need names (Name=value, ...)', start);
      }
    }
    s.countNode(start);
    return Object.freeze({
      kind: 'arguments',
      offset: s.rawOffset(start),
      items: Object.freeze(items),
    });
  }

  /** A key or function parameter value in the resource path: a literal or an alias. */
  private parseRestrictedValue(): ExpressionSyntax {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    if (s.peekIs('@')) {
      const segment = this.parseAtSegment();
      return this.memberPath(start, [segment]);
    }
    const literal = scanLiteral(s);
    if (literal === undefined) s.failExpected('a literal value or a parameter alias');
    return literal;
  }

  private parseArgumentValue(): ExpressionSyntax {
    return this.parseCommonExpression();
  }

  private parseMethodCall(name: string, start: number): MethodCallSyntax {
    const s: SyntaxScanner = this.s;
    s.expect('(');
    const args = this.parseItemsUntil(start, ')', () => this.parseCommonExpression());
    s.countNode(start);
    return Object.freeze({
      kind: 'methodCall',
      offset: s.rawOffset(start),
      name,
      args: Object.freeze(args),
    });
  }

  private parseTypeFunction(kind: 'cast' | 'isof', start: number): TypeFunctionSyntax {
    const s: SyntaxScanner = this.s;
    s.expect('(');
    s.enter(start);
    s.skipWhitespace();
    const afterOpen = s.position;
    const nodes = s.state.nodeCount;
    let operand: ExpressionSyntax | undefined;
    let typeName = this.readTypeName();
    s.skipWhitespace();
    if (typeName === undefined || !s.accept(')')) {
      s.position = afterOpen;
      s.state.nodeCount = nodes;
      operand = this.parseCommonExpression();
      this.expectAfterExpression(',');
      s.skipWhitespace();
      typeName = this.readTypeName() ?? s.failExpected('a type name such as Edm.String');
      s.skipWhitespace();
      s.expect(')');
    }
    s.leave();
    s.countNode(start);
    return Object.freeze({ kind, offset: s.rawOffset(start), operand, typeName });
  }

  /** `Namespace.Type`, `Type` or `Collection(Namespace.Type)`; undefined if none is here. */
  private readTypeName(): TypeNameSyntax | undefined {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    let collection = false;
    if (s.hasWordAt(start, 'Collection', true) && s.peek(10) === 0x28) {
      s.position += 11;
      collection = true;
    }
    const name = s.readQualifiedName();
    if (name === undefined) {
      s.position = start;
      return undefined;
    }
    if (collection && !s.accept(')')) {
      s.position = start;
      return undefined;
    }
    s.countNode(start);
    return Object.freeze({ kind: 'typeName', offset: s.rawOffset(start), name, collection });
  }

  private parseCase(start: number): CaseSyntax {
    const s: SyntaxScanner = this.s;
    s.expect('(');
    const branches = this.parseItemsUntil(
      start,
      ')',
      (): CaseBranchSyntax => {
        const condition = this.parseCommonExpression();
        this.expectAfterExpression(':');
        s.skipWhitespace();
        const value = this.parseCommonExpression();
        return Object.freeze({ kind: 'caseBranch', condition, value });
      },
      false,
    );
    s.countNode(start);
    return Object.freeze({
      kind: 'case',
      offset: s.rawOffset(start),
      branches: Object.freeze(branches),
    });
  }

  private parseArray(): ExpressionSyntax {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    s.position++;
    const items = this.parseItemsUntil(start, ']', () => this.parseJsonValue());
    s.countNode(start);
    return Object.freeze({
      kind: 'array',
      offset: s.rawOffset(start),
      items: Object.freeze(items),
    });
  }

  private parseObject(): ExpressionSyntax {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    s.position++;
    const members = this.parseItemsUntil(start, '}', (): ObjectMemberSyntax => {
      if (!s.peekIs('"')) s.failExpected('a member name in double quotes');
      const name = this.readJsonString().value;
      s.skipWhitespace();
      s.expect(':');
      s.skipWhitespace();
      return Object.freeze({ kind: 'objectMember', name, value: this.parseJsonValue() });
    });
    s.countNode(start);
    return Object.freeze({
      kind: 'object',
      offset: s.rawOffset(start),
      members: Object.freeze(members),
    });
  }

  /**
   * The comma-separated items after an opening bracket, up to and including `close`, one
   * nesting level below `start`; `allowEmpty` lets `close` come at once.
   */
  private parseItemsUntil<T>(
    start: number,
    close: string,
    parseItem: () => T,
    allowEmpty = true,
  ): T[] {
    const s: SyntaxScanner = this.s;
    s.enter(start);
    s.skipWhitespace();
    const items: T[] = [];
    if (!allowEmpty || !s.accept(close)) {
      for (;;) {
        items.push(parseItem());
        s.skipWhitespace();
        if (s.accept(',')) {
          s.skipWhitespace();
          continue;
        }
        this.expectAfterExpression(close, `',' or '${close}'`);
        break;
      }
    }
    s.leave();
    return items;
  }

  /** An item or member value inside a JSON array or object: a JSON string or an expression. */
  private parseJsonValue(): ExpressionSyntax {
    return this.s.peekIs('"') ? this.readJsonString() : this.parseCommonExpression();
  }

  /** A JSON string (`"..."` with JSON escapes), as a string literal. */
  private readJsonString(): LiteralSyntax {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    s.position++;
    let value = '';
    for (;;) {
      if (s.atEnd()) s.fail('the JSON string has no closing double quote', s.end, 'TSG103');
      const code = s.peek();
      if (code === 0x22) {
        s.position++;
        break;
      }
      if (code !== 0x5c) {
        value += s.text[s.position];
        s.position++;
        continue;
      }
      const escape = s.text[s.position + 1];
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      const replacement = escape === undefined ? undefined : simple[escape];
      if (replacement !== undefined) {
        value += replacement;
        s.position += 2;
        continue;
      }
      const hex = s.text.slice(s.position + 2, s.position + 6);
      if (escape === 'u' && /^[0-9A-Fa-f]{4}$/.test(hex)) {
        value += String.fromCharCode(Number.parseInt(hex, 16));
        s.position += 6;
        continue;
      }
      s.fail('invalid escape sequence in a JSON string', s.position, 'TSG103');
    }
    const node = literalNode(s, start, 'string', value);
    return Object.freeze({ ...node, json: true });
  }
}
