// The generated connection form's values: defaults, showWhen, checks before sending, and
// what is sent for new and stored connections (secrets kept as the mask, cleared as null).
import { describe, expect, it } from 'vitest';
import type { Connection, SettingDescriptor } from '../api/api-types';
import {
  checkSettings,
  initialForm,
  isVisible,
  readSettingFile,
  secretMask,
  settingsToSend,
  type SettingsForm,
} from './setting-values';

const descriptors: readonly SettingDescriptor[] = [
  { name: 'url', label: 'URL', type: 'url', required: true },
  {
    name: 'guestSpaceId',
    label: 'Guest space',
    type: 'integer',
    required: false,
    minimum: 1,
    maximum: 999,
  },
  {
    name: 'authentication',
    label: 'Authentication',
    type: 'choice',
    required: true,
    defaultValue: 'password',
    choices: [
      { value: 'password', label: 'Password' },
      { value: 'apiToken', label: 'API token' },
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
  { name: 'certificate', label: 'Certificate', type: 'file', required: false },
  { name: 'verifyTls', label: 'Verify TLS', type: 'boolean', required: false, defaultValue: true },
];

const stored: Connection = {
  id: 'c1',
  name: 'Kintone',
  kind: 'fake',
  description: '',
  settings: {
    url: 'https://example.cybozu.com',
    guestSpaceId: 7,
    authentication: 'password',
    username: 'ada',
    password: secretMask,
    certificate: secretMask,
    verifyTls: false,
  },
  secrets: {
    password: { hasValue: true },
    apiToken: { hasValue: false },
    certificate: { hasValue: true },
  },
  lastTest: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

function withValues(form: SettingsForm, values: Record<string, string | boolean>): SettingsForm {
  return { ...form, values: { ...form.values, ...values } };
}

describe('initialForm', () => {
  it('starts a new connection with the defaults and empty secrets', () => {
    expect(initialForm(descriptors).values).toEqual({
      url: '',
      guestSpaceId: '',
      authentication: 'password',
      username: '',
      password: '',
      apiToken: '',
      certificate: '',
      verifyTls: true,
    });
  });

  it("shows a stored connection's values but never its secrets", () => {
    const values = initialForm(descriptors, stored).values;
    expect(values).toMatchObject({
      url: 'https://example.cybozu.com',
      guestSpaceId: '7',
      username: 'ada',
      verifyTls: false,
    });
    expect(values['password']).toBe('');
    expect(values['certificate']).toBe('');
  });
});

describe('isVisible', () => {
  it.each([
    ['password', 'username', true],
    ['password', 'apiToken', false],
    ['apiToken', 'apiToken', true],
    ['apiToken', 'password', false],
    ['apiToken', 'url', true],
  ])('with authentication %s, %s is visible: %s', (authentication, name, visible) => {
    const descriptor = descriptors.find((candidate) => candidate.name === name);
    if (descriptor === undefined) throw new Error(name);
    expect(isVisible(descriptor, { authentication })).toBe(visible);
  });
});

describe('checkSettings', () => {
  it('names every visible required setting that is empty, and only those', () => {
    const form = withValues(initialForm(descriptors), { authentication: 'apiToken' });
    expect(checkSettings(descriptors, form, undefined)).toEqual({
      url: 'URL is required.',
      apiToken: 'API token is required.',
    });
  });

  it.each([
    ['url', 'example.com', 'URL must be a web address such as https://example.cybozu.com.'],
    ['url', 'ftp://example.com', 'URL must be a web address such as https://example.cybozu.com.'],
    ['guestSpaceId', '1.5', 'Guest space must be a whole number.'],
    ['guestSpaceId', '0', 'Guest space must be at least 1.'],
    ['guestSpaceId', '1000', 'Guest space must be at most 999.'],
  ])('refuses %s = %s', (name, value, message) => {
    const form = withValues(initialForm(descriptors), {
      url: 'https://example.com',
      username: 'ada',
      password: 'secret',
      [name]: value,
    });
    expect(checkSettings(descriptors, form, undefined)).toEqual({ [name]: message });
  });

  it('accepts an empty secret of a stored connection that has one', () => {
    expect(checkSettings(descriptors, initialForm(descriptors, stored), stored)).toEqual({});
  });

  it('requires the secret again once the user removed the saved one', () => {
    const form = { ...initialForm(descriptors, stored), cleared: new Set(['password']) };
    expect(checkSettings(descriptors, form, stored)).toEqual({ password: 'Password is required.' });
  });
});

describe('settingsToSend', () => {
  it('sends the visible settings of a new connection with their types', () => {
    const form = withValues(initialForm(descriptors), {
      url: ' https://example.com ',
      guestSpaceId: '12',
      username: 'ada',
      password: ' pass word ',
      apiToken: 'hidden because of the choice',
    });
    expect(settingsToSend(descriptors, form, undefined)).toEqual({
      url: 'https://example.com',
      guestSpaceId: 12,
      authentication: 'password',
      username: 'ada',
      password: ' pass word ',
      verifyTls: true,
    });
  });

  it('keeps stored secrets with the mask and clears emptied values with null', () => {
    const form = withValues(initialForm(descriptors, stored), { guestSpaceId: '' });
    expect(settingsToSend(descriptors, form, stored)).toEqual({
      url: 'https://example.cybozu.com',
      guestSpaceId: null,
      authentication: 'password',
      username: 'ada',
      password: secretMask,
      certificate: secretMask,
      verifyTls: false,
    });
  });

  it('replaces a secret that was typed, removes one that was cleared, sends a chosen file', () => {
    const form: SettingsForm = {
      ...withValues(initialForm(descriptors, stored), { password: 'new password' }),
      cleared: new Set(['certificate']),
    };
    expect(settingsToSend(descriptors, form, stored)).toMatchObject({
      password: 'new password',
      certificate: null,
    });
    const withFile: SettingsForm = {
      ...form,
      files: { certificate: { fileName: 'client.pem', content: '-----BEGIN CERTIFICATE-----' } },
    };
    expect(settingsToSend(descriptors, withFile, stored)['certificate']).toBe(
      '-----BEGIN CERTIFICATE-----',
    );
  });
});

describe('readSettingFile', () => {
  it('keeps PEM files as text', async () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    expect(await readSettingFile(new File([pem], 'client.pem'))).toEqual({
      fileName: 'client.pem',
      content: pem,
    });
  });

  it('sends binary files (PFX) base64-encoded', async () => {
    const bytes = new Uint8Array([0x30, 0x82, 0xff, 0x00, 0xfe]);
    const value = await readSettingFile(new File([bytes], 'client.pfx'));
    expect(value.fileName).toBe('client.pfx');
    expect(Buffer.from(value.content, 'base64')).toEqual(Buffer.from(bytes));
  });
});
