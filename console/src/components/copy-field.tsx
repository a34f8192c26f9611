/**
 * A value to copy (a URL, a token, an invitation link): shown read-only in a monospaced
 * box with a Copy button. When the clipboard is not available the text is selected so
 * that Ctrl+C / ⌘C copies it; either way the result is announced.
 */
import { useId, useRef, useState } from 'react';
import { icons } from './icons';

async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard !== undefined) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to selecting the text.
  }
  return false;
}

export function CopyField({
  label,
  value,
  secret = false,
  help,
}: {
  readonly label: string;
  readonly value: string;
  /** Announce it as sensitive (tokens, invitation links). */
  readonly secret?: boolean;
  readonly help?: string;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<'copied' | 'select' | undefined>();
  const copy = async (): Promise<void> => {
    const copied = await copyText(value);
    if (!copied) {
      input.current?.focus();
      input.current?.select();
    }
    setResult(copied ? 'copied' : 'select');
    window.setTimeout(() => setResult(undefined), 4000);
  };
  return (
    <div className="field copy-field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="copy-row">
        <input
          id={id}
          ref={input}
          className={`input input-mono${secret ? ' input-secret' : ''}`}
          value={value}
          readOnly
          spellCheck={false}
          onFocus={(event) => event.target.select()}
          aria-describedby={help === undefined ? undefined : `${id}-help`}
        />
        <button
          type="button"
          className="button button-secondary copy-button"
          onClick={() => void copy()}
          aria-label={`Copy ${label}`}
        >
          {result === 'copied' ? icons.check : icons.copy}
          <span>{result === 'copied' ? 'Copied' : 'Copy'}</span>
        </button>
      </div>
      {help === undefined ? null : (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {result === 'copied'
          ? `${label} copied to the clipboard.`
          : result === 'select'
            ? `${label} is selected: press Control C to copy it.`
            : ''}
      </p>
      {result === 'select' ? (
        <p className="field-help">Selected: press Ctrl+C (⌘C on a Mac) to copy.</p>
      ) : null}
    </div>
  );
}
