// The plain SQL of the data-leak definition (snapshot-v1.md, "Data-leak exposure") that the
// benchmarks run in the native sqlite3 CLI beside Ketenlens: one text for every bench, so the
// comparison in docs/PERFORMANCE.md is always against the same query. Not a *.bench.ts file,
// so bench/run.ts does not run it on its own.

/** Plain SQL: unlawful signals joined to persons, windows cut at the end of P, union by running maximum. */
export function datalekPlainSql(peildatum: string): string {
  const end = `(unixepoch('${peildatum}') + 86400)`;
  return `
WITH u AS (
  SELECT s.id, s.inburgeraar_id AS person, s.gemeente_code AS gm, unixepoch(s.zichtbaar_vanaf) AS st,
         min(coalesce(unixepoch(s.zichtbaar_tot), ${end}), ${end}) AS en,
         s.stelsel <> i.stelsel AS c1, (i.gemeente_code IS NULL OR i.gemeente_code <> s.gemeente_code) AS c2
  FROM portaal_signaal s JOIN inburgeraar i ON i.id = s.inburgeraar_id
  WHERE (s.stelsel <> i.stelsel OR i.gemeente_code IS NULL OR i.gemeente_code <> s.gemeente_code)
    AND unixepoch(s.zichtbaar_vanaf) < ${end}
    AND (s.zichtbaar_tot IS NULL OR s.zichtbaar_tot >= s.zichtbaar_vanaf) -- as the loader skips these
),
w AS (
  SELECT gm, person, st, en,
         max(en) OVER (PARTITION BY gm, person ORDER BY st ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
  FROM u
),
d AS (SELECT gm, sum(max(0, en - max(st, coalesce(before, st)))) AS seconds FROM w GROUP BY gm),
v AS (
  SELECT u.gm, u.person, x.gebruiker FROM portaal_inzage x JOIN u ON u.id = x.signaal_id
  WHERE unixepoch(x.ingezien_op) >= u.st AND unixepoch(x.ingezien_op) < u.en
),
vv AS (SELECT gm, count(DISTINCT person) AS viewed, count(*) AS views, count(DISTINCT gebruiker) AS users FROM v GROUP BY gm),
c AS (SELECT u.gm, group_concat(DISTINCT g.categorie) AS categories FROM u JOIN signaal_gegeven g ON g.signaal_id = u.id GROUP BY u.gm)
SELECT u.gm, count(DISTINCT u.person), coalesce(vv.viewed, 0), coalesce(vv.views, 0), coalesce(vv.users, 0),
       count(DISTINCT CASE WHEN c1 THEN u.person END), count(DISTINCT CASE WHEN c2 THEN u.person END),
       min(u.st), max(u.en), round(d.seconds / 86400.0, 1), c.categories
FROM u JOIN d ON d.gm = u.gm LEFT JOIN vv ON vv.gm = u.gm LEFT JOIN c ON c.gm = u.gm
GROUP BY u.gm ORDER BY u.gm;`;
}
