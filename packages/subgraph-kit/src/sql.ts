/** The raw SQL surface the kit needs beside Prisma: migrations, bulk loads and exports, health checks. */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** How a statement is run, beside its text and parameters. */
export interface QueryOptions {
  /**
   * 'generic': the statement's best plan is the same whatever its parameters' values (a
   * look-up by key), so it is planned once and that plan kept. Else PostgreSQL chooses.
   */
  plan?: 'generic';
}

export interface Sql {
  /**
   * One statement with bound parameters ($1, $2, ...). With `plan: 'generic'` (a look-up by
   * key, whose best plan is the same for any keys) an embedded database plans it once and keeps
   * the plan (pglite-statements.ts); a server, whose planning is native and quick, chooses as usual.
   */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions): Promise<Row[]>;
  /** A script of several statements, no parameters. */
  exec(script: string): Promise<void>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Bulk-loads CSV text (no header) into a table with PostgreSQL's COPY; unquoted empty
   * fields become NULL. Use inside a transaction to make several calls one load.
   */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
  /**
   * Writes the rows of a SELECT as CSV with a header row, by COPY: dates as YYYY-MM-DD,
   * NULL as an unquoted empty field (an empty string comes out quoted). Leaves `out`
   * open: the caller may write more to it, and ends it.
   */
  copyOut(select: string, out: NodeJS.WritableStream | Writable): Promise<void>;
}

/** The COPY statement for a table and columns, identifiers quoted. */
export function copyStatement(table: string, columns: readonly string[], source: 'STDIN' | "'/dev/blob'"): string {
  const list = columns.map((c) => `"${c}"`).join(', ');
  return `COPY "${table}" (${list}) FROM ${source} WITH (FORMAT csv)`;
}

/** The COPY statement that writes a query's rows as CSV with a header. */
export function copyOutStatement(select: string, target: 'STDOUT' | "'/dev/blob'"): string {
  return `COPY (${select}) TO ${target} WITH (FORMAT csv, HEADER true)`;
}

/**
 * Readers of an export take dates as YYYY-MM-DD (DATA.md); that is the ISO DateStyle, the
 * default, but a server or role may be configured otherwise, so a copy sets it for its
 * own transaction.
 */
export const ISO_DATES = 'SET LOCAL DateStyle = ISO';

/**
 * Writes chunks to `out` as it takes them (waiting for 'drain' when its buffer is full) and
 * leaves it open. Rejects when `out` fails or closes first: a reader that went away must
 * stop the copy, not leave it waiting.
 */
export async function writeWithoutEnding(chunks: AsyncIterable<Uint8Array>, out: NodeJS.WritableStream | Writable): Promise<void> {
  for await (const chunk of chunks) {
    if ((out as Writable).destroyed) throw new Error('The output was closed before the export was written.');
    if (!out.write(chunk)) await drained(out);
  }
}

/** Waits for room in `out`; an error or a close before then rejects (events.once rejects on 'error'). */
async function drained(out: NodeJS.WritableStream | Writable): Promise<void> {
  const done = new AbortController();
  try {
    await Promise.race([
      once(out, 'drain', { signal: done.signal }),
      once(out, 'close', { signal: done.signal }).then(() => {
        throw new Error('The output was closed before the export was written.');
      }),
    ]);
  } finally {
    // The other wait stops listening; its AbortError goes to the settled race.
    done.abort();
  }
}
