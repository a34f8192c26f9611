/**
 * Data explorer: pick an entity set and read it through the OData feed itself — filter
 * (`$filter`), search (`$search`), sort by clicking a column (`$orderby`), page
 * (`$top` / `$skip`, or the server's `@odata.nextLink`), with the total from
 * `$count=true`. Shows the OData URL that produced the view and, on request, the explain
 * view of what the source was asked (`explain=plan` on the same URL).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-error';
import {
  readEntitySets,
  readExplain,
  readPage,
  type ExplainDocument,
  type MetadataEntitySet,
  type ODataPage,
} from '../api/odata-client';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { CopyField } from '../components/copy-field';
import { SelectField, TextField } from '../components/field';
import { icons } from '../components/icons';
import { Page } from '../components/page';
import { EmptyState, LoadError, Loading } from '../components/states';
import { useAsync } from '../components/use-async';
import {
  explorerPath,
  nextOrder,
  odataUrl,
  pageSizes,
  readExplorerQuery,
  type ExplorerQuery,
} from '../explorer/explorer-query';
import { TokenPanel } from '../explorer/token-panel';
import { Link, navigate, useSearchParameters } from '../router/router';
import {
  forgetExplorerToken,
  readExplorerToken,
  type ExplorerToken,
} from '../session/explorer-token';
import { useCurrentUser } from '../session/session-context';

export function ExplorerPage() {
  const user = useCurrentUser();
  const [token, setToken] = useState<ExplorerToken | undefined>(readExplorerToken);
  const query = readExplorerQuery(useSearchParameters());
  const sets = useAsync(
    async (signal) => (token === undefined ? [] : readEntitySets(token.token, signal)),
    [token?.token],
  );

  const changeToken = (): void => {
    void forgetExplorerToken({ revoke: true });
    setToken(undefined);
  };

  return (
    <Page
      title="Data explorer"
      description="Read any entity set you may see, exactly as an OData client does."
      wide
    >
      {token === undefined ? (
        <TokenPanel onToken={setToken} />
      ) : (
        <div className="stack">
          <div className="explorer-identity small muted">
            Reading as <strong>{user.email}</strong> with{' '}
            {token.tokenId === undefined ? 'your token' : 'a temporary token'}.{' '}
            <button type="button" className="link-button" onClick={changeToken}>
              Use another token
            </button>
          </div>
          {sets.loading && sets.data === undefined ? (
            <Loading label="Reading the service's entity sets…" />
          ) : sets.data === undefined ? (
            <LoadError error={sets.error} what="the entity sets" onRetry={sets.reload} />
          ) : sets.data.length === 0 ? (
            <EmptyState icon={icons.explorer} title="No entity set to read">
              Nothing is published, or you have no Select permission on any connection.{' '}
              <Link to="/odata">Go to the OData page</Link>.
            </EmptyState>
          ) : (
            <Explorer sets={sets.data} query={query} token={token.token} />
          )}
        </div>
      )}
    </Page>
  );
}

function Explorer({
  sets,
  query,
  token,
}: {
  readonly sets: readonly MetadataEntitySet[];
  readonly query: ExplorerQuery;
  readonly token: string;
}) {
  const set = sets.find((candidate) => candidate.name === query.set);
  useEffect(() => {
    if (set === undefined && sets[0] !== undefined) {
      navigate(
        explorerPath({ ...query, set: sets[0].name, filter: '', search: '', orderBy: '', skip: 0 }),
        { replace: true },
      );
    }
  }, [set, sets, query]);
  if (set === undefined) return <Loading />;
  return <EntitySetView key={set.name} sets={sets} set={set} query={query} token={token} />;
}

function EntitySetView({
  sets,
  set,
  query,
  token,
}: {
  readonly sets: readonly MetadataEntitySet[];
  readonly set: MetadataEntitySet;
  readonly query: ExplorerQuery;
  readonly token: string;
}) {
  const [filter, setFilter] = useState(query.filter);
  const [search, setSearch] = useState(query.search);
  const [nextLinkPage, setNextLinkPage] = useState<{
    readonly url: string;
    readonly from: string;
  }>();
  const [showExplain, setShowExplain] = useState(false);
  const url = nextLinkPage?.url ?? odataUrl(query);
  const page = useAsync((signal) => readPage(url, token, signal), [url, token]);
  const explain = useAsync(
    async (signal) => (showExplain ? readExplain(url, token, signal) : undefined),
    [url, token, showExplain],
  );
  useEffect(() => {
    setFilter(query.filter);
    setSearch(query.search);
  }, [query.filter, query.search]);

  const go = (changes: Partial<ExplorerQuery>): void => {
    setNextLinkPage(undefined);
    navigate(explorerPath({ ...query, ...changes }), { keepPosition: true });
  };
  const apply = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    go({ filter: filter.trim(), search: search.trim(), skip: 0 });
  };

  const data: ODataPage | undefined = page.data;
  const columns = set.properties.length > 0 ? set.properties : columnsOf(data);
  const total = data?.count;
  const from = query.skip + 1;
  const to = query.skip + (data?.rows.length ?? 0);
  const hasMore = data?.nextLink !== undefined || (total !== undefined && to < total);
  const absoluteUrl = `${window.location.origin}${url}`;

  return (
    <div className="stack">
      <form className="card explorer-controls" onSubmit={apply} noValidate>
        <div className="card-body explorer-grid">
          <SelectField
            label="Entity set"
            value={set.name}
            onChange={(name) => {
              setNextLinkPage(undefined);
              navigate(
                explorerPath({
                  set: name,
                  filter: '',
                  search: '',
                  orderBy: '',
                  top: query.top,
                  skip: 0,
                }),
                { keepPosition: true },
              );
            }}
            options={sets.map((candidate) => ({ value: candidate.name, label: candidate.name }))}
          />
          <TextField
            label="Filter ($filter)"
            value={filter}
            onChange={setFilter}
            placeholder={filterExample(set)}
            className="input input-mono"
            spellCheck={false}
            autoComplete="off"
          />
          <TextField
            label="Search ($search)"
            value={search}
            onChange={setSearch}
            placeholder="words"
            autoComplete="off"
          />
          <div className="explorer-apply">
            <Button type="submit" variant="primary">
              Apply
            </Button>
            {query.filter !== '' || query.search !== '' || query.orderBy !== '' ? (
              <Button onClick={() => go({ filter: '', search: '', orderBy: '', skip: 0 })}>
                Reset
              </Button>
            ) : null}
          </div>
        </div>
      </form>

      <CopyField label="OData URL of this view" value={absoluteUrl} />

      {page.error !== undefined ? (
        <Alert kind="error" title="The service refused this request.">
          {errorMessage(page.error)}
        </Alert>
      ) : null}

      <div className="explorer-table-frame" aria-busy={page.loading}>
        {page.loading && data === undefined ? (
          <Loading label={`Reading ${set.name}…`} />
        ) : data === undefined ? null : data.rows.length === 0 ? (
          <EmptyState title="No rows">
            {query.filter !== '' || query.search !== ''
              ? 'No row matches the filter.'
              : 'This entity set is empty.'}
          </EmptyState>
        ) : (
          <div
            className="table-scroll"
            tabIndex={0}
            role="region"
            aria-label={`Rows of ${set.name}`}
          >
            <table className={`table table-data${page.loading ? ' table-stale' : ''}`}>
              <thead>
                <tr>
                  {columns.map((column) => {
                    const sortable = !column.type.startsWith('Collection(');
                    const direction =
                      query.orderBy === `${column.name} asc`
                        ? 'ascending'
                        : query.orderBy === `${column.name} desc`
                          ? 'descending'
                          : undefined;
                    return (
                      <th key={column.name} scope="col" aria-sort={direction ?? 'none'}>
                        {sortable ? (
                          <button
                            type="button"
                            className="sort-button"
                            onClick={() =>
                              go({ orderBy: nextOrder(query.orderBy, column.name), skip: 0 })
                            }
                            title={`Sort by ${column.name}`}
                          >
                            <span>{column.name}</span>
                            {direction === 'ascending'
                              ? icons.arrowUp
                              : direction === 'descending'
                                ? icons.arrowDown
                                : null}
                            {set.key.includes(column.name) ? (
                              <span className="key-mark">key</span>
                            ) : null}
                          </button>
                        ) : (
                          <span>{column.name}</span>
                        )}
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row, index) => (
                  <tr key={index}>
                    {columns.map((column) => (
                      <td key={column.name} className={cellClass(row[column.name], column.type)}>
                        {formatCell(row[column.name])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      <div className="pager">
        <span className="muted small" aria-live="polite">
          {data === undefined || data.rows.length === 0
            ? ''
            : `Rows ${from}–${to}${total === undefined ? '' : ` of ${total}`}`}
        </span>
        <label className="pager-size small">
          Rows per page
          <select
            className="input select input-compact"
            value={query.top}
            onChange={(event) => go({ top: Number(event.target.value), skip: 0 })}
          >
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
        <Button
          size="small"
          disabled={query.skip === 0 && nextLinkPage === undefined}
          onClick={() => {
            if (nextLinkPage !== undefined) {
              setNextLinkPage(undefined);
              return;
            }
            go({ skip: Math.max(0, query.skip - query.top) });
          }}
        >
          Previous
        </Button>
        <Button
          size="small"
          disabled={!hasMore || page.loading}
          onClick={() => {
            if (data?.nextLink !== undefined) {
              const next = new URL(data.nextLink, window.location.origin);
              setNextLinkPage({ url: `${next.pathname}${next.search}`, from: url });
              return;
            }
            go({ skip: query.skip + query.top });
          }}
        >
          Next
        </Button>
      </div>

      <details
        className="card explain"
        open={showExplain}
        onToggle={(event) => setShowExplain(event.currentTarget.open)}
      >
        <summary className="card-header explain-summary">
          <span className="card-title">What the source was asked</span>
          <span className="muted small">explain=plan on the same URL</span>
        </summary>
        <div className="card-body">
          {!showExplain ? null : explain.loading && explain.data === undefined ? (
            <Loading label="Asking for the plan…" />
          ) : explain.data === undefined ? (
            <LoadError error={explain.error} what="the plan" onRetry={explain.reload} />
          ) : (
            <ExplainView plan={explain.data} />
          )}
        </div>
      </details>
    </div>
  );
}

function ExplainView({ plan }: { readonly plan: ExplainDocument }) {
  const applies = Object.entries(plan.source.applies);
  return (
    <div className="stack explain-view">
      <div className="explain-columns">
        <div className="stack">
          <h3 className="subheading">The source</h3>
          <dl className="facts">
            <dt>Table</dt>
            <dd className="mono">{plan.source.table}</dd>
            <dt>Query</dt>
            <dd>
              <pre className="code-block">
                {plan.source.query === '' ? '(all rows)' : plan.source.query}
              </pre>
            </dd>
            <dt>Filter pushed down</dt>
            <dd className="mono">{plan.source.filter ?? '—'}</dd>
          </dl>
          <ul className="chips" aria-label="Done by the source">
            {applies.map(([option, done]) => (
              <li key={option} className={`chip${done ? ' chip-on' : ''}`}>
                {done ? icons.check : icons.cross}
                <span>
                  {option}
                  <span className="visually-hidden">
                    {done ? ': done by the source' : ': not done by the source'}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </div>
        <div className="stack">
          <h3 className="subheading">The gateway, after the source</h3>
          <dl className="facts">
            <dt>Filter</dt>
            <dd className="mono">{plan.gateway.filter ?? '—'}</dd>
            <dt>Search</dt>
            <dd className="mono">{plan.gateway.search ?? '—'}</dd>
            <dt>Order</dt>
            <dd className="mono">{plan.gateway.orderBy ?? '—'}</dd>
            <dt>Skip / top</dt>
            <dd className="mono">
              {plan.gateway.skip} / {plan.gateway.top ?? 'all'}
            </dd>
            <dt>Count</dt>
            <dd>{plan.count}</dd>
            <dt>Page</dt>
            <dd>
              {plan.page.take === null ? 'every row' : `${plan.page.take} rows`}
              {plan.page.rowsBefore > 0 ? `, after ${plan.page.rowsBefore}` : ''}
              {plan.page.probesForMore ? ', one more read to learn whether more exist' : ''}
            </dd>
          </dl>
        </div>
      </div>
      <details>
        <summary className="small">The explain document (JSON)</summary>
        <pre className="code-block">{JSON.stringify(plan, null, 2)}</pre>
      </details>
    </div>
  );
}

function columnsOf(page: ODataPage | undefined): { name: string; type: string }[] {
  const first = page?.rows[0];
  if (first === undefined) return [];
  return Object.keys(first)
    .filter((name) => !name.includes('@'))
    .map((name) => ({ name, type: 'Edm.String' }));
}

function filterExample(set: MetadataEntitySet): string {
  const text = set.properties.find((property) => property.type === 'Edm.String');
  const number = set.properties.find((property) => /Int|Decimal|Double/.test(property.type));
  if (number !== undefined) return `${number.name} gt 10`;
  if (text !== undefined) return `startswith(${text.name},'A')`;
  return "Name eq 'value'";
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function cellClass(value: unknown, type: string): string | undefined {
  if (value === null || value === undefined) return 'cell-null';
  if (/Int|Decimal|Double|Single|Byte/.test(type)) return 'cell-number';
  return undefined;
}
