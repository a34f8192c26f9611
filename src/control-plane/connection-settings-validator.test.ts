import { describe, expect, it } from 'vitest';
import { validateConnectionSettings } from './connection-settings-validator.js';
import { fakeConnectorDefinition } from './test-support/fake-connector-definition.js';

const base = { url: 'https://example.cybozu.com', username: 'alice', password: 's3cret' };

describe('connection settings validation', () => {
  it('normalises valid settings, applies defaults and drops settings hidden by showWhen', () => {
    const result = validateConnectionSettings(fakeConnectorDefinition, {
      ...base,
      url: ' https://example.cybozu.com ',
      guestSpaceId: '12',
      apiToken: 'ignored because authentication is password',
    });
    expect(result.problems).toEqual([]);
    expect(result.settings).toEqual({
      url: 'https://example.cybozu.com',
      authentication: 'password',
      username: 'alice',
      password: 's3cret',
      guestSpaceId: 12,
      verifyTls: true,
    });
  });

  it.each([
    [{ ...base, url: undefined }, 'settings.url', 'URL is required.'],
    [
      { ...base, url: 'ftp://example.com' },
      'settings.url',
      'URL must start with https:// or http://.',
    ],
    [
      { ...base, url: 'https://user:pw@example.com' },
      'settings.url',
      'URL must not contain a user name or password.',
    ],
    [
      { ...base, url: 'not a url' },
      'settings.url',
      'URL must be a URL such as https://example.com.',
    ],
    [{ ...base, url: 'https://gone.invalid' }, 'settings.url', 'The host name does not exist.'],
    [
      { ...base, authentication: 'kerberos' },
      'settings.authentication',
      'Authentication must be one of: password, apiToken, certificate.',
    ],
    [{ ...base, password: '' }, 'settings.password', 'Password is required.'],
    [{ ...base, password: 42 }, 'settings.password', 'Password must be text.'],
    [{ ...base, guestSpaceId: 0 }, 'settings.guestSpaceId', 'Guest space must be at least 1.'],
    [
      { ...base, guestSpaceId: 1_000_000 },
      'settings.guestSpaceId',
      'Guest space must be at most 999999.',
    ],
    [
      { ...base, guestSpaceId: 1.5 },
      'settings.guestSpaceId',
      'Guest space must be a whole number.',
    ],
    [{ ...base, verifyTls: 'yes' }, 'settings.verifyTls', 'Verify TLS must be true or false.'],
    [
      { ...base, colour: 'blue' },
      'settings.colour',
      'Fake source connections have no setting colour.',
    ],
    [{ url: base.url, authentication: 'apiToken' }, 'settings.apiToken', 'API token is required.'],
    [
      { url: base.url, authentication: 'certificate' },
      'settings.certificate',
      'Client certificate is required.',
    ],
  ])('%j → %s: %s', (input, field, message) => {
    const { problems } = validateConnectionSettings(fakeConnectorDefinition, input);
    expect(problems).toContainEqual({ field, message });
  });

  it('reports every problem at once', () => {
    const { problems } = validateConnectionSettings(fakeConnectorDefinition, {
      guestSpaceId: 'x',
      verifyTls: 3,
    });
    expect(problems.map((problem) => problem.field)).toEqual([
      'settings.guestSpaceId',
      'settings.verifyTls',
      'settings.url',
      'settings.username',
      'settings.password',
    ]);
  });

  it('accepts the certificate variant with a file and an optional secret', () => {
    const result = validateConnectionSettings(fakeConnectorDefinition, {
      url: base.url,
      authentication: 'certificate',
      certificate: 'MIIC...base64...',
      verifyTls: 'false',
    });
    expect(result.problems).toEqual([]);
    expect(result.settings).toEqual({
      url: base.url,
      authentication: 'certificate',
      certificate: 'MIIC...base64...',
      verifyTls: false,
    });
  });
});
