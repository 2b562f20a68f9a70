// HTML export: one self-contained <table> with <caption>, <thead>, <tbody>, <tfoot> for
// the totals, and the Bron line, notes and provenance under it. Inline styles only, so a
// paste into Word keeps the look (Word ignores <style> blocks on paste).
import { isNumericType, type TableModel } from '../tables/model';
import { publishedTable, type PublishedCell } from './layout';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const FONT = 'font-family:Verdana,Arial,sans-serif;font-size:9pt';
// Fonts go on every cell: Word and LibreOffice do not inherit them from <table> on paste.
const CELL = `${FONT};padding:2pt 6pt;border:none`;
const RULE = 'border-bottom:1px solid #000';

function cellHtml(tag: 'td' | 'th', cell: PublishedCell, extra = ''): string {
  const align = cell.alignRight ? 'text-align:right' : 'text-align:left';
  return `<${tag} style="${CELL};${align}${extra}">${escapeHtml(cell.text)}</${tag}>`;
}

/** The table fragment (no <html> wrapper), for the clipboard and for bijlagen. */
export function tableHtml(model: TableModel, number = 1): string {
  const table = publishedTable(model, number);
  const header = table.headers
    .map((label, index) => {
      const align = isNumericType(table.columns[index]?.type ?? 'text') ? 'text-align:right' : 'text-align:left';
      return `<th scope="col" style="${CELL};${align};${RULE};font-weight:bold">${escapeHtml(label)}</th>`;
    })
    .join('');
  const body = table.body.map((cells) => `<tr>${cells.map((cell) => cellHtml('td', cell)).join('')}</tr>`).join('\n');
  const totals =
    table.totals === null
      ? ''
      : `\n<tfoot><tr>${table.totals.map((cell) => cellHtml('td', cell, ';border-top:1px solid #000;font-weight:bold')).join('')}</tr></tfoot>`;
  const small = `${FONT};font-size:7.5pt;margin:2pt 0`;
  return [
    `<table style="${FONT};border-collapse:collapse;margin:6pt 0">`,
    // The <b> keeps the caption bold where an importer drops the caption's own style.
    `<caption style="${FONT};font-size:10pt;text-align:left;font-weight:bold;padding-bottom:4pt"><b>${escapeHtml(table.caption)}</b></caption>`,
    `<thead><tr>${header}</tr></thead>`,
    `<tbody>\n${body}\n</tbody>${totals}`,
    '</table>',
    `<p style="${FONT};margin:2pt 0">${escapeHtml(table.sourceLine)}</p>`,
    ...table.notes.map((note) => `<p style="${small}">${escapeHtml(note)}</p>`),
    `<p style="${small};color:#595959">${escapeHtml(table.provenanceLine)}</p>`,
  ].join('\n');
}

export function exportHtml(model: TableModel, number = 1): string {
  const table = publishedTable(model, number);
  return [
    '<!DOCTYPE html>',
    '<html lang="nl">',
    '<head><meta charset="utf-8">',
    `<title>${escapeHtml(table.caption)}</title></head>`,
    '<body>',
    tableHtml(model, number),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
