/** First run: create the first administrator (only while the gateway has no user). */
import { useState, type FormEvent } from 'react';
import { admin } from '../api/admin-client';
import { ApiError, errorMessage } from '../api/api-error';
import { Alert } from '../components/alert';
import { AuthLayout } from '../components/auth-layout';
import { Button } from '../components/button';
import { TextField } from '../components/field';
import { PasswordField } from '../components/password-field';
import { passwordHint, passwordProblem } from '../format/password-rules';
import { useSession } from '../session/session-context';

export function SetupPage() {
  const { refresh } = useSession();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!email.includes('@'))
      problems['email'] = 'Enter an e-mail address such as admin@example.com.';
    const weak = passwordProblem(password, email);
    if (weak !== undefined) problems['password'] = weak;
    else if (confirmation !== password)
      problems['confirmation'] = 'The two passwords are not the same.';
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      await admin.post(
        '/setup',
        { email: email.trim(), password, displayName: displayName.trim() },
        { anonymous: true },
      );
      await refresh();
    } catch (caught) {
      if (caught instanceof ApiError) setErrors(caught.fieldMessages());
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout
      title="Set up Tsunagi"
      subtitle="Create the first administrator. You can invite everyone else from the console afterwards."
    >
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        {error === undefined ? null : <Alert kind="error">{error}</Alert>}
        <TextField
          label="E-mail address"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          error={errors['email']}
          help="You sign in with it; it is also your user name for OData clients."
          autoFocus
          required
        />
        <TextField
          label="Your name"
          autoComplete="name"
          value={displayName}
          onChange={setDisplayName}
          error={errors['displayName']}
          markOptional
        />
        <PasswordField
          label="Password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          error={errors['password']}
          help={passwordHint}
          required
        />
        <PasswordField
          label="Repeat the password"
          autoComplete="new-password"
          value={confirmation}
          onChange={setConfirmation}
          error={errors['confirmation']}
          required
        />
        <Button type="submit" variant="primary" busy={busy} className="button-block">
          Create administrator
        </Button>
      </form>
    </AuthLayout>
  );
}
