/**
 * Settings (administrators): how long personal access tokens may live, how long the
 * query log is kept, the largest page the OData service returns, and session and
 * invitation lifetimes.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { admin } from '../api/admin-client';
import type { Settings } from '../api/api-types';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { SelectField, TextField } from '../components/field';
import { Page, Section } from '../components/page';
import { LoadError, Loading } from '../components/states';
import { useToast } from '../components/toast';
import { useAsync } from '../components/use-async';
import { useFormSubmission } from '../components/use-form-submission';

type NumberSetting = Exclude<keyof Settings, 'tokenMaximumLifetimeDays'>;

const numberFields: readonly {
  readonly name: NumberSetting;
  /** The section of the page the field is in. */
  readonly section: 'service' | 'signIn';
  readonly label: string;
  readonly help: string;
  readonly minimum: number;
  readonly maximum: number;
  readonly unit: string;
}[] = [
  {
    name: 'queryLogRetentionDays',
    section: 'service',
    label: 'Keep the query log for',
    help: 'Older entries are deleted every hour. 1 to 365 days.',
    minimum: 1,
    maximum: 365,
    unit: 'days',
  },
  {
    name: 'maximumPageSize',
    section: 'service',
    label: 'Page size',
    help: 'The most rows the OData service returns in one response before a next link. Salesforce accepts up to 2,000. 10 to 2,000.',
    minimum: 10,
    maximum: 2000,
    unit: 'rows',
  },
  {
    name: 'sessionIdleTimeoutMinutes',
    section: 'signIn',
    label: 'Sign out after inactivity',
    help: 'Console sessions end after this long without a request. 5 to 1,440 minutes.',
    minimum: 5,
    maximum: 1440,
    unit: 'minutes',
  },
  {
    name: 'sessionAbsoluteLifetimeHours',
    section: 'signIn',
    label: 'Longest session',
    help: 'Console users sign in again after this long, active or not. 1 to 720 hours.',
    minimum: 1,
    maximum: 720,
    unit: 'hours',
  },
  {
    name: 'invitationLifetimeDays',
    section: 'signIn',
    label: 'Invitation links are valid for',
    help: '1 to 30 days.',
    minimum: 1,
    maximum: 30,
    unit: 'days',
  },
];

export function SettingsPage() {
  const notify = useToast();
  const loaded = useAsync(
    (signal) => admin.get<{ settings: Settings }>('/settings', { signal }),
    [],
  );
  const [values, setValues] = useState<Record<string, string>>({});
  const { errors, error, busy, accept, send } = useFormSubmission();

  useEffect(() => {
    const settings = loaded.data?.settings;
    if (settings === undefined) return;
    const next: Record<string, string> = {
      tokenMaximumLifetimeDays:
        settings.tokenMaximumLifetimeDays === null
          ? 'none'
          : String(settings.tokenMaximumLifetimeDays),
    };
    for (const field of numberFields) {
      const value = settings[field.name];
      if (value !== undefined) next[field.name] = String(value);
    }
    setValues(next);
  }, [loaded.data]);

  if (loaded.loading && loaded.data === undefined) {
    return (
      <Page title="Settings">
        <Loading label="Loading settings…" />
      </Page>
    );
  }
  if (loaded.data === undefined) {
    return (
      <Page title="Settings">
        <LoadError error={loaded.error} what="the settings" onRetry={loaded.reload} />
      </Page>
    );
  }
  const settings = loaded.data.settings;
  const present = numberFields.filter((field) => settings[field.name] !== undefined);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const changes: Record<string, number | null> = {};
    const lifetime = values['tokenMaximumLifetimeDays'] ?? '';
    const lifetimeValue = lifetime === 'none' ? null : Number(lifetime);
    if (lifetimeValue !== settings.tokenMaximumLifetimeDays)
      changes['tokenMaximumLifetimeDays'] = lifetimeValue;
    for (const field of present) {
      const text = (values[field.name] ?? '').trim();
      const number = Number(text);
      if (!/^\d+$/.test(text) || number < field.minimum || number > field.maximum) {
        problems[field.name] = `Enter a whole number from ${field.minimum} to ${field.maximum}.`;
      } else if (number !== settings[field.name]) {
        changes[field.name] = number;
      }
    }
    if (!accept(problems)) return;
    if (Object.keys(changes).length === 0) {
      notify('Nothing to save: no setting changed.');
      return;
    }
    await send(async () => {
      const result = await admin.patch<{ settings: Settings }>('/settings', changes);
      loaded.setData(() => result);
      notify('Settings saved.');
    });
  };

  const set = (name: string) => (value: string) =>
    setValues((current) => ({ ...current, [name]: value }));
  const numberInputs = (section: 'service' | 'signIn') => (
    <div className="stack">
      {present
        .filter((field) => field.section === section)
        .map((field) => (
          <NumberInput
            key={field.name}
            field={field}
            value={values[field.name] ?? ''}
            onChange={set(field.name)}
            error={errors[field.name]}
          />
        ))}
    </div>
  );

  return (
    <Page title="Settings" description="Rules that apply to everyone using this gateway.">
      <form className="stack-large" onSubmit={(event) => void submit(event)} noValidate>
        {error === undefined ? null : <Alert kind="error">{error}</Alert>}
        <Section title="Personal access tokens">
          <SelectField
            label="Longest token lifetime"
            value={values['tokenMaximumLifetimeDays'] ?? ''}
            onChange={set('tokenMaximumLifetimeDays')}
            error={errors['tokenMaximumLifetimeDays']}
            help="New tokens must expire within this time. Existing tokens keep their expiry."
            className="input select input-medium"
            options={[
              { value: '30', label: '30 days' },
              { value: '60', label: '60 days' },
              { value: '90', label: '90 days' },
              { value: '365', label: '365 days' },
              { value: 'none', label: 'No limit (tokens may never expire)' },
            ]}
          />
        </Section>
        <Section title="OData service and logs">{numberInputs('service')}</Section>
        <Section title="Sign-in">{numberInputs('signIn')}</Section>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy}>
            Save settings
          </Button>
        </div>
      </form>
    </Page>
  );
}

function NumberInput({
  field,
  value,
  onChange,
  error,
}: {
  readonly field: (typeof numberFields)[number];
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: string | undefined;
}) {
  return (
    <TextField
      label={`${field.label} (${field.unit})`}
      value={value}
      onChange={onChange}
      error={error}
      help={field.help}
      inputMode="numeric"
      className="input input-narrow"
    />
  );
}
