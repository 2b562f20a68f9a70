// The notes under the data-leak tables: the definitions in plain Dutch, the figures that do
// not fit the rows (distinct totals, views outside their window) and the rows not used.
import type { OpenedSnapshot, SnapshotTable } from '../../snapshot/types';
import { nextDate } from '../../dates';
import { formatCount, formatDate } from '../../format';
import type { DatalekFacts } from './facts';
import type { Exposure } from './compute';
import { skippedRowNotes } from '../common/notes';

export const DATALEK_TABLES: readonly SnapshotTable[] = [
  'inburgeraar', 'gemeente', 'gegevenscategorie', 'portaal_signaal', 'signaal_gegeven', 'portaal_inzage',
];

export function definitionNotes(peildatum: string): string[] {
  const next = formatDate(nextDate(peildatum));
  return [
    'Een portaalsignaal is onterecht bij overgangsrecht (het stelsel van het signaal wijkt af van het stelsel van de persoon) ' +
      'of bij adreskoppeling (de gemeente van het signaal wijkt af van de gemeente van de persoon, of de persoon heeft geen gemeente). ' +
      'Een signaal met beide oorzaken telt bij beide oorzaken mee, en één keer in de totalen.',
    `Peildatum ${formatDate(peildatum)}: signalen en inzagen vanaf ${next} 00:00 UTC blijven buiten beschouwing; ` +
      'een onterecht signaal stelt de persoon bloot aan de gemeente van zichtbaar_vanaf (inbegrepen) tot zichtbaar_tot (niet inbegrepen), ' +
      'afgekapt op het einde van de peildatum; een signaal zonder zichtbaar_tot is nog zichtbaar.',
    'Personen: verschillende personen met minstens één onterecht signaal aan de gemeente. Personen ingezien, inzagen en gebruikers: ' +
      'over inzagen van onterechte signalen binnen het zichtbaarheidsvenster.',
    'Persoonsdagen: per persoon de lengte van de vereniging van diens onterechte vensters bij de gemeente (overlappende vensters tellen één keer), ' +
      'in dagen van 86.400 seconden, opgeteld over de personen en daarna afgerond op één decimaal.',
  ];
}

export function exposureNotes(exposure: Exposure): string[] {
  const notes = [
    `In totaal ${formatCount(exposure.persons)} verschillende personen blootgesteld en ${formatCount(exposure.personsViewed)} ingezien ` +
      `(${formatCount(exposure.views)} inzagen door ${formatCount(exposure.users)} gebruikers); een persoon die aan meer gemeenten ` +
      'is getoond, staat in meer rijen, dus de kolomsommen tellen personen dubbel.',
  ];
  if (exposure.viewsOutsideWindow > 0) {
    notes.push(
      `${formatCount(exposure.viewsOutsideWindow)} ${exposure.viewsOutsideWindow === 1 ? 'inzage van een onterecht signaal viel' : 'inzagen van onterechte signalen vielen'} ` +
        'buiten het zichtbaarheidsvenster van het signaal; dat is een datakwaliteitsbevinding en telt niet als blootstelling.',
    );
  } else {
    notes.push('Geen inzagen van onterechte signalen buiten het zichtbaarheidsvenster van het signaal.');
  }
  return notes;
}

export function dataNotes(snapshot: OpenedSnapshot, facts: DatalekFacts): string[] {
  const notes = skippedRowNotes(snapshot, DATALEK_TABLES);
  const { signals, views, categoryLinks } = facts.unusable;
  if (signals + views + categoryLinks > 0) {
    notes.push(
      `Daarnaast niet gebruikt: ${formatCount(signals)} signalen, ${formatCount(views)} inzagen en ${formatCount(categoryLinks)} ` +
        'categoriekoppelingen met een onbekende persoon, gemeente of categorie, of een onleesbaar tijdstip.',
    );
  }
  return notes;
}
