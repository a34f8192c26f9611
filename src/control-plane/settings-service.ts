/**
 * Control-plane settings chosen by administrators: the longest personal access token
 * lifetime, query-log retention, the server's maximum page size, session lifetimes and
 * invitation lifetime. Stored as JSON per name; missing names take their defaults.
 * Cached per node and dropped on a `settings` change event.
 */
import type { Store } from '../store/store.js';
import type { AuditRecorder } from './audit-recorder.js';
import { authorize, type Actor } from './authorization.js';
import type { Clock } from './clock.js';
import { throwIfProblems, type FieldProblem } from './validation.js';

/** null: tokens may never expire. */
export type TokenLifetimePolicy = 30 | 60 | 90 | 365 | null;
export const tokenLifetimePolicies: readonly TokenLifetimePolicy[] = [30, 60, 90, 365, null];

export interface ControlPlaneSettings {
  /** Longest lifetime of a new personal access token, in days (null: no limit). */
  readonly tokenMaximumLifetimeDays: TokenLifetimePolicy;
  readonly queryLogRetentionDays: number;
  /** Largest page the OData server returns (server-driven paging). */
  readonly maximumPageSize: number;
  readonly sessionIdleTimeoutMinutes: number;
  readonly sessionAbsoluteLifetimeHours: number;
  readonly invitationLifetimeDays: number;
}

export const defaultSettings: ControlPlaneSettings = {
  tokenMaximumLifetimeDays: 90,
  queryLogRetentionDays: 7,
  maximumPageSize: 1000,
  sessionIdleTimeoutMinutes: 60,
  sessionAbsoluteLifetimeHours: 12,
  invitationLifetimeDays: 7,
};

type SettingName = keyof ControlPlaneSettings;

const integerBounds: Readonly<
  Record<Exclude<SettingName, 'tokenMaximumLifetimeDays'>, readonly [number, number]>
> = {
  queryLogRetentionDays: [1, 365],
  maximumPageSize: [10, 2000],
  sessionIdleTimeoutMinutes: [5, 1440],
  sessionAbsoluteLifetimeHours: [1, 720],
  invitationLifetimeDays: [1, 30],
};

const settingNames = Object.keys(defaultSettings) as SettingName[];

function isSettingName(name: string): name is SettingName {
  return (settingNames as string[]).includes(name);
}

function checkValue(name: SettingName, value: unknown, problems: FieldProblem[]): boolean {
  if (name === 'tokenMaximumLifetimeDays') {
    if (tokenLifetimePolicies.includes(value as TokenLifetimePolicy)) return true;
    problems.push({ field: name, message: 'Choose 30, 60, 90 or 365 days, or null for no limit.' });
    return false;
  }
  const [minimum, maximum] = integerBounds[name];
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= minimum &&
    value <= maximum
  ) {
    return true;
  }
  problems.push({ field: name, message: `Enter a whole number from ${minimum} to ${maximum}.` });
  return false;
}

export class SettingsService {
  private cached: Promise<ControlPlaneSettings> | undefined;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly audit: AuditRecorder,
  ) {
    store.onChange((event) => {
      if (event.kind === 'settings' || event.kind === 'all') this.cached = undefined;
    });
  }

  /** The effective settings (cached). */
  get(): Promise<ControlPlaneSettings> {
    this.cached ??= this.load().catch((error: unknown) => {
      this.cached = undefined;
      throw error;
    });
    return this.cached;
  }

  /** The effective settings, for administrators (the admin API's settings page). */
  async read(actor: Actor): Promise<ControlPlaneSettings> {
    authorize(actor, 'settings.manage');
    return this.get();
  }

  private async load(): Promise<ControlPlaneSettings> {
    const values: Record<string, unknown> = { ...defaultSettings };
    for (const record of await this.store.settings.list()) {
      if (!isSettingName(record.name)) continue;
      const value: unknown = JSON.parse(record.value);
      if (checkValue(record.name, value, [])) values[record.name] = value;
    }
    return values as unknown as ControlPlaneSettings;
  }

  /** Changes some settings (administrators only); unknown names and bad values are refused. */
  async update(
    actor: Actor,
    changes: Readonly<Record<string, unknown>>,
  ): Promise<ControlPlaneSettings> {
    authorize(actor, 'settings.manage');
    const problems: FieldProblem[] = [];
    const accepted: [SettingName, unknown][] = [];
    for (const [name, value] of Object.entries(changes)) {
      if (!isSettingName(name)) {
        problems.push({ field: name, message: `There is no setting named ${name}.` });
      } else if (checkValue(name, value, problems)) {
        accepted.push([name, value]);
      }
    }
    throwIfProblems(problems);
    const before = await this.get();
    await this.store.transaction(async (scope) => {
      const now = this.clock.now();
      for (const [name, value] of accepted) {
        await scope.settings.put({
          name,
          value: JSON.stringify(value),
          updatedAt: now,
          updatedBy: actor.userId,
        });
      }
      await this.audit.record(scope, actor, {
        action: 'settings.updated',
        target: { kind: 'settings', id: 'settings' },
        details: Object.fromEntries(
          accepted.map(([name, value]) => [name, { from: before[name], to: value }]),
        ),
      });
      scope.publishChange({ kind: 'settings', id: '*' });
    });
    this.cached = undefined;
    return this.get();
  }
}
