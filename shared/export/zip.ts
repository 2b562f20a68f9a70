// Deterministic zip containers for the office formats: fixed timestamps and a fixed entry
// order, so the same model always gives the same bytes (golden files, audit hashes).
import { unzipSync, zipSync, type Zippable } from 'fflate';

export interface ZipEntry {
  path: string;
  data: Uint8Array;
  /** STORED (no compression), as OpenDocument requires for `mimetype`. */
  stored?: boolean;
}

/**
 * 1980-01-01 00:00, the earliest DOS time. Built from local fields because fflate reads
 * the local fields of the Date, so the stored time is the same in every time zone.
 */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);

export function zipEntries(entries: readonly ZipEntry[]): Uint8Array {
  const files: Zippable = {};
  for (const entry of entries) {
    files[entry.path] = [entry.data, { level: entry.stored === true ? 0 : 6, mtime: FIXED_TIME }];
  }
  return zipSync(files);
}

export function unzipEntries(bytes: Uint8Array): ZipEntry[] {
  return Object.entries(unzipSync(bytes)).map(([path, data]) => ({ path, data }));
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export function textEntry(path: string, text: string, stored = false): ZipEntry {
  return { path, data: utf8.encode(text), stored };
}

/**
 * Re-pack a zip made by a library (exceljs, docx) with fixed timestamps, rewriting text
 * entries where the library wrote the current time.
 */
export function normalizeZip(bytes: Uint8Array, rewrite: (path: string, text: string) => string = (_path, text) => text): Uint8Array {
  const entries = unzipEntries(bytes).map((entry) =>
    /\.(xml|rels)$/.test(entry.path) ? textEntry(entry.path, rewrite(entry.path, fromUtf8.decode(entry.data))) : entry,
  );
  return zipEntries(entries);
}
