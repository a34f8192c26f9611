/**
 * Loads data for a page: `{ data, error, loading, reload }`, re-run when its dependencies
 * change; an answer that arrives after a newer request started is ignored, and a failed
 * request drops the data of the previous one.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface AsyncState<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
  /** Replaces the data without reloading (after a successful change). */
  readonly setData: (update: (current: T | undefined) => T | undefined) => void;
}

export function useAsync<T>(
  load: (signal: AbortSignal) => Promise<T>,
  dependencies: DependencyList,
): AsyncState<T> {
  const [data, setDataState] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    loader
      .current(controller.signal)
      .then((value) => {
        if (controller.signal.aborted) return;
        setDataState(value);
        setLoading(false);
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        // Data of an earlier request must not pass for the answer to this one.
        setDataState(undefined);
        setError(caught);
        setLoading(false);
      });
    return () => controller.abort();
  }, [...dependencies, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const setData = useCallback(
    (update: (current: T | undefined) => T | undefined) => setDataState(update),
    [],
  );
  return { data, error, loading, reload, setData };
}
