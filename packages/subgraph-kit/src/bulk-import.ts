/**
 * Loads one agency CSV file (DATA.md) into a subgraph's database, all or nothing: every
 * row is checked while the file streams through COPY into a temporary staging table,
 * rules across rows run as SQL over the staging table, and one set-based upsert writes
 * the good rows, all in one transaction. Nothing of the file is ever held in memory whole.
 */
import { checkAgencyRow, groupBy, type AgencyFile, type AgencyRow, type Regions } from '@tepat/core';
import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import type { Sql } from './sql.js';

/**
 * A rule across rows, as SQL over the staging table `import_stage` (the file's columns
 * plus `line`), returning one row per bad line: `line`, `column`, `reason`.
 */
export interface CrossRowCheck {
  /** What it enforces, for readers of the code. */
  rule: string;
  sql: string;
}

/** How a subgraph takes one agency file: the file and the rules that need its database. */
export interface ImportTarget {
  file: AgencyFile;
  checks: readonly CrossRowCheck[];
}

/** A rejected row; `line` 1 is the header, so a problem with the header itself is on line 1. */
export interface ImportReject {
  line: number;
  column: string;
  reason: string;
  /** The row's values as read, when the row could be read. */
  record: AgencyRow | null;
}

export interface ImportProgress {
  rows: number;
  bytes: number;
}

export interface ImportOptions {
  allowPartial: boolean;
  regions: Regions;
  onReject(reject: ImportReject): void;
  onProgress?(progress: ImportProgress): void;
}

export interface ImportSummary {
  file: string;
  /** Data rows read (the header not counted). */
  rowsRead: number;
  rejected: number;
  /** Rows new to the database. */
  inserted: number;
  /** Rows whose key existed and whose values changed. */
  updated: number;
  /** Rows accepted whose stored values were already the same. */
  unchanged: number;
  /** False when nothing was written because rows were rejected and partial loads were not allowed. */
  committed: boolean;
  milliseconds: number;
}

/** A problem with the file as a whole (header, CSV syntax): nothing of it can be loaded. */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}, line ${line}: ${message}`);
    this.name = 'ImportFileError';
  }
}

const STAGE = 'import_stage';
/** Rows sent per COPY: big enough to amortise the call, small enough to keep memory flat. */
const COPY_BATCH_ROWS = 20_000;
const PROGRESS_EVERY_ROWS = 25_000;

class RolledBack extends Error {}

/** Imports one file; resolves with its summary, or rejects with ImportFileError when the file cannot be read. */
export async function importFile(sql: Sql, target: ImportTarget, input: Readable, options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const { file } = target;
  const columns = file.columns.map((c) => c.name);
  const counts = { rowsRead: 0, rejected: 0, inserted: 0, updated: 0, unchanged: 0 };
  let bytes = 0;
  input.on('data', (chunk: Buffer) => (bytes += chunk.length));

  // A row with several problems is reported once per problem and counted once.
  const rejectRow = (problems: ImportReject[]) => {
    counts.rejected++;
    for (const problem of problems) options.onReject(problem);
  };

  try {
    await sql.transaction(async (tx) => {
      await tx.exec(
        `CREATE TEMP TABLE ${STAGE} (line integer NOT NULL, LIKE "${file.table}" INCLUDING DEFAULTS) ON COMMIT DROP`,
      );
      let batch: string[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const csv = batch.join('');
        batch = [];
        await tx.copyCsv(STAGE, ['line', ...columns], csv);
      };

      const parser = input.pipe(parse({ bom: true, relax_column_count: true, info: true, skip_empty_lines: true }));
      let header: string[] | undefined;
      try {
        for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
          if (!header) {
            header = record;
            checkHeader(file, header);
            continue;
          }
          counts.rowsRead++;
          const line = info.lines;
          const row = readRow(header, record);
          if (record.length !== header.length) {
            rejectRow([{ line, column: '', reason: `has ${record.length} fields where the header has ${header.length}`, record: row }]);
          } else {
            const problems = checkAgencyRow(file, row, options.regions);
            if (problems.length > 0) {
              rejectRow(problems.map((p) => ({ line, ...p, record: row })));
            } else {
              batch.push(csvLine(line, columns, row));
              if (batch.length >= COPY_BATCH_ROWS) await flush();
            }
          }
          if (counts.rowsRead % PROGRESS_EVERY_ROWS === 0) options.onProgress?.({ rows: counts.rowsRead, bytes });
        }
      } catch (error) {
        if (error instanceof ImportFileError) throw error;
        const code = (error as { code?: string }).code;
        if (code?.startsWith('CSV_')) {
          const at = (error as { lines?: number }).lines ?? counts.rowsRead + 1;
          throw new ImportFileError(file.path, at, `the file is not valid CSV: ${(error as Error).message}`);
        }
        throw error;
      }
      if (!header) throw new ImportFileError(file.path, 1, 'the file is empty; it needs a header row');
      await flush();
      options.onProgress?.({ rows: counts.rowsRead, bytes });

      const crossRow = groupBy(await crossRowRejects(tx, target), (r) => r.line);
      const badLines = [...crossRow.keys()];
      const records = await stagedRecords(tx, columns, badLines);
      for (const [line, problems] of crossRow) rejectRow(problems.map((p) => ({ ...p, record: records.get(line) ?? null })));

      if (counts.rejected > 0 && !options.allowPartial) throw new RolledBack();
      if (badLines.length > 0) await tx.query(`DELETE FROM ${STAGE} WHERE line = ANY($1::int[])`, [badLines]);
      const [written] = await tx.query<{ inserted: number; updated: number; accepted: number }>(upsertSql(file));
      counts.inserted = written!.inserted;
      counts.updated = written!.updated;
      counts.unchanged = written!.accepted - written!.inserted - written!.updated;
    });
    return { file: file.path, ...counts, committed: true, milliseconds: Date.now() - started };
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    return { file: file.path, ...counts, inserted: 0, updated: 0, unchanged: 0, committed: false, milliseconds: Date.now() - started };
  }
}

/** The header must name every column of the file once, and nothing else. */
function checkHeader(file: AgencyFile, header: string[]): void {
  const expected = file.columns.map((c) => c.name);
  const missing = expected.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !expected.includes(c));
  const repeated = header.filter((c, i) => header.indexOf(c) !== i);
  const problems = [
    missing.length ? `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : '',
    unknown.length ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` : '',
    repeated.length ? `repeated column${repeated.length > 1 ? 's' : ''} ${repeated.join(', ')}` : '',
  ].filter(Boolean);
  if (problems.length) {
    throw new ImportFileError(file.path, 1, `the header has ${problems.join('; ')} (expected: ${expected.join(',')})`);
  }
}

function readRow(header: string[], record: string[]): AgencyRow {
  const row: AgencyRow = {};
  for (let i = 0; i < header.length; i++) {
    const value = record[i];
    // DATA.md: an empty field is an absent value.
    row[header[i]!] = value === undefined || value === '' ? null : value;
  }
  return row;
}

/** One staging row as COPY CSV: NULL as an unquoted empty field, values quoted when they need it. */
function csvLine(line: number, columns: string[], row: AgencyRow): string {
  let out = String(line);
  for (const column of columns) {
    const value = row[column];
    out += ',';
    if (value === null || value === undefined) continue;
    out += /[",\r\n]/.test(value) || value.trim() !== value ? `"${value.replaceAll('"', '""')}"` : value;
  }
  return out + '\n';
}

/** Repeated keys inside the file, then the subgraph's own rules across rows. */
async function crossRowRejects(tx: Sql, target: ImportTarget) {
  const key = target.file.key.map((c) => `"${c}"`).join(', ');
  const duplicateKeys: CrossRowCheck = {
    rule: 'a key appears once per file (DATA.md)',
    sql: `
      SELECT line, '${target.file.key[0]}' AS column,
             'key (${target.file.key.join(', ')}) repeats on lines ' || lines AS reason
      FROM (SELECT line, count(*) OVER w AS n, string_agg(line::text, ', ') OVER w AS lines
            FROM ${STAGE} WINDOW w AS (PARTITION BY ${key} ORDER BY line
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) keyed
      WHERE n > 1`,
  };
  const rejects: { line: number; column: string; reason: string }[] = [];
  for (const check of [duplicateKeys, ...target.checks]) {
    rejects.push(...(await tx.query<{ line: number; column: string; reason: string }>(check.sql)));
  }
  return rejects.sort((a, b) => a.line - b.line);
}

/** The staged values of some lines, as text, to write them out with their reasons. */
async function stagedRecords(tx: Sql, columns: string[], lines: number[]): Promise<Map<number, AgencyRow>> {
  if (lines.length === 0) return new Map();
  const rows = await tx.query<AgencyRow & { line: number }>(
    `SELECT line, ${columns.map((c) => `"${c}"::text AS "${c}"`).join(', ')} FROM ${STAGE} WHERE line = ANY($1::int[])`,
    [lines],
  );
  return new Map(rows.map(({ line, ...row }) => [line, row]));
}

/**
 * Inserts new keys and updates changed rows in one statement; a row whose values are
 * already stored is not touched, so re-importing a file writes nothing.
 */
function upsertSql(file: AgencyFile): string {
  const columns = file.columns.map((c) => `"${c.name}"`);
  const values = file.columns.filter((c) => !file.key.includes(c.name)).map((c) => `"${c.name}"`);
  const target = `"${file.table}"`;
  return `
    WITH written AS (
      INSERT INTO ${target} (${columns.join(', ')})
      SELECT ${columns.join(', ')} FROM ${STAGE}
      ON CONFLICT (${file.key.map((c) => `"${c}"`).join(', ')}) DO UPDATE
        SET ${values.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
        WHERE (${values.map((c) => `${target}.${c}`).join(', ')}) IS DISTINCT FROM (${values.map((c) => `EXCLUDED.${c}`).join(', ')})
      RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted,
           count(*) FILTER (WHERE NOT inserted)::int AS updated,
           (SELECT count(*)::int FROM ${STAGE}) AS accepted
    FROM written`;
}
