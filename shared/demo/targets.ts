// The published figures the demo snapshot reproduces exactly (demo-v1.md), in one place so
// the generator and its tests share them.

/** Cohort years of Tabel 1 of nr. 391; the last column merges 2022 and 2023. */
export const TABEL_1_COHORTS = [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022] as const;

/** ELIP-A, asylum, per cohort (2022 holds the merged '22/'23 column), per reference date. */
export const TABEL_1: Readonly<Record<'2022-05-01' | '2022-10-15' | '2023-07-01', readonly number[]>> = {
  '2022-05-01': [24, 78, 207, 460, 601, 722, 270, 30, 4, 0],
  '2022-10-15': [21, 65, 167, 325, 391, 548, 487, 87, 10, 1],
  '2023-07-01': [14, 56, 138, 232, 258, 308, 627, 645, 156, 2],
};

/** ELIP-A + ELIP-B, asylum (nr. 391, §3.1). */
export const ELIP_BOTH = { '2022-05-01': 4641, '2023-07-01': 4760 } as const;

/** Fine backlog at the peildatum over overruns with termijn_einde May 2022 – May 2023 (§3.5). */
export const FINE_BACKLOG = 5200;
/** Overruns with an appointment from 1 September through 31 December 2022 (§3.5). */
export const APPOINTMENTS_SEPTEMBER_DECEMBER_2022 = 900;
/** Fines decided in 2019 (§3.5). */
export const FINES_DECIDED_2019 = 3403;
/** Enforcement orders pending at 2018-10-31 with gereed_op from 2017-11-01 (2018 letter). */
export const ORDERS_PENDING_2018 = 1200;
/** Persons with an IND record never delivered or delivered late, permits January 2022 – May 2023 (§2.8). */
export const LATE_IND = { asiel: 450, gezinOverig: 2760 } as const;
/** Wi2007 persons still obliged at 2022-10-01 (§3.6). */
export const WI2007_OBLIGED_2022_10_01 = 6611;
