/**
 * Test support: loads the Kintone emulator (src/kintone-emulator/) for the connector's
 * integration tests and benchmark, typed by the small part of its API they use. Loading
 * by path keeps the connector's suites compiling on branches where the emulator has not
 * landed; those suites are then skipped.
 */

export interface EmulatorTlsOptions {
  readonly certificate: string | Buffer;
  readonly privateKey: string | Buffer;
  readonly clientCa?: string | Buffer;
  readonly requireClientCertificate?: boolean;
}

export interface EmulatorOptions {
  readonly seed?: string;
  readonly records?: number;
  readonly tls?: EmulatorTlsOptions;
  readonly faults?: Readonly<Record<string, number>>;
}

export interface SeededApp {
  readonly id: number;
  readonly name: string;
  readonly code: string;
  readonly spaceId: string | null;
  readonly apiTokens: readonly string[];
  readonly recordCount: number;
}

export interface RunningEmulator {
  readonly url: string;
  readonly adminUser: string;
  readonly adminPassword: string;
  readonly seedResult: { readonly apps: readonly SeededApp[] } | undefined;
  setFaults(changes: Readonly<Record<string, number>>): unknown;
  close(): Promise<void>;
}

export interface TestCertificates {
  readonly ca: { readonly certificate: string; readonly privateKey: string };
  readonly server: { readonly certificate: string; readonly privateKey: string };
  readonly client: {
    readonly certificate: string;
    readonly privateKey: string;
    readonly pfx: Buffer;
    readonly password: string;
  };
}

export interface KintoneEmulatorApi {
  startKintoneEmulator(options?: EmulatorOptions): Promise<RunningEmulator>;
  createTestCertificates(): Promise<TestCertificates>;
}

/** Where the emulator's modules are (an environment variable may point at another checkout). */
const emulatorDirectory =
  process.env['TSUNAGI_KINTONE_EMULATOR_DIRECTORY'] ?? '../../../kintone-emulator';

/** The emulator's API, or undefined when this checkout has no emulator. */
export async function loadKintoneEmulator(): Promise<KintoneEmulatorApi | undefined> {
  try {
    const start = (await import(`${emulatorDirectory}/start-kintone-emulator.js`)) as Pick<
      KintoneEmulatorApi,
      'startKintoneEmulator'
    >;
    const certificates = (await import(`${emulatorDirectory}/tls/test-certificates.js`)) as Pick<
      KintoneEmulatorApi,
      'createTestCertificates'
    >;
    return {
      startKintoneEmulator: start.startKintoneEmulator,
      createTestCertificates: certificates.createTestCertificates,
    };
  } catch (error) {
    if (
      error instanceof Error &&
      /Cannot find module|ERR_MODULE_NOT_FOUND|Failed to load/.test(
        `${error.message} ${String((error as { code?: unknown }).code)}`,
      )
    )
      return undefined;
    throw error;
  }
}
