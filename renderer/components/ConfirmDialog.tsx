// A modal confirmation on the native <dialog> element (focus is trapped and Escape cancels).
import { useEffect, useRef } from 'react';
import { useLanguage } from '../i18n/i18n';

interface Props {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onAnswer(confirmed: boolean): void;
}

export function ConfirmDialog({ open, title, body, confirmLabel, onAnswer }: Props) {
  const { t } = useLanguage();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="confirm-title" onCancel={() => onAnswer(false)} data-testid="confirm-dialog">
      <h2 id="confirm-title">{title}</h2>
      <p>{body}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => onAnswer(false)}>{t('cancel')}</button>
        <button type="button" className="danger" onClick={() => onAnswer(true)}>{confirmLabel}</button>
      </div>
    </dialog>
  );
}
