// The reference example of tables-v1.md as a hand-made TableModel: Tabel 1 of Kamerstuk
// 32 824, nr. 391, with the Totaal of 01-07-2023 computed from its cells (2.436), and a
// fixed provenance so the golden files are stable.
import type { TableColumn, TableModel, TableRow } from '../../shared/tables/model';

export const COHORT_KEYS = ['2013', '2014', '2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022-2023'] as const;
const COHORT_LABELS = ["'13", "'14", "'15", "'16", "'17", "'18", "'19", "'20", "'21", "'22/'23"];

const DATA: [string, number[]][] = [
  ['2022-05-01', [24, 78, 207, 460, 601, 722, 270, 30, 4, 0]],
  ['2022-10-15', [21, 65, 167, 325, 391, 548, 487, 87, 10, 1]],
  ['2023-07-01', [14, 56, 138, 232, 258, 308, 627, 645, 156, 2]],
];

export function tabel1Model(): TableModel {
  const columns: TableColumn[] = [
    { key: 'peildatum', label: 'Peildatum', type: 'date' },
    ...COHORT_KEYS.map((key, index): TableColumn => ({ key, label: COHORT_LABELS[index] ?? key, type: 'count' })),
    { key: 'totaal', label: 'Totaal', type: 'count' },
  ];
  const rows: TableRow[] = DATA.map(([peildatum, counts]) => {
    const row: TableRow = { peildatum };
    COHORT_KEYS.forEach((key, index) => (row[key] = counts[index] ?? 0));
    row.totaal = counts.reduce((sum, count) => sum + count, 0);
    return row;
  });
  return {
    id: 'elip-cohorten',
    title: 'ELIP minstens € 9.500 geleend, per cohort (asielmigranten)',
    columns,
    rows,
    totals: null,
    notes: ['Cohort: het jaar waarin de inburgeringsplicht begon.'],
    source: 'DUO',
    parameters: { doelgroep: 'asiel', drempel_cent: 950000, peildata: DATA.map(([date]) => date), cohort_merge_from: 2022 },
    disclosure: { method: 'none' },
    provenance: {
      snapshot_sha256: 'c801c015dd188709a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899',
      peildatum: '2023-09-15',
      generator: 'ketenlens 0.1.0',
      created_at: '2026-11-23T13:30:00Z',
    },
  };
}
