// Plain-Dutch wording of the enforcement definitions, for the notes of boete-achterstand,
// boete-ouderdom and incasso-achterstand.

const BACKLOG_NOTE =
  'Achterstand op de peildatum: de boete is uiterlijk op de peildatum aangekondigd en er is uiterlijk op de peildatum nog geen besluit genomen.';

export function achterstandNotes(): string[] {
  return [
    'Telt termijnoverschrijdingen (records), per maand van het overschreden termijneinde.',
    'Overschrijdingen: records waarvan het termijneinde uiterlijk op de peildatum ligt. Aangekondigd: boete uiterlijk op de peildatum aangekondigd. Besloten: besluit uiterlijk op de peildatum, per soort besluit.',
    BACKLOG_NOTE,
    'Een maand staat in de tabel als minstens één van de kolommen er niet nul is.',
  ];
}

export function ouderdomNotes(): string[] {
  return [
    BACKLOG_NOTE,
    'Ouderdom: het aantal dagen van de aankondiging tot de peildatum; 0-3m minder dan 91 dagen, 3-6m 91 tot en met 181, 6-12m 182 tot en met 364, 12m+ 365 of meer.',
  ];
}

export function incassoNotes(): string[] {
  return [
    'Openstaand op de peildatum: het dwangbevel was uiterlijk op de peildatum gereed en is niet uiterlijk op de peildatum aan het CJIB overgedragen.',
    'Jaar: het kalenderjaar waarin het dwangbevel gereed was. Soort: boete of lening.',
  ];
}
