/**
 * Parser for the query string: splits it on literal `&` (an encoded `%26` is data), each
 * option on its first literal `=`, decodes names and values, and parses every system query
 * option's value. Names of system query options are case-insensitive and may omit the `$`
 * (OData 4.01), except `$skiptoken` and `$deltatoken`, which the ABNF only knows with it;
 * a name that starts with `$` but names no system option is an error, any other unknown
 * name is a custom option (kept, ignored). `@name=value` defines a parameter alias.
 * A system option given twice (in any spelling) is an error, as the spec requires.
 *
 * The same code parses the options nested in `$expand=Nav(...)` and `$select=Prop(...)`,
 * separated by `;`, with the subset of options the ABNF allows at each place, and checks
 * limits.maxExpandDepth while it descends.
 */
import type { ErrorCode } from '../../errors/catalogue/index.js';
import type { SearchExpression } from '../semantic/search.js';
import { isDigit, isODataIdentifier } from './character-classes.js';
import { ExpressionParser } from './expression-parser.js';
import type { ExpressionSyntax } from './expression-syntax.js';
import type {
  AliasSyntax,
  ComputeItemSyntax,
  CustomOptionSyntax,
  ExpandItemSyntax,
  OptionSyntax,
  OrderByItemSyntax,
  PathNameSyntax,
  QueryOptionsSyntax,
  SelectItemSyntax,
  SystemOptionField,
} from './query-option-syntax.js';
import { parseSearchExpression } from './search-parser.js';
import { decodeSource } from './source-text.js';
import { syntaxError, type ErrorLocation } from './syntax-error.js';
import { SyntaxScanner, type ParseState } from './syntax-scanner.js';

interface SystemOptionDefinition {
  readonly field: SystemOptionField;
  readonly canonical: string;
  /** Whether the name may be written without `$`. */
  readonly dollarless: boolean;
  /** Catalogue code for syntax errors in the value. */
  readonly code: ErrorCode;
}

const systemOptions: ReadonlyMap<string, SystemOptionDefinition> = new Map(
  (
    [
      ['filter', 'filter', true, 'TSG101'],
      ['orderby', 'orderBy', true, 'TSG102'],
      ['select', 'select', true, 'TSG102'],
      ['expand', 'expand', true, 'TSG102'],
      ['top', 'top', true, 'TSG102'],
      ['skip', 'skip', true, 'TSG102'],
      ['count', 'count', true, 'TSG102'],
      ['search', 'search', true, 'TSG104'],
      ['compute', 'compute', true, 'TSG102'],
      ['apply', 'apply', true, 'TSG102'],
      ['index', 'index', true, 'TSG102'],
      ['levels', 'levels', true, 'TSG102'],
      ['format', 'format', true, 'TSG102'],
      ['skiptoken', 'skipToken', false, 'TSG105'],
      ['deltatoken', 'deltaToken', false, 'TSG102'],
      ['id', 'id', true, 'TSG102'],
      ['schemaversion', 'schemaVersion', true, 'TSG102'],
    ] as const
  ).map(([name, field, dollarless, code]) => [
    name,
    { field, canonical: `$${name}`, dollarless, code },
  ]),
);

/** Where a set of options appears; decides which options are allowed. */
type OptionsContext = 'top' | 'expand' | 'expandRef' | 'expandCount' | 'select';

const allowedOptions: Readonly<Record<OptionsContext, ReadonlySet<string>>> = {
  top: new Set([...systemOptions.keys()].filter((name) => name !== 'levels')),
  expand: new Set([
    'filter',
    'search',
    'orderby',
    'skip',
    'top',
    'count',
    'select',
    'expand',
    'compute',
    'levels',
  ]),
  expandRef: new Set(['filter', 'search', 'orderby', 'skip', 'top', 'count']),
  expandCount: new Set(['filter', 'search']),
  select: new Set(['filter', 'search', 'count', 'orderby', 'skip', 'top', 'compute', 'select']),
};

const contextNames: Readonly<Record<OptionsContext, string>> = {
  top: 'the query string',
  expand: '$expand options',
  expandRef: 'options after /$ref',
  expandCount: 'options after /$count',
  select: '$select options',
};

type MutableOptions = {
  -readonly [K in SystemOptionField]: QueryOptionsSyntax[K];
};

export const emptyQueryOptions: QueryOptionsSyntax = freezeOptions(emptyFields(), new Map(), []);

/** Parses a raw query string (without `?`, still percent-encoded). */
export function parseQueryOptions(query: string, state: ParseState): QueryOptionsSyntax {
  if (query.length === 0) return emptyQueryOptions;
  const fields = emptyFields();
  const aliases = new Map<string, AliasSyntax>();
  const custom: CustomOptionSyntax[] = [];
  const queryLocation: ErrorLocation = {
    code: 'TSG100',
    target: undefined,
    label: 'the query string',
    origin: 0,
  };
  const hash = query.indexOf('#');
  if (hash !== -1) {
    throw syntaxError(queryLocation, hash, "'#' must be percent-encoded as %23 in a query string");
  }
  let start = 0;
  while (start <= query.length) {
    let end = query.indexOf('&', start);
    if (end === -1) end = query.length;
    if (end > start) parseTopLevelOption(query, start, end, state, fields, aliases, custom);
    start = end + 1;
  }
  return freezeOptions(fields, aliases, custom);
}

function parseTopLevelOption(
  query: string,
  start: number,
  end: number,
  state: ParseState,
  fields: MutableOptions,
  aliases: Map<string, AliasSyntax>,
  custom: CustomOptionSyntax[],
): void {
  let equals = query.indexOf('=', start);
  if (equals >= end) equals = -1;
  const nameEnd = equals === -1 ? end : equals;
  const nameLocation: ErrorLocation = {
    code: 'TSG102',
    target: undefined,
    label: 'the query string',
    origin: 0,
  };
  if (nameEnd === start)
    throw syntaxError(nameLocation, start, 'a query option needs a name before =');
  const name = decodeSource(query, start, nameEnd, nameLocation).text;
  const valueStart = equals === -1 ? end : equals + 1;
  if (name.startsWith('@')) {
    const aliasName = name.slice(1);
    if (!isODataIdentifier(aliasName)) {
      throw syntaxError(nameLocation, start, `'${name}' is not a valid parameter alias name`);
    }
    if (equals === -1) {
      throw syntaxError(nameLocation, end, `expected '=' and a value after ${name}`);
    }
    if (aliases.has(aliasName)) {
      throw syntaxError(nameLocation, start, `the parameter alias ${name} is defined twice`);
    }
    const location: ErrorLocation = {
      code: 'TSG102',
      target: name,
      label: name,
      origin: valueStart,
    };
    const scanner = new SyntaxScanner(
      decodeSource(query, valueStart, end, location),
      state,
      location,
    );
    const value = new ExpressionParser(scanner).parseCommonExpression();
    expectValueEnd(scanner, name);
    aliases.set(
      aliasName,
      Object.freeze({
        kind: 'alias',
        name: aliasName,
        nameOffset: start,
        valueOffset: valueStart,
        value,
      }),
    );
    return;
  }
  const definition = systemOptionFor(name);
  if (definition === undefined) {
    if (name.startsWith('$')) {
      throw syntaxError(
        nameLocation,
        start,
        `'${name}' is not a system query option (custom options must not start with '$')`,
      );
    }
    const value =
      equals === -1 ? undefined : decodeSource(query, valueStart, end, nameLocation).text;
    custom.push(Object.freeze({ kind: 'customOption', name, value, offset: start }));
    return;
  }
  const location: ErrorLocation = {
    code: definition.code,
    target: definition.canonical,
    label: definition.canonical,
    origin: valueStart,
  };
  const optionNameLocation: ErrorLocation = { ...nameLocation, target: definition.canonical };
  if (equals === -1) {
    throw syntaxError(optionNameLocation, end, `expected '=' and a value after ${name}`);
  }
  if (fields[definition.field] !== undefined) {
    throw syntaxError(optionNameLocation, start, `${definition.canonical} is given more than once`);
  }
  if (!allowedOptions.top.has(definition.canonical.slice(1))) {
    throw syntaxError(
      optionNameLocation,
      start,
      `${definition.canonical} is only allowed inside $expand`,
    );
  }
  const scanner = new SyntaxScanner(
    decodeSource(query, valueStart, end, location),
    state,
    location,
  );
  const parser = new OptionsParser(scanner);
  parser.parseOptionValue(definition, name, start, valueStart, fields, true);
  expectValueEnd(scanner, definition.canonical);
}

function expectValueEnd(scanner: SyntaxScanner, label: string): void {
  new ExpressionParser(scanner).expectAfterExpression('', `an operator or the end of ${label}`);
}

function systemOptionFor(name: string): SystemOptionDefinition | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('$')) return systemOptions.get(lower.slice(1));
  const definition = systemOptions.get(lower);
  return definition?.dollarless === true ? definition : undefined;
}

function emptyFields(): MutableOptions {
  return {
    filter: undefined,
    orderBy: undefined,
    select: undefined,
    expand: undefined,
    top: undefined,
    skip: undefined,
    count: undefined,
    search: undefined,
    compute: undefined,
    apply: undefined,
    index: undefined,
    levels: undefined,
    format: undefined,
    skipToken: undefined,
    deltaToken: undefined,
    id: undefined,
    schemaVersion: undefined,
  };
}

function freezeOptions(
  fields: MutableOptions,
  aliases: ReadonlyMap<string, AliasSyntax>,
  custom: readonly CustomOptionSyntax[],
): QueryOptionsSyntax {
  return Object.freeze({
    kind: 'queryOptions',
    ...fields,
    aliases,
    custom: Object.freeze([...custom]),
  });
}

/** Parses option values with one scanner (top-level value, or a whole $expand/$select value). */
class OptionsParser {
  private readonly expressions: ExpressionParser;
  private expandDepth = 0;

  constructor(private readonly s: SyntaxScanner) {
    this.expressions = new ExpressionParser(s);
  }

  /** Parses the value at the scanner's position into `fields[definition.field]`. */
  parseOptionValue(
    definition: SystemOptionDefinition,
    writtenName: string,
    nameIndex: number,
    valueIndex: number,
    fields: MutableOptions,
    topLevel: boolean,
  ): void {
    const s: SyntaxScanner = this.s;
    const option = <T>(value: T): OptionSyntax<T> =>
      Object.freeze({
        kind: 'option',
        name: writtenName,
        canonicalName: definition.canonical,
        nameOffset: nameIndex,
        valueOffset: valueIndex,
        value,
      });
    const savedLocation = s.location;
    s.location = { ...savedLocation, code: definition.code };
    try {
      switch (definition.field) {
        case 'filter':
          fields.filter = option(this.expressions.parseCommonExpression());
          break;
        case 'orderBy':
          fields.orderBy = option(this.parseList(() => this.parseOrderByItem()));
          break;
        case 'select':
          fields.select = option(this.parseList(() => this.parseSelectItem()));
          break;
        case 'expand':
          fields.expand = option(this.parseExpand());
          break;
        case 'top':
          fields.top = option(this.parseTop());
          break;
        case 'skip':
          fields.skip = option(this.parseNonNegativeInteger('$skip'));
          break;
        case 'count':
          fields.count = option(this.parseBoolean());
          break;
        case 'search':
          fields.search = option(this.parseSearch());
          break;
        case 'compute':
          fields.compute = option(this.parseList(() => this.parseComputeItem()));
          break;
        case 'apply':
          fields.apply = option(this.restOfValue(topLevel, '$apply'));
          break;
        case 'index':
          fields.index = option(this.parseIndex());
          break;
        case 'levels':
          fields.levels = option(this.parseLevels());
          break;
        case 'format':
          fields.format = option(this.parseFormat(topLevel));
          break;
        case 'skipToken':
          fields.skipToken = option(this.restOfValue(topLevel, '$skiptoken'));
          break;
        case 'deltaToken':
          fields.deltaToken = option(this.restOfValue(topLevel, '$deltatoken'));
          break;
        case 'id':
          fields.id = option(this.restOfValue(topLevel, '$id'));
          break;
        case 'schemaVersion':
          fields.schemaVersion = option(this.parseSchemaVersion(topLevel));
          break;
      }
    } finally {
      s.location = savedLocation;
    }
  }

  private parseList<T>(item: () => T): readonly T[] {
    const s: SyntaxScanner = this.s;
    const items: T[] = [item()];
    while (s.peekIs(',')) {
      s.position++;
      items.push(item());
    }
    return Object.freeze(items);
  }

  private parseOrderByItem(): OrderByItemSyntax {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    const expression = this.expressions.parseCommonExpression();
    let direction: 'asc' | 'desc' = 'asc';
    const beforeWhitespace = s.position;
    if (s.skipWhitespace() > 0) {
      if (s.atKeyword('asc')) {
        s.position += 3;
      } else if (s.atKeyword('desc')) {
        s.position += 4;
        direction = 'desc';
      } else {
        s.position = beforeWhitespace;
      }
    }
    return Object.freeze({
      kind: 'orderByItem',
      offset: s.rawOffset(start),
      expression,
      direction,
    });
  }

  private parseComputeItem(): ComputeItemSyntax {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    const expression = this.expressions.parseCommonExpression();
    if (s.skipWhitespace() === 0 || !s.atKeyword('as')) s.failExpected("' as ' and a name");
    s.position += 2;
    if (s.skipWhitespace() === 0) s.failExpected("whitespace after 'as'");
    const alias = s.readIdentifier() ?? s.failExpected('a name for the computed property');
    return Object.freeze({ kind: 'computeItem', offset: s.rawOffset(start), expression, alias });
  }

  private parseTop(): number {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    const top = this.parseNonNegativeInteger('$top');
    if (top > s.limits.maxTop) {
      throw s.limitError(
        'TSG112',
        `$top=${top} exceeds the maximum of ${s.limits.maxTop} (limits.maxTop); page through the results instead`,
        start,
      );
    }
    return top;
  }

  private parseNonNegativeInteger(name: string): number {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    while (isDigit(s.peek())) s.position++;
    if (s.position === start) s.failExpected(`a non-negative integer for ${name}`);
    const digits = s.text.slice(start, s.position);
    const value = Number(digits);
    if (!Number.isSafeInteger(value)) s.fail(`${name} is too large`, start);
    return value;
  }

  private parseIndex(): number {
    const s: SyntaxScanner = this.s;
    const negative = s.accept('-');
    if (!isDigit(s.peek())) s.failExpected('an integer for $index');
    const value = this.parseNonNegativeInteger('$index');
    return negative ? -value : value;
  }

  private parseLevels(): number | 'max' {
    const s: SyntaxScanner = this.s;
    if (s.atKeyword('max')) {
      s.position += 3;
      return 'max';
    }
    const start = s.position;
    if (s.peek() === 0x30)
      s.fail('$levels must be a positive integer without leading zeros or max');
    const value = this.parseNonNegativeInteger('$levels');
    if (value === 0) s.fail('$levels must be a positive integer or max', start);
    return value;
  }

  private parseBoolean(): boolean {
    const s: SyntaxScanner = this.s;
    if (s.atKeyword('true')) {
      s.position += 4;
      return true;
    }
    if (s.atKeyword('false')) {
      s.position += 5;
      return false;
    }
    return s.failExpected('true or false');
  }

  private parseSearch(): SearchExpression {
    return parseSearchExpression(this.s);
  }

  /** The rest of a top-level value, verbatim (decoded); at least one character. */
  private restOfValue(topLevel: boolean, name: string): string {
    const s: SyntaxScanner = this.s;
    if (!topLevel) s.fail(`${name} is not allowed in nested options`);
    if (s.atEnd()) s.failExpected(`a value for ${name}`);
    const value = s.text.slice(s.position, s.end);
    s.position = s.end;
    return value;
  }

  /** `json`, `xml`, `atom`, or a media type `type/subtype[;parameters]`. */
  private parseFormat(topLevel: boolean): string {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    const value = this.restOfValue(topLevel, '$format');
    const lower = value.toLowerCase();
    if (lower === 'json' || lower === 'xml' || lower === 'atom') return value;
    const slash = value.indexOf('/');
    if (slash <= 0 || slash === value.length - 1 || /[\s]/.test(value)) {
      s.fail('$format must be json, xml, atom or a media type such as application/json', start);
    }
    return value;
  }

  private parseSchemaVersion(topLevel: boolean): string {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    const value = this.restOfValue(topLevel, '$schemaversion');
    if (value !== '*' && !/^[A-Za-z0-9._~-]+$/.test(value)) {
      s.fail(
        '$schemaversion must be * or a version made of letters, digits, ".", "-", "_", "~"',
        start,
      );
    }
    return value;
  }

  private parseSelectItem(): SelectItemSyntax {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    if (s.accept('*')) return Object.freeze({ kind: 'selectAll', offset: s.rawOffset(start) });
    const path: PathNameSyntax[] = [];
    for (;;) {
      const nameStart = s.position;
      if (s.peekIs('@')) {
        path.push(this.readAnnotationName());
      } else {
        const identifier = s.readIdentifier() ?? s.failExpected('a property name or *');
        let name = identifier;
        while (s.peekIs('.')) {
          if (s.peekIs('*', 1) && path.length === 0) {
            s.position += 2;
            return Object.freeze({
              kind: 'selectAllOperations',
              offset: s.rawOffset(start),
              namespace: name,
            });
          }
          s.position++;
          name += '.' + (s.readIdentifier() ?? s.failExpected("an identifier after '.'"));
        }
        path.push(
          Object.freeze({
            kind: 'name',
            offset: s.rawOffset(nameStart),
            name,
            qualified: name.includes('.'),
          }),
        );
      }
      if (s.peekIs('/')) {
        s.position++;
        continue;
      }
      break;
    }
    let parameterNames: readonly string[] | undefined;
    let options: QueryOptionsSyntax | undefined;
    if (s.peekIs('(')) {
      parameterNames = this.tryParameterNames();
      if (parameterNames === undefined) options = this.parseNestedOptions('select', start);
    }
    return Object.freeze({
      kind: 'selectPath',
      offset: s.rawOffset(start),
      path: Object.freeze(path),
      parameterNames,
      options,
    });
  }

  /** `(Name1,Name2)` after a function name in $select, or undefined (position unchanged). */
  private tryParameterNames(): readonly string[] | undefined {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    s.position++;
    const names: string[] = [];
    for (;;) {
      const name = s.readIdentifier();
      if (name === undefined) break;
      names.push(name);
      if (s.accept(',')) continue;
      if (s.accept(')')) return Object.freeze(names);
      break;
    }
    s.position = start;
    return undefined;
  }

  private readAnnotationName(): PathNameSyntax {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    s.position++;
    let name = s.readQualifiedName() ?? s.failExpected("a term name after '@'");
    if (s.accept('#'))
      name += '#' + (s.readIdentifier() ?? s.failExpected("a qualifier after '#'"));
    return Object.freeze({ kind: 'annotation', offset: s.rawOffset(start), name, qualified: true });
  }

  private parseExpand(): readonly ExpandItemSyntax[] {
    const s: SyntaxScanner = this.s;
    this.expandDepth++;
    if (this.expandDepth > s.limits.maxExpandDepth) {
      throw s.limitError(
        'TSG113',
        `$expand nests deeper than ${s.limits.maxExpandDepth} levels (limits.maxExpandDepth)`,
      );
    }
    const items = this.parseList(() => this.parseExpandItem());
    this.expandDepth--;
    return items;
  }

  private parseExpandItem(): ExpandItemSyntax {
    const s: SyntaxScanner = this.s;
    const start = s.position;
    if (s.atKeyword('$value')) {
      s.position += 6;
      return Object.freeze({ kind: 'expandValue', offset: s.rawOffset(start) });
    }
    const path: PathNameSyntax[] = [];
    let star = false;
    let suffix: 'none' | '$ref' | '$count' = 'none';
    for (;;) {
      const nameStart = s.position;
      if (s.accept('*')) {
        star = true;
        break;
      }
      if (s.peekIs('@')) {
        path.push(this.readAnnotationName());
      } else {
        const name = s.readQualifiedName() ?? s.failExpected('a navigation property name or *');
        path.push(
          Object.freeze({
            kind: 'name',
            offset: s.rawOffset(nameStart),
            name,
            qualified: name.includes('.'),
          }),
        );
      }
      if (!s.peekIs('/')) break;
      if (s.hasWordAt(s.position + 1, '$ref', true) && !s.isIdentifierPartAt(s.position + 5)) {
        s.position += 5;
        suffix = '$ref';
        break;
      }
      if (s.hasWordAt(s.position + 1, '$count', true) && !s.isIdentifierPartAt(s.position + 7)) {
        s.position += 7;
        suffix = '$count';
        break;
      }
      s.position++;
    }
    if (star && s.peekIs('/')) {
      if (!s.hasWordAt(s.position + 1, '$ref', true) || s.isIdentifierPartAt(s.position + 5)) {
        s.failExpected("'/$ref' or the end of the item after *");
      }
      s.position += 5;
      suffix = '$ref';
    }
    let options: QueryOptionsSyntax | undefined;
    if (s.peekIs('(')) {
      if (star && suffix === 'none') {
        options = this.parseNestedOptions('expand', start, new Set(['levels']));
      } else {
        const context =
          suffix === '$ref' ? 'expandRef' : suffix === '$count' ? 'expandCount' : 'expand';
        options = this.parseNestedOptions(context, start);
      }
    }
    return Object.freeze({
      kind: 'expandPath',
      offset: s.rawOffset(start),
      path: Object.freeze(path),
      star,
      suffix,
      options,
    });
  }

  /** `( option ; option ... )` at the position. */
  private parseNestedOptions(
    context: OptionsContext,
    itemStart: number,
    only?: ReadonlySet<string>,
  ): QueryOptionsSyntax {
    const s: SyntaxScanner = this.s;
    s.expect('(');
    s.enter(itemStart);
    const fields = emptyFields();
    const aliases = new Map<string, AliasSyntax>();
    for (;;) {
      const nameStart = s.position;
      if (s.peekIs('@')) {
        s.position++;
        const name = s.readIdentifier() ?? s.failExpected('a parameter alias name');
        if (!s.accept('=')) s.failExpected("'='");
        if (aliases.has(name)) s.fail(`the parameter alias @${name} is defined twice`, nameStart);
        const valueStart = s.position;
        const value: ExpressionSyntax = this.expressions.parseCommonExpression();
        aliases.set(
          name,
          Object.freeze({
            kind: 'alias',
            name,
            nameOffset: s.rawOffset(nameStart),
            valueOffset: s.rawOffset(valueStart),
            value,
          }),
        );
      } else {
        const hasDollar = s.accept('$');
        const identifier = s.readIdentifier();
        const lower = identifier?.toLowerCase();
        const definition = lower === undefined ? undefined : systemOptions.get(lower);
        const allowed = only ?? allowedOptions[context];
        if (
          identifier === undefined ||
          lower === undefined ||
          definition === undefined ||
          (!hasDollar && !definition.dollarless)
        ) {
          s.position = nameStart;
          s.failExpected(`a query option in ${contextNames[context]}`);
        }
        if (!allowed.has(lower)) {
          s.fail(`${definition.canonical} is not allowed in ${contextNames[context]}`, nameStart);
        }
        if (!s.accept('=')) s.failExpected("'='");
        if (fields[definition.field] !== undefined) {
          s.fail(`${definition.canonical} is given more than once`, nameStart);
        }
        this.parseOptionValue(
          definition,
          (hasDollar ? '$' : '') + identifier,
          s.rawOffset(nameStart),
          s.rawOffset(s.position),
          fields,
          false,
        );
      }
      s.skipWhitespace();
      if (s.accept(';')) continue;
      if (s.accept(')')) break;
      this.expressions.failAtOperatorWord();
      s.failExpected("';' or ')'");
    }
    s.leave();
    return freezeOptions(fields, aliases, []);
  }
}
