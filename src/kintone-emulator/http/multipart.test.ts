import { describe, expect, it } from 'vitest';
import { parseMultipart } from './multipart.js';

describe('parseMultipart', () => {
  it('reads each part with its name, file name, type and bytes', () => {
    const body = Buffer.concat([
      Buffer.from(
        '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="r\u00e9sum\u00e9.bin"\r\n',
      ),
      Buffer.from('Content-Type: application/octet-stream\r\n\r\n'),
      Buffer.from([0, 1, 2, 13, 10, 255]),
      Buffer.from(
        '\r\n--XYZ\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--XYZ--\r\n',
      ),
    ]);
    const parts = parseMultipart('multipart/form-data; boundary=XYZ', body);
    expect(parts?.map((part) => [part.name, part.fileName, part.contentType])).toEqual([
      ['file', 'résumé.bin', 'application/octet-stream'],
      ['note', undefined, 'application/octet-stream'],
    ]);
    expect([...(parts?.[0]?.content ?? [])]).toEqual([0, 1, 2, 13, 10, 255]);
    expect(parts?.[1]?.content.toString()).toBe('hello');
  });

  it('returns undefined without a boundary', () => {
    expect(parseMultipart('multipart/form-data', Buffer.from('x'))).toBeUndefined();
  });
});
