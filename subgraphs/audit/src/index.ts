/**
 * Audit: the access log (UU PDP), every read of personal data by an AUDITOR or OPERATOR and
 * every refused attempt, written by the gateway before the answer leaves, hash-chained and
 * anchored daily (issue 21). A service of its own, so that the record of reads is kept apart
 * from the data read, and eligibility's database holds eligibility's data.
 */
import { anchorEveryHour, anchorsFile, definePrismaSubgraph, logsKeptBy, prismaDatabase } from '@tepat/subgraph-kit';
import { fileURLToPath } from 'node:url';
import { createPrisma } from './db.js';
import { schema } from './schema/index.js';

export { moveAccessLog, type AccessLogMove } from './move.js';

export const subgraph = definePrismaSubgraph({
  name: 'audit',
  migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
  schema,
  imports: [],
  createPrisma,
  background: (prisma) => anchorEveryHour(prismaDatabase(prisma), logsKeptBy('audit'), anchorsFile()),
  createContext: (prisma, caller, sql) => ({ prisma, sql, caller }),
});
