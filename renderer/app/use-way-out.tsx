// The one way out as a React hook: sendOut (renderer/app/way-out.ts) with the app's core,
// host and clipboard, a confirmation dialog that says in words what would leave
// unprotected, and the status line that says what did leave.
import { useRef, useState, type ReactElement } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { localized, useLanguage } from '../i18n/i18n';
import { asWireError } from '../worker/client';
import type { OutRisks } from '../worker/protocol';
import { useApp } from './context';
import { sendOut, type WayOutRequest } from './way-out';

export interface WayOut {
  /** Send a table out; resolves to the status text to show (never throws). */
  send(request: WayOutRequest): Promise<string>;
  /** Render this once where the component renders. */
  dialog: ReactElement;
}

export function useWayOut(): WayOut {
  const { core, host } = useApp();
  const { t, language } = useLanguage();
  const [asking, setAsking] = useState<OutRisks | null>(null);
  const answer = useRef<((confirmed: boolean) => void) | null>(null);

  function confirm(risks: OutRisks): Promise<boolean> {
    setAsking(risks);
    return new Promise((resolve) => {
      answer.current = (confirmed) => {
        answer.current = null;
        setAsking(null);
        resolve(confirmed);
      };
    });
  }

  async function send(request: WayOutRequest): Promise<string> {
    try {
      const result = await sendOut({ core, host, confirm, clipboard: navigator.clipboard }, request);
      if (result.kind === 'cancelled') return t('wayOutCancelled');
      const what = result.path === null ? t('wayOutCopied', { rows: result.rows.toLocaleString('nl-NL') }) : t('wayOutSaved', { path: result.path });
      const notes = [what];
      if (result.hiddenCells > 0) notes.push(t('wayOutHidden', { count: result.hiddenCells, k: result.risks.k }));
      if (result.confirmed) notes.push(t('wayOutUnprotected'));
      if (request.view !== null && isNarrowed(request)) notes.push(t('wayOutView'));
      return notes.join(' ');
    } catch (error) {
      return localized(asWireError(error), language);
    }
  }

  const body = asking === null
    ? ''
    : [
        asking.personLevel ? t('wayOutPersonLevel') : '',
        asking.smallCells > 0 ? t('wayOutSmallCounts', { count: asking.smallCells, max: asking.k - 1 }) : '',
        t('wayOutQuestion'),
      ].filter((part) => part !== '').join(' ');

  const dialog = (
    <ConfirmDialog open={asking !== null} title={t('wayOutTitle')} body={body} confirmLabel={t('wayOutYes')} onAnswer={(confirmed) => answer.current?.(confirmed)} />
  );
  return { send, dialog };
}

function isNarrowed(request: WayOutRequest): boolean {
  const view = request.view;
  if (view === null) return false;
  return view.search.trim() !== '' || view.hiddenColumns.length > 0 || view.sorting.length > 0
    || Object.values(view.filters).some((text) => text.trim() !== '');
}
