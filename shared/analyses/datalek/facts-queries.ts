// The two big queries of the data-leak facts (facts.ts), on their own so that both reads
// use the very same text: facts.ts runs them through sql.js (the reference), and
// facts-scan.ts reads their query plans and reproduces their rows with the b-tree scanner.

/** Stands for "still visible" (zichtbaar_tot NULL): later than any end of P. */
export const OPEN_END = 1e18;

/**
 * SQLite joins each signal to its person and keeps only the unlawful ones, so the (many)
 * lawful signals and the persons never cross into JavaScript. The categories of each kept
 * signal come along (the correlated subquery runs for kept rows only), joined by U+001F.
 * Persons are numbered in order of appearance among these signals. facts-scan.ts reads the
 * same rows through the b-tree scanner; this SQL is the reference and the fallback.
 */
export const UNLAWFUL_SIGNALS_SQL =
  // An inner join: a signal of an unknown person is a dangling reference the loader skips.
  `SELECT s.rowid, s.id, (s.stelsel <> i.stelsel) | ((i.gemeente_code IS NULL OR i.gemeente_code <> s.gemeente_code) << 1),
       s.inburgeraar_id, s.gemeente_code, unixepoch(s.zichtbaar_vanaf),
       CASE WHEN s.zichtbaar_tot IS NULL THEN ${OPEN_END} ELSE unixepoch(s.zichtbaar_tot) END,
       (SELECT group_concat(g.categorie, char(31)) FROM signaal_gegeven g WHERE g.signaal_id = s.id)
     FROM portaal_signaal s JOIN inburgeraar i ON i.id = s.inburgeraar_id
     WHERE s.stelsel <> i.stelsel OR i.gemeente_code IS NULL OR i.gemeente_code <> s.gemeente_code`;

/**
 * The views of the unlawful signals: only those (by the index on signaal_id) when they are
 * few, otherwise one scan. facts-scan.ts reads the same rows through the b-tree scanner.
 */
export function viewsSql(selective: boolean): string {
  return `SELECT rowid, signaal_id, unixepoch(ingezien_op), gebruiker FROM portaal_inzage ${selective ? 'WHERE signaal_id IN (SELECT value FROM json_each(?))' : ''}`;
}
