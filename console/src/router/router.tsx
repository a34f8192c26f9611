/**
 * A small history router: the location as React state, `navigate`, `Link` (a real anchor
 * that opens in a new tab with modifier keys), and `matchPath` for route patterns such as
 * `/connections/:id/permissions`. Each navigation moves focus to the new page's heading
 * (see PageHeading) so that screen-reader and keyboard users land on the new content.
 */
import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useState,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from 'react';

export interface Location {
  readonly pathname: string;
  readonly search: string;
}

const navigationEvent = 'tsunagi:navigate';

function currentLocation(): Location {
  return { pathname: window.location.pathname, search: window.location.search };
}

let focusPending = false;

/**
 * Whether the page shown next should take focus: true once after a navigation to a new
 * page (a link, a redirect after a form, Back), false for in-page changes such as filters.
 */
export function takePendingFocus(): boolean {
  const pending = focusPending;
  focusPending = false;
  return pending;
}

export interface NavigateOptions {
  /** Replace the current history entry (redirects, filters). */
  readonly replace?: boolean;
  /** A change within the same page (a dialog, a view option): keep scroll and focus. */
  readonly keepPosition?: boolean;
}

export function navigate(to: string, options: NavigateOptions = {}): void {
  const target = new URL(to, window.location.href);
  const next = `${target.pathname}${target.search}${target.hash}`;
  const current = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  if (next === current) return;
  if (options.replace === true) {
    window.history.replaceState(null, '', next);
  } else {
    window.history.pushState(null, '', next);
    if (options.keepPosition !== true) {
      focusPending = true;
      window.scrollTo(0, 0);
    }
  }
  window.dispatchEvent(new Event(navigationEvent));
}

const LocationContext = createContext<Location>({ pathname: '/', search: '' });

export function RouterProvider({ children }: { readonly children: ReactNode }) {
  const [location, setLocation] = useState<Location>(currentLocation);
  useEffect(() => {
    const update = (): void => setLocation(currentLocation());
    const back = (): void => {
      focusPending = true;
      update();
    };
    window.addEventListener('popstate', back);
    window.addEventListener(navigationEvent, update);
    return () => {
      window.removeEventListener('popstate', back);
      window.removeEventListener(navigationEvent, update);
    };
  }, []);
  return <LocationContext.Provider value={location}>{children}</LocationContext.Provider>;
}

export function useLocation(): Location {
  return useContext(LocationContext);
}

/** The query string of the current location as a read-only map. */
export function useSearchParameters(): URLSearchParams {
  const { search } = useLocation();
  return useMemo(() => new URLSearchParams(search), [search]);
}

/** Parameters of `pattern` (`/users/:id`) in `pathname`, or undefined when it does not match. */
export function matchPath(
  pattern: string,
  pathname: string,
): Readonly<Record<string, string>> | undefined {
  const patternParts = pattern.split('/').filter((part) => part !== '');
  const pathParts = pathname.split('/').filter((part) => part !== '');
  if (patternParts.length !== pathParts.length) return undefined;
  const parameters: Record<string, string> = {};
  for (let index = 0; index < patternParts.length; index += 1) {
    const expected = patternParts[index] ?? '';
    const actual = pathParts[index] ?? '';
    if (expected.startsWith(':')) {
      try {
        parameters[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return parameters;
}

export interface LinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  readonly to: string;
  readonly replace?: boolean;
  readonly keepPosition?: boolean;
}

export function Link({ to, replace, keepPosition, onClick, children, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      rest.target === '_blank'
    ) {
      return;
    }
    event.preventDefault();
    navigate(to, { replace: replace === true, keepPosition: keepPosition === true });
  };
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
