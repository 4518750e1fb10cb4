/**
 * Loads one agency CSV file (DATA.md) into a subgraph's database, all or nothing: every
 * row is checked while the file streams through COPY into a temporary staging table,
 * rules across rows run as SQL over the staging table, and one set-based upsert writes
 * the good rows, all in one transaction. Nothing of the file is ever held in memory whole.
 */
import { agencyHeader, checkAgencyRow, groupBy, type AgencyFile, type AgencyRow, type Regions } from '@tepat/core';
import type { Readable } from 'node:stream';
import { CsvSyntaxError, readCsv } from './csv-reader.js';
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
  /**
   * Settles rows of the file that meet records changed in the hub since (DTKS curation),
   * after the checks and before anything is written: drops from `import_stage` the rows
   * that must not overwrite, does what else the winners need, and says what it did.
   */
  reconcile?(tx: Sql): Promise<ImportNote[]>;
}

/** A row the import treated specially, and what became of it, for the report. */
export interface ImportNote {
  line: number;
  /** The row's key, e.g. its NIK. */
  key: string;
  note: string;
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
  /**
   * Called when the input has ended, before anything is written: throws when the input
   * was cut short (a client that died mid-upload must not commit half a file).
   */
  assertComplete?(): void;
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
  /** Rows settled against changes made in the hub since (ImportTarget.reconcile), each with what became of it. */
  notes: ImportNote[];
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
const PROGRESS_EVERY_ROWS = 25_000;
const COPY_CHUNK_CHARS = 4 << 20;
/** Above this many staged rows, indexes are rebuilt rather than grown. */
const BULK_ROWS = 10_000;

class RolledBack extends Error {}

/** Imports one file; resolves with its summary, or rejects with ImportFileError when the file cannot be read. */
export async function importFile(sql: Sql, target: ImportTarget, input: Readable, options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const { file } = target;
  const columns = agencyHeader(file);
  const counts = { rowsRead: 0, rejected: 0, inserted: 0, updated: 0, unchanged: 0 };
  let notes: ImportNote[] = [];
  let bytes = 0;

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
      // Rows go to COPY a few megabytes at a time, one COPY in flight while the next rows are
      // read: a server loads while this process parses.
      let copying: Promise<void> = Promise.resolve();
      let buffered = '';
      const stage = async (csv: string, last = false) => {
        buffered += csv;
        if (buffered.length < COPY_CHUNK_CHARS && !last) return;
        const chunk = buffered;
        buffered = '';
        await copying;
        if (!chunk) return;
        copying = tx.copyCsv(STAGE, ['line', ...columns], chunk);
        // Awaited on the next call; until then a failure must not count as unhandled.
        copying.catch(() => {});
      };

      let order: number[] | undefined; // file column -> header position
      let lastProgress = 0;
      try {
        await readCsv(input, async (records, bytesRead) => {
          bytes = bytesRead;
          let csv = '';
          for (const { line, fields, problem } of records) {
            if (!order) {
              order = headerOrder(file, fields);
              continue;
            }
            counts.rowsRead++;
            const values = order.map((at) => (fields[at] === undefined || fields[at] === '' ? null : fields[at]!));
            if (problem || fields.length !== order.length) {
              const reason = problem ?? `has ${fields.length} fields where the header has ${order.length}`;
              rejectRow([{ line, column: '', reason, record: recordOf(columns, values) }]);
              continue;
            }
            const problems = checkAgencyRow(file, values, options.regions);
            if (problems.length > 0) rejectRow(problems.map((p) => ({ line, ...p, record: recordOf(columns, values) })));
            else csv += csvLine(line, values);
          }
          if (csv) await stage(csv);
          if (counts.rowsRead - lastProgress >= PROGRESS_EVERY_ROWS) {
            lastProgress = counts.rowsRead;
            options.onProgress?.({ rows: counts.rowsRead, bytes });
          }
        });
        await stage('', true);
        await copying;
      } catch (error) {
        if (error instanceof CsvSyntaxError) throw new ImportFileError(file.path, error.line, `the file is not valid CSV: ${error.message}`);
        throw error;
      }
      options.assertComplete?.();
      if (!order) throw new ImportFileError(file.path, 1, 'the file is empty; it needs a header row');
      options.onProgress?.({ rows: counts.rowsRead, bytes });

      const crossRow = groupBy(await crossRowRejects(tx, target), (r) => r.line);
      const badLines = [...crossRow.keys()];
      const records = await stagedRecords(tx, columns, badLines);
      for (const [line, problems] of crossRow) rejectRow(problems.map((p) => ({ ...p, record: records.get(line) ?? null })));

      if (counts.rejected > 0 && !options.allowPartial) throw new RolledBack();
      if (badLines.length > 0) await tx.query(`DELETE FROM ${STAGE} WHERE line = ANY($1::int[])`, [badLines]);
      notes = (await target.reconcile?.(tx)) ?? [];
      const written = await upsert(tx, file);
      Object.assign(counts, written);
    });
    // Fresh statistics, so the services' queries plan well on the new rows.
    await sql.exec(`ANALYZE "${file.table}"`);
    return { file: file.path, ...counts, notes, committed: true, milliseconds: Date.now() - started };
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    return { file: file.path, ...counts, inserted: 0, updated: 0, unchanged: 0, notes: [], committed: false, milliseconds: Date.now() - started };
  }
}

function recordOf(columns: string[], values: readonly (string | null)[]): AgencyRow {
  return Object.fromEntries(columns.map((c, i) => [c, values[i] ?? null]));
}

/**
 * The header must name every column of the file once, and nothing else; returns, for each
 * column of the file in DATA.md order, its position in the header (any order is accepted).
 */
function headerOrder(file: AgencyFile, header: string[]): number[] {
  checkHeader(file, header);
  return file.columns.map((c) => header.indexOf(c.name));
}

function checkHeader(file: AgencyFile, header: string[]): void {
  const expected = agencyHeader(file);
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
function csvLine(line: number, values: readonly (string | null)[]): string {
  let out = String(line);
  for (const value of values) {
    out += ',';
    if (value === null) continue;
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
 * Writes the staged rows. Into an empty table (a first load) every row is new, its keys
 * already checked unique, so it is one plain insert with the primary key, indexes and
 * foreign keys built once afterwards. Otherwise one upsert inserts new keys and updates
 * changed rows; a row whose values are already stored is not touched, so re-importing a
 * file writes nothing. When the file is larger than the table, secondary indexes and
 * foreign keys are still dropped and rebuilt around it: building an index once is several
 * times faster than growing it row by row (3x measured on PGlite). All of it happens
 * inside the file's transaction, so a failure restores every index as it was.
 */
async function upsert(tx: Sql, file: AgencyFile): Promise<{ inserted: number; updated: number; unchanged: number }> {
  const table = `"${file.table}"`;
  const [{ staged, stored, empty }] = (await tx.query<{ staged: number; stored: number; empty: boolean }>(
    `SELECT (SELECT count(*)::int FROM ${STAGE}) AS staged,
            greatest((SELECT reltuples FROM pg_class WHERE oid = $1::regclass), 0)::float8 AS stored,
            NOT EXISTS (SELECT 1 FROM ${table}) AS empty`,
    [table],
  )) as [{ staged: number; stored: number; empty: boolean }];
  const columns = file.columns.map((c) => `"${c.name}"`).join(', ');
  if (empty) {
    const rebuild = staged > BULK_ROWS ? await dropIndexesAndKeys(tx, file.table, true) : [];
    await tx.exec(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM ${STAGE}`);
    for (const statement of rebuild) await tx.exec(statement);
    return { inserted: staged, updated: 0, unchanged: 0 };
  }
  const rebuild = staged > BULK_ROWS && staged > stored ? await dropIndexesAndKeys(tx, file.table, false) : [];
  const [written] = await tx.query<{ inserted: number; updated: number }>(upsertSql(file));
  for (const statement of rebuild) await tx.exec(statement);
  return { inserted: written!.inserted, updated: written!.updated, unchanged: staged - written!.inserted - written!.updated };
}

/**
 * Drops the table's indexes and foreign keys, and its primary key too when asked and no
 * other table's foreign key rests on it; returns the statements that restore them all.
 */
async function dropIndexesAndKeys(tx: Sql, table: string, primaryKey: boolean): Promise<string[]> {
  const constraints = await tx.query<{ name: string; type: string; definition: string }>(
    `SELECT conname AS name, contype::text AS type, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint c
     WHERE conrelid = $1::regclass
       AND (contype = 'f' OR (contype = 'p' AND $2 AND NOT EXISTS (
             SELECT 1 FROM pg_constraint r WHERE r.confrelid = c.conrelid AND r.contype = 'f')))
     ORDER BY contype DESC`,
    [`"${table}"`, primaryKey],
  );
  const indexes = await tx.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = $1::regclass AND NOT x.indisprimary`,
    [`"${table}"`],
  );
  for (const c of constraints) await tx.exec(`ALTER TABLE "${table}" DROP CONSTRAINT "${c.name}"`);
  for (const index of indexes) await tx.exec(`DROP INDEX "${index.name}"`);
  const restore = (c: { name: string; definition: string }) => `ALTER TABLE "${table}" ADD CONSTRAINT "${c.name}" ${c.definition}`;
  // The primary key first, foreign keys last, each index once in between.
  return [
    ...constraints.filter((c) => c.type === 'p').map(restore),
    ...indexes.map((index) => index.definition),
    ...constraints.filter((c) => c.type === 'f').map(restore),
  ];
}

function upsertSql(file: AgencyFile): string {
  const columns = file.columns.map((c) => `"${c.name}"`);
  const values = file.columns.filter((c) => !file.key.includes(c.name)).map((c) => `"${c.name}"`);
  const key = file.key.map((c) => `"${c}"`).join(', ');
  const target = `"${file.table}"`;
  // Rows go in key order: neighbouring keys land on the same index pages.
  return `
    WITH written AS (
      INSERT INTO ${target} (${columns.join(', ')})
      SELECT ${columns.join(', ')} FROM ${STAGE} ORDER BY ${key}
      ON CONFLICT (${key}) DO UPDATE
        SET ${values.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
        WHERE (${values.map((c) => `${target}.${c}`).join(', ')}) IS DISTINCT FROM (${values.map((c) => `EXCLUDED.${c}`).join(', ')})
      RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM written`;
}
