/**
 * Serves the web console (the single-page app built into `console/dist`) from the
 * gateway itself, on the same port as the APIs:
 *
 * - Files under `assets/` have content hashes in their names: cached for a year as
 *   immutable. Everything else (index.html, favicon) is revalidated on every use
 *   (`no-cache` with an ETag), so a new console version is picked up at once.
 * - Client routes (`/connections/…`, `/invite/<token>` …: paths without a file
 *   extension) get index.html. Paths under `/api/` never do: they go to the server's
 *   not-found handler, so an unknown API call answers 404, not a web page.
 * - Every response carries a strict Content-Security-Policy (no inline script or style,
 *   `default-src 'self'`, `connect-src 'self'`, `frame-ancestors 'none'`) and
 *   `X-Content-Type-Options`, `Referrer-Policy` (no-referrer: invitation links carry a
 *   token), `X-Frame-Options`, `Cross-Origin-Opener-Policy`.
 * - Text files are sent gzip-compressed to clients that accept it; file contents and
 *   their compressed forms are cached in memory and re-read when the file changes.
 * - Without a build (a source checkout before `npm run build:console`), `/` explains how
 *   to build the console instead of failing.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface ConsoleOptions {
  /** The built console (`console/dist`). */
  readonly directory: string;
}

/**
 * `console/dist` of this installation: the same relative place from `src/server/console`
 * (running with tsx) and from `dist/server/console` (the built package).
 */
export function defaultConsoleDirectory(): string {
  return fileURLToPath(new URL('../../../console/dist', import.meta.url));
}

export const consoleContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': consoleContentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const compressible = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.map',
  '.svg',
  '.txt',
  '.webmanifest',
]);

const immutableCaching = 'public, max-age=31536000, immutable';
const revalidateCaching = 'no-cache';

interface CachedFile {
  readonly modified: number;
  readonly size: number;
  readonly body: Buffer;
  readonly gzip: Buffer | undefined;
  readonly etag: string;
}

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tsunagi</title></head>
<body><h1>The Tsunagi web console is not built</h1>
<p>Run <code>npm run build:console</code> (or <code>npm run build</code>) in the Tsunagi folder, then reload this page.
The OData service at <code>/api/odata/service</code> and the admin API at <code>/api/admin/v1</code> work without it.</p>
</body></html>
`;

/** The file under `root` that a URL path names, or undefined when it leaves `root` or is malformed. */
export function resolveConsolePath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.' || segment.startsWith('.'))) {
    return undefined;
  }
  const file = resolve(root, ...segments);
  return file === root || file.startsWith(`${root}${sep}`) ? file : undefined;
}

/** A gateway plugin (`startGateway({ plugins })`) serving the console from `directory`. */
export function consolePlugin(
  directory: string = defaultConsoleDirectory(),
): (app: FastifyInstance) => void {
  return (app) => registerConsole(app, { directory });
}

export function registerConsole(app: FastifyInstance, options: ConsoleOptions): void {
  const root = resolve(options.directory);
  const indexFile = join(root, 'index.html');
  const cache = new Map<string, CachedFile>();

  async function load(file: string): Promise<CachedFile | undefined> {
    let info;
    try {
      info = await stat(file);
    } catch {
      return undefined;
    }
    if (!info.isFile()) return undefined;
    const cached = cache.get(file);
    if (cached !== undefined && cached.modified === info.mtimeMs && cached.size === info.size) {
      return cached;
    }
    const body = await readFile(file);
    const extension = extname(file).toLowerCase();
    const entry: CachedFile = {
      modified: info.mtimeMs,
      size: info.size,
      body,
      gzip: compressible.has(extension) && body.length > 1024 ? gzipSync(body) : undefined,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    };
    cache.set(file, entry);
    return entry;
  }

  function send(
    request: FastifyRequest,
    reply: FastifyReply,
    file: string,
    entry: CachedFile,
    caching: string,
  ): FastifyReply {
    const extension = extname(file).toLowerCase();
    void reply
      .headers(securityHeaders)
      .header('content-type', contentTypes[extension] ?? 'application/octet-stream')
      .header('cache-control', caching)
      .header('etag', entry.etag);
    if (entry.gzip !== undefined) void reply.header('vary', 'Accept-Encoding');
    const ifNoneMatch = request.headers['if-none-match'];
    if (
      typeof ifNoneMatch === 'string' &&
      ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === entry.etag)
    ) {
      return reply.code(304).send();
    }
    const acceptEncoding = request.headers['accept-encoding'];
    if (
      entry.gzip !== undefined &&
      typeof acceptEncoding === 'string' &&
      /\bgzip\b/i.test(acceptEncoding)
    ) {
      return reply.header('content-encoding', 'gzip').send(entry.gzip);
    }
    return reply.send(entry.body);
  }

  async function serve(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const rawUrl = request.raw.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const urlPath = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
    if (urlPath === '/api' || urlPath.startsWith('/api/')) {
      reply.callNotFound();
      return reply;
    }
    const file = resolveConsolePath(root, urlPath);
    if (file !== undefined && file !== root) {
      const entry = await load(file);
      if (entry !== undefined) {
        const immutable = file.startsWith(`${join(root, 'assets')}${sep}`);
        return send(request, reply, file, entry, immutable ? immutableCaching : revalidateCaching);
      }
    }
    const lastSegment = urlPath.slice(urlPath.lastIndexOf('/') + 1);
    if (lastSegment.includes('.')) {
      return reply
        .code(404)
        .headers(securityHeaders)
        .header('cache-control', revalidateCaching)
        .type('text/plain; charset=utf-8')
        .send(`There is no file ${lastSegment} in the web console.\n`);
    }
    const index = await load(indexFile);
    if (index === undefined) {
      return reply
        .code(503)
        .headers(securityHeaders)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(notBuiltPage);
    }
    return send(request, reply, indexFile, index, revalidateCaching);
  }

  app.get('/', serve);
  app.get('/*', serve);
}
