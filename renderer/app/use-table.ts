// Asks the worker for one table whenever its parameters change. The UI thread only waits
// on a promise, so typing in a parameter never blocks; stale answers are dropped.
import { useEffect, useRef, useState } from 'react';
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
 * How long a change waits before it is asked for: not at all after a quiet spell (a value
 * picked, stepped or pasted repaints as soon as it is computed), else `delay` ms after the
 * last change (the keystrokes of a typed number settle into one request). Pure, for tests.
 */
export function settleDelay(now: number, previousChange: number, delay: number): number {
  return now - previousChange >= delay ? 0 : delay;
}

/**
 * The value once it settled (for typed-in parameters): at once after a quiet spell, else
 * 120 ms after the last change (settleDelay). A request for a value typed past is cheap
 * (tens of ms at national scale) and its answer is dropped.
 */
export function useDebounced<T>(value: T, delay = 120): T {
  const [settled, setSettled] = useState(value);
  const previousChange = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    const now = performance.now();
    const wait = settleDelay(now, previousChange.current, delay);
    previousChange.current = now;
    if (wait === 0) {
      setSettled(value);
      return undefined;
    }
    const timer = window.setTimeout(() => setSettled(value), wait);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}
