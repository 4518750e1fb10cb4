/** What every population resolver receives: the client, this request's loaders and the region names. */
import type { CallerContext, Sql } from '@tepat/subgraph-kit';
import type { Regions } from '@tepat/core';
import type { PrismaClient } from './db.js';
import type { Loaders } from './loaders.js';

export interface Context extends CallerContext {
  prisma: PrismaClient;
  /** The same database without Prisma's query builder, for the name search (bench/README.md, Measured choices). */
  sql: Pick<Sql, 'query'>;
  loaders: Loaders;
  regions: Regions;
}
