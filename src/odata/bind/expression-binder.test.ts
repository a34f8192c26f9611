import { describe, expect, it } from 'vitest';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { BoundExpression } from '../semantic/expression.js';
import { formatBoundExpression } from '../test-support/format-bound-expression.js';
import {
  customerType,
  orderItemType,
  orderType,
  sampleModel,
  sampleProperty,
} from '../test-support/sample-model.js';
import { bindExpression, bindFilter } from './bind-expression.js';

function filter(text: string, aliases?: Record<string, string>): string {
  return formatBoundExpression(
    bindFilter(text, customerType, sampleModel, aliases === undefined ? {} : { aliases }),
  );
}

function errorOf(action: () => unknown): TsunagiError {
  try {
    action();
  } catch (error) {
    if (error instanceof TsunagiError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

function filterError(text: string, aliases?: Record<string, string>): TsunagiError {
  return errorOf(() =>
    bindFilter(text, customerType, sampleModel, aliases === undefined ? {} : { aliases }),
  );
}

describe('bindFilter: comparisons and literal types', () => {
  it.each([
    ["Name eq 'Acme'", "(eq Name 'Acme':String)"],
    ['Score gt 5', '(gt Score 5:Int32)'],
    ['5 lt Score', '(lt 5:Int32 Score)'],
    ['Level eq 300', '(eq Level 300:Int16)'],
    ['Level eq 3', '(eq Level 3:Byte)'],
    ['Id eq 9007199254740993', '(eq Id 9007199254740993n:Int64)'],
    ['Id eq 42', '(eq Id 42:Int64)'],
    ['CreditLimit ge 1000', "(ge CreditLimit '1000':Decimal)"],
    ['CreditLimit ge 1000.50', "(ge CreditLimit '1000.50':Decimal)"],
    ['Rating gt 4.5', '(gt Rating 4.5:Double)'],
    ['Rating lt INF', '(lt Rating Infinity:Double)'],
    ['Discount gt 0.1', '(gt Discount 0.1:Single)'],
    ['Score gt 2.5', "(gt Score '2.5':Decimal)"],
    ['Score eq Level', '(eq Score Level)'],
    ['Email eq null', '(eq Email null:String)'],
    ['null ne Email', '(ne null:String Email)'],
    ['IsActive eq true', '(eq IsActive true:Boolean)'],
    ['IsActive', 'IsActive'],
    ['null', 'null:Boolean'],
    ['BirthDate eq 1990-05-17', "(eq BirthDate '1990-05-17':Date)"],
    ['CreatedAt gt 2024-01-01T09:30Z', "(gt CreatedAt '2024-01-01T09:30:00Z':DateTimeOffset)"],
    ['CreatedAt ge 2024-01-01', "(ge CreatedAt '2024-01-01T00:00:00Z':DateTimeOffset)"],
    [
      'BirthDate lt 2024-01-01T00:00:00%2B09:00',
      "(lt cast(BirthDate, DateTimeOffset) '2024-01-01T00:00:00+09:00':DateTimeOffset)",
    ],
    ['OpensAt lt 09:00', "(lt OpensAt '09:00:00':TimeOfDay)"],
    ["ResponseTime gt duration'PT1H'", "(gt ResponseTime 'PT1H':Duration)"],
    ["ResponseTime gt 'PT1H'", "(gt ResponseTime 'PT1H':Duration)"],
    [
      'ExternalId eq 01234567-89AB-cdef-0123-456789abcdef',
      "(eq ExternalId '01234567-89ab-cdef-0123-456789abcdef':Guid)",
    ],
    ["Photo eq binary'Zm9v'", '(eq Photo bytes(3):Binary)'],
    ["Name eq 'O''Neil'", "(eq Name 'O'Neil':String)"],
    ['1 eq 1.0', "(eq 1:Byte '1.0':Decimal)"],
  ])('%s', (text, expected) => {
    expect(filter(text)).toBe(expected);
  });
});

describe('bindFilter: logic, arithmetic and in', () => {
  it.each([
    [
      "Name eq 'A' and Score gt 5 or not IsActive",
      "(or (and (eq Name 'A':String) (gt Score 5:Int32)) (not IsActive))",
    ],
    ['not (Score eq 5)', '(not (eq Score 5:Int32))'],
    ['CreditLimit add 5 gt 10', "(gt (add CreditLimit '5':Decimal) '10':Decimal)"],
    ['Score mul 2 eq 10', '(eq (mul Score 2:Int32) 10:Int32)'],
    ['Score divby 2 eq 2.5', "(eq (divby Score 2:Int32) '2.5':Decimal)"],
    ['Score mod 5 eq 0', '(eq (mod Score 5:Int32) 0:Int32)'],
    ['Rating sub 1 gt 2', '(gt (sub Rating 1:Double) 2:Double)'],
    ['-Score lt 0', '(lt (negate Score) 0:Int32)'],
    ['- 5 lt Score', '(lt -5:Int32 Score)'],
    ["CreatedAt add duration'P1D' gt now()", "(gt (add CreatedAt 'P1D':Duration) now())"],
    ["CreatedAt sub 'PT1H' lt now()", "(lt (sub CreatedAt 'PT1H':Duration) now())"],
    ["now() sub CreatedAt gt duration'P30D'", "(gt (sub now() CreatedAt) 'P30D':Duration)"],
    [
      "BirthDate add duration'P1D' eq 2000-01-02",
      "(eq (add BirthDate 'P1D':Duration) '2000-01-02':Date)",
    ],
    ["Name in ('A', 'B')", "(in Name ['A':String, 'B':String])"],
    ['Id in (1, 2)', '(in Id [1:Int64, 2:Int64])'],
    ['Name in ["A","B"]', "(in Name ['A':String, 'B':String])"],
    ['Name in ()', '(in Name [])'],
    ["'vip' in Tags", "Tags/any($in: (eq $in 'vip':String))"],
    ['Score in (@a, @b)', '(in Score [1:Int32, 2:Int32])'],
    ['Score in @list', '(in Score [1:Int32, 2:Int32])'],
  ])('%s', (text, expected) => {
    expect(filter(text, { a: '1', b: '2', list: '[1,2]' })).toBe(expected);
  });
});

describe('bindFilter: functions', () => {
  it.each([
    ["contains(Name,'cme')", "contains(Name, 'cme':String)"],
    ["startswith(tolower(Name),'a')", "startswith(tolower(Name), 'a':String)"],
    ["CONTAINS(Email, '@')", "contains(Email, '@':String)"],
    ["matchesPattern(Name,'%5EA.*e$')", "matchesPattern(Name, '^A.*e$':String)"],
    ['length(Name) gt 3', '(gt length(Name) 3:Int32)'],
    ["indexof(Name,'c') eq 1", "(eq indexof(Name, 'c':String) 1:Int32)"],
    ["substring(Name,1) eq 'cme'", "(eq substring(Name, 1:Int32) 'cme':String)"],
    ["substring(Name,1,2) eq 'cm'", "(eq substring(Name, 1:Int32, 2:Int32) 'cm':String)"],
    [
      "concat(concat(City,', '),Name) eq 'x'",
      "(eq concat(concat(City, ', ':String), Name) 'x':String)",
    ],
    ["trim(toupper(City)) eq 'OSAKA'", "(eq trim(toupper(City)) 'OSAKA':String)"],
    ['year(BirthDate) eq 1990', '(eq year(BirthDate) 1990:Int32)'],
    ['month(CreatedAt) eq 12', '(eq month(CreatedAt) 12:Int32)'],
    ['hour(OpensAt) lt 9', '(lt hour(OpensAt) 9:Int32)'],
    ['fractionalseconds(CreatedAt) eq 0', "(eq fractionalseconds(CreatedAt) '0':Decimal)"],
    ['totalseconds(ResponseTime) gt 60', "(gt totalseconds(ResponseTime) '60':Decimal)"],
    ['date(CreatedAt) eq 2024-01-01', "(eq date(CreatedAt) '2024-01-01':Date)"],
    ['time(CreatedAt) lt 12:00', "(lt time(CreatedAt) '12:00:00':TimeOfDay)"],
    ['totaloffsetminutes(CreatedAt) eq 540', '(eq totaloffsetminutes(CreatedAt) 540:Int32)'],
    [
      'CreatedAt lt maxdatetime() and CreatedAt gt mindatetime()',
      '(and (lt CreatedAt maxdatetime()) (gt CreatedAt mindatetime()))',
    ],
    ['round(CreditLimit) eq 5', "(eq round(CreditLimit) '5':Decimal)"],
    ['floor(Rating) eq 4', '(eq floor(Rating) 4:Double)'],
    ['ceiling(Score) eq 4', "(eq ceiling(Score) '4':Decimal)"],
    ["hassubset(Tags,['a','b'])", "hassubset(Tags, ['a','b']:Collection(String))"],
    ["hassubsequence(Tags,['a'])", "hassubsequence(Tags, ['a']:Collection(String))"],
    ["cast(Score,Edm.String) eq '5'", "(eq cast(Score, String) '5':String)"],
    ['cast(Score,Edm.Decimal) gt 1', "(gt cast(Score, Decimal) '1':Decimal)"],
    ['isof(Score,Edm.Int32)', 'isof(Score, Int32)'],
    ['cast(null,Edm.Int32) eq null', '(eq cast(null:null, Int32) null:Int32)'],
  ])('%s', (text, expected) => {
    expect(filter(text)).toBe(expected);
  });
});

describe('bindFilter: paths, lambdas and $count', () => {
  function orderFilter(text: string): string {
    return formatBoundExpression(bindFilter(text, orderType, sampleModel));
  }

  it.each([
    ["Customer/Name eq 'Acme'", "(eq Customer/Name 'Acme':String)"],
    ['Customer/Id eq CustomerId', '(eq Customer/Id CustomerId)'],
    ['Items/any()', 'Items/any()'],
    ['Items/any(i: i/Quantity gt 5)', 'Items/any(i: (gt i/Quantity 5:Int32))'],
    ['Items/all(i: i/UnitPrice lt Total)', 'Items/all(i: (lt i/UnitPrice Total))'],
    ['Items/any(i: i/Quantity gt $it/Id)', 'Items/any(i: (gt i/Quantity Id))'],
    ["Items/any(i: i/Product/Name eq 'Pen')", "Items/any(i: (eq i/Product/Name 'Pen':String))"],
    ['Items/$count gt 2', '(gt Items/$count 2:Int64)'],
    ['$it/Total gt 5', "(gt Total '5':Decimal)"],
    ['$this/Total gt 5', "(gt Total '5':Decimal)"],
    ['Tsunagi.Order/Total gt 5', "(gt Total '5':Decimal)"],
    [
      'Customer/Orders/any(o: o/Items/any(i: i/Quantity gt o/Id))',
      'Customer/Orders/any(o: o/Items/any(i: (gt i/Quantity o/Id)))',
    ],
  ])('%s', (text, expected) => {
    expect(orderFilter(text)).toBe(expected);
  });

  it.each([
    ["Tags/any(t: t eq 'vip')", "Tags/any(t: (eq t 'vip':String))"],
    ["Tags/any(t: startswith(t,'v'))", "Tags/any(t: startswith(t, 'v':String))"],
    ['Tags/$count ge 1', '(ge Tags/$count 1:Int64)'],
    ['Orders/any(o: o/Total gt CreditLimit)', 'Orders/any(o: (gt o/Total CreditLimit))'],
    ["Orders/any(Name: Name/Status eq 'Open')", "Orders/any(Name: (eq Name/Status 'Open':String))"],
  ])('%s', (text, expected) => {
    expect(filter(text)).toBe(expected);
  });

  it('builds navigation chains whose inner nodes are relative to the target', () => {
    const bound = bindFilter("Order/Customer/Name eq 'x'", orderItemType, sampleModel);
    if (bound.kind !== 'comparison' || bound.left.kind !== 'navigation') throw new Error('shape');
    expect(bound.left.variable).toBeNull();
    expect(bound.left.navigation.name).toBe('Order');
    expect(bound.left.resultType).toEqual({ type: 'Edm.String', collection: false });
    const next = bound.left.next;
    expect(next?.kind).toBe('navigation');
    if (next?.kind !== 'navigation') throw new Error('shape');
    expect(next.navigation.name).toBe('Customer');
    expect(next.next).toMatchObject({
      kind: 'property',
      variable: null,
      property: { name: 'Name' },
    });
  });

  it('gives lambda sources over navigation an untyped collection result', () => {
    const bound = bindFilter('Items/any(i: i/Quantity gt 1)', orderType, sampleModel);
    if (bound.kind !== 'lambda') throw new Error('shape');
    expect(bound.source).toMatchObject({
      kind: 'navigation',
      variable: null,
      next: undefined,
      resultType: { type: 'null', collection: true },
    });
    expect(bound.variable).toBe('i');
    expect(bound.predicate?.kind).toBe('comparison');
  });

  it('binds lambda variables over primitive collections as property-less nodes', () => {
    const bound = bindFilter("Tags/any(t: t eq 'x')", customerType, sampleModel);
    if (bound.kind !== 'lambda' || bound.predicate?.kind !== 'comparison') throw new Error('shape');
    expect(bound.source).toMatchObject({ kind: 'property', property: { name: 'Tags' } });
    expect(bound.predicate.left).toEqual({
      kind: 'property',
      resultType: { type: 'Edm.String', collection: false },
      variable: 't',
      property: undefined,
    });
  });

  it('returns frozen nodes and reuses the model objects', () => {
    const bound: BoundExpression = bindFilter('Score gt 1', customerType, sampleModel);
    expect(Object.isFrozen(bound)).toBe(true);
    if (bound.kind !== 'comparison' || bound.left.kind !== 'property') throw new Error('shape');
    expect(bound.left.property).toBe(sampleProperty(customerType, 'Score'));
  });
});

describe('bindFilter: parameter aliases', () => {
  it('substitutes alias values', () => {
    expect(filter('Name eq @name', { name: "'Acme'" })).toBe("(eq Name 'Acme':String)");
    expect(filter('Score gt @n', { n: '5' })).toBe('(gt Score 5:Int32)');
    expect(filter('@cond', { cond: 'Score gt 1' })).toBe('(gt Score 1:Int32)');
    expect(filter("@me/Name eq 'x'", { me: '$this' })).toBe("(eq Name 'x':String)");
  });

  it('rejects an unknown alias and an alias that refers to an alias (TSG106)', () => {
    const unknown = filterError('Name eq @who');
    expect(unknown.code).toBe('TSG106');
    expect(unknown.message).toBe(
      'Unresolved parameter alias at position 8 in $filter: the query string does not define the parameter alias @who.',
    );
    expect(unknown.target).toBe('$filter');
    const chained = filterError('Name eq @p', { p: '@q', q: "'x'" });
    expect(chained.code).toBe('TSG106');
    expect(chained.message).toContain('@p refers to @q');
    expect(chained.target).toBe('@p');
  });
});

describe('bindFilter: errors', () => {
  it.each([
    // [text, code, position, message]
    [
      "Nme eq 'x'",
      'TSG202',
      0,
      "Unknown property at position 0 in $filter: Customer has no property 'Nme'; did you mean 'Name'?",
    ],
    [
      "name eq 'x'",
      'TSG202',
      0,
      "Unknown property at position 0 in $filter: Customer has no property 'name'; did you mean 'Name'?",
    ],
    [
      'Zebra eq 1',
      'TSG202',
      0,
      "Unknown property at position 0 in $filter: Customer has no property 'Zebra'.",
    ],
    ["Name/First eq 'x'", 'TSG202', 5, 'only any, all or $count can follow it'],
    [
      'Name eq 5',
      'TSG203',
      5,
      'Type mismatch at position 5 in $filter: cannot compare Edm.String with Edm.Byte using eq.',
    ],
    [
      "ExternalId eq '01234567-89ab-cdef-0123-456789abcdef'",
      'TSG203',
      11,
      'write GUIDs without quotes',
    ],
    ["IsActive and 'x'", 'TSG203', 13, 'and needs Boolean operands'],
    ['not Name', 'TSG203', 0, 'not needs a Boolean operand'],
    ["not Name eq 'x'", 'TSG203', 0, 'write not (A eq B)'],
    ["Name add 1 eq 'x'", 'TSG203', 5, 'cannot apply add to Edm.String and Edm.Byte'],
    ['-Name eq 1', 'TSG203', 0, 'cannot negate Edm.String'],
    ['Orders eq null', 'TSG203', 0, 'Orders is a collection of entities'],
    ['Orders/Total gt 1', 'TSG203', 7, 'Orders is a collection: use any(...), all(...) or $count'],
    ['Tags eq 1', 'TSG203', 5, 'cannot compare Collection(Edm.String) with Edm.Byte'],
    ['Name/any(x: true)', 'TSG203', 5, 'any needs a collection, but Name is not one'],
    ['Name/$count gt 1', 'TSG203', 5, '$count needs a collection, but Name is not one'],
    ['Score in [1, Name]', 'TSG203', 13, 'may only hold literals'],
    ["Score in ('a')", 'TSG203', 10, 'cannot compare Edm.Int32 with Edm.String'],
    ['Tsunagi.Order/Total gt 1', 'TSG203', 0, 'cannot be cast to Tsunagi.Order'],
    [
      "contain(Name,'x')",
      'TSG204',
      0,
      "'contain' is not a built-in function; did you mean 'contains'?",
    ],
    ['Tsunagi.Best()', 'TSG204', 0, 'this service defines no function Tsunagi.Best'],
    [
      'contains(Name)',
      'TSG205',
      0,
      'contains takes 2 arguments, not 1: contains(Edm.String, Edm.String)',
    ],
    [
      'contains(Name, 5)',
      'TSG205',
      0,
      'contains(Edm.String, Edm.Byte) does not match contains(Edm.String, Edm.String)',
    ],
    ["substring('abc')", 'TSG205', 0, 'substring takes 2 or 3 arguments, not 1'],
    [
      'year(Name) eq 1',
      'TSG205',
      0,
      'year(Edm.String) does not match year(Edm.Date or Edm.DateTimeOffset)',
    ],
    ['round(Name) eq 1', 'TSG205', 0, 'does not match round(a number)'],
    ['cast(IsActive,Edm.Date) eq null', 'TSG205', 0, 'cannot cast Edm.Boolean to Edm.Date'],
    ['cast(Score,Model.Foo) eq null', 'TSG205', 11, 'Model.Foo is not a primitive type'],
    [
      'hassubset(Tags,[1])',
      'TSG205',
      0,
      'hassubset(Collection(Edm.String), Collection(Edm.Byte)) does not match',
    ],
    ['Score', 'TSG207', 0, '$filter must be a Boolean expression, but this one is Edm.Int32'],
    ['Orders/any(o: o/Total)', 'TSG207', 14, 'the predicate of any must be a Boolean expression'],
    [
      'Orders/any(o: x/Total gt 1)',
      'TSG212',
      14,
      "'x' is neither a lambda variable in scope (o) nor a property of Customer",
    ],
    ["style has Sales.Pattern'Yellow'", 'TSG210', 6, 'the has operator is not supported'],
    ["Name eq Sales.Pattern'Yellow'", 'TSG210', 8, 'enumeration literal'],
    ["Name eq geography'SRID=0;Point(1 2)'", 'TSG210', 8, 'geography literal'],
    ['$root/Customers(1)/Name eq Name', 'TSG210', 0, '$root paths are not supported'],
    ['Orders(1)/Total gt 1', 'TSG210', 0, 'key predicates inside expressions'],
    ['Orders/$count($filter=Total gt 1) gt 1', 'TSG210', 7, '$count with $filter'],
    ['Orders/$filter(Total gt 1)/$count gt 1', 'TSG210', 7, '$filter inside a path'],
    ["Name/@Core.Label eq 'x'", 'TSG210', 5, 'annotations'],
    ['geo.length(Name) gt 1', 'TSG210', 0, 'geo.length is not supported'],
    ['case(true:1) eq 1', 'TSG210', 0, 'the case function is not supported'],
    ['{"a":1} eq Name', 'TSG210', 0, 'JSON objects'],
    ['cast(Tsunagi.Customer) eq null', 'TSG205', 5, 'not a primitive type'],
    ['isof(Edm.Int32)', 'TSG210', 0, 'isof(Type) on the current entity'],
    ['cast(Score,Collection(Edm.Int32)) eq null', 'TSG210', 11, 'collection types'],
  ])('%s', (text, code, position, message) => {
    const error = filterError(text);
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    expect(error.innerError).toMatchObject({ position });
    expect(error.target).toBe('$filter');
  });

  it('adds the suggestion to the error details', () => {
    const error = filterError("Emial eq 'x'");
    expect(error.details).toEqual([
      { code: 'TSG202', message: "Did you mean 'Email'?", target: 'Emial' },
    ]);
    expect(error.status).toBe(400);
  });
});

describe('bindFilter: long chains', () => {
  it('binds a long or-chain without deep recursion', () => {
    const terms = Array.from({ length: 20_000 }, (_, index) => `Score eq ${index}`).join(' or ');
    const bound = bindFilter(terms, customerType, sampleModel, {
      limits: { maxExpressionNodes: 100_000, maxUrlLength: 1_000_000 },
    });
    expect(bound.kind).toBe('logical');
    let depth = 0;
    let node: BoundExpression = bound;
    while (node.kind === 'logical') {
      depth++;
      node = node.left;
    }
    expect(depth).toBe(19_999);
  });
});

describe('bindExpression', () => {
  it('binds non-Boolean expressions', () => {
    expect(formatBoundExpression(bindExpression('Score add 1', customerType, sampleModel))).toBe(
      '(add Score 1:Int32)',
    );
    expect(bindExpression('Score add 1', customerType, sampleModel).resultType).toEqual({
      type: 'Edm.Int32',
      collection: false,
    });
  });

  it('names the given label in messages', () => {
    const error = errorOf(() =>
      bindExpression('Nope', customerType, sampleModel, { label: '$orderby' }),
    );
    expect(error.message).toContain('in $orderby');
    expect(error.target).toBe('$orderby');
  });
});
