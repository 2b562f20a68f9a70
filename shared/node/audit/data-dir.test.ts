import { describe, expect, it } from 'vitest';
import { ketenlensDataDir, osDataDir } from './data-dir';

describe('the one data folder of the app and the command line', () => {
  it('is the per-user application-data folder of each OS, where a packaged Electron app keeps its userData', () => {
    expect(osDataDir({}, '/home/anna', 'linux')).toBe('/home/anna/.config/Ketenlens');
    expect(osDataDir({ XDG_CONFIG_HOME: '/srv/cfg' }, '/home/anna', 'linux')).toBe('/srv/cfg/Ketenlens');
    // A relative XDG_CONFIG_HOME is invalid by the XDG spec and ignored, as Electron does.
    expect(osDataDir({ XDG_CONFIG_HOME: 'cfg' }, '/home/anna', 'linux')).toBe('/home/anna/.config/Ketenlens');
    expect(osDataDir({}, '/Users/anna', 'darwin')).toBe('/Users/anna/Library/Application Support/Ketenlens');
    expect(osDataDir({ APPDATA: 'C:\\Users\\anna\\AppData\\Roaming' }, 'C:\\Users\\anna', 'win32')).toBe('C:\\Users\\anna\\AppData\\Roaming\\Ketenlens');
    expect(osDataDir({}, 'C:\\Users\\anna', 'win32')).toBe('C:\\Users\\anna\\AppData\\Roaming\\Ketenlens');
  });

  it('is KETENLENS_DATA_DIR (made absolute) when set, for both', () => {
    expect(ketenlensDataDir({ KETENLENS_DATA_DIR: '/srv/ketenlens' }, '/home/anna', 'linux')).toBe('/srv/ketenlens');
    expect(ketenlensDataDir({ KETENLENS_DATA_DIR: '  ' }, '/home/anna', 'linux')).toBe('/home/anna/.config/Ketenlens');
    expect(ketenlensDataDir({ KETENLENS_DATA_DIR: 'rel' }, '/home/anna', 'linux')).toBe(`${process.cwd()}/rel`);
  });
});
