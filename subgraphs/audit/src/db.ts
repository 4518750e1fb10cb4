/** The audit Prisma client over the service's database (embedded or server). */
import { prismaOptions, type Database } from '@tepat/subgraph-kit';
import { PrismaClient } from './generated/prisma/client.ts';

export type { PrismaClient };
export type { Access as AccessRow } from './generated/prisma/client.ts';

export const createPrisma = (db: Database) => new PrismaClient(prismaOptions(db));
