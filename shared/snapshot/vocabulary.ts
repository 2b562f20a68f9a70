// The enumerations of snapshot format v1 (snapshot-v1.sql CHECK constraints), in one place:
// the loader's findings, the seal wizard's rules, the analyses, the demo and the UI take
// their lists from here, so a value is spelled and ordered the same everywhere. The order
// is the schema's; analyses store a value as its index in these arrays.

/** inburgeraar.stelsel: the civic-integration regime. */
export const STELSELS = ['Wi2007', 'Wi2013', 'Wi2021'] as const;
export type Stelsel = (typeof STELSELS)[number];

/** inburgeraar.doelgroep: the target group. */
export const DOELGROEPEN = ['asiel', 'gezin', 'overig'] as const;
export type Doelgroep = (typeof DOELGROEPEN)[number];

/** inburgeraar.status: where the civic-integration obligation stands. */
export const STATUSSEN = ['lopend', 'voldaan', 'ontheven', 'vervallen'] as const;
export type Status = (typeof STATUSSEN)[number];

/** termijnoverschrijding.besluit: the decision on a deadline overrun (NULL: none yet). */
export const BESLUITEN = ['boete', 'verlenging', 'geen_boete'] as const;
export type Besluit = (typeof BESLUITEN)[number];

/** dwangbevel.soort: what an enforcement order collects. */
export const SOORTEN = ['boete', 'lening'] as const;
export type Soort = (typeof SOORTEN)[number];

/** portaal_signaal.stelsel and kennisgeving.stelsel: the regimes a signal or notice can state. */
export const SIGNAAL_STELSELS = ['Wi2013', 'Wi2021'] as const;
export type SignaalStelsel = (typeof SIGNAAL_STELSELS)[number];

/** incident.soort: the kind of incident. */
export const INCIDENT_SOORTEN = ['datalek', 'vertraging', 'onterechte_plicht', 'incasso', 'overig'] as const;
export type IncidentSoort = (typeof INCIDENT_SOORTEN)[number];
