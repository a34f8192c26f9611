/**
 * Users (administrators): the list with role, status and last sign-in; invite (the
 * one-time link is shown with a copy button); change a role in place; disable, enable,
 * send a new invitation link, delete (each with a confirmation when it takes access away).
 */
import { useState, type FormEvent } from 'react';
import { admin } from '../api/admin-client';
import { errorMessage } from '../api/api-error';
import {
  roleDescriptions,
  roleLabels,
  type InvitationIssued,
  type Role,
  type User,
} from '../api/api-types';
import { Alert } from '../components/alert';
import { Badge, type BadgeTone } from '../components/badge';
import { Button } from '../components/button';
import { CopyField } from '../components/copy-field';
import { CancelAndSubmit, ConfirmDialog, Dialog } from '../components/dialog';
import { TextField } from '../components/field';
import { icons } from '../components/icons';
import { Page } from '../components/page';
import { EmptyState, LoadError, Loading } from '../components/states';
import { TimeText } from '../components/time-text';
import { useToast } from '../components/toast';
import { useAsync } from '../components/use-async';
import { useFormSubmission } from '../components/use-form-submission';
import { formatDateTime } from '../format/format-time';
import { useCurrentUser } from '../session/session-context';

const roles: readonly Role[] = ['queryUser', 'connectionAdministrator', 'administrator'];

const statusTones: Readonly<Record<User['status'], BadgeTone>> = {
  active: 'success',
  invited: 'info',
  disabled: 'neutral',
};

const statusLabels: Readonly<Record<User['status'], string>> = {
  active: 'Active',
  invited: 'Invited',
  disabled: 'Disabled',
};

type PendingAction = { readonly kind: 'disable' | 'delete'; readonly user: User } | undefined;

export function UsersPage() {
  const me = useCurrentUser();
  const notify = useToast();
  const users = useAsync((signal) => admin.get<{ users: User[] }>('/users', { signal }), []);
  const [inviting, setInviting] = useState(false);
  const [issued, setIssued] = useState<{
    readonly email: string;
    readonly url: string;
    readonly expiresAt: string;
  }>();
  const [pending, setPending] = useState<PendingAction>();
  const [busyUser, setBusyUser] = useState<string>();

  const replaceUser = (user: User): void =>
    users.setData((current) =>
      current === undefined
        ? current
        : { users: current.users.map((other) => (other.id === user.id ? user : other)) },
    );

  const changeRole = async (user: User, role: Role): Promise<void> => {
    setBusyUser(user.id);
    try {
      const result = await admin.patch<{ user: User }>(`/users/${user.id}`, { role });
      replaceUser(result.user);
      notify(`${user.email} is now ${roleLabels[role].toLowerCase()}.`);
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setBusyUser(undefined);
    }
  };

  const enable = async (user: User): Promise<void> => {
    setBusyUser(user.id);
    try {
      const result = await admin.post<{ user: User }>(`/users/${user.id}/enable`);
      replaceUser(result.user);
      notify(`${user.email} can sign in again.`);
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setBusyUser(undefined);
    }
  };

  const resendInvitation = async (user: User): Promise<void> => {
    setBusyUser(user.id);
    try {
      const result = await admin.post<{ invitationUrl: string; expiresAt: string }>(
        `/users/${user.id}/invitation`,
      );
      setIssued({ email: user.email, url: result.invitationUrl, expiresAt: result.expiresAt });
    } catch (error) {
      notify(errorMessage(error), 'error');
    } finally {
      setBusyUser(undefined);
    }
  };

  const confirmPending = async (): Promise<void> => {
    if (pending === undefined) return;
    if (pending.kind === 'disable') {
      const result = await admin.post<{ user: User }>(`/users/${pending.user.id}/disable`);
      replaceUser(result.user);
      notify(`${pending.user.email} is disabled.`);
    } else {
      await admin.delete(`/users/${pending.user.id}`);
      users.setData((current) =>
        current === undefined
          ? current
          : { users: current.users.filter((other) => other.id !== pending.user.id) },
      );
      notify(`${pending.user.email} is deleted.`);
    }
  };

  return (
    <Page
      title="Users"
      description="Who can sign in to the console and read the OData feeds. Invite people by e-mail address; they choose their own password."
      actions={
        <Button variant="primary" icon={icons.plus} onClick={() => setInviting(true)}>
          Invite user
        </Button>
      }
    >
      {users.loading && users.data === undefined ? (
        <Loading label="Loading users…" />
      ) : users.data === undefined ? (
        <LoadError error={users.error} what="the users" onRetry={users.reload} />
      ) : users.data.users.length === 0 ? (
        <EmptyState icon={icons.users} title="No users yet" />
      ) : (
        <div className="table-card">
          <table className="table table-responsive">
            <caption className="visually-hidden">Users, their roles and status</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((user) => {
                const self = user.id === me.id;
                const busy = busyUser === user.id;
                return (
                  <tr key={user.id}>
                    <td data-label="User">
                      <div className="cell-title">
                        {user.displayName || user.email}
                        {self ? <span className="muted"> (you)</span> : null}
                      </div>
                      {user.displayName === '' ? null : (
                        <div className="cell-subtitle">{user.email}</div>
                      )}
                    </td>
                    <td data-label="Role">
                      <select
                        className="input select input-compact"
                        value={user.role}
                        aria-label={`Role of ${user.email}`}
                        disabled={self || busy}
                        title={self ? 'You cannot change your own role.' : undefined}
                        onChange={(event) => void changeRole(user, event.target.value as Role)}
                      >
                        {roles.map((role) => (
                          <option key={role} value={role}>
                            {roleLabels[role]}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td data-label="Status">
                      <Badge tone={statusTones[user.status]}>{statusLabels[user.status]}</Badge>
                    </td>
                    <td data-label="Last sign-in">
                      <TimeText value={user.lastSignInAt} />
                    </td>
                    <td className="cell-actions">
                      {self ? null : (
                        <div className="row-actions">
                          {user.status === 'invited' ? (
                            <Button
                              size="small"
                              busy={busy}
                              onClick={() => void resendInvitation(user)}
                            >
                              New link
                            </Button>
                          ) : null}
                          {user.status === 'disabled' ? (
                            <Button size="small" busy={busy} onClick={() => void enable(user)}>
                              Enable
                            </Button>
                          ) : user.status === 'active' ? (
                            <Button
                              size="small"
                              onClick={() => setPending({ kind: 'disable', user })}
                            >
                              Disable
                            </Button>
                          ) : null}
                          <Button
                            size="small"
                            variant="ghost"
                            className="button-danger-text"
                            onClick={() => setPending({ kind: 'delete', user })}
                            aria-label={`Delete ${user.email}`}
                          >
                            Delete
                          </Button>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <InviteDialog
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={(result) => {
          setInviting(false);
          users.setData((current) =>
            current === undefined ? current : { users: [...current.users, result.user] },
          );
          setIssued({
            email: result.user.email,
            url: result.invitationUrl,
            expiresAt: result.expiresAt,
          });
        }}
      />
      <Dialog
        open={issued !== undefined}
        title="Invitation link"
        description={
          issued === undefined ? undefined : (
            <>
              Send this link to <strong>{issued.email}</strong> (by e-mail or chat). It works once
              and until {formatDateTime(issued.expiresAt)}.
            </>
          )
        }
        onClose={() => setIssued(undefined)}
        footer={
          <Button variant="primary" onClick={() => setIssued(undefined)}>
            Done
          </Button>
        }
      >
        {issued === undefined ? null : (
          <div className="stack">
            <CopyField label="Invitation link" value={issued.url} secret />
            <Alert kind="warning">
              This is the only time the link is shown. If it gets lost, use “New link” in the list.
            </Alert>
          </div>
        )}
      </Dialog>
      <ConfirmDialog
        open={pending !== undefined}
        title={pending?.kind === 'delete' ? 'Delete this user?' : 'Disable this user?'}
        confirmLabel={pending?.kind === 'delete' ? 'Delete user' : 'Disable user'}
        onConfirm={confirmPending}
        onClose={() => setPending(undefined)}
      >
        {pending === undefined ? null : pending.kind === 'delete' ? (
          <p>
            <strong>{pending.user.email}</strong> will be deleted with their personal access tokens
            and sessions. OData clients using their tokens stop working at once. This cannot be
            undone.
          </p>
        ) : (
          <p>
            <strong>{pending.user.email}</strong> is signed out everywhere and their tokens stop
            working until you enable them again.
          </p>
        )}
      </ConfirmDialog>
    </Page>
  );
}

function InviteDialog({
  open,
  onClose,
  onInvited,
}: {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onInvited: (result: InvitationIssued) => void;
}) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('queryUser');
  const { errors, error, busy, accept, send, clear } = useFormSubmission();

  const reset = (): void => {
    setEmail('');
    setDisplayName('');
    setRole('queryUser');
    clear();
  };

  const close = (): void => {
    reset();
    onClose();
  };

  const submit = async (_event: FormEvent<HTMLFormElement>): Promise<void> => {
    const problems: Record<string, string> = email.includes('@')
      ? {}
      : { email: 'Enter an e-mail address such as jane@example.com.' };
    if (!accept(problems)) return;
    await send(async () => {
      const result = await admin.post<InvitationIssued>('/users', {
        email: email.trim(),
        role,
        ...(displayName.trim() === '' ? {} : { displayName: displayName.trim() }),
      });
      reset();
      onInvited(result);
    });
  };

  return (
    <Dialog
      open={open}
      title="Invite a user"
      description="You get a one-time link to send them. They choose their own password."
      onClose={close}
      onSubmit={(event) => void submit(event)}
      footer={<CancelAndSubmit onCancel={close} busy={busy} submitLabel="Create invitation" />}
    >
      <div className="stack">
        {error === undefined ? null : <Alert kind="error">{error}</Alert>}
        <TextField
          label="E-mail address"
          type="email"
          value={email}
          onChange={setEmail}
          error={errors['email']}
          help="Their sign-in name, and their user name in Salesforce and Excel."
          autoComplete="off"
          autoFocus
          required
        />
        <TextField
          label="Name"
          value={displayName}
          onChange={setDisplayName}
          error={errors['displayName']}
          autoComplete="off"
          markOptional
        />
        <fieldset className="fieldset">
          <legend className="field-label">Role</legend>
          <div className="radio-cards">
            {roles.map((option) => (
              <label
                key={option}
                className={`radio-card${role === option ? ' radio-card-checked' : ''}`}
              >
                <input
                  type="radio"
                  name="role"
                  value={option}
                  checked={role === option}
                  onChange={() => setRole(option)}
                />
                <span>
                  <span className="radio-card-title">{roleLabels[option]}</span>
                  <span className="radio-card-text">{roleDescriptions[option]}</span>
                </span>
              </label>
            ))}
          </div>
          {errors['role'] === undefined ? null : <p className="field-error">{errors['role']}</p>}
        </fieldset>
      </div>
    </Dialog>
  );
}
