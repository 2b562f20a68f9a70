// `ketenlens tables`: the catalogue of appendix tables, one line each, in the user's
// language; includes every analysis registered in shared/tables/catalogue.ts.
import { parseArgs } from 'node:util';
import { TABLES } from '../../../tables/catalogue';
import type { Command, CliIo } from '../command';

const HELP = `Usage: ketenlens tables [--json]

Lists the appendix tables (tables-v1.md) that 'ketenlens table <id> <snapshot>' and
'ketenlens bijlage' can make, with a one-line description in Dutch or English
(KETENLENS_LANG=nl|en). Tables that need an optional snapshot table say which.

Options:
  --json                   the ids, descriptions and required optional tables as JSON
`;

export const tablesCommand: Command = {
  name: 'tables',
  summary: 'list the appendix tables that can be made',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseArgs({ args: argv, allowPositionals: false, strict: true, options: { json: { type: 'boolean' } } });
    if (values.json === true) {
      const list = TABLES.map((table) => ({
        id: table.id, descriptionNl: table.descriptionNl, descriptionEn: table.descriptionEn, requires: [...table.requires],
      }));
      io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      return 0;
    }
    const nl = io.language === 'nl';
    const width = Math.max(...TABLES.map((table) => table.id.length));
    const lines = TABLES.map((table) => {
      const description = nl ? table.descriptionNl : table.descriptionEn;
      const requires = table.requires.length === 0 ? '' : nl ? ` (vraagt ${table.requires.join(', ')})` : ` (needs ${table.requires.join(', ')})`;
      return `${table.id.padEnd(width)}  ${description}${requires}`;
    });
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
