/**
 * One HTTP exchange with a Kintone domain over node:http / node:https, with keep-alive
 * agents (client certificate and extra trusted authority configured on the agent), the
 * authentication headers of the connection, a per-call timeout and abort. It knows
 * nothing of retries or Kintone errors: it returns the status, headers and body text, or
 * throws a TransportError that says whether the request can have reached the server.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { KintoneConnectionConfig } from '../settings/kintone-settings.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface TransportRequest {
  readonly method: HttpMethod;
  /** Path and query string, e.g. "/k/v1/records.json?app=1". */
  readonly path: string;
  /** JSON text of the body, if any. */
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface TransportResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * A failure below HTTP: DNS, refused or reset connections, TLS, timeouts, aborts.
 * `sent` is false only when the server cannot have received the request.
 */
export class TransportError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly sent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportError';
  }
}

/** Error codes of failures that happen before a request can reach the server. */
const notSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

function basic(user: string, password: string): string {
  return Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
}

export class KintoneTransport {
  private readonly agent: HttpAgent | HttpsAgent;
  private readonly secure: boolean;
  private readonly url: URL;
  private readonly fixedHeaders: Readonly<Record<string, string>>;

  constructor(
    private readonly config: KintoneConnectionConfig,
    userAgent: string,
  ) {
    this.url = new URL(config.baseUrl);
    this.secure = this.url.protocol === 'https:';
    // Idle sockets are closed after 4 s, before servers commonly drop them (Node's default is
    // 5 s), so that a request rarely meets a connection the server has just closed.
    const common = {
      keepAlive: true,
      timeout: 4000,
      maxSockets: config.maxConcurrentRequests + 2,
    };
    if (this.secure) {
      const certificate = config.clientCertificate;
      this.agent = new HttpsAgent({
        ...common,
        ...(config.certificateAuthority === undefined ? {} : { ca: config.certificateAuthority }),
        ...(certificate === undefined
          ? {}
          : certificate.kind === 'pfx'
            ? { pfx: certificate.pfx, passphrase: certificate.password }
            : {
                cert: certificate.certificate,
                key: certificate.privateKey,
                passphrase: certificate.password,
              }),
      });
    } else {
      this.agent = new HttpAgent(common);
    }
    const headers: Record<string, string> = { 'user-agent': userAgent, accept: 'application/json' };
    const authentication = config.authentication;
    if (authentication.kind === 'password') {
      headers['x-cybozu-authorization'] = basic(authentication.username, authentication.password);
    } else {
      headers['x-cybozu-api-token'] = authentication.tokens.join(',');
    }
    if (config.basicAuth !== undefined) {
      headers['authorization'] =
        `Basic ${basic(config.basicAuth.username, config.basicAuth.password)}`;
    }
    this.fixedHeaders = headers;
  }

  /** The path of an API, with the guest space prefix when the connection has one. */
  apiPath(api: string): string {
    const space = this.config.guestSpaceId;
    return space === undefined ? `/k/v1/${api}.json` : `/k/guest/${space}/v1/${api}.json`;
  }

  send(
    request: TransportRequest,
    options: { readonly signal: AbortSignal; readonly timeoutMs: number },
  ): Promise<TransportResponse> {
    return new Promise<TransportResponse>((resolve, reject) => {
      if (options.signal.aborted) {
        reject(new TransportError('ABORTED', 'The request was cancelled.', false));
        return;
      }
      const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
      const headers: Record<string, string> = { ...this.fixedHeaders, ...request.headers };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(body.length);
      }
      const send = this.secure ? httpsRequest : httpRequest;
      let settled = false;
      const finish = (error: TransportError | undefined, response?: TransportResponse): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
        if (error !== undefined) reject(error);
        else if (response !== undefined) resolve(response);
      };
      const outgoing = send(
        {
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port === '' ? undefined : Number(this.url.port),
          method: request.method,
          path: request.path,
          headers,
          agent: this.agent,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () =>
            finish(undefined, {
              status: incoming.statusCode ?? 0,
              headers: incoming.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          incoming.on('error', (error: NodeJS.ErrnoException) =>
            finish(
              new TransportError(
                error.code ?? 'ECONNRESET',
                `The connection to Kintone broke while reading the answer (${error.message}).`,
                true,
                { cause: error },
              ),
            ),
          );
        },
      );
      const timer = setTimeout(() => {
        outgoing.destroy();
        finish(
          new TransportError(
            'ETIMEDOUT',
            `Kintone did not answer within ${Math.round(options.timeoutMs / 100) / 10} s.`,
            true,
          ),
        );
      }, options.timeoutMs);
      const onAbort = (): void => {
        outgoing.destroy();
        finish(new TransportError('ABORTED', 'The request was cancelled.', true));
      };
      options.signal.addEventListener('abort', onAbort, { once: true });
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        const code = error.code ?? 'EUNKNOWN';
        // Only failures before connecting prove that the server never saw the request; a
        // reset afterwards (even on a reused keep-alive socket) may follow its processing.
        const sent = !notSentCodes.has(code);
        finish(new TransportError(code, error.message, sent, { cause: error }));
      });
      if (body !== undefined) outgoing.end(body);
      else outgoing.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
