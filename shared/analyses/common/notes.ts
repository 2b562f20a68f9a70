// The notes every table carries about its data: which rows the loader skipped as
// data-quality findings (and why), for the snapshot tables an analysis reads.
import type { OpenedSnapshot, SnapshotTable } from '../../snapshot/types';
import { formatCount } from '../../format/numbers';
import type { Doelgroep } from '../../snapshot/vocabulary';

/** One note per skipping finding on the given tables, or one note that nothing was skipped. */
export function skippedRowNotes(snapshot: OpenedSnapshot, tables: readonly SnapshotTable[]): string[] {
  const notes: string[] = [];
  const findings = snapshot.findingsOf(tables);
  for (const finding of findings) {
    if (!finding.skipped) continue;
    const column = finding.column === undefined ? '' : ` (${finding.column})`;
    notes.push(
      `${formatCount(finding.count)} ${finding.count === 1 ? 'rij' : 'rijen'} van ${finding.table}${column} overgeslagen als datakwaliteitsbevinding: ${finding.descriptionNl}.`,
    );
  }
  // Skipped rows that no finding explains (should not happen with the real loader).
  for (const table of tables) {
    const size = snapshot.skipped[table]?.size ?? 0;
    const explained = findings.some((finding) => finding.skipped && finding.table === table);
    if (size > 0 && !explained) notes.push(`${formatCount(size)} ${size === 1 ? 'rij' : 'rijen'} van ${table} overgeslagen als datakwaliteitsbevinding.`);
  }
  if (notes.length === 0) notes.push(`Geen rijen overgeslagen: de gebruikte tabellen (${tables.join(', ')}) hebben geen datakwaliteitsbevindingen die rijen uitsluiten.`);
  return notes;
}

/** How the notes name each doelgroep (one entry per value of the vocabulary). */
export const DOELGROEP_LABELS: Record<Doelgroep, string> = {
  asiel: 'asielmigranten',
  gezin: 'gezinsmigranten',
  overig: 'overige migranten',
};
