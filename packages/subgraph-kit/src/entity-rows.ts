/**
 * Reads rows for the sources' DataLoaders straight through the kit's Sql rather than
 * Prisma's query builder. Every eligibility check asks each source for its `_entities`, one
 * statement per source per batch, and on that path Prisma's findMany spent well over twice the
 * CPU of the same statement sent as it is (bench/README.md, "Measured choices"); writes and
 * the rarer reads stay on Prisma.
 */
import { dateFromIso } from '@tepat/core';
import type { QueryOptions, Sql } from './sql.js';

/**
 * The rows of a SELECT that reads each `date` column (`dates`) as text (`birth_date::text AS
 * "birthDate"`), those columns turned into the Date Prisma gives for them (midnight UTC):
 * node-postgres would parse a `date` in the process's time zone, PGlite at midnight UTC, so
 * text is the one reading both agree on. A loader's look-up by key asks for the `generic` plan.
 */
export async function selectRows<Row, DateColumn extends keyof Row = never>(
  sql: Pick<Sql, 'query'>,
  text: string,
  params: unknown[],
  { dates = [], plan }: { dates?: readonly DateColumn[] } & QueryOptions = {},
): Promise<Row[]> {
  const rows = await sql.query<Record<string, unknown>>(text, params, { plan });
  for (const row of rows) {
    for (const column of dates) {
      const value = row[column as string];
      if (typeof value === 'string') row[column as string] = dateFromIso(value);
    }
  }
  return rows as Row[];
}
