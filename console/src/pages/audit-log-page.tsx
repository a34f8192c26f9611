/**
 * Audit log (administrators): who did what to which user, token, connection, setting —
 * sign-ins included — with filters by user, action, kind of target and time, and the
 * details of one entry.
 */
import { useState } from 'react';
import { admin } from '../api/admin-client';
import type { AuditEntry, User } from '../api/api-types';
import { Badge } from '../components/badge';
import { Button } from '../components/button';
import { Dialog } from '../components/dialog';
import { SelectField, TextField } from '../components/field';
import { icons } from '../components/icons';
import { Page } from '../components/page';
import { EmptyState } from '../components/states';
import { useAsync } from '../components/use-async';
import { formatDateTime } from '../format/format-time';
import { localToIso, useLogPaging } from '../logs/log-paging';
import {
  LogEntriesTable,
  navigateWithFilter,
  TimeAndSearchFields,
  useLoadedSearch,
} from '../logs/log-view';
import { useSearchParameters } from '../router/router';

const targetKinds = [
  'user',
  'token',
  'session',
  'connection',
  'permission',
  'publication',
  'settings',
  'secretKey',
];

/** What the search in the loaded entries looks at. */
function searchedValues(entry: AuditEntry): readonly string[] {
  return [
    entry.action,
    entry.actorEmail ?? '',
    entry.targetLabel ?? '',
    entry.targetId ?? '',
    entry.sourceAddress ?? '',
  ];
}

export function AuditLogPage() {
  const parameters = useSearchParameters();
  const filters = {
    actorUserId: parameters.get('actorUserId') ?? '',
    action: parameters.get('action') ?? '',
    targetKind: parameters.get('targetKind') ?? '',
    from: parameters.get('from') ?? '',
    to: parameters.get('to') ?? '',
  };
  const [action, setAction] = useState(filters.action);
  const [text, setText] = useState('');
  const [opened, setOpened] = useState<AuditEntry>();
  const users = useAsync((signal) => admin.get<{ users: User[] }>('/users', { signal }), []);
  const log = useLogPaging<AuditEntry>('/audit-log', {
    actorUserId: filters.actorUserId || undefined,
    action: filters.action || undefined,
    targetKind: filters.targetKind || undefined,
    from: localToIso(filters.from),
    to: localToIso(filters.to),
  });
  const update = (name: string, value: string): void =>
    navigateWithFilter('/audit-log', parameters, name, value);
  const shown = useLoadedSearch(log.entries, text, searchedValues);

  return (
    <Page
      title="Audit log"
      description="Sign-ins and every change to users, tokens, connections, permissions, publications and settings."
      actions={<Button onClick={log.reload}>Refresh</Button>}
      wide
    >
      <div className="stack">
        <div className="card">
          <div className="card-body filter-grid">
            <SelectField
              label="User"
              value={filters.actorUserId}
              onChange={(value) => update('actorUserId', value)}
              options={[
                { value: '', label: 'Everyone' },
                ...(users.data?.users ?? []).map((user) => ({ value: user.id, label: user.email })),
              ]}
            />
            <form
              onSubmit={(event) => {
                event.preventDefault();
                update('action', action.trim());
              }}
            >
              <TextField
                label="Action"
                value={action}
                onChange={setAction}
                onBlur={() => update('action', action.trim())}
                placeholder="user.invited"
                className="input input-mono"
                help="Exact action name; press Enter."
              />
            </form>
            <SelectField
              label="Target"
              value={filters.targetKind}
              onChange={(value) => update('targetKind', value)}
              options={[
                { value: '', label: 'Anything' },
                ...targetKinds.map((kind) => ({ value: kind, label: kind })),
              ]}
            />
            <TimeAndSearchFields
              from={filters.from}
              to={filters.to}
              onFilterChange={update}
              search={text}
              onSearchChange={setText}
              searchPlaceholder="e-mail, target, address…"
            />
          </div>
        </div>
        <LogEntriesTable
          log={log}
          shown={shown}
          what="the audit log"
          empty={<EmptyState icon={icons.shield} title="No entries found" />}
          caption="Audit log entries"
          renderRows={() => (
            <>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">User</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((entry) => (
                  <tr key={entry.id}>
                    <td data-label="Time" className="nowrap">
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setOpened(entry)}
                      >
                        {formatDateTime(entry.at, true)}
                      </button>
                    </td>
                    <td data-label="User">
                      {entry.actorEmail ?? <span className="muted">system</span>}
                      {entry.sourceAddress === null ? null : (
                        <div className="cell-subtitle">{entry.sourceAddress}</div>
                      )}
                    </td>
                    <td data-label="Action" className="mono">
                      {entry.action}
                    </td>
                    <td data-label="Target">
                      {entry.targetKind === null ? (
                        <span className="muted">—</span>
                      ) : (
                        <>
                          <div>{entry.targetLabel ?? entry.targetId}</div>
                          <div className="cell-subtitle">{entry.targetKind}</div>
                        </>
                      )}
                    </td>
                    <td data-label="Outcome">
                      <Badge tone={entry.outcome === 'success' ? 'success' : 'danger'}>
                        {entry.outcome === 'success' ? 'Success' : 'Failure'}
                      </Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </>
          )}
        />
      </div>
      <Dialog
        open={opened !== undefined}
        title="Audit entry"
        wide
        onClose={() => setOpened(undefined)}
        footer={<Button onClick={() => setOpened(undefined)}>Close</Button>}
      >
        {opened === undefined ? null : (
          <dl className="facts facts-wide">
            <dt>Time</dt>
            <dd>{formatDateTime(opened.at, true)}</dd>
            <dt>User</dt>
            <dd>{opened.actorEmail ?? 'system'}</dd>
            <dt>From address</dt>
            <dd className="mono">{opened.sourceAddress ?? '—'}</dd>
            <dt>Action</dt>
            <dd className="mono">{opened.action}</dd>
            <dt>Target</dt>
            <dd>
              {opened.targetKind ?? '—'} {opened.targetLabel ?? ''}{' '}
              {opened.targetId === null ? null : (
                <span className="mono muted">({opened.targetId})</span>
              )}
            </dd>
            <dt>Outcome</dt>
            <dd>{opened.outcome}</dd>
            <dt>Details</dt>
            <dd>
              {Object.keys(opened.details).length === 0 ? (
                <span className="muted">none</span>
              ) : (
                <pre className="code-block">{JSON.stringify(opened.details, null, 2)}</pre>
              )}
            </dd>
          </dl>
        )}
      </Dialog>
    </Page>
  );
}
