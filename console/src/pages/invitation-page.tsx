/** Accept an invitation (`/invite/<token>`): choose a name and a password, then you are signed in. */
import { useState, type FormEvent } from 'react';
import { admin } from '../api/admin-client';
import { ApiError, errorMessage } from '../api/api-error';
import type { Invitation } from '../api/api-types';
import { Alert } from '../components/alert';
import { AuthLayout } from '../components/auth-layout';
import { Button } from '../components/button';
import { TextField } from '../components/field';
import { NewPasswordFields } from '../components/password-field';
import { Loading } from '../components/states';
import { useAsync } from '../components/use-async';
import { useFormSubmission } from '../components/use-form-submission';
import { formatDateTime } from '../format/format-time';
import { newPasswordProblems } from '../format/password-rules';
import { Link, navigate } from '../router/router';
import { useSession } from '../session/session-context';

export function InvitationPage({ token }: { readonly token: string }) {
  const { refresh } = useSession();
  const invitation = useAsync(
    (signal) =>
      admin.get<Invitation>(`/invitations/${encodeURIComponent(token)}`, {
        anonymous: true,
        signal,
      }),
    [token],
  );
  const [displayName, setDisplayName] = useState<string>();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const { errors, error, busy, accept, send } = useFormSubmission();

  if (invitation.loading) {
    return (
      <AuthLayout title="Accept your invitation">
        <Loading label="Checking the invitation…" />
      </AuthLayout>
    );
  }
  if (invitation.data === undefined) {
    const unknown = invitation.error instanceof ApiError && invitation.error.status === 404;
    return (
      <AuthLayout
        title="This invitation cannot be used"
        footer={<Link to="/sign-in">Go to sign in</Link>}
      >
        <Alert kind="error">
          {unknown
            ? 'The link has expired, was already used, or is not complete. Ask your administrator for a new invitation link.'
            : errorMessage(invitation.error)}
        </Alert>
      </AuthLayout>
    );
  }
  const details = invitation.data;
  const name = displayName ?? details.displayName;

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (!accept(newPasswordProblems(password, confirmation, details.email))) return;
    await send(async () => {
      await admin.post(
        `/invitations/${encodeURIComponent(token)}/accept`,
        { password, displayName: name.trim() },
        { anonymous: true },
      );
      navigate('/', { replace: true });
      await refresh();
    });
  };

  return (
    <AuthLayout
      title="Accept your invitation"
      subtitle={
        <>
          You are invited as <strong>{details.email}</strong>. Choose a password to finish. The
          invitation is valid until {formatDateTime(details.expiresAt)}.
        </>
      }
    >
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        {error === undefined ? null : <Alert kind="error">{error}</Alert>}
        <TextField
          label="E-mail address"
          value={details.email}
          onChange={() => undefined}
          readOnly
          autoComplete="username"
        />
        <TextField
          label="Your name"
          value={name}
          onChange={setDisplayName}
          autoComplete="name"
          error={errors['displayName']}
          markOptional
        />
        <NewPasswordFields
          password={password}
          onPasswordChange={setPassword}
          confirmation={confirmation}
          onConfirmationChange={setConfirmation}
          errors={errors}
          autoFocus
        />
        <Button type="submit" variant="primary" busy={busy} className="button-block">
          Set password and sign in
        </Button>
      </form>
    </AuthLayout>
  );
}
