/**
 * Recursive-descent parser for the Kintone query grammar (facts sheet §5.1):
 *
 *   query     = [ expr ] [ "order" "by" sortkey { "," sortkey } ] [ "limit" INT ] [ "offset" INT ]
 *   expr      = andExpr { "or" andExpr }          ("and" binds tighter than "or")
 *   andExpr   = term { "and" term }
 *   term      = "(" expr ")" | condition
 *   condition = field ( cmpOp value | [ "not" ] "in" "(" [ value { "," value } ] ")"
 *                     | [ "not" ] "like" STRING | "is" [ "not" ] "empty" )
 *   value     = STRING | NUMBER | FNAME "(" [ arg { "," arg } ] ")"
 *
 * Keywords (`and or not in like is empty order by asc desc limit offset`) are matched
 * case-insensitively; function names and their symbol arguments are kept as written (the
 * condition compiler requires the documented upper case). Clause order is fixed. A sort key
 * without a direction is descending. `limit`/`offset` take a bare non-negative integer;
 * anything else is `CB_VA01`. The range checks (500, 10,000) are the compiler's job.
 * Parsing only checks syntax: field codes are resolved later.
 */
import { invalidInput } from './query-error-messages.js';
import { tokenizeQuery, type Token } from './query-lexer.js';
import type {
  ComparisonOperator,
  ConditionNode,
  FieldReference,
  FunctionArgument,
  QuerySyntax,
  SortKeyNode,
  ValueNode,
} from './query-syntax-tree.js';

interface Expectation {
  readonly english: string;
  readonly japanese: string;
}

const expectations = {
  field: { english: 'a field code', japanese: 'フィールドコード' },
  operator: {
    english:
      'an operator (=, !=, <, >, <=, >=, in, not in, like, not like, is empty, is not empty)',
    japanese: '演算子（=、!=、<、>、<=、>=、in、not in、like、not like、is empty、is not empty）',
  },
  inOrLike: {
    english: '"in" or "like" after "not"',
    japanese: '「not」の後に「in」または「like」',
  },
  empty: { english: '"empty"', japanese: '「empty」' },
  value: {
    english: 'a value (a string in double quotes, a number or a function)',
    japanese: '値（ダブルクォートで囲んだ文字列、数値、関数）',
  },
  likeString: {
    english: 'a string in double quotes after "like"',
    japanese: '「like」の後にダブルクォートで囲んだ文字列',
  },
  openParenthesis: { english: '"("', japanese: '「(」' },
  closeParenthesis: { english: '")"', japanese: '「)」' },
  listSeparator: { english: '"," or ")"', japanese: '「,」または「)」' },
  argument: {
    english: 'a function argument (an integer or a word such as DAYS)',
    japanese: '関数の引数（整数、またはDAYSなどの語）',
  },
  by: { english: '"by" after "order"', japanese: '「order」の後に「by」' },
  sortField: { english: 'a field code to sort by', japanese: '並べ替えるフィールドコード' },
  pagingNumber: { english: 'a number', japanese: '数値' },
  clauseEnd: {
    english: '"and", "or", "order by", "limit", "offset" or the end of the query',
    japanese: '「and」「or」「order by」「limit」「offset」またはクエリの終わり',
  },
} satisfies Record<string, Expectation>;

const comparisonOperators: ReadonlySet<string> = new Set(['=', '!=', '<', '>', '<=', '>=']);
const integerPattern = /^-?\d+$/;
const numberPattern = /^-?\d+(?:\.\d+)?$/;
const conditionKeywords: ReadonlySet<string> = new Set(['not', 'in', 'like', 'is']);

/** Parses a query; throws `KintoneQueryError` `CB_VA01` on a syntax error. */
export function parseQuery(query: string): QuerySyntax {
  return new QueryParser(tokenizeQuery(query)).parseQuery();
}

function isNumberWord(text: string): boolean {
  return numberPattern.test(text);
}

class QueryParser {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseQuery(): QuerySyntax {
    const condition = this.atClauseStart() ? undefined : this.parseOr();
    const orderBy: SortKeyNode[] = [];
    let limit: number | undefined;
    let offset: number | undefined;
    if (this.isKeyword(this.peek(), 'order')) {
      this.advance();
      this.expectKeyword('by', expectations.by);
      do {
        orderBy.push(this.parseSortKey());
      } while (this.acceptPunctuation(','));
    }
    if (this.isKeyword(this.peek(), 'limit')) {
      this.advance();
      limit = this.parsePagingNumber('limit');
    }
    if (this.isKeyword(this.peek(), 'offset')) {
      this.advance();
      offset = this.parsePagingNumber('offset');
    }
    const last = this.peek();
    if (last.kind !== 'end') this.fail(last, expectations.clauseEnd);
    return { condition, orderBy, limit, offset };
  }

  // ---- conditions ----

  private atClauseStart(): boolean {
    const token = this.peek();
    if (token.kind === 'end') return true;
    if (this.isKeyword(token, 'order')) return this.isKeyword(this.peek(1), 'by');
    if (this.isKeyword(token, 'limit') || this.isKeyword(token, 'offset')) {
      const next = this.peek(1);
      return !(
        next.kind === 'punctuation' ||
        (next.kind === 'word' && conditionKeywords.has(next.text.toLowerCase()))
      );
    }
    return false;
  }

  private parseOr(): ConditionNode {
    const operands = [this.parseAnd()];
    while (this.isKeyword(this.peek(), 'or')) {
      this.advance();
      operands.push(this.parseAnd());
    }
    return operands.length === 1 && operands[0] !== undefined
      ? operands[0]
      : { kind: 'or', operands };
  }

  private parseAnd(): ConditionNode {
    const operands = [this.parseTerm()];
    while (this.isKeyword(this.peek(), 'and')) {
      this.advance();
      operands.push(this.parseTerm());
    }
    return operands.length === 1 && operands[0] !== undefined
      ? operands[0]
      : { kind: 'and', operands };
  }

  private parseTerm(): ConditionNode {
    if (this.acceptPunctuation('(')) {
      const inner = this.parseOr();
      this.expectPunctuation(')', expectations.closeParenthesis);
      return inner;
    }
    return this.parseCondition();
  }

  private parseCondition(): ConditionNode {
    const field = this.parseField(expectations.field);
    const token = this.advance();
    if (token.kind === 'punctuation' && comparisonOperators.has(token.text)) {
      return {
        kind: 'comparison',
        field,
        operator: token.text as ComparisonOperator,
        value: this.parseValue(),
      };
    }
    if (token.kind === 'word') {
      switch (token.text.toLowerCase()) {
        case 'in':
          return { kind: 'membership', field, negated: false, values: this.parseValueList() };
        case 'like':
          return { kind: 'like', field, negated: false, pattern: this.parseLikePattern() };
        case 'not': {
          const next = this.advance();
          if (this.isKeyword(next, 'in')) {
            return { kind: 'membership', field, negated: true, values: this.parseValueList() };
          }
          if (this.isKeyword(next, 'like')) {
            return { kind: 'like', field, negated: true, pattern: this.parseLikePattern() };
          }
          return this.fail(next, expectations.inOrLike);
        }
        case 'is': {
          const negated = this.isKeyword(this.peek(), 'not');
          if (negated) this.advance();
          this.expectKeyword('empty', expectations.empty);
          return { kind: 'emptiness', field, negated };
        }
        default:
          break;
      }
    }
    return this.fail(token, expectations.operator);
  }

  private parseField(expectation: Expectation): FieldReference {
    const token = this.advance();
    if (token.kind !== 'word' || isNumberWord(token.text)) return this.fail(token, expectation);
    return { name: token.text, position: token.position };
  }

  private parseValueList(): ValueNode[] {
    this.expectPunctuation('(', expectations.openParenthesis);
    const values: ValueNode[] = [];
    if (this.acceptPunctuation(')')) return values;
    for (;;) {
      values.push(this.parseValue());
      if (this.acceptPunctuation(')')) return values;
      this.expectPunctuation(',', expectations.listSeparator);
    }
  }

  private parseLikePattern(): string {
    const token = this.advance();
    if (token.kind !== 'string') return this.fail(token, expectations.likeString);
    return token.value;
  }

  private parseValue(): ValueNode {
    const token = this.advance();
    if (token.kind === 'string') {
      return { kind: 'string', value: token.value, position: token.position };
    }
    if (token.kind === 'word') {
      if (isNumberWord(token.text)) {
        return { kind: 'number', text: token.text, position: token.position };
      }
      const next = this.peek();
      if (next.kind === 'punctuation' && next.text === '(') {
        this.advance();
        return {
          kind: 'function',
          name: token.text,
          arguments: this.parseArguments(),
          position: token.position,
        };
      }
    }
    return this.fail(token, expectations.value);
  }

  private parseArguments(): FunctionArgument[] {
    const values: FunctionArgument[] = [];
    if (this.acceptPunctuation(')')) return values;
    for (;;) {
      const token = this.advance();
      if (token.kind === 'word') {
        values.push(
          integerPattern.test(token.text)
            ? { kind: 'integer', value: Number(token.text), text: token.text }
            : { kind: 'symbol', name: token.text },
        );
      } else if (token.kind === 'string') {
        values.push({ kind: 'string', value: token.value });
      } else {
        return this.fail(token, expectations.argument);
      }
      if (this.acceptPunctuation(')')) return values;
      this.expectPunctuation(',', expectations.listSeparator);
    }
  }

  // ---- options ----

  private parseSortKey(): SortKeyNode {
    const field = this.parseField(expectations.sortField);
    const next = this.peek();
    if (this.isKeyword(next, 'asc') || this.isKeyword(next, 'desc')) {
      this.advance();
      return { field, direction: this.isKeyword(next, 'asc') ? 'asc' : 'desc' };
    }
    return { field, direction: 'desc' };
  }

  private parsePagingNumber(clause: 'limit' | 'offset'): number {
    const token = this.advance();
    if (token.kind === 'word' && integerPattern.test(token.text)) {
      const value = Number(token.text);
      if (value < 0 || Object.is(value, -0)) {
        throw invalidInput('invalid-paging-number', { clause, value: token.text });
      }
      return value;
    }
    if (token.kind === 'word' && isNumberWord(token.text)) {
      throw invalidInput('invalid-paging-number', { clause, value: token.text });
    }
    if (token.kind === 'string') {
      throw invalidInput('invalid-paging-number', { clause, value: `"${token.value}"` });
    }
    return this.fail(token, expectations.pagingNumber);
  }

  // ---- token helpers ----

  private peek(ahead = 0): Token {
    const token = this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
    if (token === undefined) throw new Error('the lexer always ends with an end token');
    return token;
  }

  private advance(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  private expectKeyword(keyword: string, expectation: Expectation): void {
    const token = this.advance();
    if (!this.isKeyword(token, keyword)) this.fail(token, expectation);
  }

  private acceptPunctuation(text: string): boolean {
    const token = this.peek();
    if (token.kind === 'punctuation' && token.text === text) {
      this.advance();
      return true;
    }
    return false;
  }

  private expectPunctuation(text: string, expectation: Expectation): void {
    if (!this.acceptPunctuation(text)) this.fail(this.peek(), expectation);
  }

  private fail(token: Token, expectation: Expectation): never {
    const found = describeToken(token);
    throw invalidInput('unexpected-token', {
      position: token.position + 1,
      expected: expectation.english,
      expectedJapanese: expectation.japanese,
      found: found.english,
      foundJapanese: found.japanese,
    });
  }
}

function describeToken(token: Token): Expectation {
  switch (token.kind) {
    case 'word':
    case 'punctuation':
      return { english: `"${token.text}"`, japanese: `「${token.text}」` };
    case 'string':
      return { english: 'a string', japanese: '文字列' };
    case 'end':
      return { english: 'the end of the query', japanese: 'クエリの終わり' };
  }
}
