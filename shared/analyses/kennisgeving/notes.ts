// Plain-Dutch wording of the notice definitions, for the notes of kennisgeving-vertraging.
import { formatCount } from '../../format/numbers';
import { DELIVERY_DAYS } from './compute';

/** The definitions, and the persons delivered late or never counted once (`union`). */
export function kennisgevingNotes(union: number): string[] {
  return [
    'Telt personen. Over IND-leveringen met een vergunning uiterlijk op de peildatum.',
    `Te laat geleverd: uiterlijk op de peildatum geleverd, meer dan ${DELIVERY_DAYS} dagen na de vergunningdatum.`,
    `Nooit geleverd: op de peildatum niet geleverd, terwijl de peildatum meer dan ${DELIVERY_DAYS} dagen na de vergunningdatum ligt.`,
    'Onterechte kennisgeving: uiterlijk op de peildatum een kennisgeving verzonden met een ander stelsel dan het stelsel van de persoon.',
    `Personen die te laat of nooit geleverd zijn (ieder één keer geteld): ${formatCount(union)}.`,
  ];
}
