/**
 * The connection form generated from a connector's setting descriptors: one field per
 * visible setting (text, web address, whole number, yes/no, choice, secret, file), each
 * with its label, help and error. Secrets of a stored connection are never shown: an
 * empty field keeps the saved value, typing replaces it. The settings that matter most
 * (up to the last required one, in the connector's order) come first; the rest sit under
 * "More settings", open when one of them holds a value.
 */
import { useId, useState } from 'react';
import type { Connection, SettingDescriptor } from '../api/api-types';
import { CheckboxField, Field, SelectField, TextField } from '../components/field';
import { PasswordField } from '../components/password-field';
import {
  hasStoredValue,
  isVisible,
  readSettingFile,
  type FormValue,
  type SettingsForm,
} from './setting-values';

export interface SettingsFieldsProps {
  readonly descriptors: readonly SettingDescriptor[];
  readonly form: SettingsForm;
  readonly onChange: (form: SettingsForm) => void;
  readonly errors: Readonly<Record<string, string>>;
  readonly connection?: Connection;
}

/** The settings up to the last required one come first; the rest are "More settings". */
function primaryCount(descriptors: readonly SettingDescriptor[]): number {
  let last = -1;
  descriptors.forEach((descriptor, index) => {
    if (descriptor.required) last = index;
  });
  return last + 1;
}

export function SettingsFields({
  descriptors,
  form,
  onChange,
  errors,
  connection,
}: SettingsFieldsProps) {
  const split = primaryCount(descriptors);
  const primary = descriptors.slice(0, split);
  const more = descriptors.slice(split);
  const moreVisible = more.filter((descriptor) => isVisible(descriptor, form.values));
  const moreInUse = moreVisible.some(
    (descriptor) =>
      errors[descriptor.name] !== undefined ||
      hasStoredValue(descriptor, connection) ||
      (connection?.settings[descriptor.name] !== undefined &&
        connection.settings[descriptor.name] !== descriptor.defaultValue),
  );
  const [moreOpen, setMoreOpen] = useState(moreInUse);
  const setValue = (name: string, value: FormValue): void =>
    onChange({ ...form, values: { ...form.values, [name]: value } });
  const render = (descriptor: SettingDescriptor) =>
    isVisible(descriptor, form.values) ? (
      <SettingField
        key={descriptor.name}
        descriptor={descriptor}
        form={form}
        onChange={onChange}
        setValue={setValue}
        error={errors[descriptor.name]}
        connection={connection}
      />
    ) : null;
  const summary = moreVisible
    .slice(0, 4)
    .map((descriptor) => descriptor.label)
    .join(', ');
  return (
    <div className="stack">
      {primary.map(render)}
      {moreVisible.length === 0 ? null : (
        <details
          className="more-settings"
          open={moreOpen || moreInUse}
          onToggle={(event) => setMoreOpen(event.currentTarget.open)}
        >
          <summary>
            <span className="more-settings-title">More settings</span>
            <span className="more-settings-list">
              {summary}
              {moreVisible.length > 4 ? '…' : ''}
            </span>
          </summary>
          <div className="stack more-settings-body">{more.map(render)}</div>
        </details>
      )}
    </div>
  );
}

function SettingField({
  descriptor,
  form,
  onChange,
  setValue,
  error,
  connection,
}: {
  readonly descriptor: SettingDescriptor;
  readonly form: SettingsForm;
  readonly onChange: (form: SettingsForm) => void;
  readonly setValue: (name: string, value: FormValue) => void;
  readonly error: string | undefined;
  readonly connection: Connection | undefined;
}) {
  const name = descriptor.name;
  const value = form.values[name];
  const text = typeof value === 'string' ? value : '';
  const stored = hasStoredValue(descriptor, connection) && !form.cleared.has(name);
  const common = {
    label: descriptor.label,
    help: descriptor.help,
    error,
    required: descriptor.required,
    markOptional: !descriptor.required,
  };
  switch (descriptor.type) {
    case 'boolean':
      return (
        <CheckboxField
          label={descriptor.label}
          help={descriptor.help}
          checked={value === true}
          onChange={(checked) => setValue(name, checked)}
        />
      );
    case 'choice': {
      const choices = descriptor.choices ?? [];
      const options = descriptor.required ? choices : [{ value: '', label: 'Default' }, ...choices];
      if (choices.length <= 4 && descriptor.required) {
        return (
          <ChoiceField
            descriptor={descriptor}
            value={text}
            error={error}
            onChange={(next) => setValue(name, next)}
          />
        );
      }
      return (
        <SelectField
          {...common}
          value={text}
          onChange={(next) => setValue(name, next)}
          options={options}
        />
      );
    }
    case 'secret':
      return (
        <div className="secret-field">
          <PasswordField
            {...common}
            required={descriptor.required && !stored}
            autoComplete="new-password"
            placeholder={stored ? 'Saved (hidden)' : undefined}
            value={text}
            onChange={(next) => setValue(name, next)}
            help={
              stored ? (
                <>
                  A value is saved and stays hidden. Type a new one to replace it.
                  {descriptor.help === undefined ? null : <> {descriptor.help}</>}
                </>
              ) : (
                descriptor.help
              )
            }
          />
          {stored && !descriptor.required ? (
            <button
              type="button"
              className="link-button"
              onClick={() => onChange({ ...form, cleared: new Set([...form.cleared, name]) })}
            >
              Remove the saved {descriptor.label.toLowerCase()}
            </button>
          ) : null}
        </div>
      );
    case 'file':
      return (
        <FileField
          descriptor={descriptor}
          form={form}
          onChange={onChange}
          error={error}
          stored={stored}
        />
      );
    case 'integer':
      return (
        <TextField
          {...common}
          value={text}
          onChange={(next) => setValue(name, next)}
          inputMode="numeric"
          placeholder={
            descriptor.placeholder ??
            (descriptor.defaultValue === undefined ? undefined : String(descriptor.defaultValue))
          }
          className="input input-narrow"
          autoComplete="off"
        />
      );
    case 'url':
      return (
        <TextField
          {...common}
          type="url"
          value={text}
          onChange={(next) => setValue(name, next)}
          placeholder={descriptor.placeholder}
          autoComplete="url"
          spellCheck={false}
        />
      );
    case 'string':
      return (
        <TextField
          {...common}
          value={text}
          onChange={(next) => setValue(name, next)}
          placeholder={
            descriptor.placeholder ??
            (descriptor.defaultValue === undefined ? undefined : String(descriptor.defaultValue))
          }
          autoComplete="off"
          spellCheck={false}
        />
      );
  }
}

function ChoiceField({
  descriptor,
  value,
  error,
  onChange,
}: {
  readonly descriptor: SettingDescriptor;
  readonly value: string;
  readonly error: string | undefined;
  readonly onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <fieldset
      className="fieldset"
      aria-describedby={descriptor.help === undefined ? undefined : `${id}-help`}
    >
      <legend className="field-label">
        {descriptor.label}
        {descriptor.required ? (
          <span className="field-mark" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </legend>
      <div className="segmented">
        {(descriptor.choices ?? []).map((choice) => (
          <label
            key={choice.value}
            className={`segment${value === choice.value ? ' segment-checked' : ''}`}
          >
            <input
              type="radio"
              name={`${id}-${descriptor.name}`}
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
      {descriptor.help === undefined ? null : (
        <p className="field-help" id={`${id}-help`}>
          {descriptor.help}
        </p>
      )}
      {error === undefined ? null : <p className="field-error">{error}</p>}
    </fieldset>
  );
}

function FileField({
  descriptor,
  form,
  onChange,
  error,
  stored,
}: {
  readonly descriptor: SettingDescriptor;
  readonly form: SettingsForm;
  readonly onChange: (form: SettingsForm) => void;
  readonly error: string | undefined;
  readonly stored: boolean;
}) {
  const name = descriptor.name;
  const chosen = form.files[name];
  const [readError, setReadError] = useState<string>();
  return (
    <Field
      label={descriptor.label}
      help={
        <>
          {chosen !== undefined
            ? `Chosen: ${chosen.fileName}. It is sent when you test or save.`
            : stored
              ? 'A file is saved. Choose another file to replace it.'
              : null}
          {descriptor.help === undefined ? null : <> {descriptor.help}</>}
        </>
      }
      error={error ?? readError}
      required={descriptor.required && !stored}
      markOptional={!descriptor.required}
    >
      {({ id, describedBy, invalid }) => (
        <div className="file-row">
          <input
            id={id}
            type="file"
            className="input-file"
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file === undefined) return;
              if (file.size > 512 * 1024) {
                setReadError('The file is larger than 512 KB; certificates are much smaller.');
                return;
              }
              setReadError(undefined);
              readSettingFile(file)
                .then((value) => {
                  const cleared = new Set(form.cleared);
                  cleared.delete(name);
                  onChange({ ...form, files: { ...form.files, [name]: value }, cleared });
                })
                .catch(() => setReadError('The file could not be read.'));
            }}
          />
          {stored && !descriptor.required ? (
            <button
              type="button"
              className="link-button"
              onClick={() => onChange({ ...form, cleared: new Set([...form.cleared, name]) })}
            >
              Remove the saved file
            </button>
          ) : null}
        </div>
      )}
    </Field>
  );
}
