/** Eligibility: rule sets as data, decisions explained check by check (RULES.md), and their log. */
import { serviceTokens } from '@tepat/auth';
import { loadRegions, type Regions } from '@tepat/core';
import { definePrismaSubgraph } from '@tepat/subgraph-kit';
import { fileURLToPath } from 'node:url';
import { createPrisma } from './db.js';
import { readEligibilityEnv } from './env.js';
import type { FactsSource } from './facts.js';
import { seedBuiltInRuleSets } from './rule-sets.js';
import { schema } from './schema/index.js';

let regions: Regions;
let serviceToken: FactsSource['token'];

export const subgraph = definePrismaSubgraph({
  name: 'eligibility',
  migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
  schema,
  imports: [],
  createPrisma,
  prepare: async (hub) => {
    regions = await loadRegions();
    // Eligibility reads facts as itself (role SERVICE), whoever asked it for a decision.
    serviceToken = serviceTokens('eligibility', hub.internalKey);
  },
  start: seedBuiltInRuleSets,
  createContext: (prisma, caller) => {
    // Read per request: where the gateway is may be known only after this service started (tests).
    const env = readEligibilityEnv();
    return { prisma, regions, caller, facts: { gatewayUrl: env.gatewayUrl, timeoutMs: env.factsTimeoutMs, token: serviceToken } };
  },
});
