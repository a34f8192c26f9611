/**
 * My profile: name, password, signing out everywhere, and personal access tokens — create
 * one (name and expiry within the administrators' policy; the token is shown once), see
 * when each was last used and when it expires, revoke.
 */
import { useState, type FormEvent } from 'react';
import { admin } from '../api/admin-client';
import { ApiError, errorMessage } from '../api/api-error';
import {
  roleLabels,
  type Settings,
  type Token,
  type TokenCreated,
  type User,
} from '../api/api-types';
import { Alert } from '../components/alert';
import { Badge } from '../components/badge';
import { Button } from '../components/button';
import { CopyField } from '../components/copy-field';
import { CancelAndSubmit, ConfirmDialog, Dialog } from '../components/dialog';
import { SelectField, TextField } from '../components/field';
import { icons } from '../components/icons';
import { Page, Section } from '../components/page';
import { PasswordField } from '../components/password-field';
import { EmptyState, LoadError, Loading } from '../components/states';
import { TimeText } from '../components/time-text';
import { useToast } from '../components/toast';
import { useAsync } from '../components/use-async';
import { formatDate } from '../format/format-time';
import { passwordHint, passwordProblem } from '../format/password-rules';
import { useCurrentUser, useSession } from '../session/session-context';

export function ProfilePage() {
  const user = useCurrentUser();
  return (
    <Page title="My profile" description={`${user.email} · ${roleLabels[user.role]}`}>
      <div className="stack-large">
        <TokensSection user={user} />
        <div className="grid-two">
          <NameSection user={user} />
          <PasswordSection user={user} />
        </div>
        <SessionsSection />
      </div>
    </Page>
  );
}

function tokenState(token: Token): 'active' | 'expired' | 'revoked' {
  if (token.state !== undefined) return token.state;
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && new Date(token.expiresAt).getTime() <= Date.now())
    return 'expired';
  return 'active';
}

const expiryChoices: readonly (number | null)[] = [7, 30, 60, 90, 365, null];

function TokensSection({ user }: { readonly user: User }) {
  const notify = useToast();
  const tokens = useAsync((signal) => admin.get<{ tokens: Token[] }>('/me/tokens', { signal }), []);
  const policy = useAsync(
    async (signal) =>
      user.role === 'administrator'
        ? (await admin.get<{ settings: Settings }>('/settings', { signal })).settings
            .tokenMaximumLifetimeDays
        : undefined,
    [user.role],
  );
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<TokenCreated>();
  const [revoking, setRevoking] = useState<Token>();
  const [showInactive, setShowInactive] = useState(false);

  const all = tokens.data?.tokens ?? [];
  const active = all.filter((token) => tokenState(token) === 'active');
  const inactive = all.filter((token) => tokenState(token) !== 'active');
  const shown = showInactive ? [...active, ...inactive] : active;

  return (
    <Section
      title="Personal access tokens"
      description={
        <>
          OData clients sign in with your e-mail address as the user name and a token as the
          password (Salesforce Connect, Excel, Power BI, scripts). Create one token per client so
          that you can revoke it alone.
        </>
      }
      actions={
        <Button variant="primary" icon={icons.plus} onClick={() => setCreating(true)}>
          Create token
        </Button>
      }
    >
      {tokens.loading && tokens.data === undefined ? (
        <Loading label="Loading your tokens…" />
      ) : tokens.data === undefined ? (
        <LoadError error={tokens.error} what="your tokens" onRetry={tokens.reload} />
      ) : all.length === 0 ? (
        <EmptyState icon={icons.key} title="No tokens yet">
          Create a token to connect Salesforce, Excel or a script to the OData feed.
        </EmptyState>
      ) : (
        <>
          {shown.length === 0 ? (
            <p className="muted">You have no active token. Create one for each client.</p>
          ) : (
            <table className="table table-responsive">
              <caption className="visually-hidden">Your personal access tokens</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((token) => {
                  const state = tokenState(token);
                  return (
                    <tr key={token.id} className={state === 'active' ? undefined : 'row-muted'}>
                      <td data-label="Name">
                        <div className="cell-title">{token.name}</div>
                        <div className="cell-subtitle mono">
                          {token.hint ?? token.prefix ?? ''}…
                        </div>
                      </td>
                      <td data-label="Created">
                        <TimeText value={token.createdAt} />
                      </td>
                      <td data-label="Last used">
                        <TimeText value={token.lastUsedAt} never="Not used yet" />
                      </td>
                      <td data-label="Expires">
                        {state === 'revoked' ? (
                          <Badge tone="neutral">Revoked</Badge>
                        ) : state === 'expired' ? (
                          <Badge tone="warning">Expired</Badge>
                        ) : token.expiresAt === null ? (
                          <span>Never</span>
                        ) : (
                          <span title={formatDate(token.expiresAt)}>
                            <TimeText value={token.expiresAt} />
                          </span>
                        )}
                      </td>
                      <td className="cell-actions">
                        {state === 'active' ? (
                          <Button
                            size="small"
                            variant="ghost"
                            className="button-danger-text"
                            onClick={() => setRevoking(token)}
                            aria-label={`Revoke ${token.name}`}
                          >
                            Revoke
                          </Button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {inactive.length === 0 ? null : (
            <button
              type="button"
              className="link-button"
              onClick={() => setShowInactive((value) => !value)}
            >
              {showInactive ? 'Hide' : 'Show'} {inactive.length} revoked or expired token
              {inactive.length === 1 ? '' : 's'}
            </button>
          )}
        </>
      )}
      <CreateTokenDialog
        open={creating}
        policy={policy.data}
        onClose={() => setCreating(false)}
        onCreated={(result) => {
          setCreating(false);
          setCreated(result);
          tokens.setData((current) => ({ tokens: [result.details, ...(current?.tokens ?? [])] }));
        }}
      />
      <Dialog
        open={created !== undefined}
        title="Your new token"
        onClose={() => setCreated(undefined)}
        footer={
          <Button variant="primary" onClick={() => setCreated(undefined)}>
            I have copied it
          </Button>
        }
      >
        {created === undefined ? null : (
          <div className="stack">
            <Alert kind="warning" title="Copy it now: you will not see it again.">
              Tsunagi keeps only a fingerprint of the token. If you lose it, revoke it and create a
              new one.
            </Alert>
            <CopyField label={`Token “${created.details.name}”`} value={created.token} secret />
            <dl className="facts">
              <dt>User name</dt>
              <dd className="mono">{user.email}</dd>
              <dt>Password</dt>
              <dd>this token</dd>
              <dt>Expires</dt>
              <dd>
                {created.details.expiresAt === null
                  ? 'Never'
                  : formatDate(created.details.expiresAt)}
              </dd>
            </dl>
          </div>
        )}
      </Dialog>
      <ConfirmDialog
        open={revoking !== undefined}
        title="Revoke this token?"
        confirmLabel="Revoke token"
        onClose={() => setRevoking(undefined)}
        onConfirm={async () => {
          if (revoking === undefined) return;
          await admin.delete(`/me/tokens/${revoking.id}`);
          notify(`Token “${revoking.name}” is revoked.`);
          tokens.reload();
        }}
      >
        <p>
          Clients that use <strong>{revoking?.name}</strong> are refused from now on. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </Section>
  );
}

function expiryLabel(days: number | null): string {
  if (days === null) return 'Never expires';
  const date = formatDate(new Date(Date.now() + days * 86_400_000).toISOString());
  return `${days} days (until ${date})`;
}

function CreateTokenDialog({
  open,
  policy,
  onClose,
  onCreated,
}: {
  readonly open: boolean;
  /** The administrators' longest lifetime, when known (null: no limit). */
  readonly policy: number | null | undefined;
  readonly onClose: () => void;
  readonly onCreated: (created: TokenCreated) => void;
}) {
  const choices = expiryChoices.filter((days) =>
    policy === undefined || policy === null ? true : days !== null && days <= policy,
  );
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('30');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const close = (): void => {
    setName('');
    setErrors({});
    setError(undefined);
    onClose();
  };

  const submit = async (): Promise<void> => {
    if (name.trim() === '') {
      setErrors({ name: 'Give the token a name, such as “Salesforce production”.' });
      return;
    }
    setBusy(true);
    setErrors({});
    setError(undefined);
    try {
      const result = await admin.post<TokenCreated>('/me/tokens', {
        name: name.trim(),
        expiresInDays: expiry === 'never' ? null : Number(expiry),
      });
      setName('');
      onCreated(result);
    } catch (caught) {
      const fields = caught instanceof ApiError ? caught.fieldMessages() : {};
      setErrors(fields);
      if (Object.keys(fields).length === 0) setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      title="Create a personal access token"
      onClose={close}
      onSubmit={() => void submit()}
      footer={<CancelAndSubmit onCancel={close} busy={busy} submitLabel="Create token" />}
    >
      <div className="stack">
        {error === undefined ? null : <Alert kind="error">{error}</Alert>}
        <TextField
          label="Name"
          value={name}
          onChange={setName}
          error={errors['name']}
          help="Where you will use it, so that you recognise it later."
          placeholder="Salesforce production"
          autoComplete="off"
          maxLength={100}
          autoFocus
          required
        />
        <SelectField
          label="Expires"
          value={expiry}
          onChange={setExpiry}
          error={errors['expiresInDays']}
          help={
            policy === undefined
              ? 'Your administrators may limit how long tokens live.'
              : policy === null
                ? 'Tokens may live as long as you choose.'
                : `Your administrators allow at most ${policy} days.`
          }
          options={choices.map((days) => ({
            value: days === null ? 'never' : String(days),
            label: expiryLabel(days),
          }))}
        />
      </div>
    </Dialog>
  );
}

function NameSection({ user }: { readonly user: User }) {
  const { updateUser } = useSession();
  const notify = useToast();
  const [name, setName] = useState(user.displayName);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const result = await admin.patch<{ user: User }>('/me', { displayName: name.trim() });
      updateUser(result.user);
      notify('Your name is saved.');
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="Name">
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label="Display name"
          value={name}
          onChange={setName}
          error={error}
          autoComplete="name"
        />
        <div>
          <Button type="submit" busy={busy} disabled={name.trim() === user.displayName}>
            Save name
          </Button>
        </div>
      </form>
    </Section>
  );
}

function PasswordSection({ user }: { readonly user: User }) {
  const notify = useToast();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const weak = passwordProblem(next, user.email);
    if (current === '' || weak !== undefined) {
      setErrors({
        ...(current === '' ? { currentPassword: 'Enter your current password.' } : {}),
        ...(weak === undefined ? {} : { newPassword: weak }),
      });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await admin.post('/me/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      notify('Your password is changed.');
    } catch (caught) {
      const fields = caught instanceof ApiError ? caught.fieldMessages() : {};
      setErrors(Object.keys(fields).length === 0 ? { newPassword: errorMessage(caught) } : fields);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="Password">
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <PasswordField
          label="Current password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          error={errors['currentPassword']}
        />
        <PasswordField
          label="New password"
          autoComplete="new-password"
          value={next}
          onChange={setNext}
          error={errors['newPassword']}
          help={passwordHint}
        />
        <div>
          <Button type="submit" busy={busy}>
            Change password
          </Button>
        </div>
      </form>
    </Section>
  );
}

function SessionsSection() {
  const { signOut } = useSession();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Section
        title="Sessions"
        description="Signed in on another computer you no longer use? Sign out everywhere; your tokens keep working."
        actions={<Button onClick={() => setConfirming(true)}>Sign out everywhere</Button>}
      />
      <ConfirmDialog
        open={confirming}
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        danger={false}
        onClose={() => setConfirming(false)}
        onConfirm={() => signOut({ everywhere: true })}
      >
        <p>Every browser where you are signed in, this one included, is signed out.</p>
      </ConfirmDialog>
    </>
  );
}
