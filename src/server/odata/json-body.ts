/**
 * Reads the JSON body of a write request: the media type must be JSON (415 otherwise),
 * the bytes valid UTF-8 JSON (400 with the position of the error otherwise). Size limits
 * and Content-Encoding are handled before this, while the body is read.
 */
import { TsunagiError } from '../../errors/tsunagi-error.js';
import { parseMediaType } from './media-type.js';

export function parseJsonBody(body: Buffer | undefined, contentType: string | undefined): unknown {
  const mediaType = contentType === undefined ? undefined : parseMediaType(contentType);
  const isJson =
    mediaType !== undefined &&
    mediaType.type === 'application' &&
    (mediaType.subtype === 'json' || mediaType.subtype.endsWith('+json'));
  if (!isJson) {
    throw new TsunagiError(
      'TSG123',
      `The request body must be application/json${contentType === undefined ? '' : `, not ${contentType}`}.`,
      { target: 'Content-Type' },
    );
  }
  const charset = mediaType.parameters.get('charset')?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new TsunagiError('TSG123', `The request body must be encoded in UTF-8, not ${charset}.`, {
      target: 'Content-Type',
    });
  }
  const text = (body ?? Buffer.alloc(0)).toString('utf8');
  if (text.trim() === '')
    throw new TsunagiError(
      'TSG124',
      'The request body is empty; send the entity as a JSON object.',
    );
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'malformed JSON';
    throw new TsunagiError('TSG124', `The request body is not valid JSON: ${detail}.`);
  }
}
