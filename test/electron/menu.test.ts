// The native menu template: every command item sends its MenuCommand.
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../electron/menu/template';
import type { MenuCommand } from '../../shared/ipc/contract';

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function build(language: 'nl' | 'en', recent: string[] = [], isMac = false) {
  const sent: MenuCommand[] = [];
  const template = buildMenuTemplate({ language, recent, isMac, allowDevTools: false, onCommand: (command) => sent.push(command) });
  const click = (label: string, menu?: string): void => {
    const scope = menu === undefined ? template : flatten(template).filter((candidate) => candidate.label === menu);
    const item = flatten(scope).find((candidate) => candidate.label === label);
    if (item?.click === undefined) throw new Error(`no item '${label}'`);
    // Electron passes the item, window and event; the template's handlers ignore them.
    (item.click as () => void)();
  };
  return { template, sent, click };
}

describe('menu template', () => {
  it('has the Dutch menus and sends their commands', () => {
    const { template, sent, click } = build('nl', ['/data/q3.snapshot.age']);
    expect(template.map((menu) => menu.label)).toEqual(['&Bestand', 'Be&werken', '&Exporteren', 'Bee&ld', '&Help']);
    click('Openen…');
    click('/data/q3.snapshot.age');
    click('Snapshot maken…');
    click('Sluiten');
    click('Excel (.xlsx)');
    click('Bijlage…');
    click('Datalek');
    click('English');
    click('Over Ketenlens');
    click('Audit-log', '&Help');
    click('Audit-log', 'Bee&ld');
    expect(sent).toEqual([
      { command: 'open' },
      { command: 'open-recent', path: '/data/q3.snapshot.age' },
      { command: 'make-snapshot' },
      { command: 'close' },
      { command: 'export-current', format: 'xlsx' },
      { command: 'export-bijlage' },
      { command: 'navigate', screen: 'datalek' },
      { command: 'language', language: 'en' },
      { command: 'about' },
      { command: 'audit' },
      { command: 'navigate', screen: 'audit' },
    ]);
  });

  it('speaks English, shows an empty recent list and the macOS app menu', () => {
    const { template } = build('en', [], true);
    expect(template[0]).toEqual({ role: 'appMenu' });
    const items = flatten(template);
    expect(items.find((item) => item.label === '(none)')?.enabled).toBe(false);
    expect(items.some((item) => item.role === 'quit')).toBe(false);
    expect(items.some((item) => item.role === 'toggleDevTools')).toBe(false);
    expect(items.find((item) => item.label === 'English')?.checked).toBe(true);
    expect(items.find((item) => item.id === 'navigate:boetes')?.label).toBe('Fines');
    expect(items.find((item) => item.id === 'export-current:docx')?.label).toBe('Word (.docx)');
  });
});
