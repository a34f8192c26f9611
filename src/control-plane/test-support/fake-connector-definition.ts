/**
 * A small connector definition for control-plane tests: a URL, a choice of
 * authentication with settings shown only for their choice (a secret password, a secret
 * API token, a client-certificate file), a bounded integer, a boolean with a default, and
 * a rule of its own (no `.invalid` hosts).
 */
import type { ConnectorDefinition } from '../../connectors/connector-definition.js';

export const fakeConnectorDefinition: ConnectorDefinition = {
  kind: 'fake',
  displayName: 'Fake source',
  description: 'A source that exists only in tests.',
  settings: [
    { name: 'url', label: 'URL', type: 'url', required: true },
    {
      name: 'authentication',
      label: 'Authentication',
      type: 'choice',
      required: true,
      defaultValue: 'password',
      choices: [
        { value: 'password', label: 'Password' },
        { value: 'apiToken', label: 'API token' },
        { value: 'certificate', label: 'Client certificate' },
      ],
    },
    {
      name: 'username',
      label: 'User name',
      type: 'string',
      required: true,
      showWhen: { setting: 'authentication', values: ['password'] },
    },
    {
      name: 'password',
      label: 'Password',
      type: 'secret',
      required: true,
      showWhen: { setting: 'authentication', values: ['password'] },
    },
    {
      name: 'apiToken',
      label: 'API token',
      type: 'secret',
      required: true,
      showWhen: { setting: 'authentication', values: ['apiToken'] },
    },
    {
      name: 'certificate',
      label: 'Client certificate',
      type: 'file',
      required: true,
      showWhen: { setting: 'authentication', values: ['certificate'] },
    },
    {
      name: 'certificatePassword',
      label: 'Certificate password',
      type: 'secret',
      required: false,
      showWhen: { setting: 'authentication', values: ['certificate'] },
    },
    {
      name: 'guestSpaceId',
      label: 'Guest space',
      type: 'integer',
      required: false,
      minimum: 1,
      maximum: 999_999,
    },
    {
      name: 'verifyTls',
      label: 'Verify TLS',
      type: 'boolean',
      required: false,
      defaultValue: true,
    },
  ],
  validate(settings) {
    const url = settings.url;
    if (typeof url === 'string' && new URL(url).hostname.endsWith('.invalid')) {
      return [{ setting: 'url', message: 'The host name does not exist.' }];
    }
    return [];
  },
  create() {
    throw new Error('The fake connector creates no connector.');
  },
};

/** Valid settings of a fake connection (password authentication). */
export const fakeConnectionSettings = {
  url: 'https://example.cybozu.com',
  username: 'alice',
  password: 'kintone-password-1',
};
