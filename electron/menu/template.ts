// The native menu (Bestand, Bewerken, Exporteren, Beeld, Help) in Dutch or English. Pure:
// every item either uses an Electron role or hands a MenuCommand to `onCommand`, which
// main forwards to the renderer as a 'menu:command' event.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, ScreenId } from '../../shared/ipc/contract';

export type MenuLanguage = 'nl' | 'en';

export interface MenuInput {
  language: MenuLanguage;
  /** Recent snapshot paths, newest first (paths only). */
  recent: readonly string[];
  isMac: boolean;
  allowDevTools: boolean;
  onCommand(command: MenuCommand): void;
}

type Text = Readonly<Record<MenuLanguage, string>>;

const SCREENS: readonly (readonly [ScreenId, Text])[] = [
  ['overzicht', { nl: 'Overzicht', en: 'Overview' }],
  ['elip', { nl: 'ELIP', en: 'ELIP' }],
  ['boetes', { nl: 'Boetes', en: 'Fines' }],
  ['datalek', { nl: 'Datalek', en: 'Data breach' }],
  ['kennisgevingen', { nl: 'Kennisgevingen', en: 'Notifications' }],
  ['sql', { nl: 'SQL', en: 'SQL' }],
  ['bijlage', { nl: 'Bijlage', en: 'Appendix' }],
  ['audit', { nl: 'Audit-log', en: 'Audit log' }],
  ['controleren', { nl: 'Controleren', en: 'Check a table' }],
];

export const EXPORT_FORMATS: readonly (readonly [string, Text])[] = [
  ['csv', { nl: 'CSV', en: 'CSV' }],
  ['csv-rfc', { nl: 'CSV (RFC 4180)', en: 'CSV (RFC 4180)' }],
  ['xlsx', { nl: 'Excel (.xlsx)', en: 'Excel (.xlsx)' }],
  ['ods', { nl: 'OpenDocument-rekenblad (.ods)', en: 'OpenDocument spreadsheet (.ods)' }],
  ['docx', { nl: 'Word (.docx)', en: 'Word (.docx)' }],
  ['odt', { nl: 'OpenDocument-tekst (.odt)', en: 'OpenDocument text (.odt)' }],
  ['md', { nl: 'Markdown', en: 'Markdown' }],
  ['html', { nl: 'HTML', en: 'HTML' }],
  ['json', { nl: 'JSON', en: 'JSON' }],
];

const T = {
  file: { nl: '&Bestand', en: '&File' },
  open: { nl: 'Openen…', en: 'Open…' },
  recent: { nl: 'Recente snapshots', en: 'Recent snapshots' },
  noRecent: { nl: '(geen)', en: '(none)' },
  makeSnapshot: { nl: 'Snapshot maken…', en: 'Make snapshot…' },
  lock: { nl: 'Vergrendelen', en: 'Lock' },
  close: { nl: 'Sluiten', en: 'Close' },
  quit: { nl: 'Afsluiten', en: 'Quit' },
  edit: { nl: 'Be&werken', en: '&Edit' },
  export: { nl: '&Exporteren', en: 'E&xport' },
  currentTable: { nl: 'Huidige tabel als', en: 'Current table as' },
  bijlage: { nl: 'Bijlage…', en: 'Appendix…' },
  view: { nl: 'Bee&ld', en: '&View' },
  help: { nl: '&Help', en: '&Help' },
  about: { nl: 'Over Ketenlens', en: 'About Ketenlens' },
  audit: { nl: 'Audit-log', en: 'Audit log' },
} satisfies Record<string, Text>;

/** A stable id per command (e.g. 'navigate:boetes'), so tests and scripts can find an item. */
export function menuItemId(command: MenuCommand): string {
  switch (command.command) {
    case 'open-recent':
      return `open-recent:${command.path}`;
    case 'export-current':
      return `export-current:${command.format}`;
    case 'navigate':
      return `navigate:${command.screen}`;
    case 'language':
      return `language:${command.language}`;
    default:
      return command.command;
  }
}

export function buildMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const { language, onCommand } = input;
  const say = (text: Text): string => text[language];
  const command = (label: string, chosen: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    id: menuItemId(chosen),
    label,
    ...(accelerator === undefined ? {} : { accelerator }),
    click: () => onCommand(chosen),
  });

  const recentItems: MenuItemConstructorOptions[] =
    input.recent.length === 0
      ? [{ label: say(T.noRecent), enabled: false }]
      : input.recent.map((path) => command(path, { command: 'open-recent', path }));

  const file: MenuItemConstructorOptions = {
    label: say(T.file),
    submenu: [
      command(say(T.open), { command: 'open' }, 'CmdOrCtrl+O'),
      { label: say(T.recent), submenu: recentItems },
      { type: 'separator' },
      command(say(T.makeSnapshot), { command: 'make-snapshot' }),
      { type: 'separator' },
      command(say(T.lock), { command: 'lock' }, 'CmdOrCtrl+L'),
      command(say(T.close), { command: 'close' }, 'CmdOrCtrl+W'),
      ...(input.isMac ? [] : [{ type: 'separator' } as const, { label: say(T.quit), role: 'quit' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: say(T.edit),
    submenu: [
      { role: 'undo' }, { role: 'redo' }, { type: 'separator' },
      { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' },
    ],
  };
  const exportMenu: MenuItemConstructorOptions = {
    label: say(T.export),
    submenu: [
      { label: say(T.currentTable), submenu: EXPORT_FORMATS.map(([format, text]) => command(say(text), { command: 'export-current', format })) },
      command(say(T.bijlage), { command: 'export-bijlage' }, 'CmdOrCtrl+E'),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: say(T.view),
    submenu: [
      ...SCREENS.map(([screen, text], index) => command(say(text), { command: 'navigate', screen }, `CmdOrCtrl+${index + 1}`)),
      { type: 'separator' },
      { ...command('Nederlands', { command: 'language', language: 'nl' }), type: 'radio', checked: language === 'nl' },
      { ...command('English', { command: 'language', language: 'en' }), type: 'radio', checked: language === 'en' },
      { type: 'separator' },
      { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' },
      ...(input.allowDevTools ? [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: say(T.help),
    role: 'help',
    submenu: [command(say(T.about), { command: 'about' }), command(say(T.audit), { command: 'audit' })],
  };
  return [...(input.isMac ? [{ role: 'appMenu' } as const] : []), file, edit, exportMenu, view, help];
}
