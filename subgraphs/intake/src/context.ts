import type { Regions } from '@tepat/core';
import type { CallerContext, GatewaySource, Sql } from '@tepat/subgraph-kit';
import type { PrismaClient } from './db.js';
import type { IntakeEnv } from './env.js';
import type { Loaders } from './loaders.js';
import type { NameGuard } from './name-guard.js';

/** What the intake service holds for the life of the process. */
export interface IntakeService {
  env: IntakeEnv;
  /** The gateway, asked as the intake service itself. */
  gateway: GatewaySource;
  nameGuard: NameGuard;
  regions: Regions;
  /** The month a recipient check shows when none is asked: the latest with any payment. */
  latestPeriod(): Promise<string>;
}

export interface Context extends CallerContext {
  prisma: PrismaClient;
  /** The same database without Prisma's query builder, for the queue page (bench/README.md, Measured choices). */
  sql: Pick<Sql, 'query'>;
  service: IntakeService;
  loaders: Loaders;
}
