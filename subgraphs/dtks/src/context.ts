import type { CallerContext, GatewaySource } from '@tepat/subgraph-kit';
import type { PrismaClient } from './db.js';
import type { Loaders } from './loaders.js';

export interface Context extends CallerContext {
  prisma: PrismaClient;
  loaders: Loaders;
  /** The gateway, asked as the dtks service itself: where a person lives is population's to say. */
  gateway: GatewaySource;
}
