/** Hand-made DATA.md folders for tests: rows by file, each file's header row from AGENCY_FILES. */
import { agencyFile, agencyHeader } from '@tepat/core';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Rows (without header) by agency file path, e.g. `population/persons.csv`. */
export type SourceRows = Partial<Record<string, string[]>>;

/** Writes the files into a new folder under `root` and returns its path; an absent file is an absent source. */
export function writeSourceFolder(root: string, files: SourceRows): string {
  const dir = mkdtempSync(join(root, 'sources-'));
  for (const [path, rows] of Object.entries(files)) {
    const file = agencyFile(path);
    if (!file) throw new Error(`${path} is not a DATA.md agency file.`);
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), [agencyHeader(file).join(','), ...(rows ?? [])].join('\n') + '\n');
  }
  return dir;
}
