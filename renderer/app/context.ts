// What every screen may reach: the core worker, the host, the opened snapshot's summary,
// navigation, and a polite status line for confirmations ("saved", "copied").
import { createContext, useCallback, useContext, useState } from 'react';
import type { HostApi, ScreenId } from '../../shared/ipc/contract';
import type { CoreClient } from '../worker/client';
import type { HeadlineFigure, OpenCompletion, OpenedSummary } from '../worker/protocol';
import type { TableRequest } from '../../shared/tables/catalogue';

export interface AppContextValue {
  core: CoreClient;
  host: HostApi;
  /** Meta and counts, known as soon as the snapshot is loaded. */
  summary: OpenedSummary;
  /** Every table checked and the file's digest: null while the open is still completing. */
  completion: OpenCompletion | null;
  /** The Overzicht's headline figures computed so far (in the order they arrived); null before the first. */
  headlines: HeadlineFigure[] | null;
  navigate(screen: ScreenId): void;
  announce(message: string): void;
  /** The parameters each screen last used per table id, so the Bijlage can reuse them. */
  tableParameters: Map<string, TableRequest>;
  /** Screen settings kept while the snapshot is open, so switching screens loses nothing. */
  screenState: Map<string, unknown>;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('useApp outside an opened snapshot');
  return value;
}

/**
 * The opened snapshot once its open is complete (findings final, digest known). Only for
 * screens behind the completion gate (ScreenView), which renders them only then.
 */
export function useCompletion(): OpenCompletion {
  const { completion } = useApp();
  if (completion === null) throw new Error('useCompletion before the open completed');
  return completion;
}

/** useState that survives leaving and re-entering a screen (until the snapshot closes). */
export function useScreenState<T>(key: string, initial: T): [T, (next: T) => void] {
  const { screenState } = useApp();
  const [value, setValue] = useState<T>(() => (screenState.has(key) ? (screenState.get(key) as T) : initial));
  const set = useCallback(
    (next: T) => {
      screenState.set(key, next);
      setValue(next);
    },
    [key, screenState],
  );
  return [value, set];
}
