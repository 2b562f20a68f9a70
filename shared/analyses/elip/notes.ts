// Plain-Dutch wording of the ELIP definitions, shared by the ELIP tables' notes.
import { formatMoneyCent } from '../../format/numbers';
import { DOELGROEP_LABELS } from '../common/notes';
import type { ElipParameters } from './compute';

export function obligedNote(): string {
  return 'Nog inburgeringsplichtig op de peildatum: de plicht is op of voor de peildatum begonnen en de status is lopend of is pas na de peildatum bereikt.';
}

export function loanNote(): string {
  return 'Gebruikte lening op de peildatum: de som van alle betalingen uit de lening tot en met de peildatum; correcties (negatieve bedragen) tellen mee.';
}

export function elipANote(parameters: Pick<ElipParameters, 'doelgroep' | 'drempel_cent'>): string {
  return `ELIP-A: ${DOELGROEP_LABELS[parameters.doelgroep]} onder de Wi2013 die op de peildatum nog inburgeringsplichtig zijn en minstens ${formatMoneyCent(parameters.drempel_cent)} van hun lening hebben gebruikt.`;
}

export function elipBNote(parameters: ElipParameters): string {
  return (
    `ELIP-B: dezelfde groep, niet in ELIP-A, met meer dan ${formatMoneyCent(parameters.drempel_b_cent)} gebruikt en een inburgeringstermijn die eindigt voor de peildatum plus ${parameters.maanden_b} kalendermaanden ` +
    '(dezelfde dag zoveel maanden later; 29 februari wordt 28 februari; een verstreken termijn telt mee, een onbekende termijn niet).'
  );
}
