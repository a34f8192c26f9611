/**
 * What a page shows while it loads, when a list is empty, and when loading failed (with
 * a way to try again).
 */
import type { ReactNode } from 'react';
import { errorMessage } from '../api/api-error';
import { Alert } from './alert';
import { Button } from './button';

export function Loading({ label = 'Loading…' }: { readonly label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner spinner-large" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({
  icon,
  title,
  children,
  action,
}: {
  readonly icon?: ReactNode;
  readonly title: string;
  readonly children?: ReactNode;
  readonly action?: ReactNode;
}) {
  return (
    <div className="empty-state">
      {icon === undefined ? null : <div className="empty-icon">{icon}</div>}
      <h2 className="empty-title">{title}</h2>
      {children === undefined ? null : <div className="empty-text">{children}</div>}
      {action === undefined ? null : <div className="empty-action">{action}</div>}
    </div>
  );
}

export function LoadError({
  error,
  what,
  onRetry,
}: {
  readonly error: unknown;
  readonly what: string;
  readonly onRetry?: () => void;
}) {
  return (
    <Alert
      kind="error"
      title={`Could not load ${what}.`}
      actions={
        onRetry === undefined ? undefined : (
          <Button size="small" onClick={onRetry}>
            Try again
          </Button>
        )
      }
    >
      {errorMessage(error)}
    </Alert>
  );
}
