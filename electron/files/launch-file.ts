// Finds the snapshot the OS asked us to open in a command line: the app's own argv at
// start (file association, `npm start`) or a second instance's argv. Flags (Chromium
// adds some) and the executable and script are skipped; only *.age files count.
import { isAbsolute, resolve } from 'node:path';

export function snapshotPathFromArgv(argv: readonly string[], cwd: string): string | null {
  const candidates = argv.slice(1).filter((argument) => !argument.startsWith('-') && argument.toLowerCase().endsWith('.age'));
  const chosen = candidates.at(-1);
  if (chosen === undefined) return null;
  return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
}
