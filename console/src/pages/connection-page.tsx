/**
 * One connection, in two tabs: Settings (the generated form, test, delete) and
 * Permissions (users × Select / Insert / Update / Delete).
 */
import { useState } from 'react';
import { admin } from '../api/admin-client';
import { canManageConnections, type Connection, type ConnectorKind } from '../api/api-types';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { ConfirmDialog } from '../components/dialog';
import { Page, Section } from '../components/page';
import { LoadError, Loading } from '../components/states';
import { Tabs } from '../components/tabs';
import { TimeText } from '../components/time-text';
import { useToast } from '../components/toast';
import { useAsync } from '../components/use-async';
import { ConnectionEditor } from '../connections/connection-editor';
import { PermissionsMatrix } from '../connections/permissions-matrix';
import { TestResultView } from '../connections/test-result-view';
import { Link, navigate, useSearchParameters } from '../router/router';
import { useCurrentUser } from '../session/session-context';
import { LastTestBadge } from './connections-page';

export function ConnectionPage({
  id,
  tab,
}: {
  readonly id: string;
  readonly tab: 'settings' | 'permissions';
}) {
  const user = useCurrentUser();
  const notify = useToast();
  const created = useSearchParameters().get('created') === '1';
  const manage = canManageConnections(user.role);
  const data = useAsync(
    async (signal) => {
      const [connection, connectors] = await Promise.all([
        admin.get<{ connection: Connection }>(`/connections/${encodeURIComponent(id)}`, { signal }),
        admin.get<{ connectors: ConnectorKind[] }>('/connectors', { signal }),
      ]);
      return {
        connection: connection.connection,
        connector: connectors.connectors.find(
          (connector) => connector.kind === connection.connection.kind,
        ),
      };
    },
    [id],
  );
  const [deleting, setDeleting] = useState(false);
  const [editorKey, setEditorKey] = useState(0);

  if (data.loading && data.data === undefined) {
    return (
      <Page title="Connection" breadcrumb={{ label: 'Connections', to: '/connections' }}>
        <Loading label="Loading the connection…" />
      </Page>
    );
  }
  if (data.data === undefined) {
    return (
      <Page title="Connection" breadcrumb={{ label: 'Connections', to: '/connections' }}>
        <LoadError error={data.error} what="the connection" onRetry={data.reload} />
      </Page>
    );
  }
  const { connection, connector } = data.data;
  const base = `/connections/${encodeURIComponent(connection.id)}`;
  return (
    <Page
      title={connection.name}
      description={
        <span className="inline-facts">
          <span>{connection.kindDisplayName ?? connector?.displayName ?? connection.kind}</span>
          <LastTestBadge connection={connection} />
          {connection.lastTest === null ? null : (
            <span className="muted">
              tested <TimeText value={connection.lastTest.at} />
            </span>
          )}
        </span>
      }
      breadcrumb={{ label: 'Connections', to: '/connections' }}
      actions={
        manage ? (
          <Button variant="ghost" className="button-danger-text" onClick={() => setDeleting(true)}>
            Delete connection
          </Button>
        ) : undefined
      }
    >
      {manage ? (
        <Tabs
          label="Connection"
          current={tab}
          tabs={[
            { id: 'settings', label: 'Settings', to: base },
            { id: 'permissions', label: 'Permissions', to: `${base}/permissions` },
          ]}
        />
      ) : null}
      {tab === 'permissions' && manage ? (
        <div className="stack-large">
          {created ? (
            <Alert kind="success" title="The connection is created and works.">
              Now choose who may use it, then <Link to="/odata/add">publish its tables</Link> on the
              OData page.
            </Alert>
          ) : null}
          <PermissionsMatrix connectionId={connection.id} />
        </div>
      ) : !manage ? (
        <Section title="Settings">
          <p className="muted">
            Only administrators and connection administrators see and change the settings.
          </p>
        </Section>
      ) : connector === undefined ? (
        <Alert kind="error">
          This gateway no longer has the connector “{connection.kind}”, so the connection cannot be
          edited.
        </Alert>
      ) : (
        <div className="stack-large">
          {connection.lastTest === null || connection.lastTest.ok ? null : (
            <TestResultView result={connection.lastTest} title="The last test failed." />
          )}
          <ConnectionEditor
            key={editorKey}
            connector={connector}
            connection={connection}
            onSaved={(saved) => {
              data.setData((current) =>
                current === undefined ? current : { ...current, connection: saved },
              );
              setEditorKey((value) => value + 1);
              notify('The connection is saved.');
            }}
          />
        </div>
      )}
      <ConfirmDialog
        open={deleting}
        title={`Delete “${connection.name}”?`}
        confirmLabel="Delete connection"
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await admin.delete(base);
          notify(`Connection “${connection.name}” is deleted.`);
          navigate('/connections');
        }}
      >
        <p>
          Its published entity sets disappear from the OData service and its permissions are
          removed. Salesforce external objects and reports built on them stop working. The data in
          the source is not touched.
        </p>
      </ConfirmDialog>
    </Page>
  );
}
