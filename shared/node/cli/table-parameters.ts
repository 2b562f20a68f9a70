// The command-line options that describe a table's parameters (peildatum, doelgroep,
// thresholds, periods, incident), shared by every command that computes a catalogue table
// (`table`, `diff`, `reconcile`, `verify`), so each one spells and parses them the same way.
// The table is chosen per command (`table ID`, `--table ID`, repeated `--table`), so it is
// not here; `requestFromOptions` in commands/table.ts turns these values into a TableRequest.

/** parseArgs options for a table's parameters. */
export const TABLE_PARAMETER_OPTIONS = {
  peildatum: { type: 'string', multiple: true },
  doelgroep: { type: 'string' },
  drempel: { type: 'string' },
  'drempel-b': { type: 'string' },
  'maanden-b': { type: 'string' },
  'cohort-merge-from': { type: 'string' },
  vanaf: { type: 'string' },
  'tot-en-met': { type: 'string' },
  incident: { type: 'string' },
} as const;
