/**
 * Audit log (administrators): who did what to which user, token, connection, setting —
 * sign-ins included — with filters by user, action, kind of target and time, and the
 * details of one entry.
 */
import { useMemo, useState } from 'react';
import { admin } from '../api/admin-client';
import type { AuditEntry, User } from '../api/api-types';
import { Badge } from '../components/badge';
import { Button } from '../components/button';
import { Dialog } from '../components/dialog';
import { SelectField, TextField } from '../components/field';
import { icons } from '../components/icons';
import { Page } from '../components/page';
import { EmptyState, LoadError, Loading } from '../components/states';
import { useAsync } from '../components/use-async';
import { formatDateTime } from '../format/format-time';
import { localToIso, useLogPaging } from '../logs/log-paging';
import { navigate, useSearchParameters } from '../router/router';

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
  const update = (name: string, value: string): void => {
    const next = new URLSearchParams(parameters);
    if (value === '') next.delete(name);
    else next.set(name, value);
    const query = next.toString();
    navigate(`/audit-log${query === '' ? '' : `?${query}`}`, { replace: true });
  };
  const shown = useMemo(() => {
    const term = text.trim().toLowerCase();
    if (term === '') return log.entries;
    return log.entries.filter((entry) =>
      [
        entry.action,
        entry.actorEmail ?? '',
        entry.targetLabel ?? '',
        entry.targetId ?? '',
        entry.sourceAddress ?? '',
      ].some((value) => value.toLowerCase().includes(term)),
    );
  }, [log.entries, text]);

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
            <TextField
              label="From"
              type="datetime-local"
              value={filters.from}
              onChange={(value) => update('from', value)}
            />
            <TextField
              label="To"
              type="datetime-local"
              value={filters.to}
              onChange={(value) => update('to', value)}
            />
            <TextField
              label="Search"
              type="search"
              value={text}
              onChange={setText}
              placeholder="e-mail, target, address…"
              help="Searches the entries loaded below."
            />
          </div>
        </div>
        {log.error !== undefined && log.entries.length === 0 ? (
          <LoadError error={log.error} what="the audit log" onRetry={log.reload} />
        ) : log.loading && log.entries.length === 0 ? (
          <Loading label="Loading the audit log…" />
        ) : shown.length === 0 ? (
          <EmptyState icon={icons.shield} title="No entries found" />
        ) : (
          <div className="table-card">
            <table className="table table-responsive table-log">
              <caption className="visually-hidden">Audit log entries</caption>
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
            </table>
          </div>
        )}
        {log.hasMore ? (
          <div className="center">
            <Button onClick={log.loadMore} busy={log.loading}>
              Load older entries
            </Button>
          </div>
        ) : null}
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
