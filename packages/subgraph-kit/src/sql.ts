/** The raw SQL surface the kit needs beside Prisma: migrations, bulk loads, health checks. */

export interface Sql {
  /** One statement with bound parameters ($1, $2, ...). */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** A script of several statements, no parameters. */
  exec(script: string): Promise<void>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
}
