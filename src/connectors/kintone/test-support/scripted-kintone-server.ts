/**
 * Test support: a real HTTP server on 127.0.0.1 that answers each request with the next
 * scripted reply (status, JSON body, headers, or a dropped connection), and records what
 * it received. For the client's retry, timeout and error-mapping tests, where exact
 * sequences of failures matter.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptedReply =
  | {
      readonly status: number;
      readonly body?: unknown;
      readonly text?: string;
      readonly headers?: Readonly<Record<string, string>>;
      readonly delayMs?: number;
    }
  | { readonly drop: true };

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface ScriptedKintoneServer {
  readonly url: string;
  readonly received: ReceivedRequest[];
  /** Replies used in order; when they run out, `fallback` answers. */
  script(...replies: ScriptedReply[]): void;
  fallback: (request: ReceivedRequest) => ScriptedReply;
  /** Highest number of requests handled at the same time (since the last reset). */
  readonly peakConcurrency: number;
  /** Requests being answered now. */
  readonly active: number;
  resetPeak(): void;
  close(): Promise<void>;
}

export async function startScriptedKintoneServer(): Promise<ScriptedKintoneServer> {
  const queue: ScriptedReply[] = [];
  const received: ReceivedRequest[] = [];
  let active = 0;
  let peak = 0;
  const state = {
    fallback: (_request: ReceivedRequest): ScriptedReply => ({ status: 200, body: {} }),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry: ReceivedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(entry);
      const reply = queue.shift() ?? state.fallback(entry);
      if ('drop' in reply) {
        request.socket.destroy();
        return;
      }
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        const text = reply.text ?? JSON.stringify(reply.body ?? {});
        response.writeHead(reply.status, {
          'content-type': reply.text === undefined ? 'application/json;charset=utf-8' : 'text/html',
          ...reply.headers,
        });
        response.end(text);
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    received,
    script: (...replies) => queue.push(...replies),
    get fallback() {
      return state.fallback;
    },
    set fallback(value) {
      state.fallback = value;
    },
    get peakConcurrency() {
      return peak;
    },
    get active() {
      return active;
    },
    resetPeak: () => {
      peak = active;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
