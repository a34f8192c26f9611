/**
 * The settings of a Kintone connection: their descriptors (from which the console builds
 * its form and the admin API validates input), their validation with messages an
 * administrator understands, and their conversion into the typed configuration the
 * connector runs with. Secrets (passwords, API tokens, the certificate) only ever live in
 * the configuration object; no message here repeats them.
 */
import type { ConnectionSettings, SettingDescriptor } from '../../connector-definition.js';

export type KintoneAuthentication =
  | { readonly kind: 'password'; readonly username: string; readonly password: string }
  | { readonly kind: 'apiToken'; readonly tokens: readonly string[] };

export type ClientCertificate =
  | { readonly kind: 'pfx'; readonly pfx: Buffer; readonly password: string | undefined }
  | {
      readonly kind: 'pem';
      readonly certificate: string;
      readonly privateKey: string;
      readonly password: string | undefined;
    };

export type MultiValueMode = 'delimited' | 'collection';

/** Options that change how apps are published and queried. */
export interface KintoneSchemaOptions {
  /** TIME as Edm.String "HH:MM" (Salesforce rejects Edm.TimeOfDay). */
  readonly salesforceMode: boolean;
  /** NUMBER and numeric CALC as Edm.Double instead of Edm.Decimal. */
  readonly numbersAsDouble: boolean;
  /** Multi-value fields as one delimited string, or as Collection(Edm.String). */
  readonly multiValueMode: MultiValueMode;
  readonly multiValueDelimiter: string;
  /** MaxLength of single-line text and link fields that set no maximum themselves. */
  readonly defaultTextLength: number;
  /** Map contains() to Kintone's word search `like`, knowing that it is not a substring match. */
  readonly containsAsLike: boolean;
}

export interface KintoneConnectionConfig {
  /** Origin of the domain, e.g. "https://example.cybozu.com" (no trailing slash). */
  readonly baseUrl: string;
  readonly guestSpaceId: number | undefined;
  readonly authentication: KintoneAuthentication;
  readonly basicAuth: { readonly username: string; readonly password: string } | undefined;
  readonly clientCertificate: ClientCertificate | undefined;
  /** Extra certificate authority to trust (PEM), for private or test servers. */
  readonly certificateAuthority: string | undefined;
  /** App ids to publish; undefined: every app the credentials can see. */
  readonly appIds: readonly number[] | undefined;
  readonly timeoutMs: number;
  /** Records per Kintone call (1-500). */
  readonly pageSize: number;
  readonly readOnly: boolean;
  /** Updates and deletes must carry If-Match. */
  readonly requireIfMatch: boolean;
  /** Kintone calls this connection makes at the same time, at most. */
  readonly maxConcurrentRequests: number;
  readonly schema: KintoneSchemaOptions;
}

const authenticationChoices = [
  { value: 'password', label: 'User name and password' },
  { value: 'apiToken', label: 'API token(s)' },
] as const;

export const kintoneSettingDescriptors: readonly SettingDescriptor[] = [
  {
    name: 'url',
    label: 'Kintone URL',
    type: 'url',
    required: true,
    placeholder: 'https://example.cybozu.com',
    help: 'The address of your Kintone domain. With a client certificate use the ".s." address (https://example.s.cybozu.com).',
  },
  {
    name: 'guestSpaceId',
    label: 'Guest space ID',
    type: 'integer',
    required: false,
    minimum: 1,
    help: 'Only for apps inside a guest space: the number in the guest space address (/k/guest/<ID>/...).',
  },
  {
    name: 'authentication',
    label: 'Authentication',
    type: 'choice',
    required: true,
    defaultValue: 'password',
    choices: authenticationChoices,
  },
  {
    name: 'username',
    label: 'Login name',
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
    name: 'apiTokens',
    label: 'API tokens',
    type: 'secret',
    required: true,
    showWhen: { setting: 'authentication', values: ['apiToken'] },
    help: 'One token per app, separated by commas (at most 9). Give each token the permissions the gateway may use (view, add, edit, delete).',
  },
  {
    name: 'apps',
    label: 'App IDs',
    type: 'string',
    required: false,
    placeholder: '12, 15, 31',
    help: 'Comma-separated app IDs to publish. Required with API tokens (a token does not say which app it belongs to); with a password, leave empty to offer every app the user can see.',
  },
  {
    name: 'basicAuthUsername',
    label: 'Basic authentication user',
    type: 'string',
    required: false,
    help: 'Only if the domain has Basic authentication enabled (in addition to the login above).',
  },
  {
    name: 'basicAuthPassword',
    label: 'Basic authentication password',
    type: 'secret',
    required: false,
  },
  {
    name: 'clientCertificate',
    label: 'Client certificate',
    type: 'file',
    required: false,
    help: 'Only if the domain requires a client certificate: the PFX/P12 file (base64-encoded) or a PEM file holding the certificate and its private key.',
  },
  {
    name: 'clientCertificatePassword',
    label: 'Client certificate password',
    type: 'secret',
    required: false,
  },
  {
    name: 'certificateAuthority',
    label: 'Trusted certificate authority',
    type: 'file',
    required: false,
    help: 'PEM certificate of a private certificate authority that signed the server certificate (on-premise proxies, test servers). Not needed for cybozu.com.',
  },
  {
    name: 'timeoutSeconds',
    label: 'Timeout (seconds)',
    type: 'integer',
    required: false,
    defaultValue: 30,
    minimum: 1,
    maximum: 120,
    help: 'How long one Kintone call may take before it is abandoned (a request may still be cut shorter by its own deadline).',
  },
  {
    name: 'pageSize',
    label: 'Records per call',
    type: 'integer',
    required: false,
    defaultValue: 500,
    minimum: 1,
    maximum: 500,
  },
  {
    name: 'maxConcurrentRequests',
    label: 'Concurrent calls',
    type: 'integer',
    required: false,
    defaultValue: 10,
    minimum: 1,
    maximum: 50,
    help: 'Kintone allows 100 concurrent calls per domain, shared by every integration.',
  },
  {
    name: 'readOnly',
    label: 'Read only',
    type: 'boolean',
    required: false,
    defaultValue: false,
    help: 'Publish the apps without insert, update or delete.',
  },
  {
    name: 'requireIfMatch',
    label: 'Require ETags on changes',
    type: 'boolean',
    required: false,
    defaultValue: false,
    help: "Refuse updates and deletes that do not carry If-Match with the record's ETag (HTTP 428), so that nobody overwrites a change they have not seen. Salesforce sends no If-Match: leave this off for Salesforce Connect.",
  },
  {
    name: 'salesforceMode',
    label: 'Salesforce compatibility',
    type: 'boolean',
    required: false,
    defaultValue: false,
    help: 'Publish time fields as text "HH:MM" (Salesforce Connect rejects Edm.TimeOfDay).',
  },
  {
    name: 'numbersAsDouble',
    label: 'Numbers as floating point',
    type: 'boolean',
    required: false,
    defaultValue: false,
    help: 'Publish number fields as Edm.Double instead of Edm.Decimal.',
  },
  {
    name: 'multiValueMode',
    label: 'Multi-value fields',
    type: 'choice',
    required: false,
    defaultValue: 'delimited',
    choices: [
      { value: 'delimited', label: 'One text value, items separated by the delimiter' },
      { value: 'collection', label: 'A collection of texts (not usable from Salesforce)' },
    ],
  },
  {
    name: 'multiValueDelimiter',
    label: 'Multi-value delimiter',
    type: 'string',
    required: false,
    defaultValue: ';',
    showWhen: { setting: 'multiValueMode', values: ['delimited'] },
  },
  {
    name: 'defaultTextLength',
    label: 'Default text length',
    type: 'integer',
    required: false,
    defaultValue: 255,
    minimum: 1,
    maximum: 131072,
    help: 'MaxLength published for single-line text fields that set no maximum (Salesforce: up to 255 is a filterable text field, more a long text area).',
  },
  {
    name: 'containsAsLike',
    label: 'contains() as Kintone word search',
    type: 'boolean',
    required: false,
    defaultValue: false,
    help: 'Let Kintone answer contains() with its word search (like). Faster, but "key" no longer finds "keyword": results follow Kintone, not OData.',
  },
];

export interface SettingProblem {
  readonly setting: string;
  readonly message: string;
}

type Reader = {
  string(name: string): string | undefined;
  integer(name: string, fallback: number, minimum: number, maximum: number): number;
  optionalInteger(name: string, minimum: number): number | undefined;
  boolean(name: string, fallback: boolean): boolean;
};

function settingsReader(settings: ConnectionSettings, problems: SettingProblem[]): Reader {
  const label = (name: string): string =>
    kintoneSettingDescriptors.find((descriptor) => descriptor.name === name)?.label ?? name;
  return {
    string(name) {
      const value = settings[name];
      if (value === undefined || value === null) return undefined;
      const text = String(value).trim();
      return text === '' ? undefined : text;
    },
    integer(name, fallback, minimum, maximum) {
      const value = this.optionalInteger(name, minimum);
      if (value === undefined) return fallback;
      if (value > maximum) {
        problems.push({ setting: name, message: `${label(name)} must be at most ${maximum}.` });
        return fallback;
      }
      return value;
    },
    optionalInteger(name, minimum) {
      const raw = settings[name];
      if (raw === undefined || raw === null || raw === '') return undefined;
      const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isSafeInteger(value)) {
        problems.push({ setting: name, message: `${label(name)} must be a whole number.` });
        return undefined;
      }
      if (value < minimum) {
        problems.push({ setting: name, message: `${label(name)} must be at least ${minimum}.` });
        return undefined;
      }
      return value;
    },
    boolean(name, fallback) {
      const raw = settings[name];
      if (raw === undefined || raw === null || raw === '') return fallback;
      if (typeof raw === 'boolean') return raw;
      const text = String(raw).trim().toLowerCase();
      if (text === 'true') return true;
      if (text === 'false') return false;
      problems.push({ setting: name, message: `${label(name)} must be true or false.` });
      return fallback;
    },
  };
}

/** Hosts of Kintone's cloud that have a separate ".s." host for client certificates. */
const cloudHost = /^([a-z0-9-]+)\.(cybozu\.com|kintone\.com|cybozu\.cn)$/i;

function checkUrl(text: string | undefined, problems: SettingProblem[]): URL | undefined {
  if (text === undefined) {
    problems.push({ setting: 'url', message: 'Enter the address of the Kintone domain.' });
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push({
      setting: 'url',
      message: `"${text}" is not a web address; expected something like https://example.cybozu.com.`,
    });
    return undefined;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && url.hostname === 'localhost')) {
    problems.push({
      setting: 'url',
      message:
        url.protocol === 'http:'
          ? 'The address must start with https:// (plain http is allowed only for localhost).'
          : `The address must start with https://, not ${url.protocol}//.`,
    });
    return undefined;
  }
  if (url.username !== '' || url.password !== '') {
    problems.push({
      setting: 'url',
      message: 'Do not put credentials in the address; use the authentication settings.',
    });
    return undefined;
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    problems.push({
      setting: 'url',
      message: `Enter only the domain address (${url.origin}), without a path such as ${url.pathname}${url.search}.`,
    });
    return undefined;
  }
  return url;
}

const tokenPattern = /^[A-Za-z0-9]+$/;

function checkTokens(text: string | undefined, problems: SettingProblem[]): string[] {
  if (text === undefined) {
    problems.push({ setting: 'apiTokens', message: 'Enter at least one API token.' });
    return [];
  }
  const tokens = text
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
  if (tokens.length === 0) {
    problems.push({ setting: 'apiTokens', message: 'Enter at least one API token.' });
  } else if (tokens.length > 9) {
    problems.push({
      setting: 'apiTokens',
      message: `Kintone accepts at most 9 API tokens per call; ${tokens.length} were given.`,
    });
  } else if (tokens.some((token) => !tokenPattern.test(token))) {
    const position = tokens.findIndex((token) => !tokenPattern.test(token)) + 1;
    problems.push({
      setting: 'apiTokens',
      message: `API token number ${position} contains characters other than letters and digits; copy it again from the app settings.`,
    });
  } else if (new Set(tokens).size !== tokens.length) {
    problems.push({ setting: 'apiTokens', message: 'The same API token is listed twice.' });
  }
  return tokens;
}

function checkAppIds(text: string | undefined, problems: SettingProblem[]): number[] | undefined {
  if (text === undefined) return undefined;
  const ids: number[] = [];
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const id = Number(item);
    if (!/^\d+$/.test(item) || !Number.isSafeInteger(id) || id < 1) {
      problems.push({
        setting: 'apps',
        message: `"${item}" is not an app ID; app IDs are positive whole numbers (the number after /k/ in the app's address).`,
      });
      return undefined;
    }
    if (!ids.includes(id)) ids.push(id);
  }
  return ids.length === 0 ? undefined : ids;
}

/** The bytes of a `file` setting: PEM text as is, binary files base64-encoded (optionally as a data URL). */
function fileText(value: string): { pem: string } | { bytes: Buffer } | undefined {
  if (value.includes('-----BEGIN ')) return { pem: value };
  const base64 = value.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return undefined;
  const bytes = Buffer.from(base64, 'base64');
  return bytes.length === 0 ? undefined : { bytes };
}

function checkClientCertificate(
  text: string | undefined,
  password: string | undefined,
  problems: SettingProblem[],
): ClientCertificate | undefined {
  if (text === undefined) {
    if (password !== undefined) {
      problems.push({
        setting: 'clientCertificatePassword',
        message: 'A certificate password was given without a client certificate.',
      });
    }
    return undefined;
  }
  const content = fileText(text);
  if (content === undefined) {
    problems.push({
      setting: 'clientCertificate',
      message: 'The client certificate is neither a PEM file nor a base64-encoded PFX/P12 file.',
    });
    return undefined;
  }
  if ('bytes' in content) return { kind: 'pfx', pfx: content.bytes, password };
  const certificates = content.pem.match(
    /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g,
  );
  const privateKey = content.pem.match(
    /-----BEGIN (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----/,
  );
  if (certificates === null || privateKey === null) {
    problems.push({
      setting: 'clientCertificate',
      message: `The PEM file must hold both the certificate and its private key; the ${certificates === null ? 'certificate' : 'private key'} is missing.`,
    });
    return undefined;
  }
  return {
    kind: 'pem',
    certificate: certificates.join('\n'),
    privateKey: privateKey[0],
    password,
  };
}

/** Validates settings and builds the configuration; `config` is undefined when a problem was found. */
export function parseKintoneSettings(settings: ConnectionSettings): {
  readonly config: KintoneConnectionConfig | undefined;
  readonly problems: readonly SettingProblem[];
} {
  const problems: SettingProblem[] = [];
  const read = settingsReader(settings, problems);

  const url = checkUrl(read.string('url'), problems);
  const guestSpaceId = read.optionalInteger('guestSpaceId', 1);

  const authenticationKind = read.string('authentication') ?? 'password';
  let authentication: KintoneAuthentication | undefined;
  if (authenticationKind === 'password') {
    const username = read.string('username');
    const password = settings['password'] === undefined ? undefined : String(settings['password']);
    if (username === undefined)
      problems.push({ setting: 'username', message: 'Enter the Kintone login name.' });
    if (password === undefined || password === '')
      problems.push({ setting: 'password', message: 'Enter the password of the Kintone user.' });
    if (username !== undefined && password !== undefined && password !== '')
      authentication = { kind: 'password', username, password };
  } else if (authenticationKind === 'apiToken') {
    const tokens = checkTokens(read.string('apiTokens'), problems);
    if (tokens.length > 0) authentication = { kind: 'apiToken', tokens };
  } else {
    problems.push({
      setting: 'authentication',
      message: `Authentication must be "password" or "apiToken", not "${authenticationKind}".`,
    });
  }

  const appIds = checkAppIds(read.string('apps'), problems);
  if (
    authenticationKind === 'apiToken' &&
    appIds === undefined &&
    problems.every((p) => p.setting !== 'apps')
  ) {
    problems.push({
      setting: 'apps',
      message:
        'With API tokens, list the IDs of the apps the tokens belong to: Kintone does not tell which app a token is for.',
    });
  }

  const basicUser = read.string('basicAuthUsername');
  const basicPasswordRaw = settings['basicAuthPassword'];
  const basicPassword =
    basicPasswordRaw === undefined || basicPasswordRaw === ''
      ? undefined
      : String(basicPasswordRaw);
  let basicAuth: KintoneConnectionConfig['basicAuth'];
  if (basicUser !== undefined && basicPassword !== undefined) {
    if (basicUser.includes(':')) {
      problems.push({
        setting: 'basicAuthUsername',
        message: 'The Basic authentication user name cannot contain ":".',
      });
    } else basicAuth = { username: basicUser, password: basicPassword };
  } else if (basicUser !== undefined) {
    problems.push({
      setting: 'basicAuthPassword',
      message: 'Enter the Basic authentication password, or clear the Basic authentication user.',
    });
  } else if (basicPassword !== undefined) {
    problems.push({
      setting: 'basicAuthUsername',
      message: 'Enter the Basic authentication user, or clear the Basic authentication password.',
    });
  }

  const certificatePasswordRaw = settings['clientCertificatePassword'];
  const clientCertificate = checkClientCertificate(
    read.string('clientCertificate'),
    certificatePasswordRaw === undefined || certificatePasswordRaw === ''
      ? undefined
      : String(certificatePasswordRaw),
    problems,
  );
  if (clientCertificate !== undefined && url !== undefined) {
    if (url.protocol !== 'https:') {
      problems.push({
        setting: 'clientCertificate',
        message: 'A client certificate needs an https:// address.',
      });
    } else {
      const cloud = cloudHost.exec(url.hostname);
      if (cloud !== null) {
        problems.push({
          setting: 'url',
          message: `With a client certificate, Kintone is reached at https://${cloud[1]}.s.${cloud[2]}.`,
        });
      }
    }
  }
  const authorityText = read.string('certificateAuthority');
  let certificateAuthority: string | undefined;
  if (authorityText !== undefined) {
    if (!authorityText.includes('-----BEGIN CERTIFICATE-----')) {
      problems.push({
        setting: 'certificateAuthority',
        message:
          'The trusted certificate authority must be a PEM certificate (-----BEGIN CERTIFICATE-----).',
      });
    } else certificateAuthority = authorityText;
  }

  const timeoutSeconds = read.integer('timeoutSeconds', 30, 1, 120);
  const pageSize = read.integer('pageSize', 500, 1, 500);
  const maxConcurrentRequests = read.integer('maxConcurrentRequests', 10, 1, 50);
  const readOnly = read.boolean('readOnly', false);
  const requireIfMatch = read.boolean('requireIfMatch', false);

  const multiValueModeText = read.string('multiValueMode') ?? 'delimited';
  let multiValueMode: MultiValueMode = 'delimited';
  if (multiValueModeText === 'collection') multiValueMode = 'collection';
  else if (multiValueModeText !== 'delimited') {
    problems.push({
      setting: 'multiValueMode',
      message: `Multi-value fields must be "delimited" or "collection", not "${multiValueModeText}".`,
    });
  }
  const delimiterRaw = settings['multiValueDelimiter'];
  const multiValueDelimiter =
    delimiterRaw === undefined || delimiterRaw === '' ? ';' : String(delimiterRaw);
  if (multiValueDelimiter.trim() === '' || multiValueDelimiter.length > 5) {
    problems.push({
      setting: 'multiValueDelimiter',
      message: 'The delimiter must be 1 to 5 characters and not only spaces.',
    });
  }

  const schema: KintoneSchemaOptions = {
    salesforceMode: read.boolean('salesforceMode', false),
    numbersAsDouble: read.boolean('numbersAsDouble', false),
    multiValueMode,
    multiValueDelimiter,
    defaultTextLength: read.integer('defaultTextLength', 255, 1, 131072),
    containsAsLike: read.boolean('containsAsLike', false),
  };

  if (problems.length > 0 || url === undefined || authentication === undefined) {
    return { config: undefined, problems };
  }
  return {
    config: {
      baseUrl: url.origin,
      guestSpaceId,
      authentication,
      basicAuth,
      clientCertificate,
      certificateAuthority,
      appIds,
      timeoutMs: timeoutSeconds * 1000,
      pageSize,
      readOnly,
      requireIfMatch,
      maxConcurrentRequests,
      schema,
    },
    problems,
  };
}
