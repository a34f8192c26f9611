/** What a user sees on a page their role does not allow. */
import { EmptyState } from '../components/states';
import { icons } from '../components/icons';
import { Page } from '../components/page';
import { Link } from '../router/router';

export function NotAllowedPage() {
  return (
    <Page title="Not available">
      <EmptyState icon={icons.shield} title="Your role does not allow this page">
        Ask an administrator if you need it. <Link to="/">Back to the start page</Link>.
      </EmptyState>
    </Page>
  );
}
