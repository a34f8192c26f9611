/**
 * Form fields: a label, the control, a help text and an error message tied to the
 * control with `aria-describedby` / `aria-invalid`, and a "required" or "optional" mark.
 * `TextField`, `SelectField`, `CheckboxField` and `TextAreaField` build on `Field`;
 * `framedControl` puts any other control (e.g. the password input) in the same frame.
 */
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

export interface FieldFrameProps {
  readonly label: ReactNode;
  readonly help?: ReactNode;
  readonly error?: string | undefined;
  readonly required?: boolean;
  /** Show "optional" next to the label of a field that is not required. */
  readonly markOptional?: boolean;
}

interface FieldIds {
  readonly id: string;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
}

export function Field({
  label,
  help,
  error,
  required = false,
  markOptional = false,
  children,
}: FieldFrameProps & { readonly children: (ids: FieldIds) => ReactNode }) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy =
    [help === undefined ? '' : helpId, error === undefined ? '' : errorId]
      .filter((part) => part !== '')
      .join(' ') || undefined;
  return (
    <div className={`field${error === undefined ? '' : ' field-invalid'}`}>
      <div className="field-label-row">
        <label className="field-label" htmlFor={id}>
          {label}
          {!required && markOptional ? <span className="field-optional"> (optional)</span> : null}
        </label>
        {required ? (
          <span className="field-mark" aria-hidden="true">
            *
          </span>
        ) : null}
      </div>
      {children({ id, describedBy, invalid: error !== undefined })}
      {help === undefined ? null : (
        <p className="field-help" id={helpId}>
          {help}
        </p>
      )}
      {error === undefined ? null : (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** What every control inside a `Field` carries: its id, descriptions, validity and requiredness. */
interface ControlAttributes {
  readonly id: string;
  readonly 'aria-describedby': string | undefined;
  readonly 'aria-invalid': true | undefined;
  readonly required: boolean | undefined;
}

/** A `Field` frame around the control that `renderControl` draws with the frame's attributes. */
export function framedControl(
  { label, help, error, required, markOptional }: FieldFrameProps,
  renderControl: (control: ControlAttributes) => ReactNode,
) {
  return (
    <Field
      label={label}
      help={help}
      error={error}
      required={required ?? false}
      markOptional={markOptional ?? false}
    >
      {({ id, describedBy, invalid }) =>
        renderControl({
          id,
          'aria-describedby': describedBy,
          'aria-invalid': invalid || undefined,
          required,
        })
      }
    </Field>
  );
}

export type TextFieldProps = FieldFrameProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange'> & {
    readonly value: string;
    readonly onChange: (value: string) => void;
  };

export function TextField({
  label,
  help,
  error,
  required,
  markOptional,
  value,
  onChange,
  ...input
}: TextFieldProps) {
  return framedControl({ label, help, error, required, markOptional }, (control) => (
    <input
      className="input"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      {...control}
      {...input}
    />
  ));
}

export type TextAreaFieldProps = FieldFrameProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'onChange'> & {
    readonly value: string;
    readonly onChange: (value: string) => void;
  };

export function TextAreaField({
  label,
  help,
  error,
  required,
  markOptional,
  value,
  onChange,
  ...input
}: TextAreaFieldProps) {
  return framedControl({ label, help, error, required, markOptional }, (control) => (
    <textarea
      className="input textarea"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      {...control}
      {...input}
    />
  ));
}

export type SelectFieldProps = FieldFrameProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange'> & {
    readonly value: string;
    readonly onChange: (value: string) => void;
    readonly options: readonly { readonly value: string; readonly label: string }[];
  };

export function SelectField({
  label,
  help,
  error,
  required,
  markOptional,
  value,
  onChange,
  options,
  ...select
}: SelectFieldProps) {
  return framedControl({ label, help, error, required, markOptional }, (control) => (
    <select
      className="input select"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      {...control}
      {...select}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  ));
}

export function CheckboxField({
  label,
  help,
  checked,
  onChange,
  disabled,
}: {
  readonly label: ReactNode;
  readonly help?: ReactNode;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <input
        id={id}
        type="checkbox"
        className="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={help === undefined ? undefined : `${id}-help`}
      />
      <div>
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        {help === undefined ? null : (
          <p className="field-help" id={`${id}-help`}>
            {help}
          </p>
        )}
      </div>
    </div>
  );
}
