/**
 * "Connect from Salesforce" and the other clients: the exact values to enter in
 * Salesforce Connect (OData 4.0 external data source), Excel / Power BI (OData feed with
 * Basic authentication) and scripts, with copy buttons for the values one pastes.
 */
import { useState } from 'react';
import { CopyField } from '../components/copy-field';
import { Link } from '../router/router';

type Client = 'salesforce' | 'excel' | 'script';

const clients: readonly { readonly id: Client; readonly label: string }[] = [
  { id: 'salesforce', label: 'Salesforce Connect' },
  { id: 'excel', label: 'Excel / Power BI' },
  { id: 'script', label: 'Scripts' },
];

function Value({
  label,
  value,
  copy = false,
}: {
  readonly label: string;
  readonly value: string;
  readonly copy?: boolean;
}) {
  return (
    <div className="setting-row">
      <dt>{label}</dt>
      <dd>
        {copy ? (
          <CopyField label={label} value={value} />
        ) : (
          <span className="setting-value">{value}</span>
        )}
      </dd>
    </div>
  );
}

export function ClientInstructions({
  serviceUrl,
  email,
}: {
  readonly serviceUrl: string;
  readonly email: string;
}) {
  const [client, setClient] = useState<Client>('salesforce');
  return (
    <section className="card" aria-labelledby="connect-title">
      <header className="card-header">
        <div>
          <h2 className="card-title" id="connect-title">
            Connect a client
          </h2>
          <div className="card-description">
            The values to enter. The password is always one of your{' '}
            <Link to="/profile">personal access tokens</Link>, never your console password.
          </div>
        </div>
      </header>
      <div className="card-body stack">
        <div className="segmented" role="tablist" aria-label="Client">
          {clients.map((entry) => (
            <button
              key={entry.id}
              type="button"
              role="tab"
              id={`client-tab-${entry.id}`}
              aria-selected={client === entry.id}
              aria-controls={`client-panel-${entry.id}`}
              className={`segment${client === entry.id ? ' segment-checked' : ''}`}
              onClick={() => setClient(entry.id)}
            >
              {entry.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`client-panel-${client}`} aria-labelledby={`client-tab-${client}`}>
          {client === 'salesforce' ? (
            <div className="stack">
              <p>
                In Salesforce Setup, open <strong>External Data Sources</strong>, choose{' '}
                <strong>New External Data Source</strong> and enter:
              </p>
              <dl className="settings-list">
                <Value label="Type" value="Salesforce Connect: OData 4.0" />
                <Value label="URL" value={serviceUrl} copy />
                <Value label="Format" value="JSON" />
                <Value label="Writable External Objects" value="On (checked)" />
                <Value label="Request Row Counts" value="On (recommended)" />
                <Value
                  label="Identity Type"
                  value="Named Principal (one account for the org) or Per User"
                />
                <Value label="Authentication Protocol" value="Password Authentication" />
                <Value label="Username" value={email} copy />
                <Value
                  label="Password"
                  value="a personal access token (create one under My profile)"
                />
              </dl>
              <p className="muted">
                Save, then press <strong>Validate and Sync</strong> and choose the entity sets to
                create external objects for. With Per User, each Salesforce user enters their own
                e-mail address and token under My Settings → Authentication Settings for External
                Systems.
              </p>
            </div>
          ) : client === 'excel' ? (
            <div className="stack">
              <p>
                In Excel choose{' '}
                <strong>Data → Get Data → From Other Sources → From OData Feed</strong>; in Power BI{' '}
                <strong>Get data → OData feed</strong>. Enter:
              </p>
              <dl className="settings-list">
                <Value label="URL" value={serviceUrl} copy />
                <Value label="Authentication" value="Basic" />
                <Value label="User name" value={email} copy />
                <Value label="Password" value="a personal access token" />
              </dl>
              <p className="muted">
                Then pick the tables in the navigator. Refresh reads the source live again.
              </p>
            </div>
          ) : (
            <div className="stack">
              <p>Any OData v4 client works with HTTP Basic (e-mail and token) or a Bearer token:</p>
              <pre className="code-block" tabIndex={0}>
                {`curl -u '${email}:<token>' '${serviceUrl}/$metadata'\ncurl -H 'Authorization: Bearer <token>' '${serviceUrl}/<EntitySet>?$top=10&$count=true'`}
              </pre>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
