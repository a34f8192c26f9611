/**
 * A small multipart/form-data reader for file uploads (facts sheet §3.8): finds the parts,
 * their field names, file names and content types, and their bytes.
 */

export interface MultipartPart {
  readonly name: string;
  readonly fileName: string | undefined;
  readonly contentType: string;
  readonly content: Buffer;
}

function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2]?.trim();
}

function headerParameter(header: string, name: string): string | undefined {
  const extended = new RegExp(`${name}\\*=(?:UTF-8|utf-8)''([^;]+)`).exec(header);
  if (extended?.[1] !== undefined) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      return extended[1];
    }
  }
  const quoted = new RegExp(`(?:^|;)\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`).exec(header);
  if (quoted?.[1] !== undefined) return quoted[1].replace(/\\(.)/g, '$1');
  const bare = new RegExp(`(?:^|;)\\s*${name}=([^;]+)`).exec(header);
  return bare?.[1]?.trim();
}

/** The parts of a multipart body; undefined when the body is not multipart. */
export function parseMultipart(contentType: string, body: Buffer): MultipartPart[] | undefined {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) return undefined;
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd < 0) break;
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next < 0) break;
    const headers = body.subarray(position, headerEnd).toString('utf8').split('\r\n');
    let disposition = '';
    let partType = 'application/octet-stream';
    for (const line of headers) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-disposition') disposition = value;
      if (name === 'content-type') partType = value;
    }
    // The part's bytes end before the CRLF that precedes the next delimiter.
    const contentEnd = body[next - 2] === 13 && body[next - 1] === 10 ? next - 2 : next;
    parts.push({
      name: headerParameter(disposition, 'name') ?? '',
      fileName: headerParameter(disposition, 'filename'),
      contentType: partType,
      content: Buffer.from(body.subarray(headerEnd + 4, contentEnd)),
    });
    position = next;
  }
  return parts;
}
