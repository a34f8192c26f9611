import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogue } from './catalogue/index.js';
import { renderErrorsDocument } from './errors-document.js';
import { TsunagiError } from './tsunagi-error.js';
import { toErrorResponse } from './odata-error-body.js';

describe('error catalogue', () => {
  it('is documented in docs/errors.md exactly as generated (run npm run docs:errors)', () => {
    const onDisk = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderErrorsDocument());
  });

  it('uses codes of the form TSGnnn whose first digit names the stage', () => {
    for (const code of Object.keys(errorCatalogue)) {
      expect(code).toMatch(/^TSG[1-69]\d\d$/);
    }
  });

  it('maps an expected error to its OData error body and status', () => {
    const error = new TsunagiError('TSG202', "Property 'Nme' does not exist.", {
      target: '$filter',
      details: [{ code: 'TSG202', message: 'Did you mean Name?', target: 'Nme' }],
    });
    const response = toErrorResponse(error, 'req-1');
    expect(response.status).toBe(400);
    expect(response.unexpected).toBe(false);
    expect(response.body).toEqual({
      error: {
        code: 'TSG202',
        message: "Property 'Nme' does not exist.",
        target: '$filter',
        details: [{ code: 'TSG202', message: 'Did you mean Name?', target: 'Nme' }],
      },
    });
  });

  it('hides the message of an unexpected error behind the request id', () => {
    const response = toErrorResponse(new Error('password=hunter2 leaked'), 'req-42');
    expect(response.status).toBe(500);
    expect(response.unexpected).toBe(true);
    expect(JSON.stringify(response.body)).not.toContain('hunter2');
    expect(response.body.error.message).toContain('req-42');
  });
});
