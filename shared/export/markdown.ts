// Markdown export: the published layout as a pipe table with a bold caption above and
// the Bron line, notes and an italic provenance line below.
import { isNumericType, type TableModel } from '../tables/model';
import { allRows, publishedTable } from './layout';

/** Escape what would break a pipe table or start Markdown emphasis. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/([*_`])/g, '\\$1').replace(/\r?\n/g, ' ');
}

export function exportMarkdown(model: TableModel, number = 1): string {
  const table = publishedTable(model, number);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const alignment = table.columns.map((column) => (isNumericType(column.type) ? '---:' : ':---'));
  const rows = allRows(table).map((cells, rowIndex) => {
    const texts = cells.map((cell) => escapeMarkdown(cell.text));
    // The totals row is bold as in printed tables; an empty cell stays empty.
    return line(rowIndex >= table.body.length ? texts.map((text) => (text === '' ? '' : `**${text}**`)) : texts);
  });
  return [
    `**${escapeMarkdown(table.caption)}**`,
    '',
    line(table.headers.map(escapeMarkdown)),
    line(alignment),
    ...rows,
    '',
    escapeMarkdown(table.sourceLine),
    ...table.notes.flatMap((note) => ['', escapeMarkdown(note)]),
    '',
    `_${escapeMarkdown(table.provenanceLine)}_`,
    '',
  ].join('\n');
}
