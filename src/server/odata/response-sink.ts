/**
 * Where a handler writes its answer: the Fastify reply of the HTTP request, or a buffered
 * response for one part of a $batch. Handlers only use these three methods, so the same
 * code answers top-level requests and batch parts.
 */
import type { Readable } from 'node:stream';

export interface ResponseSink {
  status(code: number): ResponseSink;
  header(name: string, value: string): ResponseSink;
  send(payload?: string | Buffer | Readable): ResponseSink;
}

/** A response held in memory (a $batch part): status, headers and the whole body. */
export class BufferedResponse implements ResponseSink {
  statusCode = 200;
  readonly headers = new Map<string, string>();
  private body: Promise<Buffer> = Promise.resolve(Buffer.alloc(0));

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  header(name: string, value: string): this {
    this.headers.set(name.toLowerCase(), value);
    return this;
  }

  send(payload?: string | Buffer | Readable): this {
    if (payload === undefined) this.body = Promise.resolve(Buffer.alloc(0));
    else if (typeof payload === 'string') this.body = Promise.resolve(Buffer.from(payload));
    else if (Buffer.isBuffer(payload)) this.body = Promise.resolve(payload);
    else this.body = readAll(payload);
    return this;
  }

  /** The body, once a streamed payload has been read to its end. */
  bodyBytes(): Promise<Buffer> {
    return this.body;
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
