/** The population Prisma client over the subgraph's database (embedded or server). */
import type { Database } from '@tepat/subgraph-kit';
import { PrismaClient } from './generated/prisma/client.ts';

export type { PrismaClient };

export function createPrisma(db: Database): PrismaClient {
  // Query events let tests count database round trips (one per batch, never one per key).
  return new PrismaClient({ adapter: db.adapter, log: [{ emit: 'event', level: 'query' }] });
}
