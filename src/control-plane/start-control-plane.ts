/**
 * Start-up from configuration, for `tsunagi serve` / `tsunagi demo`: opens the store
 * (TSUNAGI_STORE_URL or the SQLite file in the data directory, migrating it), loads the
 * master key (TSUNAGI_SECRET_KEY or the key file, created on first start) and opens the
 * control plane, which refuses a key that cannot decrypt the store (TSG504). On failure
 * the store is closed again.
 */
import { mkdirSync } from 'node:fs';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import type { AttemptLimiterFactory } from './attempt-limiter.js';
import type { Clock } from './clock.js';
import { openControlPlane, type ControlPlane } from './control-plane.js';
import type { ConnectorRegistry } from './connector-registry.js';
import type { PasswordHashingParameters } from './password-hasher.js';
import { loadSecretKey, type LoadedSecretKey } from './secret-key-source.js';

export interface ControlPlaneConfiguration {
  readonly dataDirectory: string;
  /** TSUNAGI_STORE_URL. */
  readonly storeUrl?: string;
  /** TSUNAGI_SECRET_KEY. */
  readonly secretKey?: string;
  readonly connectors: ConnectorRegistry;
  readonly clock?: Clock;
  readonly passwordHashing?: PasswordHashingParameters;
  /** Shared failure counts (Redis on a fleet); in memory by default. */
  readonly attemptLimiters?: AttemptLimiterFactory;
}

export interface StartedControlPlane {
  readonly controlPlane: ControlPlane;
  readonly store: Store;
  readonly secretKey: LoadedSecretKey;
  /** Flushes the query log and closes the store. */
  close(): Promise<void>;
}

export async function startControlPlane(
  configuration: ControlPlaneConfiguration,
): Promise<StartedControlPlane> {
  mkdirSync(configuration.dataDirectory, { recursive: true, mode: 0o700 });
  const secretKey = loadSecretKey({
    environmentValue: configuration.secretKey,
    dataDirectory: configuration.dataDirectory,
  });
  const store = await openStore({
    dataDirectory: configuration.dataDirectory,
    ...(configuration.storeUrl === undefined ? {} : { url: configuration.storeUrl }),
  });
  try {
    const controlPlane = await openControlPlane({
      store,
      secretKeys: secretKey.key,
      connectors: configuration.connectors,
      ...(configuration.clock === undefined ? {} : { clock: configuration.clock }),
      ...(configuration.passwordHashing === undefined
        ? {}
        : { passwordHashing: configuration.passwordHashing }),
      ...(configuration.attemptLimiters === undefined
        ? {}
        : { attemptLimiters: configuration.attemptLimiters }),
    });
    return {
      controlPlane,
      store,
      secretKey,
      async close() {
        await controlPlane.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
