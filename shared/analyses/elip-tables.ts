// Table definitions of the ELIP analyses: elip-cohorten and elip-gemeenten.
import type { TableDefinition } from '../tables/catalogue';
import { buildElipCohorten } from './elip-cohorten';
import { buildElipGemeenten } from './elip-gemeenten';

export const elipTables: readonly TableDefinition[] = [
  {
    id: 'elip-cohorten',
    descriptionNl: 'ELIP-A (lening bijna op, nog inburgeringsplichtig) per cohort op één of meer peildata, zoals Tabel 1 van nr. 391',
    descriptionEn: 'ELIP-A (loan almost used up, still obliged) per cohort at one or more reference dates, like Table 1 of no. 391',
    requires: [],
    build: buildElipCohorten,
  },
  {
    id: 'elip-gemeenten',
    descriptionNl: 'ELIP-A en ELIP-B per verantwoordelijke gemeente op een peildatum',
    descriptionEn: 'ELIP-A and ELIP-B per responsible municipality at a reference date',
    requires: [],
    build: buildElipGemeenten,
  },
];
