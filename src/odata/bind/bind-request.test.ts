import { describe, expect, it } from 'vitest';
import { TsunagiError } from '../../errors/tsunagi-error.js';
import type { BoundRequest, CollectionResource, EntityResource } from '../semantic/query.js';
import { formatBoundExpression } from '../test-support/format-bound-expression.js';
import {
  customersSet,
  orderItemsSet,
  ordersSet,
  productsSet,
  sampleModel,
  sampleProperty,
  customerType,
} from '../test-support/sample-model.js';
import { bindRequest } from './bind-request.js';

function bind(path: string, query = ''): BoundRequest {
  return bindRequest({ path, query }, sampleModel);
}

function errorOf(path: string, query = ''): TsunagiError {
  try {
    bind(path, query);
  } catch (error) {
    if (error instanceof TsunagiError) return error;
    throw error;
  }
  throw new Error(`expected ${path}?${query} to be rejected`);
}

function collection(request: BoundRequest): CollectionResource {
  if (request.resource.kind !== 'collection')
    throw new Error(`not a collection: ${request.resource.kind}`);
  return request.resource;
}

function entity(request: BoundRequest): EntityResource {
  if (request.resource.kind !== 'entity')
    throw new Error(`not an entity: ${request.resource.kind}`);
  return request.resource;
}

describe('bindRequest: resources', () => {
  it.each([
    ['', 'serviceDocument'],
    ['/', 'serviceDocument'],
    ['/$metadata', 'metadata'],
    ['/$batch', 'batch'],
  ])('%s is the %s', (path, kind) => {
    expect(bind(path).resource.kind).toBe(kind);
  });

  it('binds an entity set', () => {
    const resource = collection(bind('/Customers'));
    expect(resource).toEqual({
      kind: 'collection',
      set: customersSet,
      parent: undefined,
      navigation: undefined,
      constraint: undefined,
    });
    expect(Object.isFrozen(resource)).toBe(true);
  });

  it.each([
    ['/Customers(5)', new Map([['Id', 5]])],
    ['/Customers(Id=5)', new Map([['Id', 5]])],
    ['/Customers/5', new Map([['Id', 5]])],
    ['/Customers(9007199254740993)', new Map([['Id', 9007199254740993n]])],
    ["/Products('PEN%2F01')", new Map([['Code', 'PEN/01']])],
    ["/Products('O''Neil')", new Map([['Code', "O'Neil"]])],
    ['/Products/PEN%2F01', new Map([['Code', 'PEN/01']])],
    ["/Products/O'Neil", new Map([['Code', "O'Neil"]])],
    [
      '/OrderItems(OrderId=1,LineNo=2)',
      new Map([
        ['OrderId', 1],
        ['LineNo', 2],
      ]),
    ],
    [
      '/OrderItems(LineNo=2,OrderId=1)',
      new Map([
        ['OrderId', 1],
        ['LineNo', 2],
      ]),
    ],
    [
      '/OrderItems/1/2',
      new Map([
        ['OrderId', 1],
        ['LineNo', 2],
      ]),
    ],
    ['/Customers/Tsunagi.Customer(5)', new Map([['Id', 5]])],
  ])('binds the key of %s', (path, key) => {
    const resource = entity(bind(path));
    expect(resource.entity.key).toEqual(key);
    expect(resource.via).toBeUndefined();
  });

  it('binds keys given as parameter aliases', () => {
    expect(entity(bind('/Customers(@id)', '@id=7')).entity.key).toEqual(new Map([['Id', 7]]));
    expect(entity(bind('/Customers(Id=@id)', '@id=7')).entity.key).toEqual(new Map([['Id', 7]]));
  });

  it('binds navigation to a related collection with its constraint', () => {
    const resource = collection(bind('/Customers(5)/Orders'));
    expect(resource.set).toBe(ordersSet);
    expect(resource.parent).toEqual({ set: customersSet, key: new Map([['Id', 5]]) });
    expect(resource.navigation?.name).toBe('Orders');
    expect(resource.constraint && formatBoundExpression(resource.constraint)).toBe(
      '(eq CustomerId 5:Int64)',
    );
  });

  it('converts the parent key to the type of the constrained property', () => {
    const resource = collection(bind('/Orders(5)/Items'));
    expect(resource.constraint && formatBoundExpression(resource.constraint)).toBe(
      '(eq OrderId 5:Int32)',
    );
    const products = collection(bind("/Products('PEN')/OrderItems"));
    expect(products.constraint && formatBoundExpression(products.constraint)).toBe(
      "(eq ProductCode 'PEN':String)",
    );
  });

  it('leaves out key properties fixed by the navigation', () => {
    for (const path of [
      '/Orders(5)/Items(2)',
      '/Orders(5)/Items(LineNo=2)',
      '/Orders(5)/Items/2',
    ]) {
      const resource = entity(bind(path));
      expect(resource.entity).toEqual({
        set: orderItemsSet,
        key: new Map([
          ['OrderId', 5],
          ['LineNo', 2],
        ]),
      });
      expect(resource.via?.parent).toEqual({ set: ordersSet, key: new Map([['Id', 5]]) });
      expect(resource.via?.navigation.name).toBe('Items');
    }
  });

  it('derives the key of a single-valued navigation target when the constraints allow', () => {
    const order = entity(bind('/OrderItems(OrderId=5,LineNo=1)/Order'));
    expect(order.entity).toEqual({ set: ordersSet, key: new Map([['Id', 5]]) });
    expect(order.via?.navigation.name).toBe('Order');
    const customer = entity(bind('/Orders(5)/Customer'));
    expect(customer.entity).toEqual({ set: customersSet, key: new Map() });
    expect(customer.via?.parent.key).toEqual(new Map([['Id', 5]]));
    expect(entity(bind('/OrderItems(OrderId=5,LineNo=1)/Order/Items(3)')).entity.key).toEqual(
      new Map([
        ['OrderId', 5],
        ['LineNo', 3],
      ]),
    );
  });

  it('binds $count, properties and $value', () => {
    const count = bind(
      '/Customers(5)/Orders/$count',
      '$filter=Total gt 5&$search=red&$top=3&$orderby=Id',
    );
    if (count.resource.kind !== 'count') throw new Error('not a count');
    expect(count.resource.collection.set).toBe(ordersSet);
    expect(count.options.filter && formatBoundExpression(count.options.filter)).toBe(
      "(gt Total '5':Decimal)",
    );
    expect(count.options.search).toEqual({ kind: 'term', text: 'red', phrase: false });
    expect(count.options.top).toBeUndefined();
    expect(count.options.orderBy).toEqual([]);
    expect(bind('/Customers(5)/Name').resource).toEqual({
      kind: 'property',
      entity: { set: customersSet, key: new Map([['Id', 5]]) },
      property: sampleProperty(customerType, 'Name'),
      value: false,
    });
    expect(bind('/Customers(5)/Name/$value').resource).toMatchObject({
      kind: 'property',
      value: true,
    });
    expect(bind('/Customers(5)/Tags').resource).toMatchObject({ kind: 'property', value: false });
  });
});

describe('bindRequest: query options', () => {
  it('binds a typical Salesforce Connect request', () => {
    const request = bind(
      '/Customers',
      "$select=Id,Name,Email,City,Score&$filter=Name%20eq%20'Acme'%20and%20Score%20gt%205&$orderby=Name%20asc,Score%20desc&$top=26&$count=true",
    );
    expect(request.options.select?.map((property) => property.name)).toEqual([
      'Id',
      'Name',
      'Email',
      'City',
      'Score',
    ]);
    expect(request.options.filter && formatBoundExpression(request.options.filter)).toBe(
      "(and (eq Name 'Acme':String) (gt Score 5:Int32))",
    );
    expect(
      request.options.orderBy.map((item) => [
        formatBoundExpression(item.expression),
        item.direction,
      ]),
    ).toEqual([
      ['Name', 'asc'],
      ['Score', 'desc'],
    ]);
    expect(request.options.top).toBe(26);
    expect(request.options.skip).toBeUndefined();
    expect(request.options.count).toBe(true);
    expect(request.options.expand).toEqual([]);
    expect(request.format).toEqual({ format: undefined, skipToken: undefined });
  });

  it('defaults every option', () => {
    expect(bind('/Customers').options).toEqual({
      select: undefined,
      filter: undefined,
      search: undefined,
      orderBy: [],
      top: undefined,
      skip: undefined,
      count: false,
      expand: [],
    });
  });

  it('binds $select: * means all, duplicates collapse, navigation properties add nothing', () => {
    expect(bind('/Customers', '$select=*').options.select).toBeUndefined();
    expect(bind('/Customers', '$select=Name,*').options.select).toBeUndefined();
    expect(
      bind('/Customers', '$select=Name,Name,Tsunagi.Customer/Email,Orders').options.select?.map(
        (p) => p.name,
      ),
    ).toEqual(['Name', 'Email']);
    expect(bind('/Customers', '$select=Tsunagi.*,Name').options.select?.map((p) => p.name)).toEqual(
      ['Name'],
    );
  });

  it('binds $expand with nested options against the target set', () => {
    const request = bind(
      '/Customers',
      "$expand=Orders($select=Id,Total;$filter=Status eq 'Open';$orderby=OrderDate desc;$top=5;$skip=1;$count=true;$expand=Items($select=Quantity),Customer)",
    );
    const [orders] = request.options.expand;
    expect(orders?.navigation.name).toBe('Orders');
    expect(orders?.target).toBe(ordersSet);
    expect(orders?.countOnly).toBe(false);
    expect(orders?.options.select?.map((p) => p.name)).toEqual(['Id', 'Total']);
    expect(orders?.options.filter && formatBoundExpression(orders.options.filter)).toBe(
      "(eq Status 'Open':String)",
    );
    expect(orders?.options.orderBy[0]?.direction).toBe('desc');
    expect(orders?.options.top).toBe(5);
    expect(orders?.options.skip).toBe(1);
    expect(orders?.options.count).toBe(true);
    expect(orders?.options.expand.map((item) => [item.navigation.name, item.target.name])).toEqual([
      ['Items', 'OrderItems'],
      ['Customer', 'Customers'],
    ]);
  });

  it('binds $expand=Nav/$count, * and nested aliases', () => {
    const counted = bind('/Customers', '$expand=Orders/$count($filter=Total gt 1)').options
      .expand[0];
    expect(counted?.countOnly).toBe(true);
    expect(counted?.options.filter && formatBoundExpression(counted.options.filter)).toBe(
      "(gt Total '1':Decimal)",
    );
    expect(bind('/Orders', '$expand=*').options.expand.map((item) => item.navigation.name)).toEqual(
      ['Customer', 'Items'],
    );
    const star = bind('/Orders', '$expand=*,Items($top=1)').options.expand;
    expect(star.map((item) => [item.navigation.name, item.options.top])).toEqual([
      ['Customer', undefined],
      ['Items', 1],
    ]);
    const aliased = bind(
      '/Customers',
      '$expand=Orders(@min=100;$filter=Total gt @min and Total lt @max)&@max=200',
    );
    expect(formatBoundExpression(aliased.options.expand[0]?.options.filter ?? fail())).toBe(
      "(and (gt Total '100':Decimal) (lt Total '200':Decimal))",
    );
  });

  it('binds $this in nested options to the expanded entity', () => {
    const request = bind('/Customers', '$expand=Orders($filter=$this/Total gt 1)');
    expect(formatBoundExpression(request.options.expand[0]?.options.filter ?? fail())).toBe(
      "(gt Total '1':Decimal)",
    );
  });

  it('passes $format and $skiptoken through', () => {
    expect(
      bind('/Customers', '$format=application/json;odata.metadata=full&$skiptoken=abc%3D').format,
    ).toEqual({
      format: 'application/json;odata.metadata=full',
      skipToken: 'abc=',
    });
    expect(bind('/$metadata', '$format=xml').format.format).toBe('xml');
  });

  it('binds $search and $orderby expressions', () => {
    const request = bind(
      '/Customers',
      '$search=blue%20OR%20"dark green"&$orderby=Orders/$count desc,year(BirthDate)',
    );
    expect(request.options.search).toEqual({
      kind: 'or',
      left: { kind: 'term', text: 'blue', phrase: false },
      right: { kind: 'term', text: 'dark green', phrase: true },
    });
    expect(request.options.orderBy.map((item) => formatBoundExpression(item.expression))).toEqual([
      'Orders/$count',
      'year(BirthDate)',
    ]);
  });

  it('accepts $select and $expand on a single entity', () => {
    const request = bind('/Orders(5)', '$select=Total&$expand=Items');
    expect(request.options.select?.map((p) => p.name)).toEqual(['Total']);
    expect(request.options.expand[0]?.target).toBe(orderItemsSet);
    expect(bind("/Products('A')").resource).toMatchObject({ entity: { set: productsSet } });
  });
});

describe('bindRequest: errors', () => {
  it.each([
    // [path, query, code, target, message]
    [
      '/Customer',
      '',
      'TSG200',
      'Customer',
      "Resource not found at position 1 in the resource path: this service has no entity set, singleton or operation named 'Customer'; did you mean 'Customers'?",
    ],
    [
      '/Customers(5)/Order',
      '',
      'TSG200',
      'Order',
      "Customer has no property or navigation property 'Order'; did you mean 'Orders'?",
    ],
    [
      '/Customers/Tsunagi.Order',
      '',
      'TSG200',
      'Tsunagi.Order',
      'no derived type or bound operation',
    ],
    ['/Customers/Best()', '', 'TSG200', 'Best', 'has no bound operation'],
    [
      "/Customers('x')",
      '',
      'TSG206',
      undefined,
      'Invalid key at position 11 in the resource path: the string literal is not a valid key value of Customers: Id is Edm.Int64.',
    ],
    [
      '/Customers/abc',
      '',
      'TSG206',
      undefined,
      "'abc' is not a valid key value of Customers (Id is Edm.Int64)",
    ],
    ['/Customers/Name', '', 'TSG206', undefined, 'properties can only follow a single entity'],
    [
      '/Customers(Key=5)',
      '',
      'TSG206',
      undefined,
      "'Key' is not a key property of Customers (key: Id)",
    ],
    ['/Customers(Id=5,Id=6)', '', 'TSG206', undefined, 'the key property Id is given twice'],
    ['/Customers(null)', '', 'TSG206', undefined, 'null is not a valid key value'],
    [
      '/OrderItems(1)',
      '',
      'TSG206',
      undefined,
      'OrderItems has a key of 2 properties (OrderId, LineNo); name them',
    ],
    ['/OrderItems(OrderId=1)', '', 'TSG206', undefined, 'the key of OrderItems also needs LineNo'],
    ['/OrderItems/1', '', 'TSG206', undefined, 'OrderItems needs 2 key segments (OrderId, LineNo)'],
    ['/Customers(300000000000000000000)', '', 'TSG206', undefined, 'not a valid key value'],
    [
      '/Customers(Id=@k)',
      '@k=Name',
      'TSG206',
      undefined,
      'the parameter alias @k used as a key must be a literal',
    ],
    ['/Customers(@k)', '', 'TSG106', undefined, 'does not define the parameter alias @k'],
    ['/Customers/$value', '', 'TSG209', undefined, '$value can only follow a primitive property'],
    ['/Customers(5)/$value', '', 'TSG209', undefined, 'Customers is not a media entity'],
    ['/Customers(5)/$count', '', 'TSG209', undefined, '$count can only follow a collection'],
    [
      '/Customers(5)/Tags/$value',
      '',
      'TSG209',
      undefined,
      '$value cannot follow the collection property Tags',
    ],
    [
      '/Customers(5)/Name(1)',
      '',
      'TSG209',
      undefined,
      'Name is a property; it takes no parentheses',
    ],
    [
      '/Customers(5)/Name/Length',
      '',
      'TSG209',
      undefined,
      'Name is a primitive property; only $value can follow it',
    ],
    [
      '/Orders(5)/Customer(1)',
      '',
      'TSG209',
      undefined,
      'Customer leads to a single entity; it takes no key',
    ],
    ['/Customers(5)(6)', '', 'TSG209', undefined, 'only one key predicate may follow Customers'],
    ['/Orders(5)/Customer/Name', '', 'TSG210', undefined, 'its key is not in the URL'],
    ['/Customers/$ref', '', 'TSG210', undefined, 'entity references ($ref) are not supported'],
    [
      '/Customers/$filter(Score gt 1)',
      '',
      'TSG210',
      undefined,
      '$filter path segments are not supported',
    ],
    ['/$all', '', 'TSG210', undefined, '$all is not supported'],
    ['/$crossjoin(Customers,Orders)', '', 'TSG210', undefined, '$crossjoin is not supported'],
    ['/Customers(5)/Tags/$count', '', 'TSG210', undefined, '$count of a collection property'],
  ])('%s?%s', (path, query, code, target, message) => {
    const error = errorOf(path, query);
    expect(error.code).toBe(code);
    expect(error.target).toBe(target);
    expect(error.message).toContain(message);
  });

  it.each([
    // [path, query, code, target, message]
    [
      '/Customers',
      '$select=Nmae',
      'TSG202',
      '$select',
      "Unknown property at position 0 in $select: Customer has no property 'Nmae'; did you mean 'Name'?",
    ],
    ['/Customers', '$select=Name/First', 'TSG202', '$select', 'Name is a primitive property'],
    [
      '/Customers',
      '$select=Orders/Total',
      'TSG202',
      '$select',
      'select its properties with $expand=Orders($select=Total)',
    ],
    [
      '/Customers',
      '$select=Tsunagi.Order/Name',
      'TSG202',
      '$select',
      'no derived type or operation Tsunagi.Order',
    ],
    [
      '/Customers',
      '$select=Tsunagi.Fn(A,B)',
      'TSG202',
      '$select',
      'no derived type or operation Tsunagi.Fn',
    ],
    ['/Customers', '$select=Name(A,B)', 'TSG202', '$select', 'Name is not a function'],
    ['/Customers', '$select=Tags($top=1)', 'TSG210', '$select', 'nested options in $select'],
    ['/Customers', '$select=@Core.Messages', 'TSG210', '$select', 'annotations'],
    [
      '/Customers',
      '$expand=Order',
      'TSG208',
      '$expand',
      "Unknown navigation property at position 0 in $expand: Customer has no navigation property 'Order'; did you mean 'Orders'?",
    ],
    [
      '/Customers',
      '$expand=Name',
      'TSG208',
      '$expand',
      'Name is a property, not a navigation property',
    ],
    [
      '/Customers',
      '$expand=Orders($expand=Custmer)',
      'TSG208',
      '$expand',
      "did you mean 'Customer'?",
    ],
    [
      '/Customers',
      '$expand=Orders,Orders',
      'TSG102',
      '$expand',
      'Orders is expanded more than once',
    ],
    ['/Customers', '$expand=Orders/$ref', 'TSG210', '$expand', 'expanding references'],
    ['/Customers', '$expand=$value', 'TSG210', '$expand', 'media stream'],
    ['/Customers', '$expand=Orders($levels=2)', 'TSG210', '$levels', '$levels is not supported'],
    ['/Customers', '$expand=*/$ref', 'TSG210', '$expand', '* with /$ref'],
    [
      '/Customers',
      '$expand=Orders($filter=$it/Name eq Status)',
      'TSG210',
      '$expand',
      '$it inside nested $expand options',
    ],
    [
      '/Customers',
      '$expand=Orders($filter=Nope eq 1)',
      'TSG202',
      '$expand',
      "Unknown property at position 15 in $expand: Order has no property 'Nope'.",
    ],
    [
      '/Customers',
      '$filter=Score',
      'TSG207',
      '$filter',
      'Expression is not boolean at position 0 in $filter: $filter must be a Boolean expression, but this one is Edm.Int32.',
    ],
    [
      '/Customers',
      '$orderby=Orders',
      'TSG203',
      '$orderby',
      'an $orderby expression must be a primitive value, but Orders is a collection of entities',
    ],
    ['/Customers', '$orderby=Tags', 'TSG203', '$orderby', 'cannot sort by Collection(Edm.String)'],
    ['/Customers', '$compute=Score add 1 as S', 'TSG210', '$compute', '$compute is not supported'],
    ['/Customers', '$apply=groupby((Name))', 'TSG210', '$apply', '$apply is not supported'],
    ['/Customers', '$index=1', 'TSG210', '$index', '$index is not supported'],
    ['/Customers', '$deltatoken=x', 'TSG210', '$deltatoken', '$deltatoken is not supported'],
    [
      '/Customers',
      '$schemaversion=1',
      'TSG210',
      '$schemaversion',
      '$schemaversion is not supported',
    ],
    [
      '/Customers(5)',
      '$filter=true',
      'TSG102',
      '$filter',
      '$filter cannot be applied to a single entity',
    ],
    ['/Customers(5)', '$top=1', 'TSG102', '$top', '$top cannot be applied to a single entity'],
    [
      '/Customers(5)/Name',
      '$select=Name',
      'TSG102',
      '$select',
      '$select cannot be applied to a property',
    ],
    ['', '$top=1', 'TSG102', '$top', '$top cannot be applied to the service document'],
    ['/Customers', '$filter=Name eq @x&@x=@y&@y=1', 'TSG106', '@x', '@x refers to @y'],
  ])('%s?%s', (path, query, code, target, message) => {
    const error = errorOf(path, query);
    expect(error.code).toBe(code);
    expect(error.target).toBe(target);
    expect(error.message).toContain(message);
  });

  it('reports parser errors and limits through bindRequest', () => {
    expect(errorOf('/Customers', '$filter=(Name').code).toBe('TSG101');
    expect(errorOf('/Customers', '$top=1000000').code).toBe('TSG112');
    expect(() =>
      bindRequest({ path: '/Customers', query: '$top=50' }, sampleModel, { maxTop: 10 }),
    ).toThrow(/exceeds the maximum of 10/);
  });
});

function fail(): never {
  throw new Error('missing');
}
