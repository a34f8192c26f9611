/**
 * Helpers for the emulator's HTTP tests: start an emulator on a free port, an official
 * client authenticated as the administrator, raw requests with fetch, and app creation
 * through the app administration API (as real Kintone requires).
 */
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import {
  startKintoneEmulator,
  type KintoneEmulatorOptions,
  type RunningKintoneEmulator,
} from '../index.js';

export interface TestEmulator {
  readonly emulator: RunningKintoneEmulator;
  /** The official client, as the administrator. */
  readonly client: KintoneRestAPIClient;
  /** `X-Cybozu-Authorization` of the administrator. */
  readonly adminAuthorization: string;
  /** A raw request; JSON bodies are serialised. */
  request(method: string, path: string, options?: RawRequestOptions): Promise<RawResponse>;
}

export interface RawRequestOptions {
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Send no credential (default: the administrator's password). */
  readonly anonymous?: boolean;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body (undefined when the body is not JSON). */
  readonly json: Record<string, unknown> | undefined;
}

export function passwordAuthorization(login: string, password: string): string {
  return Buffer.from(`${login}:${password}`).toString('base64');
}

export async function startTestEmulator(
  options: KintoneEmulatorOptions = {},
): Promise<TestEmulator> {
  const emulator = await startKintoneEmulator({ seed: 'none', ...options });
  const adminAuthorization = passwordAuthorization(emulator.adminUser, emulator.adminPassword);
  const client = new KintoneRestAPIClient({
    baseUrl: emulator.url,
    auth: { username: emulator.adminUser, password: emulator.adminPassword },
  });
  return {
    emulator,
    client,
    adminAuthorization,
    async request(method, path, requestOptions = {}) {
      const headers: Record<string, string> = { ...requestOptions.headers };
      if (requestOptions.anonymous !== true)
        headers['X-Cybozu-Authorization'] ??= adminAuthorization;
      let body: string | undefined;
      if (requestOptions.body !== undefined) {
        body =
          typeof requestOptions.body === 'string'
            ? requestOptions.body
            : JSON.stringify(requestOptions.body);
        headers['Content-Type'] ??= 'application/json';
      }
      const response = await fetch(`${emulator.url}${path}`, { method, headers, body });
      const text = await response.text();
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, text, json };
    },
  };
}

type AddFormFieldsProperties = Parameters<
  KintoneRestAPIClient['app']['addFormFields']
>[0]['properties'];

export interface TestAppOptions {
  readonly space?: number;
  readonly processManagement?: Parameters<
    KintoneRestAPIClient['app']['updateProcessManagement']
  >[0];
}

/** Creates and deploys an app through the app administration API; returns its id. */
export async function createTestApp(
  client: KintoneRestAPIClient,
  name: string,
  properties: Record<string, unknown>,
  options: TestAppOptions = {},
): Promise<number> {
  const { app } = await client.app.addApp({
    name,
    ...(options.space === undefined ? {} : { space: options.space }),
  });
  if (Object.keys(properties).length > 0) {
    await client.app.addFormFields({ app, properties: properties as AddFormFieldsProperties });
  }
  if (options.processManagement !== undefined) {
    await client.app.updateProcessManagement({ ...options.processManagement, app });
  }
  await client.app.deployApp({ apps: [{ app }] });
  for (;;) {
    const { apps } = await client.app.getDeployStatus({ apps: [app] });
    if (apps[0]?.status === 'SUCCESS') break;
    if (apps[0]?.status === 'FAIL') throw new Error(`Deploying app ${app} failed.`);
  }
  return Number(app);
}

/** Options of a selection field. */
export function options(
  values: readonly string[],
): Record<string, { label: string; index: string }> {
  return Object.fromEntries(
    values.map((value, index) => [value, { label: value, index: String(index) }]),
  );
}
