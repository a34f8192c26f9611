/**
 * A connection's permissions: one row per user, one checkbox per permission (Select,
 * Insert, Update, Delete). Administrators may do everything and are shown so. Changes
 * are collected and saved together; leaving with unsaved changes is not prevented, but
 * the Save bar says how many users changed.
 */
import { useMemo, useState } from 'react';
import { admin } from '../api/admin-client';
import { errorMessage } from '../api/api-error';
import {
  allPermissions,
  permissionLabels,
  roleLabels,
  type ConnectionGrant,
  type Permission,
  type User,
} from '../api/api-types';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { icons } from '../components/icons';
import { EmptyState, LoadError, Loading } from '../components/states';
import { useToast } from '../components/toast';
import { useAsync } from '../components/use-async';

const permissionHelp: Readonly<Record<Permission, string>> = {
  select: 'read rows',
  insert: 'create rows',
  update: 'change rows',
  delete: 'delete rows',
};

function sameSet(left: readonly Permission[], right: readonly Permission[]): boolean {
  return left.length === right.length && left.every((permission) => right.includes(permission));
}

export function PermissionsMatrix({ connectionId }: { readonly connectionId: string }) {
  const notify = useToast();
  const data = useAsync(
    async (signal) => {
      const [grants, users] = await Promise.all([
        admin.get<{ permissions: ConnectionGrant[] }>(`/connections/${connectionId}/permissions`, {
          signal,
        }),
        admin.get<{ users: User[] }>('/users', { signal }).catch(() => ({ users: [] as User[] })),
      ]);
      const byUser = new Map(grants.permissions.map((grant) => [grant.userId, grant]));
      const rows: ConnectionGrant[] = users.users
        .filter((user) => user.status !== 'disabled' || byUser.has(user.id))
        .map(
          (user) =>
            byUser.get(user.id) ?? {
              userId: user.id,
              email: user.email,
              displayName: user.displayName,
              role: user.role,
              permissions: [],
            },
        );
      for (const grant of grants.permissions) {
        if (!rows.some((row) => row.userId === grant.userId)) rows.push(grant);
      }
      return rows.sort((left, right) => left.email.localeCompare(right.email));
    },
    [connectionId],
  );
  const [edits, setEdits] = useState<Readonly<Record<string, readonly Permission[]>>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  const rows = data.data ?? [];
  const changed = useMemo(
    () =>
      rows.filter((row) => {
        const edited = edits[row.userId];
        return edited !== undefined && !sameSet(edited, row.permissions);
      }),
    [rows, edits],
  );

  if (data.loading && data.data === undefined) return <Loading label="Loading permissions…" />;
  if (data.data === undefined)
    return <LoadError error={data.error} what="the permissions" onRetry={data.reload} />;
  if (rows.length === 0) {
    return (
      <EmptyState icon={icons.users} title="No users to grant access to">
        Invite users first.
      </EmptyState>
    );
  }

  const toggle = (row: ConnectionGrant, permission: Permission, on: boolean): void => {
    const current = edits[row.userId] ?? row.permissions;
    const next = on
      ? [...new Set([...current, permission])]
      : current.filter((value) => value !== permission);
    setEdits({ ...edits, [row.userId]: allPermissions.filter((value) => next.includes(value)) });
  };

  const save = async (): Promise<void> => {
    setSaving(true);
    setError(undefined);
    try {
      for (const row of changed) {
        await admin.put(`/connections/${connectionId}/permissions/${row.userId}`, {
          permissions: edits[row.userId] ?? [],
        });
      }
      notify(`Permissions saved for ${changed.length} user${changed.length === 1 ? '' : 's'}.`);
      setEdits({});
      data.reload();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="stack">
      <p className="muted">
        Select lets a user read this connection's published entity sets; Insert, Update and Delete
        let them change rows (for example from Salesforce). Administrators may always do everything.
      </p>
      <div className="table-card">
        <table className="table table-matrix">
          <caption className="visually-hidden">Permissions of each user on this connection</caption>
          <thead>
            <tr>
              <th scope="col">User</th>
              {allPermissions.map((permission) => (
                <th scope="col" key={permission} className="cell-center">
                  {permissionLabels[permission]}
                  <span className="th-help">{permissionHelp[permission]}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const administrator = row.role === 'administrator';
              const current = edits[row.userId] ?? row.permissions;
              return (
                <tr key={row.userId}>
                  <th scope="row">
                    <div className="cell-title">{row.displayName || row.email}</div>
                    <div className="cell-subtitle">
                      {row.displayName === '' ? '' : `${row.email} · `}
                      {roleLabels[row.role]}
                    </div>
                  </th>
                  {allPermissions.map((permission) => (
                    <td key={permission} className="cell-center">
                      <input
                        type="checkbox"
                        className="checkbox"
                        checked={administrator || current.includes(permission)}
                        disabled={administrator || saving}
                        aria-label={`${permissionLabels[permission]} for ${row.email}`}
                        title={administrator ? 'Administrators may do everything.' : undefined}
                        onChange={(event) => toggle(row, permission, event.target.checked)}
                      />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {error === undefined ? null : <Alert kind="error">{error}</Alert>}
      <div className="form-actions">
        <span className="muted small" aria-live="polite">
          {changed.length === 0
            ? 'No unsaved changes.'
            : `${changed.length} user${changed.length === 1 ? '' : 's'} changed.`}
        </span>
        <Button onClick={() => setEdits({})} disabled={changed.length === 0 || saving}>
          Undo changes
        </Button>
        <Button
          variant="primary"
          onClick={() => void save()}
          busy={saving}
          disabled={changed.length === 0}
        >
          Save permissions
        </Button>
      </div>
    </div>
  );
}
