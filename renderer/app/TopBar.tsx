// The dark-blue top bar: name, the open snapshot's title, language, lock and close.
import { useLanguage } from '../i18n/i18n';
import type { OpenedSummary } from '../worker/protocol';

interface Props {
  summary: OpenedSummary | null;
  onClose(): void;
  onLock(): void;
  autoLockMinutes: number;
  onAutoLockMinutes(minutes: number): void;
}

export function TopBar({ summary, onClose, onLock, autoLockMinutes, onAutoLockMinutes }: Props) {
  const { t, language, setLanguage } = useLanguage();
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('appName')}</span>
        <span className="brand-tagline">{t('appTagline')}</span>
      </div>
      {summary !== null && <div className="top-title" title={summary.meta.titel ?? summary.fileName}>{summary.meta.titel ?? summary.fileName}</div>}
      <div className="top-actions">
        {summary !== null && (
          <details className="settings-menu">
            <summary className="top-button">{t('settings')}</summary>
            <div className="settings-panel">
              <label className="field">
                <span>{t('autoLock')}</span>
                <input
              type="number"
              min={0}
              max={240}
              value={autoLockMinutes}
                  onChange={(event) => onAutoLockMinutes(Math.max(0, Math.min(240, Number(event.target.value) || 0)))}
                  data-testid="auto-lock"
                />
              </label>
            </div>
          </details>
        )}
        <button type="button" className="top-button" lang={language === 'nl' ? 'en' : 'nl'} aria-label={t('languageSwitchLabel')} onClick={() => setLanguage(language === 'nl' ? 'en' : 'nl')}>
          {t('languageSwitch')}
        </button>
        {summary !== null && (
          <>
            <button type="button" className="top-button" onClick={onLock}>{t('lock')}</button>
            <button type="button" className="top-button strong" onClick={onClose} title={t('closeHint')} data-testid="close">{t('close')}</button>
          </>
        )}
      </div>
    </header>
  );
}
