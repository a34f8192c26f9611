/**
 * HTTPS for the gateway itself: the certificate and key are read from files and reloaded
 * when the files change (a renewed certificate takes effect without a restart; a broken
 * pair is refused and the previous one kept). With a client CA, every client must present
 * a certificate issued by it (mutual TLS: Salesforce's "Certificate" setting on an
 * external data source authenticates Salesforce to the gateway this way).
 */
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSecureContext } from 'node:tls';

export interface TlsFiles {
  readonly certificateFile: string;
  readonly keyFile: string;
  /** CA whose certificates clients must present (mutual TLS). */
  readonly clientCaFile?: string;
  /** How often the files are checked for changes (default 5 s). */
  readonly checkIntervalMs?: number;
}

export interface TlsServer {
  readonly server: Server;
  /** Stops watching the files. */
  stop(): void;
}

function readContext(files: TlsFiles): { cert: Buffer; key: Buffer; ca?: Buffer } {
  const context = {
    cert: readFileSync(files.certificateFile),
    key: readFileSync(files.keyFile),
    ...(files.clientCaFile === undefined ? {} : { ca: readFileSync(files.clientCaFile) }),
  };
  // Throws when the key does not match the certificate, before the server uses the pair.
  createSecureContext(context);
  return context;
}

export function createTlsServer(
  files: TlsFiles,
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  maxHeaderSize: number,
  onReload: (error: Error | undefined) => void,
): TlsServer {
  const server = createServer(
    {
      ...readContext(files),
      maxHeaderSize,
      ...(files.clientCaFile === undefined ? {} : { requestCert: true, rejectUnauthorized: true }),
    },
    handler,
  );
  const reload = (): void => {
    try {
      server.setSecureContext(readContext(files));
      onReload(undefined);
    } catch (error) {
      onReload(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const watched = [
    files.certificateFile,
    files.keyFile,
    ...(files.clientCaFile === undefined ? [] : [files.clientCaFile]),
  ];
  const interval = files.checkIntervalMs ?? 5000;
  for (const file of watched) {
    watchFile(file, { interval, persistent: false }, (current, previous) => {
      if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size) reload();
    });
  }
  return {
    server,
    stop: () => {
      for (const file of watched) unwatchFile(file);
    },
  };
}
