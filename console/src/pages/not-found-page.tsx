/** A console address that does not exist. */
import { EmptyState } from '../components/states';
import { Page } from '../components/page';
import { Link } from '../router/router';

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <EmptyState title="There is nothing at this address">
        Check the link, or go to the <Link to="/">start page</Link>.
      </EmptyState>
    </Page>
  );
}
