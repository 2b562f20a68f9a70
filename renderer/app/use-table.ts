// Asks the worker for one table whenever its parameters change. The UI thread only waits
// on a promise, so typing in a parameter never blocks; stale answers are dropped.
import { useEffect, useState } from 'react';
import type { TableRequest } from '../../shared/tables/catalogue';
import type { TableModel } from '../../shared/tables/model';
import { asWireError } from '../worker/client';
import type { WireError } from '../worker/protocol';
import { useApp } from './context';

export interface TableState {
  model: TableModel | null;
  error: WireError | null;
  loading: boolean;
}

/** `remember: false` for side uses (headlines) that must not become the Bijlage's parameters. */
export function useTable(id: string, parameters: TableRequest, enabled = true, remember = true): TableState {
  const { core, tableParameters } = useApp();
  const key = `${id}:${JSON.stringify(parameters)}`;
  // The answer remembers which request it belongs to; a newer request means "loading",
  // while the previous model stays on screen until the new one arrives.
  const [answer, setAnswer] = useState<{ key: string; model: TableModel | null; error: WireError | null } | null>(null);

  useEffect(() => {
    if (!enabled) return undefined;
    let current = true;
    const request: TableRequest = JSON.parse(key.slice(id.length + 1));
    if (remember) tableParameters.set(id, request);
    core.call('table', { id, parameters: request }).then(
      (model) => current && setAnswer({ key, model, error: null }),
      (error: unknown) => current && setAnswer({ key, model: null, error: asWireError(error) }),
    );
    return () => {
      current = false;
    };
  }, [core, id, key, enabled, tableParameters, remember]);

  return { model: answer?.model ?? null, error: answer?.error ?? null, loading: enabled && answer?.key !== key };
}

export interface SeriesState {
  models: (TableModel | null)[];
  error: WireError | null;
  done: number;
}

/** One table for each parameter set (e.g. a backlog per month), built in the worker one by one. */
export function useTableSeries(id: string, parameterSets: readonly TableRequest[], enabled = true): SeriesState {
  const { core } = useApp();
  const key = JSON.stringify(parameterSets);
  const [state, setState] = useState<SeriesState & { key: string }>({ key: '', models: [], error: null, done: 0 });

  useEffect(() => {
    if (!enabled) return undefined;
    let current = true;
    const sets: TableRequest[] = JSON.parse(key);
    void (async () => {
      const models: (TableModel | null)[] = sets.map(() => null);
      for (const [index, parameters] of sets.entries()) {
        try {
          models[index] = await core.call('table', { id, parameters });
        } catch (error) {
          if (current) setState({ key, models: [...models], error: asWireError(error), done: index + 1 });
          return;
        }
        if (!current) return;
        setState({ key, models: [...models], error: null, done: index + 1 });
      }
    })();
    return () => {
      current = false;
    };
  }, [core, id, key, enabled]);

  return state.key === key ? state : { models: parameterSets.map(() => null), error: null, done: 0 };
}

/**
 * The value after it stopped changing for `delay` ms (for typed-in parameters). 120 ms
 * still lets the keystrokes of a typed number settle into one request most of the time,
 * while a change repaints within about 150 ms of its computation (issue 10); a request for
 * a value typed past is cheap (tens of ms at national scale) and its answer is dropped.
 */
export function useDebounced<T>(value: T, delay = 120): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}
