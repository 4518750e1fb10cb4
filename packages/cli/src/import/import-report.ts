/**
 * What an import leaves behind for the person who ran it: a folder with `report.txt`,
 * `report.json`, and per file with problems a `<file>.rejects.csv` holding every
 * problem (line, column, reason) with the row's values, so the agency can fix them.
 */
import { agencyHeader, type AgencyFile } from '@tepat/core';
import type { ImportReject, ImportSummary } from '@tepat/subgraph-kit';
import { stringify, type Stringifier } from 'csv-stringify';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';

/** Problems printed per file on the console; the rejects file has them all. */
export const PRINTED_PROBLEMS = 20;

export interface FileOutcome {
  file: string;
  summary?: ImportSummary;
  /** Why nothing of the file could be read (bad header, broken CSV, a database error). */
  failure?: string;
  rejectsPath?: string;
  /** The first problems, for the console and report.txt. */
  firstProblems: ImportReject[];
  problems: number;
}

/** Collects one file's problems: the first few in memory, all of them in its rejects file. */
export class RejectsWriter {
  readonly firstProblems: ImportReject[] = [];
  problems = 0;
  private csv?: Stringifier;
  private done?: Promise<void>;

  constructor(
    private readonly file: AgencyFile,
    private readonly path: string,
  ) {}

  add(reject: ImportReject): void {
    this.problems++;
    if (this.firstProblems.length < PRINTED_PROBLEMS) this.firstProblems.push(reject);
    if (!this.csv) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.csv = stringify({ header: true, columns: ['line', 'column', 'reason', ...agencyHeader(this.file)] });
      const out = createWriteStream(this.path);
      this.csv.pipe(out);
      this.done = finished(out);
    }
    this.csv.write({ line: reject.line, column: reject.column, reason: reject.reason, ...(reject.record ?? {}) });
  }

  /** Closes the file; its path when there was anything to write. */
  async close(): Promise<string | undefined> {
    if (!this.csv) return undefined;
    this.csv.end();
    await this.done;
    return this.path;
  }
}

/** Where a file's rejects go inside the report folder: `population/persons.rejects.csv`. */
export function rejectsPath(reportDir: string, file: AgencyFile): string {
  return join(reportDir, file.path.replace(/\.csv$/, '.rejects.csv'));
}

/** One line per file: read, loaded, rejected, time. */
export function summaryLine(outcome: FileOutcome): string {
  const s = outcome.summary;
  if (!s) return `${outcome.file}: not loaded: ${outcome.failure}`;
  const loaded = s.committed ? `${s.inserted} new, ${s.updated} updated, ${s.unchanged} unchanged` : 'nothing loaded';
  const rate = Math.round(s.rowsRead / Math.max(s.milliseconds / 1000, 0.001));
  return `${outcome.file}: ${s.rowsRead} rows read, ${loaded}, ${s.rejected} rejected, ${(s.milliseconds / 1000).toFixed(1)} s (${rate} rows/s)`;
}

/** The problem lines printed for a file, capped, with where the rest are. */
export function problemLines(outcome: FileOutcome): string[] {
  const lines = outcome.firstProblems.map(
    (p) => `  ${outcome.file}, line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.reason}`,
  );
  if (outcome.problems > outcome.firstProblems.length) {
    lines.push(`  … and ${outcome.problems - outcome.firstProblems.length} more problems in ${outcome.rejectsPath}`);
  } else if (outcome.rejectsPath) {
    lines.push(`  (all problems, with the rows' values: ${outcome.rejectsPath})`);
  }
  return lines;
}

/** The rows an import settled against changes made in the hub since (a curated DTKS record kept or replaced). */
export function noteLines(outcome: FileOutcome, most = Infinity): string[] {
  const notes = outcome.summary?.notes ?? [];
  const lines = notes.slice(0, most).map((n) => `  ${outcome.file}, line ${n.line} (${n.key}): ${n.note}`);
  if (notes.length > most) lines.push(`  … and ${notes.length - most} more rows settled against curation, in the report`);
  return lines;
}

/** Writes report.txt and report.json for the whole run. */
export function writeReport(reportDir: string, folder: string, allowPartial: boolean, outcomes: FileOutcome[]): string {
  mkdirSync(reportDir, { recursive: true });
  const text = [
    `Import of ${folder}${allowPartial ? ' (--allow-partial: good rows of files with problems were loaded)' : ''}`,
    '',
    ...outcomes.flatMap((o) => [summaryLine(o), ...problemLines(o), ...noteLines(o)]),
    '',
  ].join('\n');
  writeFileSync(join(reportDir, 'report.txt'), text);
  writeFileSync(
    join(reportDir, 'report.json'),
    JSON.stringify({ folder, allowPartial, files: outcomes.map(({ firstProblems: _first, ...o }) => o) }, null, 2),
  );
  return join(reportDir, 'report.txt');
}
