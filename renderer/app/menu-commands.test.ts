import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../shared/ipc/contract';
import { runMenuCommand, type MenuActions } from './menu-commands';

function recorder(snapshotOpen: boolean): { actions: MenuActions; calls: string[] } {
  const calls: string[] = [];
  const actions: MenuActions = {
    snapshotOpen,
    navigate: (screen) => calls.push(`navigate ${screen}`),
    setLanguage: (language) => calls.push(`language ${language}`),
    makeSnapshot: () => calls.push('make-snapshot'),
    showAbout: () => calls.push('about'),
    noGridToExport: () => calls.push('no-grid'),
    close: () => calls.push('close'),
    lock: () => calls.push('lock'),
    openPath: (path) => calls.push(`open ${path}`),
    pickAndOpen: () => calls.push('pick'),
  };
  return { actions, calls };
}

const COMMANDS: MenuCommand[] = [
  { command: 'open' },
  { command: 'open-recent', path: '/data/a.snapshot.age' },
  { command: 'close' },
  { command: 'lock' },
  { command: 'make-snapshot' },
  { command: 'language', language: 'en' },
  { command: 'about' },
  { command: 'navigate', screen: 'datalek' },
  { command: 'export-bijlage' },
  { command: 'audit' },
  { command: 'export-current', format: 'pdf' },
];

describe('the menu command table', () => {
  it('runs each command with an open snapshot', () => {
    const { actions, calls } = recorder(true);
    for (const command of COMMANDS) runMenuCommand(command, actions);
    expect(calls).toEqual([
      'pick', 'open /data/a.snapshot.age', 'close', 'lock', 'make-snapshot', 'language en', 'about',
      'navigate datalek', 'navigate bijlage', 'navigate audit', 'no-grid',
    ]);
  });

  it('ignores commands on data while no snapshot is open', () => {
    const { actions, calls } = recorder(false);
    for (const command of COMMANDS) runMenuCommand(command, actions);
    expect(calls).toEqual(['pick', 'open /data/a.snapshot.age', 'close', 'lock', 'make-snapshot', 'language en', 'about']);
  });
});
