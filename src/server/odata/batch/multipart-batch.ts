/**
 * The multipart/mixed $batch format of OData 4.0 (Part 1 §11.7): parsing a body into batch
 * items (requests, and change sets holding requests) and writing the responses in the same
 * format. Lines may end in CRLF or LF; part bodies are kept as bytes.
 */
import { randomUUID } from 'node:crypto';
import { TsunagiError } from '../../../errors/tsunagi-error.js';
import { parseMediaType } from '../media-type.js';
import type { BatchItem, BatchItemResponse } from './batch-request.js';

interface RawPart {
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

function malformed(message: string): TsunagiError {
  return new TsunagiError('TSG630', `The $batch request is malformed: ${message}.`);
}

/** The boundary parameter of a multipart/mixed content type. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  const mediaType = contentType === undefined ? undefined : parseMediaType(contentType);
  if (mediaType === undefined || mediaType.type !== 'multipart' || mediaType.subtype !== 'mixed')
    return undefined;
  return mediaType.parameters.get('boundary');
}

function parseHeaderBlock(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw malformed(`"${line.slice(0, 60)}" is not a header line`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Splits `head\r\n\r\nbody` at the first empty line. */
function splitHeadAndBody(bytes: Buffer): { head: string; body: Buffer } {
  const crlf = bytes.indexOf('\r\n\r\n');
  const lf = bytes.indexOf('\n\n');
  if (crlf < 0 && lf < 0) return { head: bytes.toString('utf8'), body: Buffer.alloc(0) };
  const useCrlf = crlf >= 0 && (lf < 0 || crlf <= lf);
  const index = useCrlf ? crlf : lf;
  return {
    head: bytes.subarray(0, index).toString('utf8'),
    body: bytes.subarray(index + (useCrlf ? 4 : 2)),
  };
}

function splitParts(body: Buffer, boundary: string): RawPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: RawPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) throw malformed(`the boundary "${boundary}" does not occur in the body`);
  for (;;) {
    const afterDelimiter = position + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') return parts;
    const next = body.indexOf(delimiter, afterDelimiter);
    if (next < 0) throw malformed(`the closing boundary "--${boundary}--" is missing`);
    let content = body.subarray(afterDelimiter, next);
    content = content.subarray(
      content[0] === 0x0d && content[1] === 0x0a ? 2 : content[0] === 0x0a ? 1 : 0,
    );
    if (content.subarray(-2).toString() === '\r\n') content = content.subarray(0, -2);
    else if (content.subarray(-1).toString() === '\n') content = content.subarray(0, -1);
    const { head, body: partBody } = splitHeadAndBody(content);
    parts.push({ headers: parseHeaderBlock(head), body: partBody });
    position = next;
  }
}

function parseHttpRequest(part: RawPart, group: string | undefined, index: number): BatchItem {
  const contentType = part.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('application/http')) {
    throw malformed(
      `part ${index + 1} has Content-Type "${contentType}"; requests must be application/http`,
    );
  }
  const { head, body } = splitHeadAndBody(part.body);
  const [requestLine = '', ...headerLines] = head.split(/\r?\n/);
  const match = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/1\.[01])?\s*$/.exec(requestLine.trim());
  if (match === null)
    throw malformed(
      `part ${index + 1} does not start with a request line such as "GET Customers HTTP/1.1"`,
    );
  return {
    id: part.headers['content-id'] ?? `${index + 1}`,
    method: match[1] ?? 'GET',
    url: match[2] ?? '',
    headers: parseHeaderBlock(headerLines.join('\n')),
    body: body.length === 0 ? undefined : body,
    group,
    dependsOn: [],
  };
}

export function parseMultipartBatch(body: Buffer, boundary: string): BatchItem[] {
  const items: BatchItem[] = [];
  for (const part of splitParts(body, boundary)) {
    const changeSetBoundary = multipartBoundary(part.headers['content-type']);
    if (changeSetBoundary === undefined) {
      items.push(parseHttpRequest(part, undefined, items.length));
      continue;
    }
    const group = `changeset-${items.length + 1}`;
    for (const inner of splitParts(part.body, changeSetBoundary)) {
      if (multipartBoundary(inner.headers['content-type']) !== undefined)
        throw malformed('change sets cannot be nested');
      items.push(parseHttpRequest(inner, group, items.length));
    }
  }
  return items;
}

const reasonPhrases: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  424: 'Failed Dependency',
  428: 'Precondition Required',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function httpResponsePart(response: BatchItemResponse, contentId: boolean): Buffer {
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (contentId) lines.push(`Content-ID: ${response.id}`);
  lines.push('', `HTTP/1.1 ${response.status} ${reasonPhrases[response.status] ?? ''}`.trimEnd());
  for (const [name, value] of response.headers) lines.push(`${name}: ${value}`);
  lines.push('', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n')), response.body]);
}

/** Writes the responses as a multipart/mixed body; returns the body and its content type. */
export function writeMultipartBatch(responses: readonly BatchItemResponse[]): {
  contentType: string;
  body: Buffer;
} {
  const boundary = `batchresponse_${randomUUID()}`;
  const chunks: Buffer[] = [];
  let index = 0;
  while (index < responses.length) {
    const response = responses[index] as BatchItemResponse;
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if (response.group === undefined) {
      chunks.push(httpResponsePart(response, false), Buffer.from('\r\n'));
      index++;
      continue;
    }
    const group = response.group;
    const members: BatchItemResponse[] = [];
    while (index < responses.length && responses[index]?.group === group)
      members.push(responses[index++] as BatchItemResponse);
    const changeSetBoundary = `changesetresponse_${randomUUID()}`;
    chunks.push(
      Buffer.from(`Content-Type: multipart/mixed; boundary=${changeSetBoundary}\r\n\r\n`),
    );
    // A failed change set answers with the one response that explains the failure.
    const failure = members.find((member) => member.status >= 400 && member.status !== 424);
    for (const member of failure === undefined ? members : [failure]) {
      chunks.push(
        Buffer.from(`--${changeSetBoundary}\r\n`),
        httpResponsePart(member, true),
        Buffer.from('\r\n'),
      );
    }
    chunks.push(Buffer.from(`--${changeSetBoundary}--\r\n`));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
