import { describe, expect, it } from 'vitest';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import { formatExpression } from './format-syntax.js';
import { parseExpression } from './parse-request.js';

function parsed(text: string): string {
  return formatExpression(parseExpression(text));
}

function errorOf(text: string, limits?: Parameters<typeof parseExpression>[1]): TsunagiError {
  try {
    parseExpression(text, limits);
  } catch (error) {
    if (error instanceof TsunagiError) return error;
    throw error;
  }
  throw new Error(`expected ${text} to be rejected`);
}

describe('parseExpression: precedence and associativity', () => {
  it.each([
    ["Name eq 'Milk'", "(eq Name 'Milk')"],
    ["Name eq 'Milk' and Price lt 2.55", "(and (eq Name 'Milk') (lt Price 2.55))"],
    ['A or B and C', '(or A (and B C))'],
    ['A and B or C', '(or (and A B) C)'],
    ['A and B and C', '(and (and A B) C)'],
    ['Price add 2 mul 3 eq 8', '(eq (add Price (mul 2 3)) 8)'],
    ['Price sub 1 sub 2', '(sub (sub Price 1) 2)'],
    ['(Price add 2.45) mod 2', '(mod (add Price 2.45) 2)'],
    ['A div 2 divby 3', '(divby (div A 2) 3)'],
    ['A lt 1 eq B gt 2', '(eq (lt A 1) (gt B 2))'],
    ['not A and B', '(and (not A) B)'],
    ['not (A eq 1)', '(not (eq A 1))'],
    ['not(A)', '(not A)'],
    ["not endswith(Name,'ilk')", "(not endswith(Name, 'ilk'))"],
    ['-Price add 5', '(add (negate Price) 5)'],
    ['- Price', '(negate Price)'],
    ['-5 add 3', '(add -5 3)'],
    ["Name in ('a','b') and X", "(and (in Name (list 'a' 'b')) X)"],
    ['A add B in (1,2)', '(add A (in B (list 1 2)))'],
    ["style has Sales.Pattern'Yellow'", "(has style Sales.Pattern'Yellow')"],
    ["Name EQ 'Milk' AND Price LT 2.55", "(and (eq Name 'Milk') (lt Price 2.55))"],
    ['Name\teq\t1', '(eq Name 1)'],
    ['( true )', 'true'],
    ['Cost ge Revenue', '(ge Cost Revenue)'],
  ])('%s', (input, expected) => {
    expect(parsed(input)).toBe(expected);
  });
});

describe('parseExpression: literals', () => {
  it.each([
    ["'O''Neil'", "'O''Neil'"],
    ["%27O'%27Neil'", "'O''Neil'"],
    ["''", "''"],
    ['42', '42'],
    ['+42', '42'],
    ['%2B42', '42'],
    ['-42', '-42'],
    ['3.14', '3.14'],
    ['-0.314e1', '-0.314e1'],
    ['1E5', '1E5'],
    ['INF', 'INF'],
    ['-INF', '-INF'],
    ['NaN', 'NaN'],
    ['true', 'true'],
    ['tRUe', 'true'],
    ['null', 'null'],
    ['2012-09-03', '2012-09-03'],
    ['-10000-04-01', '-10000-04-01'],
    ['2012-09-03T13:52Z', '2012-09-03T13:52Z'],
    ['2012-08-31T18:19:22.1234567+02:00', '2012-08-31T18:19:22.1234567+02:00'],
    ['2012-09-03T23%3A59%2B01%3A00', '2012-09-03T23:59+01:00'],
    ['2012-09-03t13:52z', '2012-09-03T13:52Z'],
    ['11:22:33', '11:22:33'],
    ['11:22:33.4444444', '11:22:33.4444444'],
    ["duration'P6DT23H59M59.9999S'", "duration'P6DT23H59M59.9999S'"],
    ["DURATION'-PT1H'", "duration'-PT1H'"],
    ['01234567-89ab-cdef-0123-456789ABCDEF', '01234567-89ab-cdef-0123-456789ABCDEF'],
    ['deadbeef-0000-0000-0000-000000000000', 'deadbeef-0000-0000-0000-000000000000'],
    ["binary'Zm9vYmE='", "binary'Zm9vYmE='"],
    ["Sales.Pattern'Solid,Yellow,+42'", "Sales.Pattern'Solid,Yellow,+42'"],
    ["geography'SRID=0;Point(142.1 64.1)'", "geography'SRID=0;Point(142.1 64.1)'"],
    ['["a",\'b\',1,null]', '["a", \'b\', 1, null]'],
    ['{"k":"v","n":[1, 2 add 3]}', '{"k": "v", "n": [1, (add 2 3)]}'],
    ['"b%75g" eq "x"'.replace(/.*/, '["b%75g"]'), '["bug"]'],
  ])('%s', (input, expected) => {
    expect(parsed(input)).toBe(expected);
  });

  it('records literal kinds and decoded values', () => {
    const literal = parseExpression("'a%20b'");
    expect(literal).toMatchObject({
      kind: 'literal',
      literalKind: 'string',
      value: 'a b',
      offset: 0,
    });
    expect(parseExpression('12')).toMatchObject({ literalKind: 'integer', value: '12' });
    expect(parseExpression('1.50')).toMatchObject({ literalKind: 'decimal', value: '1.50' });
    expect(parseExpression('1e3')).toMatchObject({ literalKind: 'double', value: '1e3' });
    expect(parseExpression('duration%27P1D%27')).toMatchObject({
      literalKind: 'duration',
      value: 'P1D',
    });
  });

  it('freezes nodes', () => {
    const node = parseExpression("Name eq 'x'");
    expect(Object.isFrozen(node)).toBe(true);
    if (node.kind !== 'binary') throw new Error('expected a binary node');
    expect(Object.isFrozen(node.left)).toBe(true);
  });
});

describe('parseExpression: paths, functions and lambdas', () => {
  it.each([
    ['Customer/Name', 'Customer/Name'],
    ['$it/Name', '$it/Name'],
    ['$this', '$this'],
    ["$root/Employees('A1245')/LastName", "$root/Employees('A1245')/LastName"],
    ['Items(1)', 'Items(1)'],
    ["Items(OrderId=1,Line='a')/Qty", "Items(OrderId=1,Line='a')/Qty"],
    ['Items/$count', 'Items/$count'],
    ['Items/$count($filter=Qty gt 1;$search=red)', 'Items/$count($filter=(gt Qty 1);$search=red)'],
    ['Items/any()', 'Items/any()'],
    ['Items/any( )', 'Items/any()'],
    ['Items/any(i:i/Qty gt 1)', 'Items/any(i: (gt i/Qty 1))'],
    ['Items/all( i : i/Qty gt $it/Min )', 'Items/all(i: (gt i/Qty $it/Min))'],
    [
      'Orders/any(o:o/Items/any(i:i/Qty gt o/Total))',
      'Orders/any(o: o/Items/any(i: (gt i/Qty o/Total)))',
    ],
    ['Tags/any(t:t eq @word)', 'Tags/any(t: (eq t @word))'],
    ['Price/@Measures.Currency%23Reporting', 'Price/@Measures.Currency#Reporting'],
    ['Addresses/$filter(City eq 1)/$count', 'Addresses/$filter((eq City 1))/$count'],
    ['Model.Customer/Name', 'Model.Customer/Name'],
    ['Model.F(a=1,b=@p)/Name', 'Model.F(a=1,b=@p)/Name'],
    ["contains(Name,'x')", "contains(Name, 'x')"],
    ["CONTAINS(Name, 'x')", "contains(Name, 'x')"],
    ['substring(Name,1,2)', 'substring(Name, 1, 2)'],
    ['now()', 'now()'],
    ['maxdatetime%28%20%29', 'maxdatetime()'],
    ['matchesPattern(Name,%27%5EA.*e$%27)', "matchespattern(Name, '^A.*e$')"],
    ['geo.distance(A/Location,B/Location)', 'geo.distance(A/Location, B/Location)'],
    ['cast(Price,Edm.String)', 'cast(Price, Edm.String)'],
    ['cast(Model.Customer)', 'cast(Model.Customer)'],
    ['isof(Tags,Collection(Edm.String))', 'isof(Tags, Collection(Edm.String))'],
    ['case(X gt 0:1,X lt 0:-1,true:0)', 'case((gt X 0): 1, (lt X 0): -1, true: 0)'],
    ['Name in ()', '(in Name (list))'],
    ['Name in (Other)', '(in Name Other)'],
    ['Name in (@a, @b)', '(in Name (list @a @b))'],
    ['Name in ["a","b"]', '(in Name ["a", "b"])'],
    ['Name in Tags', '(in Name Tags)'],
    ["Items(1,'x')", "Items(1,'x')"],
    ['notes eq 1', '(eq notes 1)'],
    ['trueValue eq 1', '(eq trueValue 1)'],
    ['nullable', 'nullable'],
  ])('%s', (input, expected) => {
    expect(parsed(input)).toBe(expected);
  });
});

describe('parseExpression: errors', () => {
  it.each([
    // [input, code, position, message fragment]
    ["(Name eq 'x'", 'TSG101', 12, "expected ')' but found the end of the input"],
    ["contains(Name eq 'x'", 'TSG101', 20, "expected ',' or ')'"],
    ['Name eqq 1', 'TSG101', 5, "but found 'eqq'"],
    ['Name eq', 'TSG101', 7, "expected an expression after 'eq'"],
    [' Name eq 1', 'TSG101', 0, 'unexpected whitespace'],
    ['', 'TSG101', 0, 'expected an expression but found the end of the input'],
    ["Name eq'x'", 'TSG101', 7, "expected whitespace after 'eq'"],
    ['Name+eq+1', 'TSG101', 4, "'+' is a plus sign"],
    ["'abc", 'TSG103', 4, 'no closing quote'],
    ['2012-13-01', 'TSG103', 0, "'2012-13-01' is not a valid date"],
    ['2012-02-30', 'TSG103', 0, 'not a valid date'],
    ['2011-12-31T24:00Z', 'TSG103', 11, 'not a valid time of day'],
    ['25:00', 'TSG103', 0, 'not a valid time of day'],
    ["X'1a2B'", 'TSG103', 0, "'X' is not a literal prefix"],
    ["duration'P1Y'", 'TSG103', 9, 'not a valid duration'],
    ["binary'Zg+='", 'TSG103', 7, 'not valid base64url'],
    ["geography'Point(1 2)'", 'TSG103', 10, 'not valid well-known text'],
    ['Model.Available', 'TSG101', 15, "expected '(' (function call) or '/' (type cast)"],
    ['any()', 'TSG101', 3, 'must follow a collection'],
    ['Items/all()', 'TSG101', 10, 'expected a lambda variable'],
    ['FirstName in (FirstName,LastName)', 'TSG101', 23, "expected ')' but found ','"],
    ["Emails eq ('a','b')", 'TSG101', 14, "expected ')' but found ','"],
    ['"x" eq Name', 'TSG101', 0, 'only allowed inside a JSON array'],
    ['$foo', 'TSG101', 0, 'unknown name starting with $'],
    ['Items/$bar', 'TSG101', 6, 'unknown path segment'],
    ['Name eq %ZZ', 'TSG100', 8, "'%' must be followed by two hexadecimal digits"],
    ['Name eq %C3%28', 'TSG100', 8, 'not valid UTF-8'],
  ])('%s', (input, code, position, fragment) => {
    const error = errorOf(input);
    expect(error.code).toBe(code);
    expect(error.message).toContain(fragment);
    expect(error.message).toContain(`at position ${position} in $filter`);
    expect(error.innerError).toMatchObject({ position });
    if (code !== 'TSG100') expect(error.target).toBe('$filter');
  });

  it('words the message as the brief example', () => {
    expect(errorOf("(Name eq 'x' 1").message).toBe(
      "Syntax error at position 13 in $filter: expected ')' but found '1'.",
    );
    expect(errorOf("(Name eq 'x' eq").message).toBe(
      "Syntax error at position 15 in $filter: expected an expression after 'eq'.",
    );
    expect(errorOf("contains(Name,'x' eq 2").message).toBe(
      "Syntax error at position 22 in $filter: expected ',' or ')' but found the end of the input.",
    );
  });

  it('counts positions in the text as sent (percent-encoded)', () => {
    const error = errorOf('Name%20eq%20%27x%27%20and');
    expect(error.innerError).toMatchObject({ position: 25 });
    expect(errorOf('Name%20eq%20%27x%27%20%3D').innerError).toMatchObject({ position: 22 });
  });
});

describe('parseExpression: limits', () => {
  it('rejects nesting deeper than maxExpressionDepth without overflowing the stack', () => {
    const deep = '('.repeat(5000) + 'true' + ')'.repeat(5000);
    const error = errorOf(deep);
    expect(error.code).toBe('TSG111');
    expect(error.message).toContain('deeper than 100 levels');
    const nots = 'not '.repeat(200) + 'true';
    expect(errorOf(nots).code).toBe('TSG111');
    const arrays = '['.repeat(300) + ']'.repeat(300);
    expect(errorOf(arrays).code).toBe('TSG111');
    expect(() => parseExpression('('.repeat(20) + 'true' + ')'.repeat(20))).not.toThrow();
  });

  it('honours a configured depth', () => {
    expect(errorOf('((true))', { limits: { maxExpressionDepth: 2 } }).code).toBe('TSG111');
    expect(() => parseExpression('(true)', { limits: { maxExpressionDepth: 2 } })).not.toThrow();
  });

  it('rejects more nodes than maxExpressionNodes', () => {
    const terms = Array.from({ length: 400 }, (_, index) => `A eq ${index}`).join(' or ');
    const error = errorOf(terms);
    expect(error.code).toBe('TSG111');
    expect(error.message).toContain('more than 1000 nodes');
    expect(() => parseExpression(terms, { limits: { maxExpressionNodes: 2_000 } })).not.toThrow();
  });

  it('parses a long flat or-chain iteratively', () => {
    const terms = Array.from({ length: 200 }, (_, index) => `A eq ${index}`).join(' or ');
    expect(parsed(terms).startsWith('(or (or (or')).toBe(true);
  });
});
