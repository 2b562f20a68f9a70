// A refusal or failure, in the user's language, announced to screen readers.
import type { WireError } from '../worker/protocol';
import { localized, useLanguage } from '../i18n/i18n';

export function ErrorBox({ error, title }: { error: WireError; title?: string }) {
  const { t, language } = useLanguage();
  return (
    <div className="error-box" role="alert" data-error-code={error.code}>
      <strong>{title ?? t('errorTitle')}</strong>
      <p>{localized(error, language)}</p>
    </div>
  );
}

/** A neutral explanation, e.g. when an optional table is absent. */
export function Note({ children }: { children: React.ReactNode }) {
  return <p className="note" role="note">{children}</p>;
}
