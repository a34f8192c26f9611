/**
 * Paged reading of the query and audit logs: the first page for a set of filters, then
 * "Load older entries" with the `nextCursor` of the last page.
 */
import { useCallback, useEffect, useState } from 'react';
import { admin, queryString } from '../api/admin-client';
import type { LogPage } from '../api/api-types';

export interface LogPaging<Entry> {
  readonly entries: readonly Entry[];
  readonly loading: boolean;
  readonly error: unknown;
  readonly hasMore: boolean;
  readonly loadMore: () => void;
  readonly reload: () => void;
}

export function useLogPaging<Entry>(
  path: string,
  filters: Readonly<Record<string, string | number | boolean | undefined>>,
): LogPaging<Entry> {
  const key = JSON.stringify(filters);
  const [entries, setEntries] = useState<readonly Entry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);

  const load = useCallback(
    async (after: string | null, signal?: AbortSignal): Promise<LogPage<Entry>> =>
      admin.get<LogPage<Entry>>(
        `${path}${queryString({ ...(JSON.parse(key) as Record<string, string>), limit: 50, cursor: after ?? undefined })}`,
        signal === undefined ? {} : { signal },
      ),
    [path, key],
  );

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    load(null, controller.signal)
      .then((page) => {
        setEntries(page.entries);
        setCursor(page.nextCursor);
        setLoading(false);
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setEntries([]);
        setCursor(null);
        setError(caught);
        setLoading(false);
      });
    return () => controller.abort();
  }, [load, generation]);

  const loadMore = useCallback(() => {
    if (cursor === null) return;
    setLoading(true);
    load(cursor)
      .then((page) => {
        setEntries((current) => [...current, ...page.entries]);
        setCursor(page.nextCursor);
        setLoading(false);
      })
      .catch((caught: unknown) => {
        setError(caught);
        setLoading(false);
      });
  }, [cursor, load]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { entries, loading, error, hasMore: cursor !== null, loadMore, reload };
}

/** `datetime-local` input text → ISO time (local time zone), or undefined when empty. */
export function localToIso(text: string): string | undefined {
  if (text === '') return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
