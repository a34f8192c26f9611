/**
 * Validates connection settings against a connector kind's descriptors, in order:
 * unknown names, types (string, url, integer with bounds, boolean, choice, secret, file),
 * defaults, `showWhen` (a setting whose condition does not hold is inactive: its value is
 * dropped and it is not required), required settings, then the definition's own
 * `validate`. Returns the normalised settings or every problem found.
 */
import type { ConnectorDefinition, SettingDescriptor } from '../connectors/connector-definition.js';
import type { PlainSettingValue } from '../store/records.js';
import type { FieldProblem } from './validation.js';

export const maximumTextSettingLength = 4096;
export const maximumFileSettingLength = 512 * 1024;

export function isSecretSetting(descriptor: SettingDescriptor): boolean {
  return descriptor.type === 'secret' || descriptor.type === 'file';
}

function field(name: string): string {
  return `settings.${name}`;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function coerce(
  descriptor: SettingDescriptor,
  value: unknown,
  problems: FieldProblem[],
): PlainSettingValue | undefined {
  const where = field(descriptor.name);
  const label = descriptor.label;
  switch (descriptor.type) {
    case 'string':
    case 'secret':
    case 'file': {
      if (typeof value !== 'string') {
        problems.push({ field: where, message: `${label} must be text.` });
        return undefined;
      }
      const limit =
        descriptor.type === 'file' ? maximumFileSettingLength : maximumTextSettingLength;
      if (value.length > limit) {
        problems.push({ field: where, message: `${label} must have at most ${limit} characters.` });
        return undefined;
      }
      return descriptor.type === 'string' ? value.trim() : value;
    }
    case 'url': {
      if (typeof value !== 'string' || value.length > maximumTextSettingLength) {
        problems.push({ field: where, message: `${label} must be a URL.` });
        return undefined;
      }
      const text = value.trim();
      let parsed: URL;
      try {
        parsed = new URL(text);
      } catch {
        problems.push({
          field: where,
          message: `${label} must be a URL such as https://example.com.`,
        });
        return undefined;
      }
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
        problems.push({ field: where, message: `${label} must start with https:// or http://.` });
        return undefined;
      }
      if (parsed.username !== '' || parsed.password !== '') {
        problems.push({
          field: where,
          message: `${label} must not contain a user name or password.`,
        });
        return undefined;
      }
      return text;
    }
    case 'integer': {
      const number =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && /^-?\d+$/.test(value.trim())
            ? Number(value)
            : Number.NaN;
      if (!Number.isSafeInteger(number)) {
        problems.push({ field: where, message: `${label} must be a whole number.` });
        return undefined;
      }
      if (descriptor.minimum !== undefined && number < descriptor.minimum) {
        problems.push({
          field: where,
          message: `${label} must be at least ${descriptor.minimum}.`,
        });
        return undefined;
      }
      if (descriptor.maximum !== undefined && number > descriptor.maximum) {
        problems.push({ field: where, message: `${label} must be at most ${descriptor.maximum}.` });
        return undefined;
      }
      return number;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      problems.push({ field: where, message: `${label} must be true or false.` });
      return undefined;
    }
    case 'choice': {
      const choices = descriptor.choices ?? [];
      if (typeof value === 'string' && choices.some((choice) => choice.value === value))
        return value;
      problems.push({
        field: where,
        message: `${label} must be one of: ${choices.map((choice) => choice.value).join(', ')}.`,
      });
      return undefined;
    }
  }
}

export interface SettingsValidation {
  /** Active settings with a value, secrets included (plain text: encrypt before storing). */
  readonly settings: Readonly<Record<string, PlainSettingValue>>;
  readonly problems: readonly FieldProblem[];
}

export function validateConnectionSettings(
  definition: ConnectorDefinition,
  input: Readonly<Record<string, unknown>>,
): SettingsValidation {
  const problems: FieldProblem[] = [];
  const descriptors = new Map(
    definition.settings.map((descriptor) => [descriptor.name, descriptor]),
  );
  for (const name of Object.keys(input)) {
    if (!descriptors.has(name)) {
      problems.push({
        field: field(name),
        message: `${definition.displayName} connections have no setting ${name}.`,
      });
    }
  }
  const values = new Map<string, PlainSettingValue>();
  for (const descriptor of definition.settings) {
    const raw = input[descriptor.name];
    if (isEmpty(raw)) {
      if (descriptor.defaultValue !== undefined)
        values.set(descriptor.name, descriptor.defaultValue);
      continue;
    }
    const value = coerce(descriptor, raw, problems);
    if (value !== undefined) values.set(descriptor.name, value);
  }
  const activity = new Map<string, boolean>();
  const isActive = (descriptor: SettingDescriptor, seen: Set<string>): boolean => {
    const known = activity.get(descriptor.name);
    if (known !== undefined) return known;
    let active = true;
    const condition = descriptor.showWhen;
    if (condition !== undefined) {
      const controller = descriptors.get(condition.setting);
      if (controller === undefined || seen.has(controller.name)) {
        active = false;
      } else {
        seen.add(descriptor.name);
        const controllerValue = values.get(controller.name);
        active =
          isActive(controller, seen) &&
          controllerValue !== undefined &&
          condition.values.includes(String(controllerValue));
      }
    }
    activity.set(descriptor.name, active);
    return active;
  };
  const settings: Record<string, PlainSettingValue> = {};
  for (const descriptor of definition.settings) {
    if (!isActive(descriptor, new Set())) continue;
    const value = values.get(descriptor.name);
    if (value === undefined) {
      if (
        descriptor.required &&
        !problems.some((problem) => problem.field === field(descriptor.name))
      ) {
        problems.push({
          field: field(descriptor.name),
          message: `${descriptor.label} is required.`,
        });
      }
      continue;
    }
    settings[descriptor.name] = value;
  }
  if (problems.length === 0) {
    for (const problem of definition.validate(settings)) {
      problems.push({ field: field(problem.setting), message: problem.message });
    }
  }
  return { settings, problems };
}
