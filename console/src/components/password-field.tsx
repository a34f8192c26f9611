/** A password input with a Show / Hide toggle (the toggle says which state it is in). */
import { useState } from 'react';
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
