// The DUO portal: lawful signals (Wi2021 persons, and Wi2013 ELIP data from 2023, shown to
// their own municipality), the unlawful signals of the January 2022 breach (Wi2013 persons
// shown as Wi2021, letter 000 and item 003) and of the COA address links, the views by
// municipal users, the data categories, the incidents and the wrong notices.
import { dayNumber } from '../dates';
import { PEIL, THRESHOLD_B_CENT, loanAt, obligedAt, type IncidentRow, type Notice, type Person, type Signal } from './model';
import { COA_MUNICIPALITIES, pickUser } from './municipalities';
import type { Random } from './random';

export const CATEGORIES: readonly { code: string; omschrijving: string; bijzonder: 0 | 1 }[] = [
  { code: 'naw', omschrijving: 'Naam, adres en woonplaats', bijzonder: 0 },
  { code: 'contactgegevens', omschrijving: 'Telefoonnummer en e-mailadres', bijzonder: 0 },
  { code: 'inburgeringsstatus', omschrijving: 'Stelsel, inburgeringsplicht, termijn en status', bijzonder: 0 },
  { code: 'lening', omschrijving: 'Gebruik van de DUO-lening', bijzonder: 0 },
  { code: 'examenresultaten', omschrijving: 'Resultaten van inburgeringsexamens', bijzonder: 0 },
  // Medical exemption data exists in the chain but no portal signal discloses it.
  { code: 'gezondheid', omschrijving: 'Medische gegevens bij ontheffing', bijzonder: 1 },
];

const WI2021_CATEGORIES = ['naw', 'contactgegevens', 'inburgeringsstatus'] as const;
const BREACH_WITH_EXAMS = ['naw', 'contactgegevens', 'inburgeringsstatus', 'examenresultaten'] as const;
const ELIP_CATEGORIES = ['naw', 'contactgegevens', 'inburgeringsstatus', 'lening', 'examenresultaten'] as const;

const SECONDS_PER_DAY = 86_400;
/** The end of the peildatum: nothing in the snapshot happens from this instant on. */
const PEIL_END = (PEIL + 1) * SECONDS_PER_DAY;
export const BREACH_WITHDRAWN_DAY = dayNumber('2022-01-27');
const COA_REPAIRED_DAY = dayNumber('2022-03-25');

/** An instant during office hours (07:00–17:00 UTC) of the given day. */
function officeInstant(random: Random, day: number): number {
  return day * SECONDS_PER_DAY + random.integer(7 * 3600, 17 * 3600);
}

function addViews(random: Random, signal: Signal, probability: number, most: number): void {
  if (!random.chance(probability)) return;
  const end = Math.min(signal.until ?? PEIL_END, PEIL_END);
  if (end - signal.from < 60) return;
  const count = random.integer(1, most);
  for (let index = 0; index < count; index++) {
    // Inside the window: from its start, strictly before its end.
    signal.views.push({ at: random.integer(signal.from, end - 1), user: pickUser(random, signal.gemeente) });
  }
  signal.views.sort((left, right) => left.at - right.at);
}

/** Lawful signals close when the person's obligation ends; never before they opened. */
function lawfulUntil(random: Random, person: Person, from: number): number | null {
  if (person.statusDatum === null) return null;
  return Math.max(from + 3600, Math.min(officeInstant(random, person.statusDatum), PEIL_END - 1));
}

export interface PortalInput {
  wi2021Notices: readonly Notice[];
  coaLinked: readonly Person[];
  breach: readonly Person[];
  wi2013: readonly Person[];
}

export interface PortalResult {
  signals: Signal[];
  wrongNotices: Notice[];
  correctedNotices: Notice[];
}

export function portalSignals(random: Random, input: PortalInput): PortalResult {
  const signals: Signal[] = [];
  const coa = new Set(input.coaLinked);
  // Lawful: each Wi2021 person with a notice is shown to their own municipality.
  for (const notice of input.wi2021Notices) {
    const person = notice.person;
    const from = officeInstant(random, notice.day);
    if (coa.has(person)) {
      const wrongPlace = random.pick(COA_MUNICIPALITIES.filter((code) => code !== person.gemeente));
      const unlawful: Signal = {
        person, gemeente: wrongPlace, stelsel: 'Wi2021', from,
        until: officeInstant(random, COA_REPAIRED_DAY), categories: WI2021_CATEGORIES, views: [],
      };
      addViews(random, unlawful, 0.55, 3);
      signals.push(unlawful);
      if (person.gemeente === null) continue;
      const lawful: Signal = {
        person, gemeente: person.gemeente, stelsel: 'Wi2021', from: officeInstant(random, COA_REPAIRED_DAY + random.integer(0, 4)),
        until: null, categories: WI2021_CATEGORIES, views: [],
      };
      lawful.until = lawfulUntil(random, person, lawful.from);
      addViews(random, lawful, 0.7, 4);
      signals.push(lawful);
      continue;
    }
    if (person.gemeente === null) continue;
    const signal: Signal = {
      person, gemeente: person.gemeente, stelsel: 'Wi2021', from, until: lawfulUntil(random, person, from),
      categories: WI2021_CATEGORIES, views: [],
    };
    addViews(random, signal, 0.65, 4);
    signals.push(signal);
  }
  // The breach: Wi2013 persons shown as Wi2021 from their (wrong) notice until the withdrawal.
  const wrongNotices: Notice[] = [];
  const correctedNotices: Notice[] = [];
  let outsideWindow = 0;
  input.breach.forEach((person, index) => {
    const noticeDay = random.integer(dayNumber('2022-01-03'), dayNumber('2022-01-07'));
    wrongNotices.push({ person, stelsel: 'Wi2021', day: noticeDay });
    if (random.chance(0.95)) correctedNotices.push({ person, stelsel: 'Wi2013', day: random.integer(dayNumber('2022-03-01'), dayNumber('2022-04-15')) });
    // A few asylum persons were also linked to their COA location: both causes at once.
    const toCoa = person.doelgroep === 'asiel' && index % 23 === 0;
    const signal: Signal = {
      person,
      gemeente: toCoa ? random.pick(COA_MUNICIPALITIES.filter((code) => code !== person.gemeente)) : (person.gemeente as string),
      stelsel: 'Wi2021',
      from: officeInstant(random, noticeDay),
      until: officeInstant(random, BREACH_WITHDRAWN_DAY),
      categories: random.chance(0.25) ? BREACH_WITH_EXAMS : WI2021_CATEGORIES,
      views: [],
    };
    addViews(random, signal, 0.42, 3);
    if (outsideWindow < 7 && index % 400 === 17) {
      // The only defects in the demo: views logged after the withdrawal (a cached page),
      // which a reader reports as data-quality findings, not as exposure.
      signal.views.push({ at: (signal.until as number) + random.integer(3600, 4 * SECONDS_PER_DAY), user: pickUser(random, signal.gemeente) });
      outsideWindow++;
    }
    signals.push(signal);
  });
  // Lawful since early 2023: municipalities may see the ELIP data of their Wi2013 persons.
  const elipStart = dayNumber('2023-01-09');
  for (const person of input.wi2013) {
    if (person.gemeente === null || !obligedAt(person, elipStart) || loanAt(person, elipStart) <= THRESHOLD_B_CENT) continue;
    const signal: Signal = {
      person, gemeente: person.gemeente, stelsel: 'Wi2013',
      from: officeInstant(random, random.integer(elipStart, dayNumber('2023-03-31'))), until: null, categories: ELIP_CATEGORIES, views: [],
    };
    signal.until = lawfulUntil(random, person, signal.from);
    addViews(random, signal, 0.5, 3);
    signals.push(signal);
  }
  return { signals, wrongNotices, correctedNotices };
}

const instant = (day: string, time: string): string => `${day}T${time}Z`;

/** The incidents; only the datalek is a GDPR breach (see docs/DEMO.md for the chosen instants). */
export function incidents(): IncidentRow[] {
  return [
    {
      id: 'INC-2022-001',
      titel: 'Gemeenten zagen Wi2013-inburgeringsplichtigen als Wi2021 in het DUO-portaal',
      soort: 'datalek',
      ontdektOp: instant('2022-01-07', '10:30:00'),
      gemeldApOp: instant('2022-01-27', '15:45:00'),
      gemeentenGeinformeerdOp: instant('2022-01-27', '12:00:00'),
      betrokkenenGeinformeerdOp: instant('2022-02-15', '09:00:00'),
      beschrijving:
        'Synthetisch (demo). Na de eerste Wi2021-kennisgevingen begin januari 2022 bleken Wi2013-inburgeringsplichtigen '
        + 'ten onrechte als Wi2021 aan hun gemeente getoond; signalen ingetrokken op 27 januari 2022. Geen bijzondere persoonsgegevens.',
    },
    {
      id: 'INC-2022-002',
      titel: 'Statushouders gekoppeld aan de gemeente van hun COA-locatie',
      soort: 'overig',
      ontdektOp: instant('2022-02-14', '09:00:00'),
      gemeldApOp: null,
      gemeentenGeinformeerdOp: instant('2022-03-21', '10:00:00'),
      betrokkenenGeinformeerdOp: null,
      beschrijving: 'Synthetisch (demo). Adreskoppeling COA–DUO; hersteld op 25 maart 2022.',
    },
    {
      id: 'INC-2023-001',
      titel: 'Onvolledige gegevenslevering IND aan DUO (januari 2022 – mei 2023)',
      soort: 'vertraging',
      ontdektOp: instant('2023-04-12', '08:00:00'),
      gemeldApOp: null,
      gemeentenGeinformeerdOp: instant('2023-08-30', '10:00:00'),
      betrokkenenGeinformeerdOp: instant('2023-09-04', '09:00:00'),
      beschrijving: 'Synthetisch (demo). 3.210 personen kregen te laat of nog geen kennisgeving.',
    },
    {
      id: 'INC-2018-001',
      titel: 'Dwangbevelen stilgelegd sinds 1 november 2017 (koppeling CJIB)',
      soort: 'incasso',
      ontdektOp: instant('2018-02-15', '09:00:00'),
      gemeldApOp: null,
      gemeentenGeinformeerdOp: null,
      betrokkenenGeinformeerdOp: null,
      beschrijving: 'Synthetisch (demo). Circa 1.200 dwangbevelen wachtten op overdracht aan het CJIB.',
    },
  ];
}
