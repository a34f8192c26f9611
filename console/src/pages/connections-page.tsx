/** Connections: each source with the result of its last test; "Add connection". */
import { admin } from '../api/admin-client';
import { canManageConnections, type Connection } from '../api/api-types';
import { Badge } from '../components/badge';
import { Button } from '../components/button';
import { icons } from '../components/icons';
import { Page } from '../components/page';
import { EmptyState, LoadError, Loading } from '../components/states';
import { TimeText } from '../components/time-text';
import { useAsync } from '../components/use-async';
import { Link, navigate } from '../router/router';
import { useCurrentUser } from '../session/session-context';

export function LastTestBadge({ connection }: { readonly connection: Connection }) {
  const test = connection.lastTest;
  if (test === null) return <Badge tone="neutral">Not tested</Badge>;
  if (test.ok) return <Badge tone="success">Working</Badge>;
  const failed = test.steps.find((step) => !step.ok);
  return <Badge tone="danger">{failed === undefined ? 'Failed' : `Failed: ${failed.name}`}</Badge>;
}

export function ConnectionsPage() {
  const user = useCurrentUser();
  const manage = canManageConnections(user.role);
  const connections = useAsync(
    (signal) => admin.get<{ connections: Connection[] }>('/connections', { signal }),
    [],
  );
  const add = manage ? (
    <Button variant="primary" icon={icons.plus} onClick={() => navigate('/connections/new')}>
      Add connection
    </Button>
  ) : undefined;
  return (
    <Page
      title="Connections"
      description="The sources Tsunagi reads and writes live: each connection holds the address and credentials of one source."
      actions={add}
    >
      {connections.loading && connections.data === undefined ? (
        <Loading label="Loading connections…" />
      ) : connections.data === undefined ? (
        <LoadError error={connections.error} what="the connections" onRetry={connections.reload} />
      ) : connections.data.connections.length === 0 ? (
        <EmptyState icon={icons.connection} title="No connections yet" action={add}>
          {manage
            ? 'Add a connection to your Kintone domain to publish its apps as OData feeds.'
            : 'No connection is shared with you yet. Ask an administrator to grant you access.'}
        </EmptyState>
      ) : (
        <ul className="card-list" aria-label="Connections">
          {connections.data.connections.map((connection) => (
            <li key={connection.id} className="card card-link">
              <div className="card-body connection-row">
                <div className="connection-main">
                  <Link to={`/connections/${connection.id}`} className="card-link-title">
                    {connection.name}
                  </Link>
                  <div className="cell-subtitle">
                    {connection.kindDisplayName ?? connection.kind}
                    {typeof connection.settings['url'] === 'string'
                      ? ` · ${connection.settings['url']}`
                      : ''}
                  </div>
                  {connection.description === '' ? null : (
                    <p className="muted small">{connection.description}</p>
                  )}
                </div>
                <div className="connection-state">
                  <LastTestBadge connection={connection} />
                  <span className="muted small">
                    {connection.lastTest === null ? (
                      <>
                        Changed <TimeText value={connection.updatedAt} />
                      </>
                    ) : (
                      <>
                        Tested <TimeText value={connection.lastTest.at} />
                      </>
                    )}
                  </span>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
