/**
 * What the query-log and audit-log pages share: filters kept in the page address, the
 * From / To / Search fields, a search in the loaded entries, and the list itself (load
 * error, loading, nothing found, the table, "Load older entries").
 */
import { useMemo, type ReactNode } from 'react';
import { Button } from '../components/button';
import { TextField } from '../components/field';
import { LoadError, Loading } from '../components/states';
import { navigate } from '../router/router';
import type { LogPaging } from './log-paging';

/** `?a=1&b=2` for the parameters, or '' when there are none. */
export function searchSuffix(parameters: URLSearchParams): string {
  const text = parameters.toString();
  return text === '' ? '' : `?${text}`;
}

/** Shows `path` with one filter of the current address set, or removed when `value` is ''. */
export function navigateWithFilter(
  path: string,
  parameters: URLSearchParams,
  name: string,
  value: string,
): void {
  const next = new URLSearchParams(parameters);
  if (value === '') next.delete(name);
  else next.set(name, value);
  navigate(`${path}${searchSuffix(next)}`, { replace: true });
}

/**
 * The loaded entries with `text` (any case) in one of `searchedValues(entry)`; pass a
 * function defined once, outside the component, so the result is only computed again
 * when the entries or the text change.
 */
export function useLoadedSearch<Entry>(
  entries: readonly Entry[],
  text: string,
  searchedValues: (entry: Entry) => readonly string[],
): readonly Entry[] {
  return useMemo(() => {
    const term = text.trim().toLowerCase();
    if (term === '') return entries;
    return entries.filter((entry) =>
      searchedValues(entry).some((value) => value.toLowerCase().includes(term)),
    );
  }, [entries, text, searchedValues]);
}

/** The From / To time filters and the search in the loaded entries. */
export function TimeAndSearchFields({
  from,
  to,
  onFilterChange,
  search,
  onSearchChange,
  searchPlaceholder,
}: {
  readonly from: string;
  readonly to: string;
  readonly onFilterChange: (name: 'from' | 'to', value: string) => void;
  readonly search: string;
  readonly onSearchChange: (value: string) => void;
  readonly searchPlaceholder: string;
}) {
  return (
    <>
      <TextField
        label="From"
        type="datetime-local"
        value={from}
        onChange={(value) => onFilterChange('from', value)}
      />
      <TextField
        label="To"
        type="datetime-local"
        value={to}
        onChange={(value) => onFilterChange('to', value)}
      />
      <TextField
        label="Search"
        type="search"
        value={search}
        onChange={onSearchChange}
        placeholder={searchPlaceholder}
        help="Searches the entries loaded below."
      />
    </>
  );
}

/**
 * The entries of a log: an error or a spinner while nothing is loaded, `empty` when no
 * entry is shown, else a table with `caption` (read by screen readers) around the
 * `renderRows()` header and body; then "Load older entries" while there are more.
 */
export function LogEntriesTable<Entry>({
  log,
  shown,
  what,
  empty,
  caption,
  renderRows,
}: {
  readonly log: LogPaging<Entry>;
  readonly shown: readonly Entry[];
  /** The log, as in "Could not load the audit log." */
  readonly what: string;
  readonly empty: ReactNode;
  readonly caption: string;
  readonly renderRows: () => ReactNode;
}) {
  return (
    <>
      {log.error !== undefined && log.entries.length === 0 ? (
        <LoadError error={log.error} what={what} onRetry={log.reload} />
      ) : log.loading && log.entries.length === 0 ? (
        <Loading label={`Loading ${what}…`} />
      ) : shown.length === 0 ? (
        empty
      ) : (
        <div className="table-card">
          <table className="table table-responsive table-log">
            <caption className="visually-hidden">{caption}</caption>
            {renderRows()}
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
    </>
  );
}
