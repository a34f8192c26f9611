/**
 * The values of a connection form generated from a connector's setting descriptors:
 * initial values (defaults, or a stored connection's values with secrets left empty),
 * which settings are visible (`showWhen`), the checks the console makes before sending,
 * and the settings object sent to the admin API (a secret left empty while editing is
 * sent as the mask, which keeps the stored value).
 */
import type { Connection, SettingDescriptor, SettingValue } from '../api/api-types';

export const secretMask = '********';

export type FormValue = string | boolean;

export interface FileValue {
  readonly fileName: string;
  readonly content: string;
}

export interface SettingsForm {
  readonly values: Readonly<Record<string, FormValue>>;
  /** File settings chosen in this form. */
  readonly files: Readonly<Record<string, FileValue>>;
  /** Secret or file settings whose stored value the user asked to remove. */
  readonly cleared: ReadonlySet<string>;
}

export function isSecret(descriptor: SettingDescriptor): boolean {
  return descriptor.type === 'secret' || descriptor.type === 'file';
}

export function initialForm(
  descriptors: readonly SettingDescriptor[],
  connection?: Connection,
): SettingsForm {
  const values: Record<string, FormValue> = {};
  for (const descriptor of descriptors) {
    const stored: SettingValue | undefined = connection?.settings[descriptor.name];
    if (isSecret(descriptor)) {
      values[descriptor.name] = '';
    } else if (descriptor.type === 'boolean') {
      values[descriptor.name] =
        typeof stored === 'boolean'
          ? stored
          : connection === undefined
            ? descriptor.defaultValue === true
            : stored === 'true';
    } else if (stored !== undefined) {
      values[descriptor.name] = String(stored);
    } else if (connection === undefined && descriptor.defaultValue !== undefined) {
      values[descriptor.name] = String(descriptor.defaultValue);
    } else if (descriptor.type === 'choice' && descriptor.required) {
      values[descriptor.name] = descriptor.choices?.[0]?.value ?? '';
    } else {
      values[descriptor.name] = '';
    }
  }
  return { values, files: {}, cleared: new Set() };
}

export function isVisible(
  descriptor: SettingDescriptor,
  values: Readonly<Record<string, FormValue>>,
): boolean {
  const condition = descriptor.showWhen;
  if (condition === undefined) return true;
  const value = values[condition.setting];
  return condition.values.includes(String(value ?? ''));
}

/** True when a stored connection holds a value for this secret or file setting. */
export function hasStoredValue(
  descriptor: SettingDescriptor,
  connection: Connection | undefined,
): boolean {
  return connection?.secrets[descriptor.name]?.hasValue === true;
}

/** Messages for settings that are visibly wrong before asking the gateway. */
export function checkSettings(
  descriptors: readonly SettingDescriptor[],
  form: SettingsForm,
  connection: Connection | undefined,
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const descriptor of descriptors) {
    if (!isVisible(descriptor, form.values)) continue;
    const name = descriptor.name;
    const value = form.values[name];
    if (descriptor.type === 'file') {
      const chosen = form.files[name] !== undefined;
      const kept = hasStoredValue(descriptor, connection) && !form.cleared.has(name);
      if (descriptor.required && !chosen && !kept)
        problems[name] = `Choose the ${descriptor.label.toLowerCase()} file.`;
      continue;
    }
    if (descriptor.type === 'boolean') continue;
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') {
      const kept =
        isSecret(descriptor) && hasStoredValue(descriptor, connection) && !form.cleared.has(name);
      if (descriptor.required && !kept) problems[name] = `${descriptor.label} is required.`;
      continue;
    }
    if (descriptor.type === 'url') {
      let url: URL | undefined;
      try {
        url = new URL(text);
      } catch {
        url = undefined;
      }
      if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
        problems[name] =
          `${descriptor.label} must be a web address such as https://example.cybozu.com.`;
      }
    }
    if (descriptor.type === 'integer') {
      if (!/^-?\d+$/.test(text)) {
        problems[name] = `${descriptor.label} must be a whole number.`;
      } else {
        const number = Number(text);
        if (descriptor.minimum !== undefined && number < descriptor.minimum) {
          problems[name] = `${descriptor.label} must be at least ${descriptor.minimum}.`;
        } else if (descriptor.maximum !== undefined && number > descriptor.maximum) {
          problems[name] = `${descriptor.label} must be at most ${descriptor.maximum}.`;
        }
      }
    }
  }
  return problems;
}

/**
 * The settings to send. For a new connection: every visible setting with a value. When
 * editing (`connection` given): unchanged secrets as the mask (kept), cleared values as
 * null, hidden settings left out (they keep their stored value).
 */
export function settingsToSend(
  descriptors: readonly SettingDescriptor[],
  form: SettingsForm,
  connection: Connection | undefined,
): Record<string, SettingValue | null> {
  const settings: Record<string, SettingValue | null> = {};
  const editing = connection !== undefined;
  for (const descriptor of descriptors) {
    if (!isVisible(descriptor, form.values)) continue;
    const name = descriptor.name;
    if (descriptor.type === 'file') {
      const file = form.files[name];
      if (file !== undefined) settings[name] = file.content;
      else if (form.cleared.has(name)) settings[name] = null;
      else if (hasStoredValue(descriptor, connection)) settings[name] = secretMask;
      continue;
    }
    const value = form.values[name];
    if (descriptor.type === 'boolean') {
      settings[name] = value === true;
      continue;
    }
    const text = typeof value === 'string' ? value : '';
    const trimmed = text.trim();
    if (descriptor.type === 'secret') {
      if (text !== '') settings[name] = text;
      else if (form.cleared.has(name)) settings[name] = null;
      else if (hasStoredValue(descriptor, connection)) settings[name] = secretMask;
      continue;
    }
    if (trimmed === '') {
      if (editing && connection.settings[name] !== undefined) settings[name] = null;
      continue;
    }
    settings[name] = descriptor.type === 'integer' ? Number(trimmed) : trimmed;
  }
  return settings;
}

/** Reads a chosen file: PEM and other text as is, binary files (PFX) as base64. */
export async function readSettingFile(file: File): Promise<FileValue> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = undefined;
  }
  if (text !== undefined && text.includes('-----BEGIN '))
    return { fileName: file.name, content: text };
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return { fileName: file.name, content: btoa(binary) };
}
