// Reading the gateway's error bodies into messages a form can show next to its fields.
import { describe, expect, it } from 'vitest';
import { ApiError, errorFromResponse } from './api-error';

function response(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

describe('errorFromResponse', () => {
  it('reads code, message, target and details', async () => {
    const error = await errorFromResponse(
      response(400, {
        error: {
          code: 'TSG500',
          message: 'Some settings are not valid.',
          details: [
            { code: 'TSG500', message: 'URL must be a URL.', target: 'settings.url' },
            { code: 'TSG500', message: 'The name is required.', target: 'name' },
            { message: 'A second message for the URL.', target: 'settings.url' },
          ],
        },
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.code, error.message]).toEqual([
      400,
      'TSG500',
      'Some settings are not valid.',
    ]);
    expect(error.fieldMessages('settings.')).toEqual({ url: 'URL must be a URL.' });
    expect(error.fieldMessages()).toEqual({
      'settings.url': 'URL must be a URL.',
      name: 'The name is required.',
    });
  });

  it('uses the target of an error without details as a field', async () => {
    const error = await errorFromResponse(
      response(409, {
        error: { code: 'TSG502', message: 'You already have a token named x.', target: 'name' },
      }),
    );
    expect(error.fieldMessages()).toEqual({ name: 'You already have a token named x.' });
  });

  it('reads Retry-After', async () => {
    const error = await errorFromResponse(
      response(
        429,
        { error: { code: 'TSG303', message: 'Too many attempts.' } },
        { 'retry-after': '120' },
      ),
    );
    expect(error.retryAfterSeconds).toBe(120);
  });

  it('puts words on answers without a body', async () => {
    const error = await errorFromResponse(
      new Response('<html>bad gateway</html>', { status: 503 }),
    );
    expect(error.code).toBe('HTTP503');
    expect(error.message).toBe('The gateway is not ready yet. Try again in a moment.');
  });
});
