/**
 * A password input with a Show / Hide toggle (the toggle says which state it is in), and
 * the pair of fields that choose a new password (with the rules' hint) and repeat it.
 */
import { useState } from 'react';
import { passwordHint } from '../format/password-rules';
import { framedControl, type FieldFrameProps } from './field';

export function PasswordField({
  value,
  onChange,
  autoComplete,
  autoFocus,
  placeholder,
  ...frame
}: FieldFrameProps & {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly autoComplete: 'current-password' | 'new-password';
  readonly autoFocus?: boolean;
  readonly placeholder?: string;
}) {
  const [shown, setShown] = useState(false);
  return framedControl(frame, (control) => (
    <div className="input-with-button">
      <input
        className="input"
        type={shown ? 'text' : 'password'}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        placeholder={placeholder}
        {...control}
        spellCheck={false}
      />
      <button
        type="button"
        className="input-button"
        aria-pressed={shown}
        onClick={() => setShown((current) => !current)}
      >
        {shown ? 'Hide' : 'Show'}
        <span className="visually-hidden"> password</span>
      </button>
    </div>
  ));
}

/** "Password" and "Repeat the password"; messages come by field (`password`, `confirmation`). */
export function NewPasswordFields({
  password,
  onPasswordChange,
  confirmation,
  onConfirmationChange,
  errors,
  autoFocus,
}: {
  readonly password: string;
  readonly onPasswordChange: (value: string) => void;
  readonly confirmation: string;
  readonly onConfirmationChange: (value: string) => void;
  readonly errors: Readonly<Record<string, string>>;
  readonly autoFocus?: boolean;
}) {
  return (
    <>
      <PasswordField
        label="Password"
        autoComplete="new-password"
        value={password}
        onChange={onPasswordChange}
        error={errors['password']}
        help={passwordHint}
        autoFocus={autoFocus}
        required
      />
      <PasswordField
        label="Repeat the password"
        autoComplete="new-password"
        value={confirmation}
        onChange={onConfirmationChange}
        error={errors['confirmation']}
        required
      />
    </>
  );
}
