import type { Regions } from '@tepat/core';
import type { CallerContext, Sql } from '@tepat/subgraph-kit';
import type { PrismaClient } from './db.js';
import type { FactsSource, KnownPrograms } from './facts.js';

export interface Context extends CallerContext {
  prisma: PrismaClient;
  /** The same database without Prisma, for the decision log's inserts (decision-log.ts). */
  sql: Sql;
  regions: Regions;
  facts: FactsSource;
  knownPrograms: KnownPrograms;
}
