/**
 * The connection test an administrator runs with "Create & Test": real calls, step by
 * step, each reported in words that say what to fix — the address (DNS, not a Kintone
 * domain, TLS, client certificate), the credentials, the guest space, and read access to
 * every published app.
 */
import type {
  ConnectionTestReport,
  ConnectionTestStep,
  ExecutionContext,
} from '../../connector.js';
import { KintoneApiError } from '../http/kintone-api-error.js';
import type { KintoneClient } from '../http/kintone-client.js';
import type { KintoneApp } from '../schema/kintone-field-property.js';
import type { KintoneConnectionConfig } from '../settings/kintone-settings.js';

export interface ConnectionTestTarget {
  readonly config: KintoneConnectionConfig;
  fetchApps(context: ExecutionContext): Promise<KintoneApp[]>;
  fetchApp(appId: number, context: ExecutionContext): Promise<KintoneApp>;
  fetchForm(appId: number, context: ExecutionContext): Promise<unknown>;
  readonly client: Pick<KintoneClient, 'call'>;
}

const tlsCodes = /CERT|SSL|TLS|EPROTO|ECONNRESET/;

/** What a failed call means for an administrator. */
export function explainFailure(error: unknown, config: KintoneConnectionConfig): string {
  if (!(error instanceof KintoneApiError))
    return error instanceof Error ? error.message : String(error);
  const code = error.code ?? '';
  const host = new URL(config.baseUrl).host;
  if (!error.answered) {
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      return `The host name ${host} does not exist (DNS): check the URL.`;
    if (code === 'ECONNREFUSED')
      return `Nothing answers at ${config.baseUrl}: check the URL and the port.`;
    if (code === 'ETIMEDOUT') return `${config.baseUrl} did not answer in time.`;
    if (
      /ALERT_(CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN)/.test(
        code,
      )
    )
      return config.clientCertificate === undefined
        ? `${host} requires a client certificate (${code}): add the certificate to the connection.`
        : `${host} refused the client certificate (${code}): check that it is the one issued for this domain and still valid.`;
    if (/CERT|UNABLE_TO_VERIFY/.test(code))
      return `The server's certificate is not trusted (${code}): check the URL, or add the certificate authority.`;
    if (tlsCodes.test(code) || /certificate|handshake|alert/i.test(error.message))
      return config.clientCertificate === undefined
        ? `The TLS connection to ${host} was refused (${code || error.message}): the domain may require a client certificate.`
        : `The TLS connection to ${host} was refused (${code || error.message}): the client certificate was not accepted.`;
    return `${config.baseUrl} could not be reached (${code || error.message}).`;
  }
  if (error.status === 200)
    return `${config.baseUrl} answered, but not like Kintone: check the URL.`;
  if (error.code === undefined) {
    if (error.status === 401 && config.basicAuth === undefined)
      return 'The domain asks for Basic authentication: enter its user and password.';
    if (error.status === 401) return 'The Basic authentication user or password is wrong.';
    if (error.status === 403 && config.clientCertificate === undefined)
      return 'Access was refused before Kintone (HTTP 403): the domain may require a client certificate or an allowed IP address.';
    if (error.status === 404)
      return `${config.baseUrl} has no Kintone REST API (HTTP 404): check the URL.`;
    return `${config.baseUrl} answered HTTP ${error.status}, not like Kintone: check the URL.`;
  }
  switch (code) {
    case 'CB_WA01':
      return 'Kintone refused the login name or password.';
    case 'CB_AU01':
      return 'Kintone received no valid credentials.';
    case 'CB_TW02':
      return 'The user has two-factor authentication: use API tokens or a user without it.';
    case 'GAIA_IA02':
      return 'Kintone refused an API token: it is wrong, or it belongs to another app.';
    case 'GAIA_NO01':
      return 'An API token lacks the permission this needs (view records, or the app settings read).';
    case 'CB_NO02':
      return config.guestSpaceId === undefined
        ? 'The user has no permission for this.'
        : `No permission: the app may not be in guest space ${config.guestSpaceId}, or the user is not a member.`;
    case 'GAIA_IL23':
      return 'The app is in a guest space: set the guest space ID.';
    case 'GAIA_AP01':
      return 'The app does not exist (or was deleted).';
    default:
      return `Kintone answered ${code}: ${error.body?.message ?? error.message}`;
  }
}

export async function runConnectionTest(
  target: ConnectionTestTarget,
  context: ExecutionContext,
): Promise<ConnectionTestReport> {
  const steps: ConnectionTestStep[] = [];
  const config = target.config;
  let apps: KintoneApp[] = [];

  // 1. The address and the credentials: list the apps (password) or read each configured app (tokens).
  try {
    if (config.appIds === undefined) {
      apps = await target.fetchApps(context);
      steps.push({
        name: 'credentials',
        ok: true,
        message: `Signed in to ${config.baseUrl} as ${config.authentication.kind === 'password' ? config.authentication.username : 'API token'}; ${apps.length} app${apps.length === 1 ? '' : 's'} visible${config.guestSpaceId === undefined ? '' : ` in guest space ${config.guestSpaceId}`}.`,
      });
    } else {
      for (const appId of config.appIds) {
        try {
          apps.push(await target.fetchApp(appId, context));
        } catch (error) {
          if (
            error instanceof KintoneApiError &&
            error.answered &&
            error.code !== undefined &&
            !['CB_WA01', 'CB_AU01', 'CB_TW02'].includes(error.code)
          ) {
            steps.push({
              name: `app ${appId}`,
              ok: false,
              message: `App ${appId}: ${explainFailure(error, config)}`,
            });
            continue;
          }
          throw error;
        }
      }
      steps.push({
        name: 'credentials',
        ok: true,
        message: `Connected to ${config.baseUrl}; ${apps.length} of ${config.appIds.length} configured app${config.appIds.length === 1 ? '' : 's'} readable.`,
      });
    }
  } catch (error) {
    steps.push({ name: 'credentials', ok: false, message: explainFailure(error, config) });
    return { ok: false, steps };
  }

  // 2. Each app: its fields (schema) and its records (view permission).
  for (const app of apps) {
    const appId = Number(app.appId);
    try {
      await target.fetchForm(appId, context);
      await target.client.call(
        {
          method: 'GET',
          api: 'records',
          parameters: { app: appId, fields: ['$id'], query: 'limit 1' },
          changesData: false,
          target: `app ${appId}`,
        },
        context,
      );
      steps.push({
        name: `app ${appId}`,
        ok: true,
        message: `App ${appId} "${app.name}": fields and records readable.`,
      });
    } catch (error) {
      steps.push({
        name: `app ${appId}`,
        ok: false,
        message: `App ${appId} "${app.name}": ${explainFailure(error, config)}`,
      });
    }
  }
  if (apps.length === 0) {
    steps.push({
      name: 'apps',
      ok: config.appIds === undefined,
      message:
        config.appIds === undefined
          ? 'No app is visible to this user.'
          : 'None of the configured apps is readable.',
    });
  }
  return { ok: steps.every((step) => step.ok), steps };
}
