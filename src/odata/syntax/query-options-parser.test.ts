import { describe, expect, it } from 'vitest';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import { formatExpression, formatSearch } from './format-syntax.js';
import { parseRequest } from './parse-request.js';
import type { ParserLimits } from './parser-limits.js';
import type {
  ExpandItemSyntax,
  QueryOptionsSyntax,
  SelectItemSyntax,
} from './query-option-syntax.js';

function options(query: string, limits?: Partial<ParserLimits>): QueryOptionsSyntax {
  return parseRequest({ path: '/Customers', query }, limits).query;
}

function errorOf(query: string, limits?: Partial<ParserLimits>): TsunagiError {
  try {
    options(query, limits);
  } catch (error) {
    if (error instanceof TsunagiError) return error;
    throw error;
  }
  throw new Error(`expected ${query} to be rejected`);
}

function formatSelect(items: readonly SelectItemSyntax[] | undefined): string[] {
  return (items ?? []).map((item) => {
    switch (item.kind) {
      case 'selectAll':
        return '*';
      case 'selectAllOperations':
        return `${item.namespace}.*`;
      case 'selectPath': {
        const path = item.path.map((name) => (name.kind === 'annotation' ? '@' : '') + name.name);
        const suffix =
          item.parameterNames !== undefined
            ? `(${item.parameterNames.join(',')})`
            : item.options !== undefined
              ? '(...)'
              : '';
        return path.join('/') + suffix;
      }
    }
  });
}

function formatExpand(items: readonly ExpandItemSyntax[] | undefined): string[] {
  return (items ?? []).map((item) => {
    if (item.kind === 'expandValue') return '$value';
    const path = item.path.map((name) => name.name);
    if (item.star) path.push('*');
    const suffix = item.suffix === 'none' ? '' : `/${item.suffix}`;
    const nested = item.options === undefined ? '' : '(...)';
    return path.join('/') + suffix + nested;
  });
}

describe('parseQueryOptions: the query string', () => {
  it('parses the options of a typical Salesforce request', () => {
    const query = options(
      "$select=Id,Name,Email,City,Score&$filter=Name%20eq%20'Acme'%20and%20Score%20gt%205&$orderby=Name%20asc,Score%20desc&$top=26&$count=true",
    );
    expect(formatSelect(query.select?.value)).toEqual(['Id', 'Name', 'Email', 'City', 'Score']);
    expect(query.filter !== undefined && formatExpression(query.filter.value)).toBe(
      "(and (eq Name 'Acme') (gt Score 5))",
    );
    expect(
      query.orderBy?.value.map((item) => [formatExpression(item.expression), item.direction]),
    ).toEqual([
      ['Name', 'asc'],
      ['Score', 'desc'],
    ]);
    expect(query.top?.value).toBe(26);
    expect(query.count?.value).toBe(true);
    expect(Object.isFrozen(query)).toBe(true);
  });

  it('accepts option names in any case and without $ (OData 4.01)', () => {
    const query = options('FILTER=true&$OrderBy=Name&top=5&Skip=10&count=false&search=blue');
    expect(query.filter?.name).toBe('FILTER');
    expect(query.filter?.canonicalName).toBe('$filter');
    expect(query.orderBy?.canonicalName).toBe('$orderby');
    expect(query.top?.value).toBe(5);
    expect(query.skip?.value).toBe(10);
    expect(query.count?.value).toBe(false);
    expect(query.search !== undefined && formatSearch(query.search.value)).toBe('blue');
  });

  it('keeps custom options and parameter aliases', () => {
    const query = options(
      "$filter=Name eq @name&@name='Ann'&find=O%27Neil&!special&$skiptoken=abc%3D",
    );
    expect(query.custom).toEqual([
      { kind: 'customOption', name: 'find', value: "O'Neil", offset: 34 },
      { kind: 'customOption', name: '!special', value: undefined, offset: 48 },
    ]);
    expect(formatExpression(query.aliases.get('name')?.value ?? fail())).toBe("'Ann'");
    expect(query.skipToken?.value).toBe('abc=');
  });

  it('reads skiptoken without $ as a custom option, as the ABNF does', () => {
    const query = options('skiptoken=1');
    expect(query.skipToken).toBeUndefined();
    expect(query.custom[0]?.name).toBe('skiptoken');
  });

  it('treats + as a plus sign and %26 as data', () => {
    const query = options("$filter=Price add +5 eq 7 and Name eq 'a%26b'");
    expect(query.filter !== undefined && formatExpression(query.filter.value)).toBe(
      "(and (eq (add Price 5) 7) (eq Name 'a&b'))",
    );
  });

  it('parses $format, $index, $compute, $apply, $schemaversion, $id', () => {
    expect(options('$format=application/json;odata.metadata=minimal').format?.value).toBe(
      'application/json;odata.metadata=minimal',
    );
    expect(options('$format=JSON').format?.value).toBe('JSON');
    expect(options('$index=-42').index?.value).toBe(-42);
    const compute = options('$compute=Amount mul 2 as Double,year(Date) as Year').compute?.value;
    expect(compute?.map((item) => [formatExpression(item.expression), item.alias])).toEqual([
      ['(mul Amount 2)', 'Double'],
      ['year(Date)', 'Year'],
    ]);
    expect(options('$apply=groupby((Name))').apply?.value).toBe('groupby((Name))');
    expect(options('$schemaversion=1.2').schemaVersion?.value).toBe('1.2');
  });

  it('parses $search expressions', () => {
    const search = (text: string): string => {
      const value = options(`$search=${text}`).search?.value;
      return value === undefined ? '' : formatSearch(value);
    };
    expect(search('blue green')).toBe('(and blue green)');
    expect(search('blue AND green OR red')).toBe('(or (and blue green) red)');
    expect(search('blue OR green AND red')).toBe('(or blue (and green red))');
    expect(search('NOT blue')).toBe('(not blue)');
    expect(search('NOT NOT')).toBe('(not NOT)');
    expect(search('AND OR NOT')).toBe('(or AND NOT)');
    expect(search('"blue%20green" red')).toBe('(and "blue green" red)');
    expect(search('(a OR b) c')).toBe('(and (or a b) c)');
    expect(search("'\"blue'")).toBe('"\\"blue"');
    expect(search('a%3Bb')).toBe('a;b');
    expect(search('%CE%94')).toBe('Δ');
  });
});

describe('parseQueryOptions: $select and $expand', () => {
  it('parses $select items', () => {
    expect(formatSelect(options('$select=*').select?.value)).toEqual(['*']);
    expect(formatSelect(options('$select=Name,Address/Street,Model.*').select?.value)).toEqual([
      'Name',
      'Address/Street',
      'Model.*',
    ]);
    expect(formatSelect(options('$select=Model.F(A,B),Tags($top=2)').select?.value)).toEqual([
      'Model.F(A,B)',
      'Tags(...)',
    ]);
    expect(formatSelect(options('$select=@Core.Messages').select?.value)).toEqual([
      '@Core.Messages',
    ]);
  });

  it('parses $expand items with nested options', () => {
    const expand = options(
      '$expand=Orders($select=Id;$filter=Total gt 5;$orderby=Id desc;$top=3;$expand=Items($count=true)),Customer/$ref,Items/$count($filter=Qty gt 1),*',
    ).expand?.value;
    expect(formatExpand(expand)).toEqual([
      'Orders(...)',
      'Customer/$ref',
      'Items/$count(...)',
      '*',
    ]);
    const orders = expand?.[0];
    if (orders?.kind !== 'expandPath' || orders.options === undefined)
      throw new Error('no options');
    expect(formatSelect(orders.options.select?.value)).toEqual(['Id']);
    expect(
      orders.options.filter !== undefined && formatExpression(orders.options.filter.value),
    ).toBe('(gt Total 5)');
    expect(orders.options.orderBy?.value[0]?.direction).toBe('desc');
    expect(orders.options.top?.value).toBe(3);
    expect(formatExpand(orders.options.expand?.value)).toEqual(['Items(...)']);
  });

  it('accepts nested options written without $ and with %3B / %3D', () => {
    const expand = options('$expand=Items(select%3DName%3Btop%3D5)').expand?.value;
    const items = expand?.[0];
    if (items?.kind !== 'expandPath' || items.options === undefined) throw new Error('no options');
    expect(items.options.top?.value).toBe(5);
  });

  it.each([
    ['$expand=Customer/$ref($levels=4)', 'not allowed in options after /$ref'],
    ['$expand=Customer/$ref($select=Name)', 'not allowed in options after /$ref'],
    ['$expand=Items/$count($count=true)', 'not allowed in options after /$count'],
    ['$expand=Category($levels=04)', 'without leading zeros'],
    ['$expand=Items($top=1;$top=2)', '$top is given more than once'],
    ['$expand=Items($skiptoken=1)', '$skiptoken is not allowed in $expand options'],
    ['$expand=Items($foo=1)', 'expected a query option in $expand options'],
    ['$expand=Items($filter=A eq 1', "expected ';' or ')'"],
    ['$select=Name,', 'expected a property name or *'],
  ])('rejects %s', (query, fragment) => {
    const error = errorOf(query);
    expect(error.code).toBe('TSG102');
    expect(error.target).toBe(query.startsWith('$select') ? '$select' : '$expand');
    expect(error.message).toContain(fragment);
  });
});

describe('parseQueryOptions: errors and limits', () => {
  it.each([
    // [query, code, target, position within the value, message fragment]
    ['$top=-1', 'TSG102', '$top', 0, 'expected a non-negative integer for $top'],
    ['$top=5x', 'TSG102', '$top', 1, "expected an operator or the end of $top but found 'x'"],
    ['$skip=', 'TSG102', '$skip', 0, 'expected a non-negative integer'],
    ['$count=maybe', 'TSG102', '$count', 0, 'expected true or false'],
    ['$count', 'TSG102', '$count', 6, "expected '=' and a value after $count"],
    ['$top=1&top=2', 'TSG102', '$top', 7, '$top is given more than once'],
    ['$foo=1', 'TSG102', undefined, 0, "'$foo' is not a system query option"],
    ['$levels=2', 'TSG102', '$levels', 0, 'only allowed inside $expand'],
    ['$top=1&$filter=true&$Filter=false', 'TSG102', '$filter', 20, 'is given more than once'],
    ['$filter =true', 'TSG102', undefined, 0, "'$filter ' is not a system query option"],
    ['$filter= true', 'TSG101', '$filter', 0, 'unexpected whitespace'],
    ['$filter=Name eq', 'TSG101', '$filter', 7, "expected an expression after 'eq'"],
    ['$orderby=Name up', 'TSG102', '$orderby', 5, "but found 'up'"],
    ['$search=a;b', 'TSG104', '$search', 1, "found ';'"],
    ['$search="blue', 'TSG104', '$search', 5, 'no closing double quote'],
    ['$search=#1', 'TSG100', undefined, 8, "'#' must be percent-encoded"],
    ['$format=html', 'TSG102', '$format', 0, '$format must be json, xml, atom or a media type'],
    ['$index=fortytwo', 'TSG102', '$index', 0, 'expected an integer'],
    ['@p=1&@p=2', 'TSG102', undefined, 5, 'defined twice'],
    ['@1p=1', 'TSG102', undefined, 0, 'not a valid parameter alias name'],
    ['$top=1&=5', 'TSG102', undefined, 7, 'a query option needs a name'],
    ['$skiptoken=', 'TSG105', '$skiptoken', 0, 'expected a value for $skiptoken'],
  ])('%s', (query, code, target, position, fragment) => {
    const error = errorOf(query);
    expect(error.code).toBe(code);
    expect(error.target).toBe(target);
    expect(error.message).toContain(fragment);
    expect(error.innerError).toMatchObject({ position });
  });

  it('rejects $top above limits.maxTop (TSG112)', () => {
    const error = errorOf('$top=100001');
    expect(error.code).toBe('TSG112');
    expect(error.target).toBe('$top');
    expect(error.message).toContain('exceeds the maximum of 100000');
    expect(options('$top=100000').top?.value).toBe(100_000);
    expect(errorOf('$top=11', { maxTop: 10 }).code).toBe('TSG112');
  });

  it('rejects $expand deeper than limits.maxExpandDepth (TSG113)', () => {
    expect(options('$expand=A($expand=B($expand=C))').expand).toBeDefined();
    const error = errorOf('$expand=A($expand=B($expand=C($expand=D)))');
    expect(error.code).toBe('TSG113');
    expect(error.target).toBe('$expand');
    expect(error.message).toContain('deeper than 3 levels');
    expect(errorOf('$expand=A($expand=B)', { maxExpandDepth: 1 }).code).toBe('TSG113');
  });

  it('rejects $search with more than limits.maxSearchTerms terms (TSG114)', () => {
    const words = Array.from({ length: 21 }, (_, index) => `w${index}`).join('%20');
    const error = errorOf(`$search=${words}`);
    expect(error.code).toBe('TSG114');
    expect(error.target).toBe('$search');
    expect(options(`$search=${words}`, { maxSearchTerms: 21 }).search).toBeDefined();
  });

  it('guards nested $select options against deep nesting', () => {
    const deep = '$select=' + 'A($select='.repeat(150) + 'B' + ')'.repeat(150);
    expect(errorOf(deep).code).toBe('TSG111');
  });
});

function fail(): never {
  throw new Error('missing');
}
