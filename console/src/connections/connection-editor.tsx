/**
 * The connection form for a new or a stored connection: name and description, the
 * generated settings, and the test. New: "Create & Test" tests the unsaved settings and
 * creates the connection only when the test passes (or when the user then chooses "Save
 * anyway"). Stored: "Test" tests the form as it is, "Save changes" saves it.
 */
import { useState, type FormEvent } from 'react';
import { admin } from '../api/admin-client';
import { ApiError, errorMessage } from '../api/api-error';
import type { Connection, ConnectorKind, TestResult } from '../api/api-types';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { TextField } from '../components/field';
import { SettingsFields } from './settings-fields';
import { checkSettings, initialForm, settingsToSend, type SettingsForm } from './setting-values';
import { TestResultView } from './test-result-view';

export interface ConnectionEditorProps {
  readonly connector: ConnectorKind;
  /** The stored connection when editing. */
  readonly connection?: Connection;
  readonly onSaved: (connection: Connection) => void;
  readonly onCancel?: () => void;
}

export function ConnectionEditor({
  connector,
  connection,
  onSaved,
  onCancel,
}: ConnectionEditorProps) {
  const editing = connection !== undefined;
  const [name, setName] = useState(connection?.name ?? '');
  const [description, setDescription] = useState(connection?.description ?? '');
  const [form, setForm] = useState<SettingsForm>(() => initialForm(connector.settings, connection));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<TestResult>();
  const [busy, setBusy] = useState<'test' | 'save' | undefined>();

  const check = (): boolean => {
    const problems = checkSettings(connector.settings, form, connection);
    if (name.trim() === '')
      problems['name'] = 'Give the connection a name, such as “Kintone production”.';
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      setError('Some settings need your attention.');
      window.setTimeout(() => {
        const first = document.querySelector<HTMLElement>(
          '.field-invalid input, .field-invalid select',
        );
        first?.focus();
      }, 0);
      return false;
    }
    setError(undefined);
    return true;
  };

  const showFailure = (caught: unknown): void => {
    if (caught instanceof ApiError) {
      const fields = { ...caught.fieldMessages('settings.'), ...caught.fieldMessages() };
      delete fields['settings'];
      setErrors(fields);
    }
    setError(errorMessage(caught));
  };

  const test = async (): Promise<TestResult | undefined> => {
    const settings = settingsToSend(connector.settings, form, connection);
    try {
      const outcome = await admin.post<TestResult>('/connections/test', {
        kind: connector.kind,
        settings,
        ...(connection === undefined ? {} : { connectionId: connection.id }),
      });
      setResult(outcome);
      return outcome;
    } catch (caught) {
      setResult(undefined);
      showFailure(caught);
      return undefined;
    }
  };

  const save = async (): Promise<void> => {
    const settings = settingsToSend(connector.settings, form, connection);
    try {
      const saved =
        connection === undefined
          ? (
              await admin.post<{ connection: Connection }>('/connections', {
                name: name.trim(),
                kind: connector.kind,
                description: description.trim(),
                settings,
              })
            ).connection
          : (
              await admin.patch<{ connection: Connection }>(`/connections/${connection.id}`, {
                name: name.trim(),
                description: description.trim(),
                settings,
              })
            ).connection;
      // Record a test with the connection so that the list shows its state.
      const tested = await admin
        .post<TestResult>(`/connections/${saved.id}/test`)
        .then((outcome) => ({ ...saved, lastTest: { ...outcome, at: new Date().toISOString() } }))
        .catch(() => saved);
      onSaved(tested);
    } catch (caught) {
      showFailure(caught);
    }
  };

  const createAndTest = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (!check()) return;
    setBusy(editing ? 'save' : 'test');
    setError(undefined);
    setResult(undefined);
    try {
      if (editing) {
        await save();
        return;
      }
      const outcome = await test();
      if (outcome?.ok === true) {
        setBusy('save');
        await save();
      }
    } finally {
      setBusy(undefined);
    }
  };

  const testOnly = async (): Promise<void> => {
    if (!check()) return;
    setBusy('test');
    setError(undefined);
    setResult(undefined);
    try {
      await test();
    } finally {
      setBusy(undefined);
    }
  };

  const saveAnyway = async (): Promise<void> => {
    if (!check()) return;
    setBusy('save');
    try {
      await save();
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <form className="connection-editor" onSubmit={(event) => void createAndTest(event)} noValidate>
      <div className="card">
        <div className="card-body stack">
          <TextField
            label="Connection name"
            value={name}
            onChange={setName}
            error={errors['name']}
            help="Shown in the console and in the OData page; not visible to OData clients."
            placeholder={`${connector.displayName} production`}
            autoComplete="off"
            maxLength={200}
            required
          />
          <TextField
            label="Description"
            value={description}
            onChange={setDescription}
            error={errors['description']}
            autoComplete="off"
            markOptional
          />
        </div>
      </div>
      <div className="card">
        <header className="card-header">
          <div>
            <h2 className="card-title">{connector.displayName} settings</h2>
            <div className="card-description">{connector.description}</div>
          </div>
        </header>
        <div className="card-body">
          <SettingsFields
            descriptors={connector.settings}
            form={form}
            onChange={(next) => {
              setForm(next);
              setResult(undefined);
            }}
            errors={errors}
            {...(connection === undefined ? {} : { connection })}
          />
        </div>
      </div>
      <div className="editor-status">
        {error === undefined ? null : <Alert kind="error">{error}</Alert>}
        {result === undefined ? null : (
          <TestResultView
            result={result}
            {...(result.ok && !editing && busy === 'save'
              ? { title: 'The connection works. Creating it…' }
              : {})}
          />
        )}
      </div>
      <div className="form-actions">
        {onCancel === undefined ? null : (
          <Button onClick={onCancel} disabled={busy !== undefined}>
            Cancel
          </Button>
        )}
        {editing ? (
          <Button onClick={() => void testOnly()} busy={busy === 'test'} disabled={busy === 'save'}>
            Test
          </Button>
        ) : result !== undefined && !result.ok ? (
          <Button
            onClick={() => void saveAnyway()}
            busy={busy === 'save'}
            disabled={busy === 'test'}
          >
            Save anyway
          </Button>
        ) : null}
        <Button
          type="submit"
          variant="primary"
          busy={editing ? busy === 'save' : busy !== undefined}
        >
          {editing
            ? 'Save changes'
            : busy === 'save'
              ? 'Creating…'
              : busy === 'test'
                ? 'Testing…'
                : 'Create & Test'}
        </Button>
      </div>
    </form>
  );
}
