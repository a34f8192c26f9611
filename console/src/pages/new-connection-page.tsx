/** Add a connection: pick the kind of source, then fill in the generated form and "Create & Test". */
import { admin } from '../api/admin-client';
import type { ConnectorKind } from '../api/api-types';
import { Page } from '../components/page';
import { EmptyState, LoadError, Loading } from '../components/states';
import { useToast } from '../components/toast';
import { useAsync } from '../components/use-async';
import { ConnectionEditor } from '../connections/connection-editor';
import { Link, navigate, useSearchParameters } from '../router/router';

export function NewConnectionPage() {
  const notify = useToast();
  const kind = useSearchParameters().get('kind');
  const connectors = useAsync(
    (signal) => admin.get<{ connectors: ConnectorKind[] }>('/connectors', { signal }),
    [],
  );
  const list = connectors.data?.connectors ?? [];
  const chosen = list.find((connector) => connector.kind === kind);

  return (
    <Page
      title={chosen === undefined ? 'Add a connection' : `Add a ${chosen.displayName} connection`}
      description={
        chosen === undefined
          ? 'Choose the kind of source to connect.'
          : 'Tsunagi tests the settings against the source before it saves the connection.'
      }
      breadcrumb={{ label: 'Connections', to: '/connections' }}
    >
      {connectors.loading && connectors.data === undefined ? (
        <Loading label="Loading the kinds of source…" />
      ) : connectors.data === undefined ? (
        <LoadError
          error={connectors.error}
          what="the kinds of source"
          onRetry={connectors.reload}
        />
      ) : list.length === 0 ? (
        <EmptyState title="No kind of source is available">
          This gateway has no connector installed.
        </EmptyState>
      ) : chosen === undefined ? (
        <ul className="source-grid" aria-label="Kinds of source">
          {list.map((connector) => (
            <li key={connector.kind}>
              <Link
                className="source-card"
                to={`/connections/new?kind=${encodeURIComponent(connector.kind)}`}
              >
                <span className="source-logo" aria-hidden="true">
                  {connector.displayName.slice(0, 1)}
                </span>
                <span className="source-name">{connector.displayName}</span>
                <span className="source-description">{connector.description}</span>
              </Link>
            </li>
          ))}
          <li>
            <div className="source-card source-card-soon" aria-disabled="true">
              <span className="source-logo" aria-hidden="true">
                +
              </span>
              <span className="source-name">More sources</span>
              <span className="source-description">
                SQL databases and other SaaS applications are planned.
              </span>
            </div>
          </li>
        </ul>
      ) : (
        <ConnectionEditor
          key={chosen.kind}
          connector={chosen}
          onCancel={() => navigate('/connections/new')}
          onSaved={(connection) => {
            notify(`Connection “${connection.name}” is created.`);
            navigate(`/connections/${connection.id}/permissions?created=1`);
          }}
        />
      )}
    </Page>
  );
}
