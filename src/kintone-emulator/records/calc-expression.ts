/**
 * CALC field formulas (facts sheet §10.8): parses an expression once into a small tree
 * and evaluates it against a record. Supported: numbers, field references, + - * / ^,
 * unary minus, parentheses, comparisons (= != <> < > <= >=), `&` concatenation, and the
 * functions SUM, IF, AND, OR, NOT, ROUND, ROUNDUP, ROUNDDOWN. Any evaluation or type error
 * makes the result empty, as Kintone's API shows it.
 */

export type CalcNode =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'field'; readonly code: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly CalcNode[] }
  | { readonly kind: 'negate'; readonly operand: CalcNode }
  | {
      readonly kind: 'binary';
      readonly operator: string;
      readonly left: CalcNode;
      readonly right: CalcNode;
    };

export type CalcValue = number | string;

export class CalcError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalcError';
  }
}

/** What an expression can read from the record it is evaluated on. */
export interface CalcEnvironment {
  /** The value of a field (numbers for numeric and date/time fields, strings for text). */
  field(code: string): CalcValue;
  /** SUM over a subtable field's rows. */
  sum(code: string): number;
}

const functionNames = new Set(['SUM', 'IF', 'AND', 'OR', 'NOT', 'ROUND', 'ROUNDUP', 'ROUNDDOWN']);

interface Token {
  readonly kind: 'number' | 'string' | 'name' | 'operator' | 'open' | 'close' | 'comma';
  readonly text: string;
}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < expression.length) {
    const character = expression[position] ?? '';
    if (/\s/u.test(character)) {
      position++;
      continue;
    }
    const rest = expression.slice(position);
    const number = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (number !== null) {
      tokens.push({ kind: 'number', text: number[0] });
      position += number[0].length;
      continue;
    }
    if (character === '"') {
      let end = position + 1;
      let text = '';
      while (end < expression.length && expression[end] !== '"') {
        text += expression[end];
        end++;
      }
      if (end >= expression.length) throw new CalcError('Unterminated string.');
      tokens.push({ kind: 'string', text });
      position = end + 1;
      continue;
    }
    const operator = /^(<=|>=|!=|<>|[-+*/^=<>&])/.exec(rest);
    if (operator !== null) {
      tokens.push({ kind: 'operator', text: operator[0] });
      position += operator[0].length;
      continue;
    }
    if (character === '(' || character === ')' || character === ',') {
      tokens.push({
        kind: character === '(' ? 'open' : character === ')' ? 'close' : 'comma',
        text: character,
      });
      position++;
      continue;
    }
    const name = /^[\p{L}\p{N}_$・＄￥]+/u.exec(rest);
    if (name !== null) {
      tokens.push({ kind: 'name', text: name[0] });
      position += name[0].length;
      continue;
    }
    throw new CalcError(`Unexpected character "${character}".`);
  }
  return tokens;
}

class CalcParser {
  private position = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  parse(): CalcNode {
    const node = this.comparison();
    if (this.position < this.tokens.length) throw new CalcError('Unexpected input.');
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private take(): Token {
    const token = this.tokens[this.position];
    if (token === undefined) throw new CalcError('Unexpected end of expression.');
    this.position++;
    return token;
  }

  private binaryLevel(operators: readonly string[], next: () => CalcNode): CalcNode {
    let node = next();
    for (;;) {
      const token = this.peek();
      if (token?.kind !== 'operator' || !operators.includes(token.text)) return node;
      this.position++;
      node = { kind: 'binary', operator: token.text, left: node, right: next() };
    }
  }

  private comparison(): CalcNode {
    return this.binaryLevel(['=', '!=', '<>', '<', '>', '<=', '>='], () => this.concatenation());
  }

  private concatenation(): CalcNode {
    return this.binaryLevel(['&'], () => this.additive());
  }

  private additive(): CalcNode {
    return this.binaryLevel(['+', '-'], () => this.multiplicative());
  }

  private multiplicative(): CalcNode {
    return this.binaryLevel(['*', '/'], () => this.power());
  }

  private power(): CalcNode {
    const base = this.unary();
    const token = this.peek();
    if (token?.kind === 'operator' && token.text === '^') {
      this.position++;
      return { kind: 'binary', operator: '^', left: base, right: this.power() };
    }
    return base;
  }

  private unary(): CalcNode {
    const token = this.peek();
    if (token?.kind === 'operator' && (token.text === '-' || token.text === '+')) {
      this.position++;
      const operand = this.unary();
      return token.text === '-' ? { kind: 'negate', operand } : operand;
    }
    return this.primary();
  }

  private primary(): CalcNode {
    const token = this.take();
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: Number(token.text) };
      case 'string':
        return { kind: 'string', value: token.text };
      case 'open': {
        const inner = this.comparison();
        if (this.take().kind !== 'close') throw new CalcError('Missing ")".');
        return inner;
      }
      case 'name': {
        const next = this.peek();
        if (next?.kind === 'open' && functionNames.has(token.text.toUpperCase())) {
          this.position++;
          const args: CalcNode[] = [];
          if (this.peek()?.kind !== 'close') {
            for (;;) {
              args.push(this.comparison());
              const separator = this.take();
              if (separator.kind === 'close') break;
              if (separator.kind !== 'comma') throw new CalcError('Expected "," or ")".');
            }
          } else this.position++;
          return { kind: 'call', name: token.text.toUpperCase(), args };
        }
        return { kind: 'field', code: token.text };
      }
      default:
        throw new CalcError(`Unexpected "${token.text}".`);
    }
  }
}

export function parseCalcExpression(expression: string): CalcNode {
  return new CalcParser(tokenize(expression)).parse();
}

/** The field codes an expression reads; `summed` lists those used inside SUM(). */
export function calcReferences(node: CalcNode): { fields: Set<string>; summed: Set<string> } {
  const fields = new Set<string>();
  const summed = new Set<string>();
  const visit = (current: CalcNode, insideSum: boolean): void => {
    switch (current.kind) {
      case 'field':
        (insideSum ? summed : fields).add(current.code);
        return;
      case 'call':
        for (const arg of current.args) visit(arg, insideSum || current.name === 'SUM');
        return;
      case 'negate':
        visit(current.operand, insideSum);
        return;
      case 'binary':
        visit(current.left, insideSum);
        visit(current.right, insideSum);
        return;
      case 'number':
      case 'string':
        return;
    }
  };
  visit(node, false);
  return { fields, summed };
}

function toNumber(value: CalcValue): number {
  if (typeof value === 'number') return value;
  if (value.trim() === '') return 0;
  const number = Number(value);
  if (Number.isNaN(number)) throw new CalcError('Not a number.');
  return number;
}

function roundTo(value: number, digits: number, mode: 'round' | 'up' | 'down'): number {
  const factor = 10 ** digits;
  const scaled = Math.abs(value) * factor;
  const rounded =
    mode === 'round'
      ? Math.round(Number(scaled.toPrecision(15)))
      : mode === 'up'
        ? Math.ceil(Number(scaled.toPrecision(15)))
        : Math.floor(Number(scaled.toPrecision(15)));
  return (Math.sign(value) * rounded) / factor;
}

function compare(operator: string, left: CalcValue, right: CalcValue): boolean {
  if (typeof left === 'string' && typeof right === 'string') {
    if (operator === '=') return left === right;
    if (operator === '!=' || operator === '<>') return left !== right;
  }
  const a = toNumber(left);
  const b = toNumber(right);
  switch (operator) {
    case '=':
      return a === b;
    case '!=':
    case '<>':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    default:
      return a >= b;
  }
}

export function evaluateCalc(node: CalcNode, environment: CalcEnvironment): CalcValue {
  switch (node.kind) {
    case 'number':
    case 'string':
      return node.value;
    case 'field':
      return environment.field(node.code);
    case 'negate':
      return -toNumber(evaluateCalc(node.operand, environment));
    case 'binary': {
      const left = evaluateCalc(node.left, environment);
      const right = evaluateCalc(node.right, environment);
      switch (node.operator) {
        case '+':
          return toNumber(left) + toNumber(right);
        case '-':
          return toNumber(left) - toNumber(right);
        case '*':
          return toNumber(left) * toNumber(right);
        case '/': {
          const divisor = toNumber(right);
          if (divisor === 0) throw new CalcError('Division by zero.');
          return roundTo(toNumber(left) / divisor, 4, 'round');
        }
        case '^':
          return toNumber(left) ** Math.trunc(toNumber(right));
        case '&':
          return `${String(left)}${String(right)}`;
        default:
          return compare(node.operator, left, right) ? 1 : 0;
      }
    }
    case 'call':
      return callFunction(node.name, node.args, environment);
  }
}

function callFunction(
  name: string,
  args: readonly CalcNode[],
  environment: CalcEnvironment,
): CalcValue {
  const argument = (index: number): CalcValue => {
    const node = args[index];
    if (node === undefined) throw new CalcError(`${name} needs more arguments.`);
    return evaluateCalc(node, environment);
  };
  switch (name) {
    case 'SUM': {
      let total = 0;
      for (const node of args) {
        total +=
          node.kind === 'field'
            ? environment.sum(node.code)
            : toNumber(evaluateCalc(node, environment));
      }
      return total;
    }
    case 'IF':
      return toNumber(argument(0)) !== 0 ? argument(1) : argument(2);
    case 'AND':
      return args.every((_, index) => toNumber(argument(index)) !== 0) ? 1 : 0;
    case 'OR':
      return args.some((_, index) => toNumber(argument(index)) !== 0) ? 1 : 0;
    case 'NOT':
      return toNumber(argument(0)) === 0 ? 1 : 0;
    case 'ROUND':
    case 'ROUNDUP':
    case 'ROUNDDOWN': {
      const digits = args.length > 1 ? Math.trunc(toNumber(argument(1))) : 0;
      const mode = name === 'ROUND' ? 'round' : name === 'ROUNDUP' ? 'up' : 'down';
      return roundTo(toNumber(argument(0)), digits, mode);
    }
    default:
      throw new CalcError(`Unknown function ${name}.`);
  }
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Formats an evaluated value the way the API shows a CALC field of the given `format`. */
export function formatCalcResult(value: CalcValue, format: string | undefined): string {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '';
  switch (format) {
    case 'DATETIME': {
      const date = new Date(Math.trunc(value / 60) * 60_000);
      if (Number.isNaN(date.getTime())) return '';
      return `${date.toISOString().slice(0, 16)}:00Z`;
    }
    case 'DATE': {
      const date = new Date(value * 1000);
      if (Number.isNaN(date.getTime())) return '';
      return date.toISOString().slice(0, 10);
    }
    case 'TIME': {
      const seconds = ((Math.trunc(value) % 86_400) + 86_400) % 86_400;
      return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}`;
    }
    case 'HOUR_MINUTE':
    case 'DAY_HOUR_MINUTE': {
      const sign = value < 0 ? '-' : '';
      const minutes = Math.floor(Math.abs(value) / 60);
      return `${sign}${Math.floor(minutes / 60)}:${pad(minutes % 60)}`;
    }
    default:
      return String(Number(value.toPrecision(15)));
  }
}
