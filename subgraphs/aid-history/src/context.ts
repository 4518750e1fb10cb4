import type { Regions } from '@tepat/core';
import type { CallerContext } from '@tepat/subgraph-kit';
import type { PrismaClient } from './db.js';
import type { Loaders } from './loaders.js';

export interface Context extends CallerContext {
  prisma: PrismaClient;
  loaders: Loaders;
  regions: Regions;
}
