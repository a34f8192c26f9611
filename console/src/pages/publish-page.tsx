/**
 * Add to the OData service: choose a connection, then its tables (apps and their
 * subtables, with a search box for domains with hundreds of apps), edit each entity-set
 * name, and confirm. Each chosen table becomes one published entity set; a name that is
 * taken or not valid is reported next to its table.
 */
import { useMemo, useState } from 'react';
import { admin } from '../api/admin-client';
import { ApiError, errorMessage } from '../api/api-error';
import type { Connection, Publication, SourceTable } from '../api/api-types';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { SelectField } from '../components/field';
import { icons } from '../components/icons';
import { Page } from '../components/page';
import { EmptyState, LoadError, Loading } from '../components/states';
import { useToast } from '../components/toast';
import { useAsync } from '../components/use-async';
import { isODataIdentifier, toODataIdentifier } from '../odata/odata-names';
import { Link, navigate, useSearchParameters } from '../router/router';

export function PublishPage() {
  const parameters = useSearchParameters();
  const connections = useAsync(
    (signal) => admin.get<{ connections: Connection[] }>('/connections', { signal }),
    [],
  );
  const list = connections.data?.connections ?? [];
  const chosenId =
    parameters.get('connection') ?? (list.length === 1 ? list[0]?.id : undefined) ?? '';

  return (
    <Page
      title="Publish tables"
      description="Each table you choose becomes an entity set of the OData service, read and written live."
      breadcrumb={{ label: 'OData', to: '/odata' }}
    >
      {connections.loading && connections.data === undefined ? (
        <Loading label="Loading connections…" />
      ) : connections.data === undefined ? (
        <LoadError error={connections.error} what="the connections" onRetry={connections.reload} />
      ) : list.length === 0 ? (
        <EmptyState
          icon={icons.connection}
          title="Add a connection first"
          action={
            <Button variant="primary" onClick={() => navigate('/connections/new')}>
              Add connection
            </Button>
          }
        >
          Tables come from a connection to a source such as Kintone.
        </EmptyState>
      ) : (
        <div className="stack-large">
          <div className="card">
            <div className="card-body">
              <SelectField
                label="Connection"
                help={
                  chosenId === ''
                    ? 'Its tables (Kintone apps and their subtables) are listed below once you choose.'
                    : undefined
                }
                value={chosenId}
                onChange={(id) =>
                  navigate(`/odata/add?connection=${encodeURIComponent(id)}`, { replace: true })
                }
                options={[
                  ...(chosenId === '' ? [{ value: '', label: 'Choose a connection…' }] : []),
                  ...list.map((connection) => ({ value: connection.id, label: connection.name })),
                ]}
              />
            </div>
          </div>
          {chosenId === '' ? null : <TablePicker key={chosenId} connectionId={chosenId} />}
        </div>
      )}
    </Page>
  );
}

interface Choice {
  readonly entitySet: string;
}

function TablePicker({ connectionId }: { readonly connectionId: string }) {
  const notify = useToast();
  const data = useAsync(
    async (signal) => {
      const [tables, publications] = await Promise.all([
        admin.get<{ tables: SourceTable[] }>(
          `/connections/${encodeURIComponent(connectionId)}/tables`,
          { signal },
        ),
        admin.get<{ publications: Publication[] }>('/publications', { signal }),
      ]);
      return { tables: tables.tables, publications: publications.publications };
    },
    [connectionId],
  );
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Readonly<Record<string, Choice>>>({});
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const tables = data.data?.tables ?? [];
  const ordered = useMemo(() => orderTables(tables), [tables]);
  const visible = useMemo(() => {
    const term = search.trim().toLowerCase();
    if (term === '') return ordered;
    const matches = new Set(
      tables
        .filter((table) =>
          [table.label, table.name, table.id, table.description ?? ''].some((text) =>
            text.toLowerCase().includes(term),
          ),
        )
        .map((table) => table.id),
    );
    // Keep a matching subtable's app visible, and an app's subtables when the app matches.
    return ordered.filter(
      (table) =>
        matches.has(table.id) ||
        (table.parentId !== undefined && matches.has(table.parentId)) ||
        tables.some((child) => child.parentId === table.id && matches.has(child.id)),
    );
  }, [ordered, tables, search]);

  if (data.loading && data.data === undefined)
    return <Loading label="Asking the source for its tables…" />;
  if (data.data === undefined)
    return (
      <LoadError error={data.error} what="the tables of this connection" onRetry={data.reload} />
    );
  if (tables.length === 0) {
    return (
      <EmptyState icon={icons.feed} title="This connection offers no tables">
        The credentials may not see any app. Check the connection's settings and its test.
      </EmptyState>
    );
  }

  const labelOf = (tableId: string): string => {
    const parent = tables.find((table) => table.id === tableId);
    return parent === undefined ? tableId : parent.label || parent.name;
  };
  const takenNames = new Set(
    data.data.publications.map((publication) => publication.entitySet.toLowerCase()),
  );
  const chosenCount = Object.keys(chosen).length;

  const defaultName = (table: SourceTable): string => {
    const base = isODataIdentifier(table.name)
      ? table.name
      : toODataIdentifier(table.label || table.name);
    if (!takenNames.has(base.toLowerCase())) return base;
    for (let suffix = 2; ; suffix += 1) {
      const candidate = `${base}_${suffix}`;
      if (!takenNames.has(candidate.toLowerCase())) return candidate;
    }
  };

  const toggle = (table: SourceTable, on: boolean): void => {
    const next = { ...chosen };
    if (on) next[table.id] = { entitySet: defaultName(table) };
    else delete next[table.id];
    setChosen(next);
    const nextErrors = { ...errors };
    delete nextErrors[table.id];
    setErrors(nextErrors);
  };

  const check = (): Record<string, string> => {
    const problems: Record<string, string> = {};
    const seen = new Map<string, string>();
    for (const [tableId, choice] of Object.entries(chosen)) {
      const lower = choice.entitySet.toLowerCase();
      if (!isODataIdentifier(choice.entitySet)) {
        problems[tableId] =
          'Use letters, digits and underscores, starting with a letter or underscore.';
      } else if (takenNames.has(lower)) {
        problems[tableId] = `${choice.entitySet} is already published.`;
      } else if (seen.has(lower)) {
        problems[tableId] = `Two tables are named ${choice.entitySet}.`;
      }
      seen.set(lower, tableId);
    }
    return problems;
  };

  const publish = async (): Promise<void> => {
    const problems = check();
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      setError('Some names need your attention.');
      return;
    }
    setBusy(true);
    setError(undefined);
    const failures: Record<string, string> = {};
    const published: string[] = [];
    for (const [tableId, choice] of Object.entries(chosen)) {
      try {
        await admin.post('/publications', { connectionId, tableId, entitySet: choice.entitySet });
        published.push(tableId);
      } catch (caught) {
        failures[tableId] =
          caught instanceof ApiError
            ? (caught.fieldMessages()['entitySet'] ?? caught.message)
            : errorMessage(caught);
      }
    }
    setBusy(false);
    if (Object.keys(failures).length === 0) {
      notify(
        `${published.length} entity set${published.length === 1 ? ' is' : 's are'} published.`,
      );
      navigate('/odata');
      return;
    }
    const remaining = { ...chosen };
    for (const tableId of published) delete remaining[tableId];
    setChosen(remaining);
    setErrors(failures);
    setError(
      published.length === 0
        ? 'Nothing was published.'
        : `${published.length} published; the tables below were not.`,
    );
    data.reload();
  };

  return (
    <div className="stack">
      <div className="picker-toolbar">
        <div className="search-box">
          {icons.search}
          <input
            type="search"
            className="input"
            placeholder="Search apps by name or ID"
            aria-label="Search tables"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <span className="muted small" aria-live="polite">
          {visible.length === tables.length
            ? `${tables.length} table${tables.length === 1 ? '' : 's'}`
            : `${visible.length} of ${tables.length} tables`}
        </span>
      </div>
      <div className="table-card">
        <table className="table table-picker">
          <caption className="visually-hidden">Tables of the connection</caption>
          <thead>
            <tr>
              <th scope="col" className="cell-check">
                <span className="visually-hidden">Publish</span>
              </th>
              <th scope="col">Table</th>
              <th scope="col">Entity set name</th>
            </tr>
          </thead>
          <tbody>
            {visible.length === 0 ? (
              <tr>
                <td colSpan={3} className="muted cell-empty">
                  No table matches “{search}”.
                </td>
              </tr>
            ) : (
              visible.map((table) => {
                const choice = chosen[table.id];
                const checkboxId = `table-${table.id}`;
                return (
                  <tr
                    key={table.id}
                    className={table.parentId === undefined ? undefined : 'row-child'}
                  >
                    <td className="cell-check">
                      <input
                        id={checkboxId}
                        type="checkbox"
                        className="checkbox"
                        checked={choice !== undefined || table.published !== null}
                        disabled={table.published !== null || busy}
                        onChange={(event) => toggle(table, event.target.checked)}
                      />
                    </td>
                    <td>
                      <label htmlFor={checkboxId} className="cell-title">
                        {table.parentId === undefined ? null : <span aria-hidden="true">↳ </span>}
                        {table.label || table.name}
                      </label>
                      <div className="cell-subtitle">
                        {table.parentId === undefined
                          ? `ID ${table.id}`
                          : `Subtable of ${labelOf(table.parentId)}`}
                        {table.description === undefined || table.description === ''
                          ? ''
                          : ` · ${table.description}`}
                      </div>
                    </td>
                    <td>
                      {table.published !== null ? (
                        <span className="muted">
                          Published as <span className="mono">{table.published.entitySet}</span>
                        </span>
                      ) : choice === undefined ? (
                        <span className="muted mono">{defaultName(table)}</span>
                      ) : (
                        <div className="field">
                          <input
                            className="input input-mono input-compact"
                            value={choice.entitySet}
                            aria-label={`Entity set name for ${table.label || table.name}`}
                            aria-invalid={errors[table.id] === undefined ? undefined : true}
                            aria-describedby={
                              errors[table.id] === undefined ? undefined : `${checkboxId}-error`
                            }
                            onChange={(event) =>
                              setChosen({
                                ...chosen,
                                [table.id]: { entitySet: event.target.value },
                              })
                            }
                            spellCheck={false}
                          />
                          {errors[table.id] === undefined ? null : (
                            <p className="field-error" id={`${checkboxId}-error`}>
                              {errors[table.id]}
                            </p>
                          )}
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      {error === undefined ? null : <Alert kind="error">{error}</Alert>}
      <div className="form-actions form-actions-sticky">
        <span className="muted small">
          {chosenCount === 0
            ? 'Choose the tables to publish.'
            : `${chosenCount} table${chosenCount === 1 ? '' : 's'} chosen.`}
        </span>
        <Link to="/odata" className="button button-secondary">
          Cancel
        </Link>
        <Button
          variant="primary"
          busy={busy}
          disabled={chosenCount === 0}
          onClick={() => void publish()}
        >
          {chosenCount <= 1 ? 'Confirm' : `Confirm ${chosenCount} entity sets`}
        </Button>
      </div>
    </div>
  );
}

/** Apps in their order with each app's subtables right after it. */
function orderTables(tables: readonly SourceTable[]): SourceTable[] {
  const children = new Map<string, SourceTable[]>();
  const roots: SourceTable[] = [];
  const ids = new Set(tables.map((table) => table.id));
  for (const table of tables) {
    if (table.parentId !== undefined && ids.has(table.parentId)) {
      const list = children.get(table.parentId) ?? [];
      list.push(table);
      children.set(table.parentId, list);
    } else {
      roots.push(table);
    }
  }
  return roots.flatMap((root) => [root, ...(children.get(root.id) ?? [])]);
}
