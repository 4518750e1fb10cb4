/** The intake Prisma client over the subgraph's database (embedded or server). */
import { prismaOptions, type Database } from '@tepat/subgraph-kit';
import { PrismaClient } from './generated/prisma/client.ts';

export type { PrismaClient };
export type { IntakeCase as CaseRow, CaseEvent as CaseEventRow } from './generated/prisma/client.ts';

export const createPrisma = (db: Database) => new PrismaClient(prismaOptions(db));
