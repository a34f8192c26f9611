/**
 * Modal dialogs on the native <dialog> element: focus moves into the dialog and back to
 * where it was, Escape closes it, the page behind is inert. `ConfirmDialog` asks before a
 * destructive action and shows the action's error in the dialog. `CancelAndSubmit` is the
 * footer of a dialog that is a form.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../api/api-error';
import { Alert } from './alert';
import { Button, type ButtonVariant } from './button';

export function Dialog({
  open,
  title,
  description,
  onClose,
  children,
  footer,
  onSubmit,
  wide = false,
}: {
  readonly open: boolean;
  readonly title: ReactNode;
  readonly description?: ReactNode;
  readonly onClose: () => void;
  readonly children?: ReactNode;
  readonly footer: ReactNode;
  /** Makes the dialog a form: Enter submits. */
  readonly onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  readonly wide?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) {
      const opener = document.activeElement;
      element.showModal();
      return () => {
        if (opener instanceof HTMLElement) opener.focus();
      };
    }
    if (!open && element.open) element.close();
    return undefined;
  }, [open]);
  if (!open) return <dialog ref={dialog} className="dialog" />;
  const body = (
    <>
      <header className="dialog-header">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {description === undefined ? null : (
          <div id={descriptionId} className="dialog-description">
            {description}
          </div>
        )}
      </header>
      {children === undefined ? null : <div className="dialog-body">{children}</div>}
      <footer className="dialog-footer">{footer}</footer>
    </>
  );
  return (
    <dialog
      ref={dialog}
      className={`dialog${wide ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      aria-describedby={description === undefined ? undefined : descriptionId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {onSubmit === undefined ? (
        body
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onSubmit(event);
          }}
          noValidate
        >
          {body}
        </form>
      )}
    </dialog>
  );
}

/** The footer of a form dialog: Cancel (disabled while busy) and the submit button. */
export function CancelAndSubmit({
  onCancel,
  busy,
  submitLabel,
  variant = 'primary',
  autoFocus,
}: {
  readonly onCancel: () => void;
  readonly busy: boolean;
  readonly submitLabel: ReactNode;
  readonly variant?: ButtonVariant;
  readonly autoFocus?: boolean;
}) {
  return (
    <>
      <Button onClick={onCancel} disabled={busy}>
        Cancel
      </Button>
      <Button type="submit" variant={variant} busy={busy} autoFocus={autoFocus}>
        {submitLabel}
      </Button>
    </>
  );
}

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger = true,
  onConfirm,
  onClose,
}: {
  readonly open: boolean;
  readonly title: ReactNode;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly danger?: boolean;
  readonly onConfirm: () => Promise<void>;
  readonly onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (open) setError(undefined);
  }, [open]);
  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      onSubmit={() => void confirm()}
      footer={
        <CancelAndSubmit
          onCancel={onClose}
          busy={busy}
          submitLabel={confirmLabel}
          variant={danger ? 'danger' : 'primary'}
          autoFocus
        />
      }
    >
      <div className="stack">
        {children}
        {error === undefined ? null : <Alert kind="error">{error}</Alert>}
      </div>
    </Dialog>
  );
}
