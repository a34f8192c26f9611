// Settings validation: each bad input gets one precise message for the right setting.
import { describe, expect, it } from 'vitest';
import type { ConnectionSettings } from '../../connector-definition.js';
import { kintoneConnectorDefinition } from '../kintone-connector-definition.js';
import { TsunagiError } from '../../../errors/tsunagi-error.js';
import { parseKintoneSettings } from './kintone-settings.js';

const password = {
  url: 'https://example.cybozu.com',
  authentication: 'password',
  username: 'u',
  password: 'p',
};
const pem =
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';

const invalid: readonly [string, ConnectionSettings, string, RegExp][] = [
  ['missing URL', { ...password, url: undefined }, 'url', /Enter the address/],
  ['not a URL', { ...password, url: 'example' }, 'url', /not a web address/],
  [
    'http on a real host',
    { ...password, url: 'http://example.cybozu.com' },
    'url',
    /https:\/\/.*only for localhost/,
  ],
  ['http on 127.0.0.1', { ...password, url: 'http://127.0.0.1:8080' }, 'url', /only for localhost/],
  ['ftp', { ...password, url: 'ftp://example.cybozu.com' }, 'url', /not ftp:/],
  [
    'a path',
    { ...password, url: 'https://example.cybozu.com/k/12/' },
    'url',
    /without a path such as \/k\/12\//,
  ],
  [
    'credentials in the URL',
    { ...password, url: 'https://u:p@example.cybozu.com' },
    'url',
    /credentials/,
  ],
  ['guest space 0', { ...password, guestSpaceId: 0 }, 'guestSpaceId', /at least 1/],
  ['guest space text', { ...password, guestSpaceId: 'abc' }, 'guestSpaceId', /whole number/],
  ['no login', { ...password, username: '' }, 'username', /login name/],
  ['no password', { ...password, password: '' }, 'password', /password/],
  [
    'unknown authentication',
    { ...password, authentication: 'oauth' },
    'authentication',
    /"password" or "apiToken"/,
  ],
  [
    'no token',
    { url: password.url, authentication: 'apiToken', apps: '1' },
    'apiTokens',
    /at least one API token/,
  ],
  [
    'ten tokens',
    {
      url: password.url,
      authentication: 'apiToken',
      apps: '1',
      apiTokens: Array.from({ length: 10 }, (_, i) => `t${i}`).join(','),
    },
    'apiTokens',
    /at most 9/,
  ],
  [
    'bad token',
    { url: password.url, authentication: 'apiToken', apps: '1', apiTokens: 'abc, d-e' },
    'apiTokens',
    /number 2/,
  ],
  [
    'same token twice',
    { url: password.url, authentication: 'apiToken', apps: '1', apiTokens: 'abc,abc' },
    'apiTokens',
    /twice/,
  ],
  [
    'tokens without apps',
    { url: password.url, authentication: 'apiToken', apiTokens: 'abc' },
    'apps',
    /list the IDs/,
  ],
  ['bad app id', { ...password, apps: '1, x' }, 'apps', /"x" is not an app ID/],
  [
    'basic user without password',
    { ...password, basicAuthUsername: 'b' },
    'basicAuthPassword',
    /Basic authentication password/,
  ],
  [
    'basic password without user',
    { ...password, basicAuthPassword: 'b' },
    'basicAuthUsername',
    /Basic authentication user/,
  ],
  [
    'certificate on cybozu.com without .s.',
    { ...password, clientCertificate: pem },
    'url',
    /https:\/\/example\.s\.cybozu\.com/,
  ],
  [
    'PEM without a key',
    {
      ...password,
      url: 'https://example.s.cybozu.com',
      clientCertificate: '-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----',
    },
    'clientCertificate',
    /private key is missing/,
  ],
  [
    'not a certificate',
    { ...password, url: 'https://example.s.cybozu.com', clientCertificate: '%%%' },
    'clientCertificate',
    /neither a PEM file nor a base64/,
  ],
  [
    'certificate password alone',
    { ...password, clientCertificatePassword: 'x' },
    'clientCertificatePassword',
    /without a client certificate/,
  ],
  ['timeout too long', { ...password, timeoutSeconds: 300 }, 'timeoutSeconds', /at most 120/],
  ['page size too large', { ...password, pageSize: 501 }, 'pageSize', /at most 500/],
  ['bad boolean', { ...password, readOnly: 'yes' }, 'readOnly', /true or false/],
  [
    'bad multi-value mode',
    { ...password, multiValueMode: 'json' },
    'multiValueMode',
    /"delimited" or "collection"/,
  ],
];

describe('Kintone connection settings', () => {
  it.each(invalid)('%s', (_name, settings, setting, message) => {
    const { config, problems } = parseKintoneSettings(settings);
    expect(config).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]?.setting).toBe(setting);
    expect(problems[0]?.message).toMatch(message);
  });

  it('accepts a password connection with defaults', () => {
    const { config, problems } = parseKintoneSettings({
      ...password,
      url: 'https://example.cybozu.com/',
    });
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      baseUrl: 'https://example.cybozu.com',
      authentication: { kind: 'password', username: 'u', password: 'p' },
      timeoutMs: 30000,
      pageSize: 500,
      maxConcurrentRequests: 10,
      readOnly: false,
      schema: {
        salesforceMode: false,
        multiValueMode: 'delimited',
        multiValueDelimiter: ';',
        defaultTextLength: 255,
      },
    });
  });

  it('accepts http://localhost, API tokens, a guest space and a PFX certificate', () => {
    const { config, problems } = parseKintoneSettings({
      url: 'http://localhost:8080',
      authentication: 'apiToken',
      apiTokens: ' abc , DEF1 ',
      apps: '3, 5,3',
      guestSpaceId: '7',
      clientCertificate: Buffer.from('binary pfx').toString('base64'),
      clientCertificatePassword: 'pw',
    });
    expect(problems.map((problem) => problem.setting)).toEqual(['clientCertificate']);
    expect(config).toBeUndefined();
    const https = parseKintoneSettings({
      url: 'https://localhost:8443',
      authentication: 'apiToken',
      apiTokens: ' abc , DEF1 ',
      apps: '3, 5,3',
      guestSpaceId: '7',
      clientCertificate: Buffer.from('binary pfx').toString('base64'),
      clientCertificatePassword: 'pw',
    });
    expect(https.problems).toEqual([]);
    expect(https.config).toMatchObject({
      authentication: { kind: 'apiToken', tokens: ['abc', 'DEF1'] },
      appIds: [3, 5],
      guestSpaceId: 7,
      clientCertificate: { kind: 'pfx', password: 'pw' },
    });
  });

  it('the definition validates, describes every setting once and refuses to create with bad settings', () => {
    const names = kintoneConnectorDefinition.settings.map((setting) => setting.name);
    expect(new Set(names).size).toBe(names.length);
    expect(kintoneConnectorDefinition.kind).toBe('kintone');
    expect(kintoneConnectorDefinition.validate(password)).toEqual([]);
    let error: unknown;
    try {
      kintoneConnectorDefinition.create({ ...password, password: '' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TsunagiError);
    expect((error as TsunagiError).code).toBe('TSG409');
    expect((error as TsunagiError).details[0]).toMatchObject({ target: 'password' });
  });

  it('never repeats a secret in a message', () => {
    const { problems } = parseKintoneSettings({
      url: 'https://example.cybozu.com',
      authentication: 'apiToken',
      apiTokens: 'SECRETTOKEN1,bad-token-SECRET2',
      apps: '1',
      basicAuthPassword: 'SECRETBASIC',
    });
    expect(JSON.stringify(problems)).not.toMatch(/SECRET/);
  });
});
