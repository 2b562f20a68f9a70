// Progress of a long operation in named phases: the phases in order, the current one
// marked, and one bar over all of them (each phase an equal share, filled by its own
// done/total). Opening: read → decrypt → load → check; sealing: read → check → build → encrypt.
import type { Progress } from '../../shared/age/types';
import { useLanguage } from '../i18n/i18n';

export const OPEN_PHASES = ['read', 'decrypt', 'load', 'check'] as const satisfies readonly Progress['phase'][];
export const SEAL_PHASES = ['read', 'check', 'build', 'encrypt'] as const satisfies readonly Progress['phase'][];

/** The whole operation's progress in percent (0–100) at `progress`. */
export function overallPercent(progress: Progress | null, phases: readonly Progress['phase'][]): number {
  if (progress === null) return 0;
  const current = phases.indexOf(progress.phase);
  const fraction = progress.total <= 0 ? 0 : Math.min(1, Math.max(0, progress.done / progress.total));
  return Math.round(((Math.max(current, 0) + (current < 0 ? 0 : fraction)) / phases.length) * 100);
}

export function ProgressSteps({ progress, phases = OPEN_PHASES }: { progress: Progress | null; phases?: readonly Progress['phase'][] }) {
  const { t } = useLanguage();
  const current = progress === null ? -1 : phases.indexOf(progress.phase);
  const overall = overallPercent(progress, phases);
  return (
    <div className="progress" data-phase={progress?.phase}>
      <ol className="progress-steps">
        {phases.map((phase, index) => (
          <li key={phase} className={index < current ? 'done' : index === current ? 'current' : undefined} aria-current={index === current ? 'step' : undefined}>
            {t(`phase_${phase}`)}
          </li>
        ))}
      </ol>
      <progress max={100} value={overall} aria-label={t('progressLabel')}>{overall}%</progress>
    </div>
  );
}
