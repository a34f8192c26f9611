// The OData read path through a real HTTP server over the in-memory connector (no pushdown):
// every expectation is computed independently from the sample rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../src/connectors/connector.js';
import { FullPushdownConnector } from '../../src/connectors/memory/full-pushdown-connector.js';
import { MemoryConnector, type MemoryTable } from '../../src/connectors/memory/memory-connector.js';
import { generatedTable, sampleTables } from '../../src/connectors/memory/sample-tables.js';
import { startTestGateway, type TestGateway } from '../../src/test-support/start-test-gateway.js';

const tables = sampleTables(25);
const [customerTable, orderTable, itemTable] = tables;
const customers = customerTable && 'rows' in customerTable ? customerTable.rows : [];
const orders = orderTable && 'rows' in orderTable ? orderTable.rows : [];
const items = itemTable && 'rows' in itemTable ? itemTable.rows : [];

const column = {
  Id: 0,
  Name: 1,
  City: 2,
  Country: 3,
  Revenue: 4,
  Rating: 5,
  Since: 6,
  LastContact: 7,
  Active: 8,
  Tags: 9,
  ExternalId: 10,
  Revision: 11,
} as const;

const connectorKinds = [
  [
    'no pushdown: the gateway evaluates everything',
    (tables: MemoryTable[]) => new MemoryConnector(tables),
    false,
  ],
  [
    'full pushdown: the source evaluates everything',
    (tables: MemoryTable[]) => new FullPushdownConnector(tables),
    true,
  ],
] as const;

describe.each(connectorKinds)('with %s', (_kind, makeConnector, pushdown) => {
  let gateway: TestGateway;
  let paged: TestGateway;

  beforeAll(async () => {
    const publications = [
      { connectionId: 'memory', tableId: 'customers', alias: 'Customers' },
      { connectionId: 'memory', tableId: 'orders', alias: 'Orders' },
      { connectionId: 'memory', tableId: 'order-items', alias: 'OrderItems' },
    ];
    gateway = await startTestGateway({
      connectors: { memory: makeConnector(sampleTables(25)) },
      publications,
    });
    paged = await startTestGateway({
      connectors: { memory: makeConnector(sampleTables(25)) },
      publications,
      settings: { maxPageSize: 10 },
    });
  });

  afterAll(async () => {
    await gateway.close();
    await paged.close();
  });

  async function get(
    path: string,
    headers: Record<string, string> = {},
    target = gateway,
  ): Promise<Response> {
    return fetch(`${target.serviceUrl}${path}`, { headers });
  }

  async function getJson(path: string, headers: Record<string, string> = {}, target = gateway) {
    const response = await get(path, headers, target);
    const text = await response.text();
    return { response, status: response.status, body: JSON.parse(text) as Record<string, unknown> };
  }

  function ids(body: Record<string, unknown>, key = 'Id'): unknown[] {
    return (body['value'] as Record<string, unknown>[]).map((entity) => entity[key]);
  }

  function idsWhere(predicate: (row: Row) => boolean): number[] {
    return customers.filter(predicate).map((row) => row[column.Id] as number);
  }

  describe('service document and $metadata', () => {
    it('lists the entity sets with OData headers', async () => {
      const { response, body } = await getJson('');
      expect(response.status).toBe(200);
      expect(response.headers.get('odata-version')).toBe('4.01');
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(body['@odata.context']).toBe(`${gateway.serviceUrl}/$metadata`);
      expect((body['value'] as { name: string }[]).map((set) => set.name).sort()).toEqual([
        'Customers',
        'OrderItems',
        'Orders',
      ]);
    });

    it('serves CSDL XML by default and CSDL JSON on request', async () => {
      const xml = await get('/$metadata');
      expect(xml.status).toBe(200);
      expect(xml.headers.get('content-type')).toContain('application/xml');
      const text = await xml.text();
      expect(text).toContain('<EntitySet Name="Customers"');
      const json = await get('/$metadata?$format=json');
      expect(json.headers.get('content-type')).toContain('application/json');
      const document = (await json.json()) as Record<string, unknown>;
      expect(document['$Version']).toBeDefined();
      const viaAccept = await get('/$metadata', { Accept: 'application/json' });
      expect(viaAccept.headers.get('content-type')).toContain('application/json');
    });

    it('answers 406 when no representation fits, and 304 for an unchanged $metadata', async () => {
      const atom = await getJson('/Customers', { Accept: 'application/atom+xml' });
      expect(atom.status).toBe(406);
      expect((atom.body['error'] as { code: string }).code).toBe('TSG120');
      const first = await get('/$metadata');
      const etag = first.headers.get('etag');
      expect(etag).toBeTruthy();
      const again = await get('/$metadata', { 'If-None-Match': etag ?? '' });
      expect(again.status).toBe(304);
    });

    it('answers in OData 4.0 when the client cannot go higher', async () => {
      const response = await get('/Customers?$top=1', { 'OData-MaxVersion': '4.0' });
      expect(response.headers.get('odata-version')).toBe('4.0');
    });
  });

  describe('collections', () => {
    it('returns every entity in key order with a context URL', async () => {
      const { body } = await getJson('/Customers');
      expect(body['@odata.context']).toBe(`${gateway.serviceUrl}/$metadata#Customers`);
      expect(ids(body)).toEqual(customers.map((row) => row[column.Id]));
      const third = (body['value'] as Record<string, unknown>[])[2];
      expect(third).toMatchObject({
        Id: 3,
        Name: customers[2]?.[column.Name],
        Tags: customers[2]?.[column.Tags],
      });
      expect(third?.['@odata.etag']).toBe(`W/"${String(customers[2]?.[column.Revision])}"`);
    });

    it('projects with $select and says so in the context URL', async () => {
      const { body } = await getJson('/Customers?$select=Id,Name&$top=2');
      expect(body['@odata.context']).toBe(`${gateway.serviceUrl}/$metadata#Customers(Id,Name)`);
      for (const entity of body['value'] as Record<string, unknown>[]) {
        expect(
          Object.keys(entity)
            .filter((key) => !key.startsWith('@'))
            .sort(),
        ).toEqual(['Id', 'Name']);
      }
    });

    const filterCases: [string, (row: Row) => boolean][] = [
      ["Name eq 'Globex 1'", (row) => row[column.Name] === 'Globex 1'],
      [
        'Revenue gt 50000',
        (row) => row[column.Revenue] !== null && Number(row[column.Revenue]) > 50000,
      ],
      ['City eq null', (row) => row[column.City] === null],
      [
        'City ne null and Active',
        (row) => row[column.City] !== null && row[column.Active] === true,
      ],
      ["contains(Name,'ob')", (row) => String(row[column.Name]).includes('ob')],
      ["startswith(City,'O''F')", (row) => String(row[column.City] ?? '').startsWith("O'F")],
      ["Tags/any(t: t eq 'vip')", (row) => (row[column.Tags] as string[]).includes('vip')],
      ['Tags/$count ge 2', (row) => (row[column.Tags] as string[]).length >= 2],
      ['Since lt 2015-01-01', (row) => String(row[column.Since]) < '2015-01-01'],
      [
        'LastContact ge 2024-06-01T00:00:00Z',
        (row) => String(row[column.LastContact]) >= '2024-06-01T00:00:00Z',
      ],
      [
        "Country in ('FR','DE')",
        (row) => row[column.Country] === 'FR' || row[column.Country] === 'DE',
      ],
      [
        'Id mod 5 eq 0 or Id add 1 eq 3',
        (row) => (row[column.Id] as number) % 5 === 0 || (row[column.Id] as number) === 2,
      ],
      [
        'not (Rating gt 2.5)',
        (row) => !(row[column.Rating] !== null && (row[column.Rating] as number) > 2.5),
      ],
      ['year(Since) eq 2020', (row) => String(row[column.Since]).startsWith('2020')],
      ["tolower(City) eq 'tokyo'", (row) => row[column.City] === 'Tokyo'],
    ];

    it.each(filterCases)('$filter=%s', async (filter, predicate) => {
      const { status, body } = await getJson(
        `/Customers?$filter=${encodeURIComponent(filter)}&$select=Id`,
      );
      expect(status).toBe(200);
      expect(ids(body)).toEqual(idsWhere(predicate));
    });

    it('orders by several keys with nulls first ascending and last descending', async () => {
      const { body } = await getJson('/Customers?$orderby=City desc,Name asc&$select=Id,City,Name');
      const expected = [...customers]
        .sort((a, b) => {
          const cityA = a[column.City] as string | null;
          const cityB = b[column.City] as string | null;
          if (cityA !== cityB) {
            if (cityA === null) return 1;
            if (cityB === null) return -1;
            return cityA < cityB ? 1 : -1;
          }
          const nameA = a[column.Name] as string;
          const nameB = b[column.Name] as string;
          return nameA < nameB
            ? -1
            : nameA > nameB
              ? 1
              : (a[column.Id] as number) - (b[column.Id] as number);
        })
        .map((row) => row[column.Id]);
      expect(ids(body)).toEqual(expected);
    });

    it('counts before $top and $skip', async () => {
      const { body } = await getJson(
        '/Customers?$filter=Active&$count=true&$top=3&$skip=2&$select=Id',
      );
      const active = idsWhere((row) => row[column.Active] === true);
      expect(body['@odata.count']).toBe(active.length);
      expect(ids(body)).toEqual(active.slice(2, 5));
    });

    it('searches string properties with $search', async () => {
      const { body } = await getJson('/Customers?$search=tokyo&$select=Id');
      expect(ids(body)).toEqual(
        idsWhere(
          (row) =>
            String(row[column.City] ?? '')
              .toLowerCase()
              .includes('tokyo') || String(row[column.Name]).toLowerCase().includes('tokyo'),
        ),
      );
    });

    it('writes full metadata and IEEE754-compatible numbers on request', async () => {
      const { body } = await getJson('/Customers?$top=1', {
        Accept: 'application/json;odata.metadata=full;IEEE754Compatible=true',
      });
      const entity = (body['value'] as Record<string, unknown>[])[0] ?? {};
      expect(entity['@odata.type']).toBe('#Tsunagi.Customers');
      expect(entity['@odata.id']).toBe('Customers(1)');
      expect(entity['Id']).toBe('1');
      expect(entity['Id@odata.type']).toBe('#Int64');
      expect(entity['Orders@odata.navigationLink']).toBe('Customers(1)/Orders');
      const none = await getJson('/Customers?$top=1', {
        Accept: 'application/json;odata.metadata=none',
      });
      expect(none.body['@odata.context']).toBeUndefined();
    });
  });

  describe('server-driven paging', () => {
    it('follows next links to the end: every row once, in order', async () => {
      const seen: unknown[] = [];
      let url: string | undefined = `${paged.serviceUrl}/Customers?$select=Id,Name&$count=true`;
      let pages = 0;
      while (url !== undefined) {
        const response = await fetch(url);
        expect(response.status).toBe(200);
        const body = (await response.json()) as Record<string, unknown>;
        expect(body['@odata.count']).toBe(25);
        const page = ids(body);
        expect(page.length).toBeLessThanOrEqual(10);
        seen.push(...page);
        url = body['@odata.nextLink'] as string | undefined;
        pages++;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(customers.map((row) => row[column.Id]));
    });

    it('pages a sorted, filtered query exactly like the unpaged query', async () => {
      const query = `$filter=${encodeURIComponent('Id gt 3')}&$orderby=${encodeURIComponent('City desc,Name')}&$select=Id`;
      const whole = ids((await getJson(`/Customers?${query}`)).body);
      const seen: unknown[] = [];
      let url: string | undefined = `${paged.serviceUrl}/Customers?${query}`;
      while (url !== undefined) {
        const body = (await (
          await fetch(url, { headers: { Prefer: 'odata.maxpagesize=4' } })
        ).json()) as Record<string, unknown>;
        seen.push(...ids(body));
        url = body['@odata.nextLink'] as string | undefined;
      }
      expect(seen).toEqual(whole);
    });

    it('honours a smaller odata.maxpagesize and $top across pages', async () => {
      const response = await get(
        '/Customers?$top=9&$select=Id',
        { Prefer: 'odata.maxpagesize=4' },
        paged,
      );
      expect(response.headers.get('preference-applied')).toBe('odata.maxpagesize=4');
      const body = (await response.json()) as Record<string, unknown>;
      expect(ids(body)).toEqual([1, 2, 3, 4]);
      const seen = [...ids(body)];
      let next = body['@odata.nextLink'] as string | undefined;
      while (next !== undefined) {
        const page = (await (
          await fetch(next, { headers: { Prefer: 'odata.maxpagesize=4' } })
        ).json()) as Record<string, unknown>;
        seen.push(...ids(page));
        next = page['@odata.nextLink'] as string | undefined;
      }
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('refuses a tampered skip token', async () => {
      const body = (await (await fetch(`${paged.serviceUrl}/Customers`)).json()) as Record<
        string,
        unknown
      >;
      const next = String(body['@odata.nextLink']);
      const tampered = next.replace(
        /\$skiptoken=([^&]+)/,
        (_match, token: string) => `$skiptoken=x${token.slice(1)}`,
      );
      const response = await fetch(tampered);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('TSG105');
      const otherQuery = next.replace('/Customers?', '/Customers?$filter=Active&');
      expect((await fetch(otherQuery)).status).toBe(400);
    });
  });

  describe('single entities, properties and counts', () => {
    it('reads by key, by key-as-segment, with an ETag', async () => {
      for (const path of ['/Customers(3)', '/Customers/3']) {
        const { response, body } = await getJson(path);
        expect(response.status).toBe(200);
        expect(body['@odata.context']).toBe(`${gateway.serviceUrl}/$metadata#Customers/$entity`);
        expect(body['Id']).toBe(3);
        expect(response.headers.get('etag')).toBe(`W/"${String(customers[2]?.[column.Revision])}"`);
      }
    });

    it('answers 404 for an unknown key and 304 for a matching If-None-Match', async () => {
      const missing = await getJson('/Customers(999)');
      expect(missing.status).toBe(404);
      expect((missing.body['error'] as { code: string }).code).toBe('TSG201');
      const first = await get('/Customers(3)');
      const again = await get('/Customers(3)', {
        'If-None-Match': first.headers.get('etag') ?? '',
      });
      expect(again.status).toBe(304);
    });

    it('reads composite keys', async () => {
      const item = items[0] ?? [];
      const { status, body } = await getJson(
        `/OrderItems(OrderId=${String(item[0])},Line=${String(item[1])})`,
      );
      expect(status).toBe(200);
      expect(body['Product']).toBe(item[2]);
    });

    it('reads a property, its raw value, and answers 204 for null', async () => {
      const { body } = await getJson('/Customers(3)/Name');
      expect(body['value']).toBe(customers[2]?.[column.Name]);
      expect(body['@odata.context']).toBe(`${gateway.serviceUrl}/$metadata#Customers(3)/Name`);
      const raw = await get('/Customers(3)/Name/$value');
      expect(raw.headers.get('content-type')).toContain('text/plain');
      expect(await raw.text()).toBe(customers[2]?.[column.Name]);
      const nullCity = customers.find((row) => row[column.City] === null);
      const empty = await get(`/Customers(${String(nullCity?.[column.Id])})/City`);
      expect(empty.status).toBe(204);
    });

    it('counts with the $count segment, filter included', async () => {
      const all = await get('/Customers/$count');
      expect(all.headers.get('content-type')).toContain('text/plain');
      expect(await all.text()).toBe('25');
      const filtered = await get(`/Customers/$count?$filter=${encodeURIComponent('City eq null')}`);
      expect(await filtered.text()).toBe(
        String(idsWhere((row) => row[column.City] === null).length),
      );
    });
  });

  describe('navigation and $expand', () => {
    const ordersOf = (customerId: number) => orders.filter((row) => row[1] === customerId);

    it('navigates to related sets', async () => {
      const { status, body } = await getJson('/Customers(3)/Orders');
      expect(status).toBe(200);
      expect(ids(body, 'OrderId')).toEqual(ordersOf(3).map((row) => row[0]));
      const missingParent = await getJson('/Customers(999)/Orders');
      expect(missingParent.status).toBe(404);
    });

    it('expands with nested options', async () => {
      const { body } = await getJson(
        `/Customers?$select=Id&$filter=${encodeURIComponent('Id le 7')}&$expand=Orders($select=OrderId,Amount;$orderby=Amount desc;$top=1;$count=true)`,
      );
      for (const entity of body['value'] as Record<string, unknown>[]) {
        const related = ordersOf(entity['Id'] as number);
        expect(entity['Orders@odata.count']).toBe(related.length);
        const best = [...related].sort((a, b) => Number(b[2]) - Number(a[2]))[0];
        expect(
          (entity['Orders'] as Record<string, unknown>[]).map((order) => order['OrderId']),
        ).toEqual(best === undefined ? [] : [best[0]]);
      }
    });

    it('expands two levels and single-valued navigation', async () => {
      const { body } = await getJson(
        '/Orders?$top=3&$expand=Items($select=Line),Customer($select=Name)',
      );
      for (const order of body['value'] as Record<string, unknown>[]) {
        const expectedLines = items
          .filter((row) => row[0] === order['OrderId'])
          .map((row) => row[1]);
        expect((order['Items'] as Record<string, unknown>[]).map((item) => item['Line'])).toEqual(
          expectedLines,
        );
        const customer = customers.find((row) => row[column.Id] === order['CustomerId']);
        expect((order['Customer'] as Record<string, unknown>)['Name']).toBe(
          customer?.[column.Name],
        );
      }
      const nested = await getJson('/Customers(3)?$expand=Orders($expand=Items)');
      const firstOrder = (nested.body['Orders'] as Record<string, unknown>[])[0];
      expect(Array.isArray(firstOrder?.['Items'])).toBe(true);
    });
  });

  describe('errors', () => {
    const cases: [string, number, string, string | undefined][] = [
      ['/Nowhere', 404, 'TSG200', undefined],
      ['/Customers?$filter=Name eq', 400, 'TSG101', '$filter'],
      ['/Customers?$filter=Nme eq 1', 400, 'TSG202', '$filter'],
      ["/Customers?$filter=Id eq 'x'", 400, 'TSG203', '$filter'],
      ['/Customers?$filter=Name', 400, 'TSG207', '$filter'],
      ['/Customers?$top=-1', 400, 'TSG102', '$top'],
      ['/Customers?$orderby=Nope', 400, 'TSG202', '$orderby'],
      ['/Customers?explain=verbose', 400, 'TSG102', 'explain'],
    ];

    it.each(cases)('GET %s → %i %s', async (path, status, code, target) => {
      const { response, body } = await getJson(path.replace(/ /g, '%20'));
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/json');
      const error = body['error'] as { code: string; message: string; target?: string };
      expect(error.code).toBe(code);
      expect(error.message.length).toBeGreaterThan(10);
      if (target !== undefined) expect(error.target).toBe(target);
    });

    it('answers 414 for an overlong URL', async () => {
      const { status, body } = await getJson(
        `/Customers?$filter=${'Id eq 1 or '.repeat(2000)}Id eq 2`.replace(/ /g, '%20'),
      );
      expect(status).toBe(414);
      expect((body['error'] as { code: string }).code).toBe('TSG110');
    });
  });

  describe('explain', () => {
    it('shows what the source does and what the gateway evaluates', async () => {
      const { body } = await getJson(
        `/Customers?$filter=${encodeURIComponent("City eq 'Tokyo'")}&$top=5&explain=analyze`,
      );
      expect(body['entitySet']).toBe('Customers');
      const gatewayPart = body['gateway'] as { filter: string | null; top: number | null };
      const sourcePart = body['source'] as {
        filter: string | null;
        applies: { filter: boolean; top: boolean };
      };
      expect(sourcePart.applies.filter).toBe(pushdown);
      expect(sourcePart.applies.top).toBe(pushdown);
      expect(gatewayPart.filter).toBe(pushdown ? null : "City eq 'Tokyo'");
      expect(sourcePart.filter).toBe(pushdown ? "City eq 'Tokyo'" : null);
      expect((body['analyze'] as { rows: number }).rows).toBe(
        idsWhere((row) => row[column.City] === 'Tokyo').slice(0, 5).length,
      );
    });
  });
});

describe('response size limit', () => {
  it('cuts pages before the byte limit and continues through next links', async () => {
    const limited = await startTestGateway({
      connectors: { bench: new MemoryConnector([generatedTable(5000)]) },
      publications: [{ connectionId: 'bench', tableId: 'generated', alias: 'Generated' }],
      settings: { maxPageSize: 2000, maxResponseBytes: 400_000 },
    });
    try {
      const ids: number[] = [];
      let url: string | undefined = `${limited.serviceUrl}/Generated`;
      let pages = 0;
      while (url !== undefined) {
        const response = await fetch(url);
        const text = await response.text();
        expect(Buffer.byteLength(text)).toBeLessThanOrEqual(400_000);
        const body = JSON.parse(text) as { value: { Id: number }[]; '@odata.nextLink'?: string };
        ids.push(...body.value.map((row) => row.Id));
        url = body['@odata.nextLink'];
        pages++;
      }
      expect(pages).toBeGreaterThan(3);
      expect(ids).toEqual(Array.from({ length: 5000 }, (_, index) => index + 1));
    } finally {
      await limited.close();
    }
  });
});
