/** First run: create the first administrator (only while the gateway has no user). */
import { useState, type FormEvent } from 'react';
import { admin } from '../api/admin-client';
import { Alert } from '../components/alert';
import { AuthLayout } from '../components/auth-layout';
import { Button } from '../components/button';
import { TextField } from '../components/field';
import { NewPasswordFields } from '../components/password-field';
import { useFormSubmission } from '../components/use-form-submission';
import { newPasswordProblems } from '../format/password-rules';
import { useSession } from '../session/session-context';

export function SetupPage() {
  const { refresh } = useSession();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const { errors, error, busy, accept, send } = useFormSubmission();

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const problems = {
      ...(email.includes('@')
        ? {}
        : { email: 'Enter an e-mail address such as admin@example.com.' }),
      ...newPasswordProblems(password, confirmation, email),
    };
    if (!accept(problems)) return;
    await send(async () => {
      await admin.post(
        '/setup',
        { email: email.trim(), password, displayName: displayName.trim() },
        { anonymous: true },
      );
      await refresh();
    });
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
        <NewPasswordFields
          password={password}
          onPasswordChange={setPassword}
          confirmation={confirmation}
          onConfirmationChange={setConfirmation}
          errors={errors}
        />
        <Button type="submit" variant="primary" busy={busy} className="button-block">
          Create administrator
        </Button>
      </form>
    </AuthLayout>
  );
}
