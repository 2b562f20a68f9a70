// The first-run tour on the demo: four short steps (what a snapshot is, where Tabel 1 is,
// how to export a Bijlage, where the audit trail is), each showing its screen. Closing it
// at any step, or finishing it, dismisses it for good: the host keeps that setting
// (Electron: settings.json in the data folder; browser: localStorage).
import { useEffect, useRef, useState } from 'react';
import type { ScreenId } from '../../shared/ipc/contract';
import type { MessageKey } from '../i18n/nl';
import { useLanguage } from '../i18n/i18n';

interface Step {
  screen: ScreenId;
  title: MessageKey;
  body: MessageKey;
}

export const TOUR_STEPS: readonly Step[] = [
  { screen: 'overzicht', title: 'tourSnapshotTitle', body: 'tourSnapshotBody' },
  { screen: 'elip', title: 'tourTabel1Title', body: 'tourTabel1Body' },
  { screen: 'bijlage', title: 'tourBijlageTitle', body: 'tourBijlageBody' },
  { screen: 'audit', title: 'tourAuditTitle', body: 'tourAuditBody' },
];

interface Props {
  navigate(screen: ScreenId): void;
  /** Closed or finished: never show again. */
  onDismiss(): void;
}

export function FirstRunTour({ navigate, onDismiss }: Props) {
  const { t } = useLanguage();
  const [index, setIndex] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const step = TOUR_STEPS[index] ?? TOUR_STEPS[0];
  const last = index === TOUR_STEPS.length - 1;

  useEffect(() => {
    if (step === undefined) return;
    navigate(step.screen);
    heading.current?.focus();
  }, [step, navigate]);

  if (step === undefined) return null;
  return (
    <section
      className="tour"
      role="dialog"
      aria-modal="false"
      aria-labelledby="tour-title"
      aria-describedby="tour-body"
      data-testid="tour"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDismiss();
      }}
    >
      <p className="muted small">{t('tourStep', { step: index + 1, steps: TOUR_STEPS.length })}</p>
      <h2 id="tour-title" ref={heading} tabIndex={-1}>{t(step.title)}</h2>
      <p id="tour-body">{t(step.body)}</p>
      <div className="actions">
        {index > 0 && <button type="button" className="secondary" onClick={() => setIndex(index - 1)}>{t('tourPrevious')}</button>}
        {last ? (
          <button type="button" onClick={onDismiss} data-testid="tour-done">{t('tourDone')}</button>
        ) : (
          <button type="button" onClick={() => setIndex(index + 1)} data-testid="tour-next">{t('tourNext')}</button>
        )}
        <button type="button" className="secondary" onClick={onDismiss} data-testid="tour-close">{t('tourClose')}</button>
      </div>
    </section>
  );
}
