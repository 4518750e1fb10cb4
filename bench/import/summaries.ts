/** The per-file summary lines `tepat import` prints, read back as figures. */
import type { AgencyFile } from '@tepat/core';

export interface FileResult {
  rowsRead: number;
  seconds: number;
  rowsPerSecond: number;
}

// `population/persons.csv: 1000000 rows read, 1000000 new, 0 updated, 0 unchanged, 0 rejected, 12.3 s (81000 rows/s)`
const SUMMARY =
  /^(\S+\.csv): (\d+) rows read, (?:(\d+) new, (\d+) updated, (\d+) unchanged|nothing loaded), (\d+) rejected, ([\d.]+) s \((\d+) rows\/s\)$/;

/** Per file, from the import's output; a file not loaded whole is an error, not a figure. */
export function parseSummaries(output: string, files: AgencyFile[]): Map<string, FileResult> {
  const results = new Map<string, FileResult>();
  for (const line of output.split('\n')) {
    const m = SUMMARY.exec(line.trim());
    if (!m) continue;
    const [, file, read, inserted, , , rejected, , rate] = m;
    if (inserted === undefined || Number(rejected) > 0) throw new Error(`the import did not load ${file} whole: ${line.trim()}`);
    const rowsRead = Number(read);
    const rowsPerSecond = Number(rate);
    // The printed rate comes from milliseconds; the printed seconds are rounded to 0.1.
    results.set(file!, { rowsRead, seconds: rowsRead / Math.max(rowsPerSecond, 1e-9), rowsPerSecond });
  }
  const missing = files.filter((f) => !results.has(f.path)).map((f) => f.path);
  if (missing.length) throw new Error(`no summary line for ${missing.join(', ')} in the import's output`);
  return results;
}
