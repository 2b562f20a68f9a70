// The menu's commands (Electron's application menu, the browser host's 'ketenlens:menu'
// event) as one table: what each does, and whether it needs an open snapshot. The shell
// hands in its actions; a command on data does nothing while no snapshot is open.
import type { Language } from '../../shared/errors';
import type { MenuCommand, ScreenId } from '../../shared/ipc/contract';
import { asExportFormat, exportCurrentTable } from './current-export';

export interface MenuActions {
  snapshotOpen: boolean;
  navigate(screen: ScreenId): void;
  setLanguage(language: Language): void;
  makeSnapshot(): void;
  showAbout(): void;
  /** Tell (to screen readers) that this screen has no table to export. */
  noGridToExport(): void;
  close(): void;
  lock(): void;
  openPath(path: string): void;
  /** Ask the host for a file, then open it. */
  pickAndOpen(): void;
}

type CommandName = MenuCommand['command'];
type CommandOf<C extends CommandName> = Extract<MenuCommand, { command: C }>;

interface MenuHandler<C extends CommandName> {
  needsSnapshot: boolean;
  run(command: CommandOf<C>, actions: MenuActions): void;
}

export const MENU_COMMANDS: { readonly [C in CommandName]: MenuHandler<C> } = {
  open: { needsSnapshot: false, run: (_, actions) => actions.pickAndOpen() },
  'open-recent': { needsSnapshot: false, run: (command, actions) => actions.openPath(command.path) },
  close: { needsSnapshot: false, run: (_, actions) => actions.close() },
  lock: { needsSnapshot: false, run: (_, actions) => actions.lock() },
  'make-snapshot': { needsSnapshot: false, run: (_, actions) => actions.makeSnapshot() },
  language: { needsSnapshot: false, run: (command, actions) => actions.setLanguage(command.language) },
  about: { needsSnapshot: false, run: (_, actions) => actions.showAbout() },
  navigate: { needsSnapshot: true, run: (command, actions) => actions.navigate(command.screen) },
  'export-bijlage': { needsSnapshot: true, run: (_, actions) => actions.navigate('bijlage') },
  audit: { needsSnapshot: true, run: (_, actions) => actions.navigate('audit') },
  'export-current': {
    needsSnapshot: true,
    run: (command, actions) => {
      const format = asExportFormat(command.format);
      if (format === null || !exportCurrentTable(format)) actions.noGridToExport();
    },
  },
};

function dispatch<C extends CommandName>(command: CommandOf<C>, handler: MenuHandler<C>, actions: MenuActions): void {
  if (handler.needsSnapshot && !actions.snapshotOpen) return;
  handler.run(command, actions);
}

export function runMenuCommand(command: MenuCommand, actions: MenuActions): void {
  // The table is keyed by command name, so this handler is the one for this command.
  dispatch(command, MENU_COMMANDS[command.command] as MenuHandler<CommandName>, actions);
}
