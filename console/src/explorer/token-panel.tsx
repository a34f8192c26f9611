/**
 * Which personal access token the explorer reads with: a temporary one the console
 * creates for this tab (expires in a day, revoked at sign-out), or one the user pastes.
 */
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-error';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { Section } from '../components/page';
import { PasswordField } from '../components/password-field';
import {
  createExplorerToken,
  rememberExplorerToken,
  type ExplorerToken,
} from '../session/explorer-token';

export function TokenPanel({ onToken }: { readonly onToken: (token: ExplorerToken) => void }) {
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const createTemporary = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      onToken(await createExplorerToken());
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  const usePasted = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const token = pasted.trim();
    if (!token.startsWith('tsg_pat_')) {
      setError(
        'A personal access token starts with tsg_pat_. Copy it again from where you saved it.',
      );
      return;
    }
    const chosen = { token, name: 'pasted token' };
    rememberExplorerToken(chosen);
    onToken(chosen);
  };
  return (
    <Section
      title="Read the feed as yourself"
      description="The explorer asks the OData service exactly as Salesforce or Excel would, so it needs one of your personal access tokens. You see what your permissions allow."
    >
      <div className="stack">
        {error === undefined ? null : <Alert kind="error">{error}</Alert>}
        <div className="token-choices">
          <div className="token-choice">
            <h3 className="subheading">Temporary token</h3>
            <p className="muted small">
              The console creates a token that expires in one day and revokes it when you sign out.
            </p>
            <Button variant="primary" busy={busy} onClick={() => void createTemporary()}>
              Use a temporary token
            </Button>
          </div>
          <form className="token-choice" onSubmit={usePasted} noValidate>
            <h3 className="subheading">Your own token</h3>
            <PasswordField
              label="Personal access token"
              autoComplete="current-password"
              value={pasted}
              onChange={setPasted}
            />
            <div>
              <Button type="submit">Use this token</Button>
            </div>
          </form>
        </div>
      </div>
    </Section>
  );
}
