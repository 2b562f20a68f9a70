// The disclosure options of the Bijlage screen and its default, taken from the one
// default that `ketenlens bijlage` uses too (BIJLAGE_DEFAULT_DISCLOSURE: suppression, k = 10).
import { BIJLAGE_DEFAULT_DISCLOSURE, disclosureOptionOf } from '../../shared/export/disclosure';
import type { DisclosureOption } from '../../shared/tables/model';

export const BIJLAGE_DISCLOSURE_DEFAULT: DisclosureOption = disclosureOptionOf(BIJLAGE_DEFAULT_DISCLOSURE);

/** The default first, so the list opens on the protection a bijlage gets unless chosen otherwise. */
export const BIJLAGE_DISCLOSURES: readonly DisclosureOption[] = [
  BIJLAGE_DISCLOSURE_DEFAULT,
  ...(['suppress', 'round5', 'round10', 'none'] as const).filter((option) => option !== BIJLAGE_DISCLOSURE_DEFAULT),
];
