/**
 * A message box: information, success, warning or error. Errors are announced at once
 * (`role="alert"`), the others politely (`role="status"`).
 */
import type { ReactNode } from 'react';
import { icons } from './icons';

export type AlertKind = 'info' | 'success' | 'warning' | 'error';

export function Alert({
  kind,
  title,
  children,
  actions,
}: {
  readonly kind: AlertKind;
  readonly title?: ReactNode;
  readonly children?: ReactNode;
  readonly actions?: ReactNode;
}) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <span className="alert-icon">{icons[kind]}</span>
      <div className="alert-body">
        {title === undefined ? null : <p className="alert-title">{title}</p>}
        {children === undefined ? null : <div className="alert-text">{children}</div>}
        {actions === undefined ? null : <div className="alert-actions">{actions}</div>}
      </div>
    </div>
  );
}
