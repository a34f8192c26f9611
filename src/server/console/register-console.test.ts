// The console plugin: caching headers, SPA fallback, /api/* untouched, security headers,
// path traversal, ETags, gzip, and the page shown when the console is not built.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consoleContentSecurityPolicy,
  registerConsole,
  resolveConsolePath,
} from './register-console.js';

const indexHtml =
  '<!doctype html><title>Tsunagi</title><script type="module" src="/assets/index-abc123.js"></script>';
const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;

let directory: string;
let app: FastifyInstance;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'tsunagi-console-'));
  mkdirSync(join(directory, 'assets'));
  writeFileSync(join(directory, 'index.html'), indexHtml);
  writeFileSync(join(directory, 'assets', 'index-abc123.js'), script);
  writeFileSync(join(directory, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(directory, '.secret'), 'hidden');
  writeFileSync(join(tmpdir(), 'tsunagi-console-outside.txt'), 'outside');
  app = Fastify();
  app.get('/api/odata/service/*', (_request, reply) => reply.send({ odata: true }));
  app.get('/healthz', (_request, reply) => reply.send({ status: 'ok' }));
  registerConsole(app, { directory });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('registerConsole', () => {
  it('serves index.html at / with no-cache and the security headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toBe(consoleContentSecurityPolicy);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.body).toBe(indexHtml);
  });

  it('has a strict policy: self only, no inline scripts, no framing', () => {
    expect(consoleContentSecurityPolicy).toContain("default-src 'self'");
    expect(consoleContentSecurityPolicy).toContain("connect-src 'self'");
    expect(consoleContentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(consoleContentSecurityPolicy).not.toContain('unsafe-inline');
    expect(consoleContentSecurityPolicy).not.toContain('unsafe-eval');
  });

  it('caches hashed assets for a year as immutable', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.body).toBe(script);
  });

  it('revalidates other files (favicon)', async () => {
    const response = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/svg+xml');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it.each([
    '/connections',
    '/connections/6f1c/permissions',
    '/invite/tsg_inv_abc',
    '/explorer?set=Orders',
  ])('answers the client route %s with index.html', async (url) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe(indexHtml);
  });

  it.each(['/api/admin/v1/nothing', '/api', '/api/unknown'])(
    'leaves %s to the not-found handler',
    async (url) => {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('<title>Tsunagi</title>');
    },
  );

  it('does not shadow other routes', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/api/odata/service/Orders' })).json()).toEqual({
      odata: true,
    });
  });

  it('answers a missing file with 404, not the app', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-missing.js' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it.each([
    '/..%2ftsunagi-console-outside.txt',
    '/assets/..%2f..%2ftsunagi-console-outside.txt',
    '/%2e%2e/tsunagi-console-outside.txt',
    '/.secret',
    '/assets%5c..%5c..%5cetc%5cpasswd',
    '/%E0%A4%A',
  ])('never serves %s from outside the folder or hidden files', async (url) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.body).not.toBe('outside');
    expect(response.body).not.toBe('hidden');
    expect([400, 404]).toContain(response.statusCode);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await app.inject({ method: 'GET', url: '/' });
    const etag = first.headers['etag'];
    expect(typeof etag).toBe('string');
    const second = await app.inject({
      method: 'GET',
      url: '/',
      headers: { 'if-none-match': String(etag) },
    });
    expect(second.statusCode).toBe(304);
    expect(second.body).toBe('');
  });

  it('sends text gzip-compressed when accepted', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['vary']).toBe('Accept-Encoding');
    expect(gunzipSync(response.rawPayload).toString('utf8')).toBe(script);
  });

  it('answers HEAD like GET without a body', async () => {
    const response = await app.inject({ method: 'HEAD', url: '/users' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toBe('');
  });

  it('explains how to build the console when it is not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'tsunagi-console-empty-'));
    const bare = Fastify();
    registerConsole(bare, { directory: join(empty, 'dist') });
    const response = await bare.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build:console');
    expect(response.headers['content-security-policy']).toBe(consoleContentSecurityPolicy);
    await bare.close();
    rmSync(empty, { recursive: true, force: true });
  });
});

describe('resolveConsolePath', () => {
  it.each([
    ['/', '/srv/console'],
    ['/assets/a.js', '/srv/console/assets/a.js'],
    ['/a%20b.txt', '/srv/console/a b.txt'],
  ])('resolves %s', (url, expected) => {
    expect(resolveConsolePath('/srv/console', url)).toBe(expected);
  });

  it.each(['/../etc/passwd', '/a/%2e%2e/%2e%2e/x', '/x%00.js', '/.env', '/%zz'])(
    'refuses %s',
    (url) => {
      expect(resolveConsolePath('/srv/console', url)).toBeUndefined();
    },
  );
});
