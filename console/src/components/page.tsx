/**
 * The frame of every page: a heading that receives focus after navigation (so keyboard
 * and screen-reader users start reading the new page), a description, actions on the
 * right, and the document title.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, takePendingFocus } from '../router/router';

export function Page({
  title,
  description,
  actions,
  breadcrumb,
  children,
  wide = false,
}: {
  readonly title: string;
  readonly description?: ReactNode;
  readonly actions?: ReactNode;
  readonly breadcrumb?: { readonly label: string; readonly to: string };
  readonly children: ReactNode;
  readonly wide?: boolean;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Tsunagi`;
  }, [title]);
  useEffect(() => {
    // After a navigation inside the console (not on the first load), reading starts at
    // the new page's heading.
    if (takePendingFocus()) heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className={`page${wide ? ' page-wide' : ''}`}>
      <header className="page-header">
        <div className="page-heading">
          {breadcrumb === undefined ? null : (
            <Link className="breadcrumb" to={breadcrumb.to}>
              ← {breadcrumb.label}
            </Link>
          )}
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {description === undefined ? null : <div className="page-description">{description}</div>}
        </div>
        {actions === undefined ? null : <div className="page-actions">{actions}</div>}
      </header>
      {children}
    </div>
  );
}

export function Section({
  title,
  description,
  actions,
  children,
}: {
  readonly title: string;
  readonly description?: ReactNode;
  readonly actions?: ReactNode;
  readonly children?: ReactNode;
}) {
  return (
    <section className="card" aria-label={title}>
      <header className="card-header">
        <div>
          <h2 className="card-title">{title}</h2>
          {description === undefined ? null : <div className="card-description">{description}</div>}
        </div>
        {actions === undefined ? null : <div className="card-actions">{actions}</div>}
      </header>
      {children === undefined ? null : <div className="card-body">{children}</div>}
    </section>
  );
}
