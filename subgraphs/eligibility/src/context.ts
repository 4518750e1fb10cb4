import type { Regions } from '@tepat/core';
import type { CallerContext } from '@tepat/subgraph-kit';
import type { PrismaClient } from './db.js';
import type { FactsSource } from './facts.js';

export interface Context extends CallerContext {
  prisma: PrismaClient;
  regions: Regions;
  facts: FactsSource;
}
