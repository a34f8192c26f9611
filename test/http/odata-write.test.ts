// The OData write path and $batch through a real HTTP server over the in-memory connector.
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryConnector } from '../../src/connectors/memory/memory-connector.js';
import { sampleTables } from '../../src/connectors/memory/sample-tables.js';
import { startTestGateway, type TestGateway } from '../../src/test-support/start-test-gateway.js';

let gateway: TestGateway;

beforeEach(async () => {
  gateway = await startTestGateway({
    connectors: { memory: new MemoryConnector(sampleTables(10)) },
    publications: [
      { connectionId: 'memory', tableId: 'customers', alias: 'Customers' },
      { connectionId: 'memory', tableId: 'orders', alias: 'Orders' },
      { connectionId: 'memory', tableId: 'order-items', alias: 'OrderItems' },
    ],
  });
});

afterEach(async () => {
  await gateway.close();
});

function send(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${gateway.serviceUrl}${path}`, {
    method,
    headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    ...(body === undefined
      ? {}
      : {
          body:
            typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
        }),
  });
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

async function count(path: string): Promise<number> {
  return Number(await (await fetch(`${gateway.serviceUrl}${path}/$count`)).text());
}

describe('create', () => {
  it('creates an entity: 201 with the entity, Location and ETag', async () => {
    const response = await send('POST', '/Customers', {
      Id: 500,
      Name: 'Created Ltd',
      Tags: ['new'],
      Revenue: '12.50',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`${gateway.serviceUrl}/Customers(500)`);
    expect(response.headers.get('etag')).toBe('W/"1"');
    const body = await json(response);
    expect(body['@odata.context']).toBe(`${gateway.serviceUrl}/$metadata#Customers/$entity`);
    expect(body).toMatchObject({
      Id: 500,
      Name: 'Created Ltd',
      Tags: ['new'],
      Revenue: 12.5,
      Revision: 1,
    });
    expect(await count('/Customers')).toBe(11);
  });

  it('answers 204 with Location when the client prefers return=minimal', async () => {
    const response = await send(
      'POST',
      '/Customers',
      { Id: 501, Name: 'Quiet' },
      { Prefer: 'return=minimal' },
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('preference-applied')).toBe('return=minimal');
    expect(response.headers.get('odata-entityid')).toBe(`${gateway.serviceUrl}/Customers(501)`);
  });

  it('refuses an invalid entity, naming each property, and writes nothing', async () => {
    const response = await send('POST', '/Customers', {
      Id: 502,
      Name: 'x'.repeat(81),
      Country: 'XX',
      Unknown: 1,
    });
    expect(response.status).toBe(400);
    const error = (await json(response))['error'] as {
      code: string;
      details: { target: string }[];
    };
    expect(error.code).toBe('TSG600');
    expect(error.details.map((detail) => detail.target)).toEqual(['Name', 'Country', 'Unknown']);
    expect(await count('/Customers')).toBe(10);
  });

  it('creates through a navigation, taking the link from the parent', async () => {
    const response = await send('POST', '/Customers(3)/Orders', {
      OrderId: 9000,
      OrderedAt: '2025-05-05T00:00:00Z',
      Status: 'open',
    });
    expect(response.status).toBe(201);
    expect(await json(response)).toMatchObject({ OrderId: 9000, CustomerId: 3 });
  });

  it('inserts related rows with their parent (deep insert)', async () => {
    const response = await send('POST', '/Orders', {
      OrderId: 9100,
      CustomerId: 1,
      OrderedAt: '2025-01-01T00:00:00Z',
      Items: [
        { Line: 1, Product: 'Tea', Quantity: 2 },
        { Line: 2, Product: 'Cake' },
      ],
    });
    expect(response.status).toBe(201);
    const items = await json(await fetch(`${gateway.serviceUrl}/Orders(9100)/Items`));
    expect((items['value'] as { Product: string }[]).map((item) => item.Product)).toEqual([
      'Tea',
      'Cake',
    ]);
  });

  it('checks media type, JSON, size and decodes gzip', async () => {
    expect(
      (await send('POST', '/Customers', 'Name=x', { 'Content-Type': 'text/plain' })).status,
    ).toBe(415);
    const malformed = await send('POST', '/Customers', '{"Name":', {});
    expect(malformed.status).toBe(400);
    expect(((await json(malformed))['error'] as { code: string }).code).toBe('TSG124');
    const huge = await send(
      'POST',
      '/Customers',
      JSON.stringify({ Name: 'x'.repeat(9 * 1024 * 1024) }),
    );
    expect(huge.status).toBe(413);
    const gzipped = await fetch(`${gateway.serviceUrl}/Customers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ Id: 503, Name: 'Zipped' })),
    });
    expect(gzipped.status).toBe(201);
  });
});

describe('update and delete', () => {
  it('merges with PATCH, bumps the ETag, and honours If-Match', async () => {
    const before = await fetch(`${gateway.serviceUrl}/Customers(3)`);
    const etag = before.headers.get('etag') ?? '';
    const patched = await send('PATCH', '/Customers(3)', { City: 'Nagoya' }, { 'If-Match': etag });
    expect(patched.status).toBe(204);
    const after = await fetch(`${gateway.serviceUrl}/Customers(3)`);
    const body = await json(after);
    expect(body['City']).toBe('Nagoya');
    expect(body['Name']).toBe((await json(before))['Name']);
    expect(after.headers.get('etag')).not.toBe(etag);
    const stale = await send('PATCH', '/Customers(3)', { City: 'Kobe' }, { 'If-Match': etag });
    expect(stale.status).toBe(412);
    expect(((await json(stale))['error'] as { code: string }).code).toBe('TSG601');
  });

  it('accepts unchanged read-only values (as Salesforce sends every field) and returns the entity on request', async () => {
    const current = await json(await fetch(`${gateway.serviceUrl}/Customers(4)`));
    delete current['@odata.context'];
    delete current['@odata.etag'];
    const response = await send(
      'PATCH',
      '/Customers(4)',
      { ...current, City: 'Sendai' },
      { Prefer: 'return=representation' },
    );
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ Id: 4, City: 'Sendai' });
    const changedKey = await send('PATCH', '/Customers(4)', { Id: 40 });
    expect(changedKey.status).toBe(400);
  });

  it('treats a stale ETag property in the body as a failed precondition (Salesforce edits send it)', async () => {
    const read = await json(await fetch(`${gateway.serviceUrl}/Customers(7)`));
    delete read['@odata.context'];
    delete read['@odata.etag'];
    expect((await send('PATCH', '/Customers(7)', { City: 'Kyoto' })).status).toBe(204);
    const stale = await send('PATCH', '/Customers(7)', { ...read, City: 'Nara' });
    expect(stale.status).toBe(412);
    const error = (await json(stale))['error'] as { code: string; target: string; message: string };
    expect(error).toMatchObject({ code: 'TSG601', target: 'Revision' });
    expect(error.message).toContain(`Revision was ${String(read['Revision'])}`);
    const current = await json(await fetch(`${gateway.serviceUrl}/Customers(7)`));
    expect(stale.headers.get('etag')).toBe(`W/"${String(current['Revision'])}"`);
    expect(current['City']).toBe('Kyoto');
    const fresh: Record<string, unknown> = { ...current, City: 'Nara' };
    delete fresh['@odata.context'];
    delete fresh['@odata.etag'];
    expect((await send('PATCH', '/Customers(7)', fresh)).status).toBe(204);
  });

  it('replaces with PUT: properties not sent are reset', async () => {
    const response = await send('PUT', '/Customers(5)', {
      Name: 'Replaced',
      Active: true,
      Tags: [],
    });
    expect(response.status).toBe(204);
    const body = await json(await fetch(`${gateway.serviceUrl}/Customers(5)`));
    expect(body).toMatchObject({ Name: 'Replaced', City: null, Revenue: null });
  });

  it('deletes, then the entity is gone', async () => {
    expect((await send('DELETE', '/Customers(6)')).status).toBe(204);
    expect((await fetch(`${gateway.serviceUrl}/Customers(6)`)).status).toBe(404);
    expect((await send('DELETE', '/Customers(6)')).status).toBe(404);
  });

  it('answers 405 with Allow for a method the resource does not support', async () => {
    const response = await send('POST', '/Customers(3)', { Name: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, PATCH, PUT, DELETE');
  });
});

describe('$batch', () => {
  function multipart(parts: string[], boundary = 'batch_1'): string {
    return `${parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('')}--${boundary}--\r\n`;
  }
  function request(line: string, body?: unknown, contentId?: string): string {
    return [
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      ...(contentId === undefined ? [] : [`Content-ID: ${contentId}`]),
      '',
      line,
      ...(body === undefined ? [] : ['Content-Type: application/json']),
      '',
      body === undefined ? '' : JSON.stringify(body),
    ].join('\r\n');
  }
  function changeSet(parts: string[], boundary: string): string {
    return `Content-Type: multipart/mixed; boundary=${boundary}\r\n\r\n${multipart(parts, boundary)}`;
  }

  it('runs reads and a change set in multipart format', async () => {
    const body = multipart([
      request('GET Customers(1) HTTP/1.1'),
      changeSet(
        [
          request('POST Customers HTTP/1.1', { Id: 700, Name: 'Batch one' }, '1'),
          request('PATCH Customers(2) HTTP/1.1', { City: 'Fukuoka' }, '2'),
        ],
        'changeset_a',
      ),
    ]);
    const response = await fetch(`${gateway.serviceUrl}/$batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/mixed; boundary=batch_1' },
      body,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=/);
    const text = await response.text();
    expect(text).toContain('HTTP/1.1 200 OK');
    expect(text).toContain('HTTP/1.1 201 Created');
    expect(text).toContain('HTTP/1.1 204 No Content');
    expect(text).toContain('Content-ID: 1');
    expect(await count('/Customers')).toBe(11);
    expect((await json(await fetch(`${gateway.serviceUrl}/Customers(2)`)))['City']).toBe('Fukuoka');
  });

  it('writes nothing of a change set when one of its requests fails', async () => {
    const body = multipart([
      changeSet(
        [
          request('POST Customers HTTP/1.1', { Id: 701, Name: 'Never' }, '1'),
          request('PATCH Customers(3) HTTP/1.1', { Country: 'XX' }, '2'),
        ],
        'changeset_b',
      ),
    ]);
    const response = await fetch(`${gateway.serviceUrl}/$batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/mixed; boundary=batch_1' },
      body,
    });
    const text = await response.text();
    expect(text).toContain('HTTP/1.1 400 Bad Request');
    expect(text).not.toContain('201 Created');
    expect((await fetch(`${gateway.serviceUrl}/Customers(701)`)).status).toBe(404);
  });

  it('runs a JSON batch with atomicity groups, dependsOn and $id references', async () => {
    const response = await fetch(`${gateway.serviceUrl}/$batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        requests: [
          {
            id: 'c',
            method: 'POST',
            url: 'Customers',
            body: { Id: 800, Name: 'Json batch' },
            atomicityGroup: 'g1',
          },
          {
            id: 'o',
            method: 'POST',
            url: '$c/Orders',
            body: { OrderId: 8000, OrderedAt: '2025-02-02T00:00:00Z' },
            dependsOn: ['c'],
          },
          { id: 'r', method: 'GET', url: 'Customers(800)?$expand=Orders', dependsOn: ['o'] },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      responses: { id: string; status: number; body?: Record<string, unknown> }[];
    };
    expect(body.responses.map((entry) => [entry.id, entry.status])).toEqual([
      ['c', 201],
      ['o', 201],
      ['r', 200],
    ]);
    expect((body.responses[2]?.body?.['Orders'] as { OrderId: number }[])[0]?.OrderId).toBe(8000);
  });

  it('stops at the first failure unless continue-on-error is preferred', async () => {
    const requests = [
      { id: '1', method: 'GET', url: 'Nowhere' },
      { id: '2', method: 'GET', url: 'Customers(1)' },
    ];
    const stop = (await (
      await fetch(`${gateway.serviceUrl}/$batch`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ requests }),
      })
    ).json()) as { responses: unknown[] };
    expect(stop.responses).toHaveLength(1);
    const go = await fetch(`${gateway.serviceUrl}/$batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Prefer: 'odata.continue-on-error' },
      body: JSON.stringify({ requests }),
    });
    expect(go.headers.get('preference-applied')).toBe('odata.continue-on-error');
    expect(
      ((await go.json()) as { responses: { status: number }[] }).responses.map(
        (entry) => entry.status,
      ),
    ).toEqual([404, 200]);
  });

  it('refuses a malformed batch and one that is too large', async () => {
    const noBoundary = await fetch(`${gateway.serviceUrl}/$batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'multipart/mixed; boundary=zzz' },
      body: 'nothing here',
    });
    expect(noBoundary.status).toBe(400);
    expect(((await noBoundary.json()) as { error: { code: string } }).error.code).toBe('TSG630');
    const many = {
      requests: Array.from({ length: 101 }, (_, index) => ({
        id: String(index),
        method: 'GET',
        url: 'Customers(1)',
      })),
    };
    const tooMany = await fetch(`${gateway.serviceUrl}/$batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(many),
    });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { code: string } }).error.code).toBe('TSG631');
  });
});

describe('CSRF protection (Salesforce "CSRF token" option)', () => {
  it('hands out a token on X-CSRF-Token: Fetch and requires it on changes', async () => {
    const protectedGateway = await startTestGateway({
      connectors: { memory: new MemoryConnector(sampleTables(3)) },
      publications: [{ connectionId: 'memory', tableId: 'customers', alias: 'Customers' }],
      settings: { csrfProtection: true },
    });
    try {
      const url = `${protectedGateway.serviceUrl}/Customers`;
      const refused = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ Id: 90, Name: 'x' }),
      });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('x-csrf-token')).toBe('Required');
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('TSG604');
      const fetched = await fetch(`${url}?$top=1`, { headers: { 'X-CSRF-Token': 'Fetch' } });
      const token = fetched.headers.get('x-csrf-token') ?? '';
      expect(token).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]+$/);
      const tampered = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': `${token}x` },
        body: JSON.stringify({ Id: 91, Name: 'x' }),
      });
      expect(tampered.status).toBe(403);
      const accepted = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
        body: JSON.stringify({ Id: 92, Name: 'y' }),
      });
      expect(accepted.status).toBe(201);
    } finally {
      await protectedGateway.close();
    }
  });
});

describe('sets that require If-Match (a connection setting)', () => {
  it('answers 428 to changes without If-Match and accepts them with it', async () => {
    const strict = await startTestGateway({
      connectors: {
        memory: new MemoryConnector(
          sampleTables(3).map((table) => ({
            ...table,
            schema: { ...table.schema, requiresIfMatch: true },
          })),
        ),
      },
      publications: [{ connectionId: 'memory', tableId: 'customers', alias: 'Customers' }],
    });
    try {
      const url = `${strict.serviceUrl}/Customers(1)`;
      const patch = (headers: Record<string, string>) =>
        fetch(url, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify({ City: 'Nara' }),
        });
      const refused = await patch({});
      expect(refused.status).toBe(428);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('TSG602');
      expect((await fetch(url, { method: 'DELETE' })).status).toBe(428);
      const etag = (await fetch(url)).headers.get('etag') ?? '';
      expect((await patch({ 'If-Match': etag })).status).toBe(204);
      const deleted = await fetch(url, {
        method: 'DELETE',
        headers: { 'If-Match': (await fetch(url)).headers.get('etag') ?? '' },
      });
      expect(deleted.status).toBe(204);
    } finally {
      await strict.close();
    }
  });
});
