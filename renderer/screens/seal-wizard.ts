// The state of the "Snapshot maken" wizard as one reducer: the picked files and meta
// fields, the validation report, the chosen readers, and the run (busy, progress by
// phase, refusal, saved file). Pure, so every transition is testable without a screen.
import type { AgeRecipients, Progress } from '../../shared/age/types';
import type { SealReport } from '../../shared/seal/seal-files';
import type { WireError } from '../worker/protocol';

export interface SealWizardState {
  files: File[];
  peildatum: string;
  bron: string;
  gemeenteJaar: string;
  report: SealReport | null;
  readers: 'passphrase' | 'x25519';
  passphrase: string;
  repeat: string;
  recipients: string;
  progress: Progress | null;
  busy: boolean;
  error: WireError | null;
  saved: { path: string; sha256: string } | null;
}

export type SealField = 'peildatum' | 'bron' | 'gemeenteJaar' | 'passphrase' | 'repeat' | 'recipients';

export type SealAction =
  | { type: 'pick'; files: File[] }
  | { type: 'field'; field: SealField; value: string }
  | { type: 'readers'; readers: SealWizardState['readers'] }
  /** Validation starts: an earlier report and saved file no longer apply. */
  | { type: 'validate' }
  /** Sealing starts. */
  | { type: 'seal' }
  | { type: 'progress'; progress: Progress }
  | { type: 'validated'; report: SealReport }
  /** Sealed (saved is null when the save dialog was cancelled): the secret and the draft are gone. */
  | { type: 'sealed'; saved: { path: string; sha256: string } | null }
  | { type: 'failed'; error: WireError }
  | { type: 'finished' };

export const INITIAL_SEAL_STATE: SealWizardState = {
  files: [],
  peildatum: '',
  bron: 'DUO',
  gemeenteJaar: '',
  report: null,
  readers: 'passphrase',
  passphrase: '',
  repeat: '',
  recipients: '',
  progress: null,
  busy: false,
  error: null,
  saved: null,
};

export function sealWizard(state: SealWizardState, action: SealAction): SealWizardState {
  switch (action.type) {
    case 'pick':
      return { ...state, files: action.files.filter((file) => file.name.toLowerCase().endsWith('.csv')), report: null, saved: null, error: null };
    case 'field':
      return { ...state, [action.field]: action.value };
    case 'readers':
      return { ...state, readers: action.readers };
    case 'validate':
      return { ...state, busy: true, error: null, report: null, saved: null, progress: null };
    case 'seal':
      return { ...state, busy: true, error: null, progress: null };
    case 'progress':
      return { ...state, progress: action.progress };
    case 'validated':
      return { ...state, report: action.report };
    case 'sealed':
      return { ...state, saved: action.saved, passphrase: '', repeat: '', report: null, files: [] };
    case 'failed':
      return { ...state, error: action.error };
    case 'finished':
      return { ...state, busy: false, progress: null };
  }
}

/** The meta the person typed, over meta.csv's. */
export function metaOverrides(state: SealWizardState): { peildatum?: string; bron?: string; gemeenteJaar?: string } {
  return {
    ...(state.peildatum === '' ? {} : { peildatum: state.peildatum }),
    ...(state.bron.trim() === '' ? {} : { bron: state.bron.trim() }),
    ...(state.gemeenteJaar.trim() === '' ? {} : { gemeenteJaar: state.gemeenteJaar.trim() }),
  };
}

/** The age1… keys, one a line; '#' lines are comments. */
export function recipientKeys(state: SealWizardState): string[] {
  return state.recipients.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

export function readersReady(state: SealWizardState): boolean {
  return state.readers === 'passphrase' ? state.passphrase !== '' && state.passphrase === state.repeat : recipientKeys(state).length > 0;
}

export function chosenRecipients(state: SealWizardState): AgeRecipients {
  return state.readers === 'passphrase' ? { kind: 'passphrase', passphrase: state.passphrase } : { kind: 'x25519', recipients: recipientKeys(state) };
}
