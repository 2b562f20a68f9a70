// The Overzicht's headline figures, computed in the worker right after the open, before the
// remaining checks and the file's digest: each is a column total of the catalogue table the
// screen it leads to shows, with the same parameters, so the two can never disagree. The
// tables are built from the session's facts (cached for the screens that follow); their
// models never leave this module — only the totals do — so they are built without the
// file's digest, which may not be known yet.
import type { SnapshotMeta } from '../../shared/snapshot/types';
import { buildTable } from '../../shared/tables/catalogue';
import type { TableRequest } from '../../shared/tables/catalogue';
import type { AnalysisSession } from '../../shared/tables/session';
import { columnTotal } from '../app/table-sums';
import { UsageError } from '../../shared/errors';
import { toWireError } from './errors';
import type { HeadlineFigure } from './protocol';

interface HeadlineDefinition {
  id: HeadlineFigure['id'];
  table: string;
  column: string;
  parameters(meta: SnapshotMeta): TableRequest;
}

/** In the order the Overzicht shows them. */
export const HEADLINES: readonly HeadlineDefinition[] = [
  { id: 'elip', table: 'elip-gemeenten', column: 'totaal', parameters: (meta) => ({ peildata: [meta.peildatum], doelgroep: 'asiel' }) },
  { id: 'backlog', table: 'boete-achterstand', column: 'achterstand', parameters: () => ({}) },
  { id: 'exposed', table: 'datalek-gemeenten', column: 'personen', parameters: () => ({}) },
];

export function headlineFigure(session: AnalysisSession, id: HeadlineFigure['id']): HeadlineFigure {
  const headline = HEADLINES.find((candidate) => candidate.id === id);
  if (headline === undefined) throw new UsageError(`Onbekend kerncijfer: ${id}.`, `Unknown headline figure: ${id}.`);
  // Same facts cache, no digest: the provenance of this model is never read outside.
  const totalsOnly: AnalysisSession = {
    snapshot: session.snapshot,
    cached: (key, compute) => session.cached(key, compute),
    provenance: () => ({ snapshot_sha256: '', peildatum: session.snapshot.meta.peildatum, generator: '', created_at: '' }),
  };
  try {
    const model = buildTable(totalsOnly, headline.table, headline.parameters(session.snapshot.meta));
    return { id, value: columnTotal(model, headline.column), error: null };
  } catch (error) {
    return { id, value: null, error: toWireError(error) };
  }
}
