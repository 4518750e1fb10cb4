import type { CallerContext } from '@tepat/subgraph-kit';
import type { PrismaClient } from './db.js';

export interface Context extends CallerContext {
  prisma: PrismaClient;
}
