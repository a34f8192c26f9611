/**
 * Fault injection for testing clients' retry logic: per request, with set probabilities, a
 * 429 GAIA_TO04, a 500, a non-JSON 503 maintenance page or a dropped connection, plus added
 * latency (fixed + jitter) and the domain's concurrency limit. Decisions come from a seeded
 * generator, so the same seed and request sequence give the same faults.
 */
import { SeededRandom } from '../support/seeded-random.js';

export interface FaultSettings {
  /** Seed of the generator; changing the settings restarts the sequence. */
  readonly seed: number;
  /** Probability (0–1) of answering 429 GAIA_TO04. */
  readonly rateLimitProbability: number;
  /** Probability of answering 500 with a JSON error body. */
  readonly serverErrorProbability: number;
  /** Probability of answering 503 with an HTML maintenance page. */
  readonly maintenanceProbability: number;
  /** Probability of destroying the connection without an answer. */
  readonly dropConnectionProbability: number;
  /** Added to every request. */
  readonly latencyMilliseconds: number;
  /** Random extra latency in [0, jitter). */
  readonly latencyJitterMilliseconds: number;
  /** Concurrent requests allowed for the domain (Kintone: 100). */
  readonly concurrencyLimit: number;
}

export const noFaults: FaultSettings = {
  seed: 1,
  rateLimitProbability: 0,
  serverErrorProbability: 0,
  maintenanceProbability: 0,
  dropConnectionProbability: 0,
  latencyMilliseconds: 0,
  latencyJitterMilliseconds: 0,
  concurrencyLimit: 100,
};

export type FaultKind = 'none' | 'rate-limit' | 'server-error' | 'maintenance' | 'drop-connection';

export interface FaultDecision {
  readonly fault: FaultKind;
  readonly delayMilliseconds: number;
}

const probabilityKeys = [
  'rateLimitProbability',
  'serverErrorProbability',
  'maintenanceProbability',
  'dropConnectionProbability',
] as const;

/** Checks and completes a partial settings object; returns a message when it is invalid. */
export function mergeFaultSettings(
  current: FaultSettings,
  changes: Record<string, unknown>,
): FaultSettings | string {
  const next: Record<string, number> = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (!(key in current)) return `Unknown fault setting "${key}".`;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      return `The fault setting "${key}" must be a non-negative number.`;
    }
    if ((probabilityKeys as readonly string[]).includes(key) && value > 1) {
      return `The fault setting "${key}" is a probability between 0 and 1.`;
    }
    if (key === 'concurrencyLimit' && (value < 1 || !Number.isInteger(value))) {
      return 'The fault setting "concurrencyLimit" must be a positive integer.';
    }
    next[key] = value;
  }
  const total = probabilityKeys.reduce((sum, key) => sum + (next[key] ?? 0), 0);
  if (total > 1) return 'The fault probabilities add up to more than 1.';
  return next as unknown as FaultSettings;
}

export class FaultInjector {
  private random: SeededRandom;
  private current: FaultSettings;

  constructor(settings: FaultSettings = noFaults) {
    this.current = settings;
    this.random = new SeededRandom(settings.seed);
  }

  get settings(): FaultSettings {
    return this.current;
  }

  configure(settings: FaultSettings): void {
    this.current = settings;
    this.random = new SeededRandom(settings.seed);
  }

  decide(): FaultDecision {
    const settings = this.current;
    const hasFaults = probabilityKeys.some((key) => settings[key] > 0);
    let fault: FaultKind = 'none';
    if (hasFaults) {
      const draw = this.random.next();
      let threshold = 0;
      const kinds: readonly [keyof FaultSettings, FaultKind][] = [
        ['rateLimitProbability', 'rate-limit'],
        ['serverErrorProbability', 'server-error'],
        ['maintenanceProbability', 'maintenance'],
        ['dropConnectionProbability', 'drop-connection'],
      ];
      for (const [key, kind] of kinds) {
        threshold += settings[key];
        if (draw < threshold) {
          fault = kind;
          break;
        }
      }
    }
    const jitter =
      settings.latencyJitterMilliseconds > 0
        ? this.random.next() * settings.latencyJitterMilliseconds
        : 0;
    return { fault, delayMilliseconds: settings.latencyMilliseconds + jitter };
  }
}
