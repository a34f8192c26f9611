/**
 * Request bodies of the OData endpoint: read as raw bytes for every media type (the
 * handlers decide what they accept), up to the configured size, decompressed first when
 * sent with Content-Encoding gzip or deflate (Salesforce compresses request bodies).
 * Fastify's own body errors are turned into the catalogue's codes.
 */
import { createGunzip, createInflate } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { TsunagiError } from '../../errors/tsunagi-error.js';

export function acceptRawBodies(app: FastifyInstance, maxBodyBytes: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: maxBodyBytes },
    (_request, body, done) => {
      done(null, body);
    },
  );
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = String(request.headers['content-encoding'] ?? 'identity')
      .trim()
      .toLowerCase();
    if (encoding === 'identity' || encoding === '') return payload;
    if (encoding !== 'gzip' && encoding !== 'deflate') {
      throw new TsunagiError(
        'TSG123',
        `Content-Encoding ${encoding} is not supported; use gzip, deflate or none.`,
        {
          target: 'Content-Encoding',
        },
      );
    }
    const decoder = encoding === 'gzip' ? createGunzip() : createInflate();
    let received = 0;
    payload.on('data', (chunk: Buffer) => {
      received += chunk.length;
      (decoder as unknown as { receivedEncodedLength: number }).receivedEncodedLength = received;
    });
    payload.pipe(decoder);
    return Promise.resolve(decoder);
  });
}

/** Maps errors raised while reading a body (before any handler runs) to catalogue errors. */
export function bodyError(error: unknown): TsunagiError | undefined {
  if (error instanceof TsunagiError) return error;
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: string }).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new TsunagiError('TSG115', 'The request body is larger than this service accepts.');
  }
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') {
    return new TsunagiError(
      'TSG124',
      'The request body could not be decompressed with its Content-Encoding.',
    );
  }
  if (code !== undefined && code.startsWith('FST_ERR_CTP')) {
    return new TsunagiError('TSG124', `The request body could not be read: ${error.message}`);
  }
  return undefined;
}
