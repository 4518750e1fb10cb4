import type { CallerContext, Sql } from '@tepat/subgraph-kit';
import type { PrismaClient } from './db.js';

export interface Context extends CallerContext {
  prisma: PrismaClient;
  /** The same database without Prisma's query builder, for the access log's insert. */
  sql: Pick<Sql, 'query'>;
}
