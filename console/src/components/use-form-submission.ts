/**
 * The state of a form that posts to the gateway: its field messages, its message for the
 * whole form and whether it is sending. Problems found before sending show as field
 * messages; a refused request shows the gateway's field messages and its message.
 */
import { useState } from 'react';
import { ApiError, errorMessage } from '../api/api-error';

export interface FormSubmission {
  /** Messages by field name. */
  readonly errors: Readonly<Record<string, string>>;
  /** The message for the whole form, after a failed request. */
  readonly error: string | undefined;
  readonly busy: boolean;
  /** Shows the problems found before sending (by field); true when there are none. */
  readonly accept: (problems: Readonly<Record<string, string>>) => boolean;
  /** Runs the request, busy meanwhile; a failure shows its messages. */
  readonly send: (request: () => Promise<void>) => Promise<void>;
  /** Removes every message (when the form is reset). */
  readonly clear: () => void;
}

export function useFormSubmission(): FormSubmission {
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return {
    errors,
    error,
    busy,
    accept: (problems) => {
      setErrors(problems);
      return Object.keys(problems).length === 0;
    },
    send: async (request) => {
      setBusy(true);
      setError(undefined);
      try {
        await request();
      } catch (caught) {
        if (caught instanceof ApiError) setErrors(caught.fieldMessages());
        setError(errorMessage(caught));
      } finally {
        setBusy(false);
      }
    },
    clear: () => {
      setErrors({});
      setError(undefined);
    },
  };
}
