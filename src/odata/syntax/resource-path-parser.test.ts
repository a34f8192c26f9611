import { describe, expect, it } from 'vitest';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import { formatResourcePath } from './format-syntax.js';
import { parseRequest } from './parse-request.js';

function path(text: string): string {
  return formatResourcePath(parseRequest({ path: text, query: '' }).path);
}

function errorOf(text: string, query = ''): TsunagiError {
  try {
    parseRequest({ path: text, query });
  } catch (error) {
    if (error instanceof TsunagiError) return error;
    throw error;
  }
  throw new Error(`expected ${text} to be rejected`);
}

describe('parseResourcePath', () => {
  it.each([
    ['', ''],
    ['/', ''],
    ['/$metadata', '$metadata'],
    ['/$batch', '$batch'],
    ['/Customers', 'Customers'],
    ['/Customers/', 'Customers'],
    ['Customers', 'Customers'],
    ['/Customers(5)', 'Customers(5)'],
    ["/Customers('a''b')", "Customers('a''b')"],
    ['/Customers(%27a%27%27b%27)', "Customers('a''b')"],
    ['/Customers%285%29', 'Customers(5)'],
    ["/Lines(OrderId=1,LineNo='x')", "Lines(OrderId=1,LineNo='x')"],
    ['/Customers(@key)', 'Customers(@key)'],
    ['/Customers(Id=@key)', 'Customers(Id=@key)'],
    ['/Customers/5', 'Customers/<5>'],
    ["/People/O'Neil", "People/<O'Neil>"],
    ['/Categories/Smartphone%2FTablet', 'Categories/<Smartphone/Tablet>'],
    ["/Categories('Smartphone%2FTablet')", "Categories('Smartphone/Tablet')"],
    ["/Categories('Tablet%20)small(')", "Categories('Tablet )small(')"],
    ['/Orders(5)/Items', 'Orders(5)/Items'],
    ['/Orders(5)/Items(2)/Product', 'Orders(5)/Items(2)/Product'],
    ['/Orders/5/Items/2', 'Orders/<5>/Items/<2>'],
    ['/Customers/$count', 'Customers/$count'],
    ['/Customers(5)/Name/$value', 'Customers(5)/Name/$value'],
    ['/Customers(5)/Tsunagi.Customer', 'Customers(5)/Tsunagi.Customer'],
    ['/Customers/$filter(Age gt 3)(1)', 'Customers/$filter((gt Age 3))(1)'],
    ['/Customers(5)/$ref', 'Customers(5)/$ref'],
    ['/$crossjoin(A,B)', '$crossjoin(A,B)'],
    ['/$all/Model.Customer', '$all/Model.Customer'],
    ['/Categories(2018-02-13T23%3A59%3A59Z)', 'Categories(2018-02-13T23:59:59Z)'],
    ['/Áreas(1)', 'Áreas(1)'],
    ['/%E9%A1%A7%E5%AE%A2(1)', '顧客(1)'],
  ])('%s', (input, expected) => {
    expect(path(input)).toBe(expected);
  });

  it('keeps the decoded segment text and raw offsets', () => {
    const syntax = parseRequest({ path: '/Orders(5)/Items%2F1', query: '' }).path;
    expect(syntax.segments[0]).toMatchObject({
      kind: 'name',
      name: 'Orders',
      offset: 1,
      text: 'Orders(5)',
    });
    expect(syntax.segments[1]).toMatchObject({ kind: 'text', text: 'Items/1', offset: 11 });
  });

  it.each([
    ["/Customers('O%27Neil')", 16, "expected ',' or ')' but found 'Neil'"],
    ["/Categories('Smartphone/Tablet')", 23, 'no closing quote'],
    ['/Products.(1)', 10, "expected an identifier after '.'"],
    ['/.Products', 1, 'expected an entity set'],
    ['/Model.Rejection', 6, 'not a qualified name'],
    ['/Categories(ID=wrong)', 15, 'expected a literal value or a parameter alias'],
    ["/OrderItems(OrderID=1;ItemID='a')", 21, "expected ',' or ')'"],
    ['/Products/$count/foo', 16, 'nothing may follow $count'],
    ['/Categories(1)/Products/$ref/$count', 28, 'nothing may follow $ref'],
    ['/Categories(1)/ID/$value/foo', 24, 'nothing may follow $value'],
    ['/$metadata/Customers', 10, 'nothing may follow $metadata'],
    ['/Customers//5', 11, 'empty path segment'],
    ['/$foo', 1, "'$foo' is not a path segment allowed as the first segment"],
    ['/Customers/$entity', 11, "'$entity' is not a path segment allowed here"],
    ['/Customers(1', 12, "expected ',' or ')'"],
    ['/Customers(1,2)', 10, 'several values in parentheses need names'],
    ['/Customers(1)x', 13, "expected '(' or the end of the segment"],
    ['/Customers%2', 10, "'%' must be followed by two hexadecimal digits"],
  ])('rejects %s', (input, position, fragment) => {
    const error = errorOf(input);
    expect(error.code).toMatch(/^TSG10[03]$/);
    expect(error.message).toContain(`at position ${position} in the resource path`);
    expect(error.message).toContain(fragment);
    expect(error.target).toBeUndefined();
  });
});

describe('parseRequest', () => {
  it('rejects URLs longer than limits.maxUrlLength (TSG110)', () => {
    const long = '/Customers?' + 'x'.repeat(20_000);
    const error = errorOf('/Customers', `$filter=Name eq '${'x'.repeat(20_000)}'`);
    expect(error.code).toBe('TSG110');
    expect(error.status).toBe(414);
    expect(error.message).toContain('maximum is 16384');
    expect(long.length).toBeGreaterThan(16_384);
    expect(() =>
      parseRequest({ path: '/Customers', query: '$top=1' }, { maxUrlLength: 10 }),
    ).toThrow(/maximum is 10 /);
  });

  it('allows only $format with $metadata and $batch', () => {
    expect(parseRequest({ path: '/$metadata', query: '$format=json' }).query.format?.value).toBe(
      'json',
    );
    const error = errorOf('/$metadata', '$filter=true');
    expect(error.code).toBe('TSG102');
    expect(error.target).toBe('$filter');
    expect(error.message).toContain('$filter cannot be used with $metadata');
  });

  it('requires $id with $entity', () => {
    expect(errorOf('/$entity', '$format=json').message).toContain('$entity needs $id');
    expect(errorOf('/$entity', '$id=x&$select=Name').message).toContain(
      'needs a type after $entity',
    );
    expect(
      parseRequest({ path: '/$entity/Model.Customer', query: '$id=x&$select=Name' }).query.id
        ?.value,
    ).toBe('x');
  });
});
