/** Sign in with e-mail address and password. */
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/api-error';
import { Alert } from '../components/alert';
import { AuthLayout } from '../components/auth-layout';
import { Button } from '../components/button';
import { TextField } from '../components/field';
import { PasswordField } from '../components/password-field';
import { useSession } from '../session/session-context';

export function SignInPage({ notice }: { readonly notice?: string | undefined }) {
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (email.trim() === '' || password === '') {
      setError('Enter your e-mail address and your password.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await signIn(email.trim(), password);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 429) {
        const wait = caught.retryAfterSeconds;
        setError(
          `Too many failed attempts. ${wait === undefined ? 'Wait a few minutes' : `Wait ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''}`} and try again.`,
        );
      } else if (caught instanceof ApiError && caught.status === 401) {
        setError('The e-mail address or the password is not right, or the account is disabled.');
      } else {
        setError(errorMessage(caught));
      }
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout
      title="Sign in"
      subtitle="Publish your Kintone apps as live OData feeds."
      footer="New here? Ask an administrator for an invitation link."
    >
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        {notice === undefined ? null : <Alert kind="info">{notice}</Alert>}
        {error === undefined ? null : <Alert kind="error">{error}</Alert>}
        <TextField
          label="E-mail address"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          autoFocus
          required
        />
        <PasswordField
          label="Password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          required
        />
        <Button type="submit" variant="primary" busy={busy} className="button-block">
          Sign in
        </Button>
      </form>
    </AuthLayout>
  );
}
