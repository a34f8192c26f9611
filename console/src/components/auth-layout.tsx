/** The frame of the pages before sign-in (sign in, first-run setup, invitation): a centred card. */
import { useEffect, type ReactNode } from 'react';

export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
}: {
  readonly title: string;
  readonly subtitle?: ReactNode;
  readonly children: ReactNode;
  readonly footer?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Tsunagi`;
  }, [title]);
  return (
    <main className="auth" id="main">
      <div className="auth-card">
        <div className="auth-brand">
          <span className="brand-mark brand-mark-large" aria-hidden="true" />
          <span>Tsunagi</span>
        </div>
        <h1 className="auth-title">{title}</h1>
        {subtitle === undefined ? null : <div className="auth-subtitle">{subtitle}</div>}
        {children}
      </div>
      {footer === undefined ? null : <div className="auth-footer">{footer}</div>}
    </main>
  );
}
