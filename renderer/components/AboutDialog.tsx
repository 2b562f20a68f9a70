// Help → Over Ketenlens: version, host and the sources the app rests on.
import { useEffect, useRef, useState } from 'react';
import type { AppInfo, HostApi } from '../../shared/ipc/contract';
import { useLanguage } from '../i18n/i18n';

export function AboutDialog({ host, open, onClose }: { host: HostApi; open: boolean; onClose(): void }) {
  const { t } = useLanguage();
  const dialog = useRef<HTMLDialogElement>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) {
      element.showModal();
      void host.invoke('app:info', undefined).then(setInfo, () => setInfo(null));
    }
    if (!open && element.open) element.close();
  }, [open, host]);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="about-title" onCancel={onClose} data-testid="about-dialog">
      <h2 id="about-title">{t('aboutTitle')}</h2>
      {info !== null && <p>{t('aboutVersion', { version: info.version, host: info.host, platform: info.platform })}</p>}
      <p>{t('aboutText')}</p>
      <div className="actions">
        <button type="button" onClick={onClose}>{t('aboutClose')}</button>
      </div>
    </dialog>
  );
}
