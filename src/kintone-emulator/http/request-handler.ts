/**
 * The HTTP face of the emulator: one handler for every request, reproducing Kintone's wire
 * behaviour — concurrency headers on every response and 429 GAIA_TO04 above the limit,
 * 414 for URLs over 8 KB, the domain's Basic layer, `X-HTTP-Method-Override` on POST,
 * parameters from the query string and JSON bodies (CB_IJ01 when malformed), multipart
 * uploads, authentication, error bodies in the caller's language, and the injected faults.
 * Requests under `/__emulator/` go to the admin endpoints instead.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KintoneError, type MessageLanguage } from '../errors/kintone-error.js';
import { errorBody } from '../errors/error-body.js';
import { kintoneErrors } from '../errors/kintone-errors.js';
import type { KintoneDomain } from '../domain/kintone-domain.js';
import { parseApiPath } from '../api/api-path.js';
import { FileResponse, findRoute, type UploadedPart } from '../api/api-routes.js';
import { BulkRequestFailure } from '../api/bulk-request.js';
import type { CallContext } from '../services/call-context.js';
import { isJsonObject } from '../support/json-value.js';
import { languageFromHeader } from './accept-language.js';
import { authenticate, domainBasicAuthPasses } from './authenticate.js';
import type { FaultInjector } from './fault-injector.js';
import { parseMultipart } from './multipart.js';
import { parseQueryString } from './query-string.js';

export const maximumUrlLength = 8192;
const maximumBodyBytes = 100 * 1024 * 1024;
const jsonContentType = 'application/json;charset=utf-8';
const overridableMethods = new Set(['GET', 'POST', 'PUT', 'DELETE']);

export interface RequestHandlerOptions {
  readonly domain: KintoneDomain;
  readonly faults: FaultInjector;
  readonly basicAuth?: { readonly user: string; readonly password: string };
  /** Serves `/__emulator/…`. */
  readonly admin: (
    request: IncomingMessage,
    response: ServerResponse,
    body: Buffer,
  ) => Promise<void> | void;
}

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maximumBodyBytes) {
        reject(new BodyTooLarge());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

const maintenancePage =
  '<!DOCTYPE html>\n<html><head><title>Service Unavailable</title></head>' +
  '<body><h1>Service Unavailable</h1><p>kintone is under maintenance. Please try again later.</p></body></html>\n';
const uriTooLongPage =
  '<!DOCTYPE html>\n<html><head><title>414 Request-URI Too Large</title></head>' +
  '<body><h1>Request-URI Too Large</h1></body></html>\n';
const unauthorizedPage =
  '<!DOCTYPE html>\n<html><head><title>401 Unauthorized</title></head>' +
  '<body><h1>401 Authorization Required</h1></body></html>\n';

export function createRequestHandler(
  options: RequestHandlerOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const { domain, faults } = options;
  let running = 0;

  const concurrencyHeaders = (): Record<string, string> => ({
    'X-ConcurrencyLimit-Limit': String(faults.settings.concurrencyLimit),
    'X-ConcurrencyLimit-Running': String(running),
  });

  const send = (
    response: ServerResponse,
    status: number,
    contentType: string,
    body: string | Buffer,
    headers: Record<string, string> = {},
  ): void => {
    if (response.headersSent || response.destroyed) return;
    response.writeHead(status, {
      ...concurrencyHeaders(),
      'Content-Type': contentType,
      'Content-Length': String(Buffer.byteLength(body)),
      ...headers,
    });
    response.end(body);
  };

  const sendError = (
    response: ServerResponse,
    error: KintoneError,
    language: MessageLanguage,
  ): void => {
    send(response, error.status, jsonContentType, JSON.stringify(errorBody(error, language)), {
      ...error.headers,
    });
  };

  const handleApi = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = request.url ?? '/';
    let language = languageFromHeader(request.headers['accept-language'], domain.settings.language);
    if (url.length > maximumUrlLength) {
      send(response, 414, 'text/html; charset=iso-8859-1', uriTooLongPage);
      return;
    }
    if (running > faults.settings.concurrencyLimit) {
      sendError(response, kintoneErrors.concurrencyLimitExceeded(), language);
      return;
    }
    const decision = faults.decide();
    if (decision.delayMilliseconds > 0) await sleep(decision.delayMilliseconds);
    switch (decision.fault) {
      case 'drop-connection':
        request.socket.destroy();
        return;
      case 'maintenance':
        send(response, 503, 'text/html; charset=utf-8', maintenancePage);
        return;
      case 'rate-limit':
        sendError(response, kintoneErrors.concurrencyLimitExceeded(), language);
        return;
      case 'server-error':
        sendError(response, kintoneErrors.internalError(), language);
        return;
      case 'none':
        break;
    }
    if (!domainBasicAuthPasses(request.headers, options.basicAuth)) {
      send(response, 401, 'text/html; charset=iso-8859-1', unauthorizedPage, {
        'WWW-Authenticate': 'Basic realm="Please enter your user name and password"',
      });
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof BodyTooLarge)
        sendError(response, kintoneErrors.payloadTooLarge(), language);
      return;
    }
    const questionMark = url.indexOf('?');
    const path = questionMark < 0 ? url : url.slice(0, questionMark);
    const search = questionMark < 0 ? '' : url.slice(questionMark + 1);
    let method = request.method ?? 'GET';
    const override = request.headers['x-http-method-override'];
    if (method === 'POST' && typeof override === 'string' && overridableMethods.has(override))
      method = override;
    try {
      const apiPath = parseApiPath(path);
      const route = apiPath === undefined ? undefined : findRoute(method, apiPath.api);
      if (apiPath === undefined || route === undefined) {
        throw kintoneErrors.apiNotFound();
      }
      const parameters: Record<string, unknown> = parseQueryString(search);
      let file: UploadedPart | undefined;
      const contentType = request.headers['content-type'] ?? '';
      if (/^multipart\/form-data/i.test(contentType)) {
        const parts = parseMultipart(contentType, body) ?? [];
        const part = parts.find(
          (candidate) => candidate.name === 'file' && candidate.fileName !== undefined,
        );
        if (part !== undefined) {
          file = {
            name: part.fileName ?? 'file',
            contentType: part.contentType,
            content: part.content,
          };
        }
      } else if (body.length > 0) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(body.toString('utf8'));
        } catch {
          throw kintoneErrors.invalidJson();
        }
        if (!isJsonObject(parsed)) throw kintoneErrors.invalidJson();
        Object.assign(parameters, parsed);
      }
      const principal = authenticate(domain.state, request.headers, route.acceptsApiTokens);
      if (principal.kind === 'user' && principal.user.language !== undefined)
        language = principal.user.language;
      const context: CallContext = {
        domain,
        principal,
        guestSpaceId: apiPath.guestSpaceId,
        language,
      };
      const result = route.handle(context, { parameters, file });
      if (result instanceof FileResponse) {
        send(response, 200, result.contentType, result.content, {
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(result.name)}`,
        });
        return;
      }
      send(response, 200, jsonContentType, JSON.stringify(result));
    } catch (error) {
      if (error instanceof KintoneError) {
        sendError(response, error, language);
        return;
      }
      if (error instanceof BulkRequestFailure) {
        const results: unknown[] = [];
        for (let index = 0; index < error.requestCount; index++) {
          results.push(index === error.failedIndex ? errorBody(error.error, language) : {});
        }
        send(response, error.error.status, jsonContentType, JSON.stringify({ results }), {
          ...error.error.headers,
        });
        return;
      }
      console.error('kintone emulator: unexpected error', error);
      sendError(response, kintoneErrors.internalError(), language);
    }
  };

  return (request, response) => {
    const url = request.url ?? '/';
    if (url.startsWith('/__emulator/') || url === '/__emulator') {
      readBody(request)
        .then((body) => options.admin(request, response, body))
        .catch((error: unknown) => {
          console.error('kintone emulator: admin endpoint failed', error);
          if (!response.headersSent) {
            response.writeHead(500, { 'Content-Type': jsonContentType });
            response.end(JSON.stringify({ message: 'The admin endpoint failed.' }));
          }
        });
      return;
    }
    running++;
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      running--;
    };
    response.on('close', finish);
    response.on('finish', finish);
    handleApi(request, response).catch((error: unknown) => {
      console.error('kintone emulator: request failed', error);
      if (!response.headersSent)
        sendError(response, kintoneErrors.internalError(), domain.settings.language);
    });
  };
}
