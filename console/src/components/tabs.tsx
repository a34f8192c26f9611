/** Navigation tabs between the sub-pages of one thing (a connection's settings, permissions). */
import { Link } from '../router/router';

export function Tabs({
  label,
  tabs,
  current,
}: {
  readonly label: string;
  readonly tabs: readonly { readonly id: string; readonly label: string; readonly to: string }[];
  readonly current: string;
}) {
  return (
    <nav className="tabs" aria-label={label}>
      {tabs.map((tab) => (
        <Link
          key={tab.id}
          to={tab.to}
          className={`tab${tab.id === current ? ' tab-current' : ''}`}
          aria-current={tab.id === current ? 'page' : undefined}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
