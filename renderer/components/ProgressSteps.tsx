// The opening progress: the four phases named, the current one with a progress bar.
import type { Progress } from '../../shared/age/types';
import { useLanguage } from '../i18n/i18n';

const PHASES = ['read', 'decrypt', 'load', 'check'] as const;

export function ProgressSteps({ progress }: { progress: Progress | null }) {
  const { t } = useLanguage();
  const current = progress === null ? -1 : PHASES.findIndex((phase) => phase === progress.phase);
  const fraction = progress === null || progress.total === 0 ? 0 : progress.done / progress.total;
  const overall = Math.round(((Math.max(current, 0) + fraction) / PHASES.length) * 100);
  return (
    <div className="progress">
      <ol className="progress-steps">
        {PHASES.map((phase, index) => (
          <li key={phase} className={index < current ? 'done' : index === current ? 'current' : undefined} aria-current={index === current ? 'step' : undefined}>
            {t(`phase_${phase}`)}
          </li>
        ))}
      </ol>
      <progress max={100} value={overall} aria-label={t('progressLabel')}>{overall}%</progress>
    </div>
  );
}
