import type { Regions } from '@tepat/core';
import type { CallerContext, GatewaySource, Sql } from '@tepat/subgraph-kit';
import type { PrismaClient } from './db.js';
import type { IntakeEnv } from './env.js';
import type { ProgramInfo } from './hub.js';
import type { Loaders } from './loaders.js';
import type { NameGuard } from './name-guard.js';

/** What the intake service holds for the life of the process. */
export interface IntakeService {
  env: IntakeEnv;
  /** The gateway, asked as the intake service itself. */
  gateway: GatewaySource;
  nameGuard: NameGuard;
  regions: Regions;
  /**
   * The programme with this code, as aid-history has it (a change by import is in use within
   * PROGRAM_FRESH_MS); BAD_USER_INPUT naming `program` when there is none.
   */
  program(code: string): Promise<ProgramInfo>;
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
