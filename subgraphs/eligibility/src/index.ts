/** Eligibility: rule sets as data, decisions explained check by check (RULES.md), and their log. */
import { loadRegions, type Regions } from '@tepat/core';
import { definePrismaSubgraph } from '@tepat/subgraph-kit';
import { fileURLToPath } from 'node:url';
import { createPrisma } from './db.js';
import { readEligibilityEnv } from './env.js';
import { seedBuiltInRuleSets } from './rule-sets.js';
import { schema } from './schema/index.js';

let regions: Regions;

export const subgraph = definePrismaSubgraph({
  name: 'eligibility',
  migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
  schema,
  imports: [],
  createPrisma,
  prepare: async () => (regions = await loadRegions()),
  start: seedBuiltInRuleSets,
  createContext: (prisma) => {
    const env = readEligibilityEnv();
    return {
      prisma,
      regions,
      facts: { gatewayUrl: env.gatewayUrl, timeoutMs: env.factsTimeoutMs },
      // Until tokens exist (roles issue), every caller is recorded alike.
      caller: { role: 'UNAUTHENTICATED', subject: null },
    };
  },
});
