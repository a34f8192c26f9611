/**
 * OData: the service URL, the published entity sets with their source, renaming and
 * unpublishing, and how to connect Salesforce, Excel / Power BI or a script.
 */
import { useState } from 'react';
import { admin } from '../api/admin-client';
import { ApiError, errorMessage } from '../api/api-error';
import {
  canManageConnections,
  type Connection,
  type Publication,
  type ServiceInfo,
} from '../api/api-types';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { CopyField } from '../components/copy-field';
import { CancelAndSubmit, ConfirmDialog, Dialog } from '../components/dialog';
import { TextField } from '../components/field';
import { icons } from '../components/icons';
import { Page, Section } from '../components/page';
import { EmptyState, LoadError, Loading } from '../components/states';
import { TimeText } from '../components/time-text';
import { useToast } from '../components/toast';
import { useAsync } from '../components/use-async';
import { ClientInstructions } from '../odata/client-instructions';
import { isODataIdentifier } from '../odata/odata-names';
import { Link, navigate } from '../router/router';
import { useCurrentUser } from '../session/session-context';

function fallbackService(): ServiceInfo {
  const serviceUrl = `${window.location.origin}/api/odata/service`;
  return { serviceUrl, metadataUrl: `${serviceUrl}/$metadata` };
}

export function ODataPage() {
  const user = useCurrentUser();
  const notify = useToast();
  const manage = canManageConnections(user.role);
  const data = useAsync(async (signal) => {
    const [service, publications, connections] = await Promise.all([
      admin.get<ServiceInfo>('/service', { signal }).catch(() => fallbackService()),
      admin.get<{ publications: Publication[] }>('/publications', { signal }),
      admin
        .get<{ connections: Connection[] }>('/connections', { signal })
        .catch(() => ({ connections: [] })),
    ]);
    return {
      service,
      publications: publications.publications,
      connections: connections.connections,
    };
  }, []);
  const [renaming, setRenaming] = useState<Publication>();
  const [removing, setRemoving] = useState<Publication>();
  const add = manage ? (
    <Button variant="primary" icon={icons.plus} onClick={() => navigate('/odata/add')}>
      Add
    </Button>
  ) : undefined;

  if (data.loading && data.data === undefined) {
    return (
      <Page title="OData">
        <Loading label="Loading the OData service…" />
      </Page>
    );
  }
  if (data.data === undefined) {
    return (
      <Page title="OData">
        <LoadError error={data.error} what="the OData service" onRetry={data.reload} />
      </Page>
    );
  }
  const { service, publications, connections } = data.data;
  const connectionName = (publication: Publication): string =>
    publication.connectionName ??
    connections.find((connection) => connection.id === publication.connectionId)?.name ??
    'Unknown connection';

  return (
    <Page
      title="OData"
      description="Published tables are entity sets of one OData v4 service. Clients see the sets they have Select permission on."
      actions={add}
    >
      <div className="stack-large">
        <Section title="Service">
          <div className="stack">
            <CopyField
              label="Service URL"
              value={service.serviceUrl}
              help="The service root: what Salesforce, Excel and Power BI ask for."
            />
            <p className="small muted break">
              Metadata: <a href={service.metadataUrl}>{service.metadataUrl}</a>
              {service.odataVersion === undefined ? null : (
                <> · OData {service.odataVersion.join(' and ')}</>
              )}
              {service.maxPageSize === undefined ? null : (
                <> · pages of up to {service.maxPageSize} rows</>
              )}
            </p>
          </div>
        </Section>
        <Section
          title="Published entity sets"
          description={`${publications.length} entity set${publications.length === 1 ? '' : 's'}`}
        >
          {publications.length === 0 ? (
            <EmptyState icon={icons.feed} title="Nothing is published yet" action={add}>
              {manage
                ? 'Add tables from a connection to publish them as entity sets.'
                : 'No entity set is shared with you yet.'}
            </EmptyState>
          ) : (
            <table className="table table-responsive">
              <caption className="visually-hidden">Published entity sets</caption>
              <thead>
                <tr>
                  <th scope="col">Entity set</th>
                  <th scope="col">Source</th>
                  <th scope="col">Published</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {publications.map((publication) => (
                  <tr key={publication.id}>
                    <td data-label="Entity set">
                      <Link
                        className="mono cell-title"
                        to={`/explorer?set=${encodeURIComponent(publication.entitySet)}`}
                      >
                        {publication.entitySet}
                      </Link>
                    </td>
                    <td data-label="Source">
                      <div>{connectionName(publication)}</div>
                      <div className="cell-subtitle">
                        {publication.tableLabel === undefined ? '' : `${publication.tableLabel} · `}
                        ID {publication.tableId ?? publication.tableName}
                      </div>
                    </td>
                    <td data-label="Published">
                      <TimeText value={publication.createdAt} />
                    </td>
                    <td className="cell-actions">
                      <div className="row-actions">
                        <Link
                          className="button button-small button-secondary"
                          to={`/explorer?set=${encodeURIComponent(publication.entitySet)}`}
                        >
                          Explore
                        </Link>
                        {manage ? (
                          <>
                            <Button size="small" onClick={() => setRenaming(publication)}>
                              Rename
                            </Button>
                            <Button
                              size="small"
                              variant="ghost"
                              className="button-danger-text"
                              onClick={() => setRemoving(publication)}
                              aria-label={`Unpublish ${publication.entitySet}`}
                            >
                              Unpublish
                            </Button>
                          </>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
        <ClientInstructions serviceUrl={service.serviceUrl} email={user.email} />
      </div>
      <RenameDialog
        publication={renaming}
        onClose={() => setRenaming(undefined)}
        onRenamed={(renamed) => {
          data.setData((current) =>
            current === undefined
              ? current
              : {
                  ...current,
                  publications: current.publications.map((other) =>
                    other.id === renamed.id ? { ...other, ...renamed } : other,
                  ),
                },
          );
          notify(`Renamed to ${renamed.entitySet}.`);
        }}
      />
      <ConfirmDialog
        open={removing !== undefined}
        title={`Unpublish ${removing?.entitySet ?? ''}?`}
        confirmLabel="Unpublish"
        onClose={() => setRemoving(undefined)}
        onConfirm={async () => {
          if (removing === undefined) return;
          await admin.delete(`/publications/${removing.id}`);
          data.setData((current) =>
            current === undefined
              ? current
              : {
                  ...current,
                  publications: current.publications.filter((other) => other.id !== removing.id),
                },
          );
          notify(`${removing.entitySet} is no longer published.`);
        }}
      >
        <p>
          The entity set disappears from the service. Salesforce external objects built on it stop
          working until it is published again under the same name. The source table is not touched.
        </p>
      </ConfirmDialog>
    </Page>
  );
}

function RenameDialog({
  publication,
  onClose,
  onRenamed,
}: {
  readonly publication: Publication | undefined;
  readonly onClose: () => void;
  readonly onRenamed: (publication: Publication) => void;
}) {
  const [name, setName] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const value = name ?? publication?.entitySet ?? '';
  const close = (): void => {
    setName(undefined);
    setError(undefined);
    onClose();
  };
  const submit = async (): Promise<void> => {
    if (publication === undefined) return;
    if (!isODataIdentifier(value)) {
      setError('Use letters, digits and underscores, starting with a letter or underscore.');
      return;
    }
    setBusy(true);
    try {
      const result = await admin.patch<{ publication: Publication }>(
        `/publications/${publication.id}`,
        { entitySet: value },
      );
      onRenamed(result.publication);
      close();
    } catch (caught) {
      setError(
        caught instanceof ApiError
          ? (caught.fieldMessages()['entitySet'] ?? caught.message)
          : errorMessage(caught),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={publication !== undefined}
      title="Rename the entity set"
      onClose={close}
      onSubmit={() => void submit()}
      footer={<CancelAndSubmit onCancel={close} busy={busy} submitLabel="Rename" />}
    >
      <div className="stack">
        <Alert kind="warning">
          Clients that use the old name (Salesforce external objects, Excel queries) must be synced
          or changed.
        </Alert>
        <TextField
          label="Entity set name"
          value={value}
          onChange={setName}
          error={error}
          className="input input-mono"
          autoFocus
        />
      </div>
    </Dialog>
  );
}
