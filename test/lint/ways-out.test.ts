// Every way out goes through the one way out (renderer/app/way-out.ts and its worker half
// renderer/worker/way-out.ts). The ways out are enumerated from the IPC contract and the
// worker protocol: each invoke channel and each worker operation is classified as a way
// out or as staying inside, with the reason — a new one that nobody classified fails. Then
// the renderer's source is read for every place where bytes or text can leave the page (the
// export channel, the clipboard, download links, drag data, printing, the exporters) and
// each must be in the file that owns it. A planted bypass proves the scan finds one.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/ipc/contract';

const ROOT = join(import.meta.dirname, '..', '..');

/** Invoke channels of shared/ipc/contract.ts: what each one carries. */
const CHANNELS: Record<string, { wayOut: boolean; why: string }> = {
  'export:save': { wayOut: true, why: 'writes bytes to a file the person chooses (a sealed snapshot)' },
  'export:write': { wayOut: true, why: 'writes an export to the path the person chose in export:choose' },
  'export:choose': { wayOut: false, why: 'returns a path the person chose; nothing is written' },
  'snapshot:pick': { wayOut: false, why: 'returns a path the person picked' },
  'file:read': { wayOut: false, why: 'brings a file in' },
  'identity:pick': { wayOut: false, why: 'returns a path the person picked' },
  'recent:list': { wayOut: false, why: 'paths of snapshots, no contents' },
  'audit:append': { wayOut: false, why: 'the audit trail holds ids and parameters, never a table (shared/node/audit/details-guard.ts)' },
  'audit:read': { wayOut: false, why: 'brings the audit trail in' },
  'app:info': { wayOut: false, why: 'version and platform' },
  'assessment:list': { wayOut: false, why: 'brings saved breach assessments in' },
  'settings:read': { wayOut: false, why: 'brings preferences in (the dismissed tour)' },
  'settings:update': { wayOut: false, why: 'preferences only: checkSettingsUpdate keeps known boolean keys, no data (shared/ipc/contract.ts)' },
  'assessment:save': { wayOut: false, why: "an assessor's ENISA factors and reasoning, kept in the data folder: no table, no data subject (shared/analyses/datalek/assessment.ts refuses BSN-shaped numbers)" },
};

/** Operations of renderer/worker/protocol.ts: which hand out something meant to leave. */
const OPERATIONS: Record<string, { wayOut: boolean; why: string }> = {
  wayOut: { wayOut: true, why: 'the one way out: files, clipboard, charts, bijlagen' },
  open: { wayOut: false, why: 'a summary for the screen' },
  headline: { wayOut: false, why: 'one total for the Overzicht screen' },
  completeOpen: { wayOut: false, why: 'the findings and the digest for the screen' },
  table: { wayOut: false, why: 'a model for the screen; leaving it goes through wayOut' },
  query: { wayOut: false, why: 'a model for the screen; leaving it goes through wayOut' },
  incidents: { wayOut: false, why: 'the timeline on the screen' },
  close: { wayOut: false, why: 'wipes the database' },
  sealValidate: { wayOut: false, why: 'a validation report' },
  sealEncrypt: { wayOut: false, why: 'the age-encrypted snapshot: ciphertext, no table (saved by the seal wizard)' },
  sealDiscard: { wayOut: false, why: 'wipes the draft' },
  openComparison: { wayOut: false, why: 'a summary for the screen (the second snapshot of Vergelijken met…)' },
  compare: { wayOut: false, why: 'counts and diff tables for the screen, never a person id; leaving them goes through wayOut' },
  closeComparison: { wayOut: false, why: 'wipes the second database' },
  datalekUsers: { wayOut: false, why: 'drill-down counts and times for the screen (no export button)' },
  datalekUserViews: { wayOut: false, why: "one user's view times for the screen (no export button)" },
  art34List: { wayOut: false, why: 'the person-level art. 34 model; leaving it goes through wayOut (confirmation, audit)' },
  reconcile: { wayOut: false, why: 'a reconcile or verify report for the Controleren screen; leaving it goes through wayOut' },
};

function operationsOfProtocol(text: string): string[] {
  const start = text.indexOf('export interface CoreRequests {');
  const end = text.indexOf('\n}', start);
  return [...text.slice(start, end).matchAll(/^ {2}(\w+): \{/gm)].map((match) => match[1] ?? '');
}

interface SourceFile {
  path: string;
  text: string;
}

interface Sink {
  name: string;
  pattern: RegExp;
  /** Files that may contain it, with the reason. */
  owners: Record<string, string>;
}

const SINKS: Sink[] = [
  {
    name: "the IPC channel 'export:save'",
    pattern: /['"`]export:save['"`]/,
    owners: {
      'renderer/host/browser-host.ts': 'implements the channel in the browser host',
      'renderer/screens/SnapshotMakenScreen.tsx': 'saves the age-encrypted snapshot, no table',
      'renderer/screens/seal-wizard.ts': 'saves the age-encrypted snapshot, no table',
    },
  },
  {
    name: "the IPC channel 'export:write'",
    pattern: /['"`]export:write['"`]/,
    owners: { 'renderer/app/save.ts': 'defines writeExport', 'renderer/host/browser-host.ts': 'implements the channel in the browser host' },
  },
  { name: 'writeExport', pattern: /\bwriteExport\s*\(/, owners: { 'renderer/app/save.ts': 'its definition', 'renderer/app/way-out.ts': 'the one way out' } },
  { name: "the worker's 'wayOut'", pattern: /['"`]wayOut['"`]/, owners: { 'renderer/app/way-out.ts': 'the one way out', 'renderer/worker/core.ts': 'its handler' } },
  { name: 'sendOut', pattern: /\bsendOut\s*\(/, owners: { 'renderer/app/way-out.ts': 'its definition', 'renderer/app/use-way-out.tsx': 'the hook every component uses' } },
  {
    // Writing only: a paste handler reading clipboardData.getData brings a table IN
    // (Controleren) and is no way out; setData in a copy handler is.
    name: 'the clipboard',
    pattern: /\bnavigator\s*\??\.\s*clipboard\b|\bClipboardItem\b|execCommand\s*\(|\bclipboardData\s*\??\.\s*setData\b/,
    owners: { 'renderer/app/way-out.ts': 'the one way out', 'renderer/app/use-way-out.tsx': 'hands navigator.clipboard to sendOut' },
  },
  { name: 'a download link', pattern: /\.download\s*=|\bdownload=|setAttribute\(\s*['"`]download/, owners: { 'renderer/host/browser-host.ts': "the browser host's export:save" } },
  { name: 'drag data, printing or a new window', pattern: /dataTransfer\s*\.\s*setData|\bwindow\s*\.\s*print\s*\(|\bwindow\s*\.\s*open\s*\(/, owners: {} },
  {
    name: 'an exporter or disclosure control',
    pattern: /\bexport(Table|Bijlage)\s*\(|\bpublishedTable\s*\(|\bapplyDisclosure\s*\(|\btableHtml\s*\(/,
    owners: { 'renderer/worker/way-out.ts': 'the worker half of the one way out' },
  },
];

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Every place where a sink occurs outside the files that own it. */
export function findBypasses(files: readonly SourceFile[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const code = withoutComments(file.text);
    for (const sink of SINKS) {
      if (sink.pattern.test(code) && !(file.path in sink.owners)) found.push(`${file.path}: ${sink.name}`);
    }
  }
  return found;
}

function rendererSources(): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) files.push({ path: relative(ROOT, path).split('\\').join('/'), text: readFileSync(path, 'utf8') });
    }
  };
  walk(join(ROOT, 'renderer'));
  return files;
}

describe('the ways out, from the IPC contract and the worker protocol', () => {
  it('classifies every invoke channel; export:save and export:write are the only ones that carry data out', () => {
    expect([...INVOKE_CHANNELS].sort()).toEqual(Object.keys(CHANNELS).sort());
    expect(Object.entries(CHANNELS).filter(([, entry]) => entry.wayOut).map(([channel]) => channel)).toEqual(['export:save', 'export:write']);
  });

  it('classifies every worker operation; wayOut is the only one that hands out what leaves', () => {
    const operations = operationsOfProtocol(readFileSync(join(ROOT, 'renderer/worker/protocol.ts'), 'utf8'));
    expect(operations.length).toBeGreaterThan(5);
    expect([...operations].sort()).toEqual(Object.keys(OPERATIONS).sort());
    expect(Object.entries(OPERATIONS).filter(([, entry]) => entry.wayOut).map(([operation]) => operation)).toEqual(['wayOut']);
  });

  it('an operation added to the protocol without a classification fails', () => {
    const planted = readFileSync(join(ROOT, 'renderer/worker/protocol.ts'), 'utf8')
      .replace('export interface CoreRequests {', "export interface CoreRequests {\n  csv: { request: { id: string }; response: { text: string } };");
    expect(operationsOfProtocol(planted).filter((operation) => !(operation in OPERATIONS))).toEqual(['csv']);
  });
});

describe('every way out goes through the one way out', () => {
  const files = rendererSources();

  it('finds no bypass in the renderer', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(findBypasses(files)).toEqual([]);
  });

  it('each owner still holds its sink (the scan looks at real code)', () => {
    const byPath = new Map(files.map((file) => [file.path, withoutComments(file.text)]));
    for (const sink of SINKS) {
      const present = Object.keys(sink.owners).filter((path) => byPath.has(path));
      expect(present.length === 0 || present.some((path) => sink.pattern.test(byPath.get(path) ?? ''))).toBe(true);
    }
  });

  it('fails on a planted bypass: a copy button of its own, a save of a table, an exporter outside the worker half', () => {
    const grid = files.find((file) => file.path === 'renderer/components/GridActions.tsx');
    const screen = files.find((file) => file.path === 'renderer/screens/BoetesScreen.tsx');
    const worker = files.find((file) => file.path === 'renderer/worker/core.ts');
    if (grid === undefined || screen === undefined || worker === undefined) throw new Error('the planted files moved');
    const planted = files.map((file) => {
      if (file === grid) return { ...file, text: `${file.text}\nexport const copyRaw = (text: string) => navigator.clipboard.writeText(text);\n` };
      if (file === screen) return { ...file, text: `${file.text}\nexport const saveRaw = (host: HostApi, bytes: Uint8Array) => host.invoke('export:save', { suggestedName: 'x.csv', filters: [], bytes });\nexport const writeRaw = (host: HostApi, bytes: Uint8Array) => host.invoke('export:write', { path: 'x.csv', bytes, sidecar: null, entry });\n` };
      if (file === worker) return { ...file, text: `${file.text}\nconst raw = (model: TableModel) => exportTable(model, 'csv');\n` };
      return file;
    });
    expect(findBypasses(planted)).toEqual([
      "renderer/components/GridActions.tsx: the clipboard",
      "renderer/screens/BoetesScreen.tsx: the IPC channel 'export:save'",
      "renderer/screens/BoetesScreen.tsx: the IPC channel 'export:write'",
      'renderer/worker/core.ts: an exporter or disclosure control',
    ]);
  });

  it('a bypass in a comment is no bypass, one in code is', () => {
    expect(findBypasses([{ path: 'renderer/x.ts', text: '// navigator.clipboard.writeText(x)\n/* writeExport(h) */' }])).toEqual([]);
    expect(findBypasses([{ path: 'renderer/x.ts', text: "const url = 'https://x'; void navigator.clipboard.writeText(url);" }])).toEqual(['renderer/x.ts: the clipboard']);
  });

  it('a paste handler reading the clipboard brings data in; a copy handler writing it is a way out', () => {
    expect(findBypasses([{ path: 'renderer/x.tsx', text: "const onPaste = (event: ClipboardEvent) => event.clipboardData?.getData('text/html');" }])).toEqual([]);
    expect(findBypasses([{ path: 'renderer/x.tsx', text: "const onCopy = (event: ClipboardEvent) => event.clipboardData?.setData('text/plain', cells);" }])).toEqual(['renderer/x.tsx: the clipboard']);
  });
});
