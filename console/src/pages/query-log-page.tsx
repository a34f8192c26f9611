/**
 * Query log: every OData request with who made it, what it asked, its status, rows,
 * time and source calls; filters by user (administrators), entity set, status and time;
 * a search in the loaded entries; the details of one entry (the full URL and the query
 * sent to the source).
 */
import { useState } from 'react';
import { admin } from '../api/admin-client';
import type { Publication, QueryLogEntry, User } from '../api/api-types';
import { Badge } from '../components/badge';
import { Button } from '../components/button';
import { Dialog } from '../components/dialog';
import { SelectField } from '../components/field';
import { icons } from '../components/icons';
import { Page } from '../components/page';
import { EmptyState, LoadError, Loading } from '../components/states';
import { useAsync } from '../components/use-async';
import { formatDateTime } from '../format/format-time';
import { localToIso, useLogPaging } from '../logs/log-paging';
import {
  LogEntriesTable,
  navigateWithFilter,
  searchSuffix,
  TimeAndSearchFields,
  useLoadedSearch,
} from '../logs/log-view';
import { Link, navigate, useSearchParameters } from '../router/router';
import { useCurrentUser } from '../session/session-context';

function statusTone(status: number): 'success' | 'warning' | 'danger' {
  return status < 300 ? 'success' : status < 500 ? 'warning' : 'danger';
}

/** What the search in the loaded entries looks at. */
function searchedValues(entry: QueryLogEntry): readonly string[] {
  return [
    entry.url,
    entry.userEmail ?? '',
    entry.entitySet ?? '',
    entry.sourceQuery ?? '',
    String(entry.status),
  ];
}

export function QueryLogPage({ entryId }: { readonly entryId?: string | undefined }) {
  const user = useCurrentUser();
  const administrator = user.role === 'administrator';
  const parameters = useSearchParameters();
  const filters = {
    userId: parameters.get('userId') ?? '',
    entitySet: parameters.get('entitySet') ?? '',
    status: parameters.get('status') ?? '',
    from: parameters.get('from') ?? '',
    to: parameters.get('to') ?? '',
  };
  const [text, setText] = useState('');
  const options = useAsync(
    async (signal) => {
      const [users, publications] = await Promise.all([
        administrator
          ? admin.get<{ users: User[] }>('/users', { signal }).then((result) => result.users)
          : Promise.resolve<User[]>([]),
        admin
          .get<{ publications: Publication[] }>('/publications', { signal })
          .then((result) => result.publications)
          .catch(() => [] as Publication[]),
      ]);
      return { users, publications };
    },
    [administrator],
  );
  const log = useLogPaging<QueryLogEntry>('/query-log', {
    userId: filters.userId || undefined,
    entitySet: filters.entitySet || undefined,
    status: /^\d+$/.test(filters.status) ? Number(filters.status) : undefined,
    failedOnly: filters.status === 'failed' ? true : undefined,
    from: localToIso(filters.from),
    to: localToIso(filters.to),
  });
  const shown = useLoadedSearch(log.entries, text, searchedValues);
  const update = (name: string, value: string): void =>
    navigateWithFilter('/query-log', parameters, name, value);
  const opened =
    entryId === undefined ? undefined : log.entries.find((entry) => entry.id === entryId);
  const openedEntry = useAsync(
    async (signal) =>
      entryId === undefined || opened !== undefined
        ? opened
        : (
            await admin.get<{ entry: QueryLogEntry }>(`/query-log/${encodeURIComponent(entryId)}`, {
              signal,
            })
          ).entry,
    [entryId, opened],
  );
  const search = searchSuffix(parameters);

  return (
    <Page
      title="Query log"
      description={
        administrator
          ? 'Every request to the OData service, newest first.'
          : 'Your requests to the OData service, newest first.'
      }
      actions={<Button onClick={log.reload}>Refresh</Button>}
      wide
    >
      <div className="stack">
        <div className="card">
          <div className="card-body filter-grid">
            {administrator ? (
              <SelectField
                label="User"
                value={filters.userId}
                onChange={(value) => update('userId', value)}
                options={[
                  { value: '', label: 'Everyone' },
                  ...(options.data?.users ?? []).map((other) => ({
                    value: other.id,
                    label: other.email,
                  })),
                ]}
              />
            ) : null}
            <SelectField
              label="Entity set"
              value={filters.entitySet}
              onChange={(value) => update('entitySet', value)}
              options={[
                { value: '', label: 'All' },
                ...(options.data?.publications ?? []).map((publication) => ({
                  value: publication.entitySet,
                  label: publication.entitySet,
                })),
              ]}
            />
            <SelectField
              label="Status"
              value={filters.status}
              onChange={(value) => update('status', value)}
              options={[
                { value: '', label: 'Any' },
                { value: 'failed', label: 'Failed (400 and above)' },
                { value: '200', label: '200 OK' },
                { value: '201', label: '201 Created' },
                { value: '204', label: '204 No Content' },
                { value: '400', label: '400 Bad Request' },
                { value: '401', label: '401 Unauthorized' },
                { value: '403', label: '403 Forbidden' },
                { value: '404', label: '404 Not Found' },
                { value: '502', label: '502 Source error' },
              ]}
            />
            <TimeAndSearchFields
              from={filters.from}
              to={filters.to}
              onFilterChange={update}
              search={text}
              onSearchChange={setText}
              searchPlaceholder="URL, user, source query…"
            />
          </div>
        </div>
        <LogEntriesTable
          log={log}
          shown={shown}
          what="the query log"
          empty={
            <EmptyState icon={icons.log} title="No requests found">
              {log.entries.length === 0
                ? 'Requests appear here once a client reads the OData service.'
                : 'No loaded entry matches the search.'}
            </EmptyState>
          }
          caption="Query log entries"
          renderRows={() => (
            <>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  {administrator ? <th scope="col">User</th> : null}
                  <th scope="col">Request</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="cell-number">
                    Rows
                  </th>
                  <th scope="col" className="cell-number">
                    Time taken
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((entry) => (
                  <tr key={entry.id}>
                    <td data-label="Time" className="nowrap">
                      <Link
                        to={`/query-log/${entry.id}${search}`}
                        className="cell-link"
                        keepPosition
                      >
                        {formatDateTime(entry.at, true)}
                      </Link>
                    </td>
                    {administrator ? (
                      <td data-label="User">
                        <div>{entry.userEmail ?? <span className="muted">anonymous</span>}</div>
                        {entry.tokenName === null ? null : (
                          <div className="cell-subtitle">{entry.tokenName}</div>
                        )}
                      </td>
                    ) : null}
                    <td data-label="Request" className="cell-url">
                      <span className="method">{entry.method}</span>{' '}
                      <span className="mono">{shortUrl(entry.url)}</span>
                    </td>
                    <td data-label="Status">
                      <Badge tone={statusTone(entry.status)}>{entry.status}</Badge>
                    </td>
                    <td data-label="Rows" className="cell-number">
                      {entry.rowCount ?? '—'}
                    </td>
                    <td data-label="Time taken" className="cell-number nowrap">
                      {Math.round(entry.durationMs)} ms
                      <div className="cell-subtitle">
                        {entry.sourceCalls} source call{entry.sourceCalls === 1 ? '' : 's'}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </>
          )}
        />
      </div>
      <Dialog
        open={entryId !== undefined}
        title="Request details"
        wide
        onClose={() => navigate(`/query-log${search}`, { keepPosition: true })}
        footer={
          <Button onClick={() => navigate(`/query-log${search}`, { keepPosition: true })}>
            Close
          </Button>
        }
      >
        {openedEntry.data === undefined ? (
          openedEntry.loading ? (
            <Loading />
          ) : (
            <LoadError error={openedEntry.error} what="the entry" />
          )
        ) : (
          <QueryLogDetails entry={openedEntry.data} />
        )}
      </Dialog>
    </Page>
  );
}

function shortUrl(url: string): string {
  const marker = '/api/odata/service';
  const index = url.indexOf(marker);
  const rest = index < 0 ? url : url.slice(index + marker.length) || '/';
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

function QueryLogDetails({ entry }: { readonly entry: QueryLogEntry }) {
  return (
    <dl className="facts facts-wide">
      <dt>Time</dt>
      <dd>{formatDateTime(entry.at, true)}</dd>
      <dt>User</dt>
      <dd>
        {entry.userEmail ?? 'anonymous'}
        {entry.tokenName === null ? '' : ` · token “${entry.tokenName}”`}
      </dd>
      <dt>Request</dt>
      <dd>
        <pre className="code-block">
          {entry.method} {entry.url}
        </pre>
      </dd>
      <dt>Status</dt>
      <dd>
        <Badge tone={statusTone(entry.status)}>{entry.status}</Badge>
      </dd>
      <dt>Entity set</dt>
      <dd className="mono">{entry.entitySet ?? '—'}</dd>
      <dt>Rows</dt>
      <dd>{entry.rowCount ?? '—'}</dd>
      <dt>Time taken</dt>
      <dd>
        {Math.round(entry.durationMs)} ms, {entry.sourceCalls} call
        {entry.sourceCalls === 1 ? '' : 's'} to the source
      </dd>
      <dt>Source query</dt>
      <dd>
        {entry.sourceQuery === null ? (
          <span className="muted">none</span>
        ) : (
          <pre className="code-block">{entry.sourceQuery}</pre>
        )}
      </dd>
      {entry.requestId === undefined || entry.requestId === null ? null : (
        <>
          <dt>Request id</dt>
          <dd className="mono">{entry.requestId}</dd>
        </>
      )}
    </dl>
  );
}
