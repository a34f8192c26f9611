/**
 * The emulator's own administration over HTTP, outside Kintone's `/k/` paths (no Kintone
 * authentication; the server listens on the loopback interface only):
 *   GET  /__emulator/health          → {"status":"ok"}
 *   POST /__emulator/reset           → back to the start-up data (seed re-applied)
 *   GET  /__emulator/faults          → current fault settings
 *   PUT  /__emulator/faults          → change some of them (see FaultSettings)
 *   POST /__emulator/api-tokens      → {app, permissions?, token?} → {token, app, permissions}
 *   GET  /__emulator/clock           → {"now": ISO instant}
 *   PUT  /__emulator/clock           → {"now": ISO | null, "advanceMilliseconds": n}
 *   POST /__emulator/seed            → apply a seed document → {apps:[…]}
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KintoneError } from '../errors/kintone-error.js';
import type { ApiTokenPermissions } from '../model/directory.js';
import type { SeedDocument, SeedResult } from '../seed/seed-document.js';
import { DirectoryError } from '../services/directory-service.js';
import { isJsonObject } from '../support/json-value.js';
import type { EmulatorClock } from '../support/emulator-clock.js';
import { mergeFaultSettings, type FaultInjector } from './fault-injector.js';

export interface AdminOperations {
  readonly clock: EmulatorClock;
  readonly faults: FaultInjector;
  reset(): void;
  createApiToken(app: number, permissions?: Partial<ApiTokenPermissions>, token?: string): string;
  loadSeed(seed: SeedDocument): SeedResult;
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json;charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

function jsonBody(body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function createAdminHandler(
  operations: AdminOperations,
): (request: IncomingMessage, response: ServerResponse, body: Buffer) => void {
  return (request, response, body) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const method = request.method ?? 'GET';
    const parsed = jsonBody(body);
    if (parsed === undefined) {
      reply(response, 400, { message: 'The body must be a JSON object.' });
      return;
    }
    try {
      switch (`${method} ${path}`) {
        case 'GET /__emulator/health':
          reply(response, 200, { status: 'ok' });
          return;
        case 'POST /__emulator/reset':
          operations.reset();
          reply(response, 200, { status: 'reset' });
          return;
        case 'GET /__emulator/faults':
          reply(response, 200, operations.faults.settings);
          return;
        case 'PUT /__emulator/faults': {
          const merged = mergeFaultSettings(operations.faults.settings, parsed);
          if (typeof merged === 'string') {
            reply(response, 400, { message: merged });
            return;
          }
          operations.faults.configure(merged);
          reply(response, 200, merged);
          return;
        }
        case 'POST /__emulator/api-tokens': {
          const app = Number(parsed['app']);
          const permissions = isJsonObject(parsed['permissions']) ? parsed['permissions'] : {};
          const token = typeof parsed['token'] === 'string' ? parsed['token'] : undefined;
          const created = operations.createApiToken(app, permissions, token);
          reply(response, 200, { token: created, app: String(app) });
          return;
        }
        case 'GET /__emulator/clock':
          reply(response, 200, { now: operations.clock.now().toISOString() });
          return;
        case 'PUT /__emulator/clock': {
          const now = parsed['now'];
          if (now === null) operations.clock.set(undefined);
          else if (typeof now === 'string') {
            const instant = new Date(now);
            if (Number.isNaN(instant.getTime())) {
              reply(response, 400, { message: '"now" must be an ISO 8601 instant or null.' });
              return;
            }
            operations.clock.set(instant);
          }
          const advance = parsed['advanceMilliseconds'];
          if (typeof advance === 'number' && Number.isFinite(advance))
            operations.clock.advance(advance);
          reply(response, 200, { now: operations.clock.now().toISOString() });
          return;
        }
        case 'POST /__emulator/seed':
          reply(response, 200, operations.loadSeed(parsed));
          return;
        default:
          reply(response, 404, { message: `No admin endpoint ${method} ${path}.` });
      }
    } catch (error) {
      if (error instanceof DirectoryError) {
        reply(response, 400, { message: error.message });
        return;
      }
      if (error instanceof KintoneError) {
        reply(response, error.status, { code: error.code, message: error.text.en });
        return;
      }
      throw error;
    }
  };
}
