/**
 * How a kind of connector describes itself to the control plane: its display name, the
 * settings a connection of this kind needs (from which the console generates its form and
 * the admin API validates input), and a factory. Secret settings are stored encrypted and
 * never returned by the API.
 */
import type { Connector } from './connector.js';

export type SettingType = 'string' | 'url' | 'integer' | 'boolean' | 'secret' | 'file' | 'choice';

export interface SettingDescriptor {
  readonly name: string;
  readonly label: string;
  readonly type: SettingType;
  readonly required: boolean;
  /** Explains the field in the console. */
  readonly help?: string;
  readonly placeholder?: string;
  readonly defaultValue?: string | number | boolean;
  /** For `choice`: the allowed values and their labels. */
  readonly choices?: readonly { readonly value: string; readonly label: string }[];
  /** Shown (and validated) only when another setting has one of these values. */
  readonly showWhen?: { readonly setting: string; readonly values: readonly string[] };
  /** For integers: inclusive bounds. */
  readonly minimum?: number;
  readonly maximum?: number;
}

/** Settings of one connection as stored: plain values and decrypted secrets. */
export type ConnectionSettings = Readonly<Record<string, string | number | boolean | undefined>>;

export interface ConnectorDefinition {
  /** Stable kind id stored with each connection, e.g. "kintone". */
  readonly kind: string;
  readonly displayName: string;
  readonly description: string;
  readonly settings: readonly SettingDescriptor[];
  /** Checks settings beyond their declared types; returns one message per bad setting. */
  validate(
    settings: ConnectionSettings,
  ): readonly { readonly setting: string; readonly message: string }[];
  create(settings: ConnectionSettings): Connector;
}
