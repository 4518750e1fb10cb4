/** The raw SQL surface the kit needs beside Prisma: migrations, bulk loads, health checks. */

export interface Sql {
  /** One statement with bound parameters ($1, $2, ...). */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** A script of several statements, no parameters. */
  exec(script: string): Promise<void>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Bulk-loads CSV text (no header) into a table with PostgreSQL's COPY; unquoted empty
   * fields become NULL. Use inside a transaction to make several calls one load.
   */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
}

/** The COPY statement for a table and columns, identifiers quoted. */
export function copyStatement(table: string, columns: readonly string[], source: 'STDIN' | "'/dev/blob'"): string {
  const list = columns.map((c) => `"${c}"`).join(', ');
  return `COPY "${table}" (${list}) FROM ${source} WITH (FORMAT csv)`;
}
