/** Eligibility: rule sets as data, decisions explained check by check (RULES.md), and their log. */
import { serviceTokens } from '@tepat/auth';
import { loadRegions, type Regions } from '@tepat/core';
import { anchorEveryHour, anchorsFile, definePrismaSubgraph, lazyGatewaySource, logsKeptBy, prismaDatabase } from '@tepat/subgraph-kit';
import { fileURLToPath } from 'node:url';
import { createPrisma } from './db.js';
import { readEligibilityEnv } from './env.js';
import { newKnownPrograms, type FactsSource, type KnownPrograms } from './facts.js';
import { seedBuiltInRuleSets } from './rule-sets.js';
import { schema } from './schema/index.js';

export { readEligibilityEnv } from './env.js';
/** For tools that write the log as the service does (bench/decision-log.ts). */
export { createPrisma } from './db.js';
export { DecisionLog } from './decision-log.js';
export { rederiveDecisions, type RederiveReport } from './rederive-log.js';

let regions: Regions;
let facts: FactsSource;
let knownPrograms: KnownPrograms;

export const subgraph = definePrismaSubgraph({
  name: 'eligibility',
  migrationsDir: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
  schema,
  imports: [],
  exports: [
    {
      // Analytics measures targeting against the rule set in force: every version is kept
      // (RULES.md) and decisions use the newest, so one row per code, its checks as one field.
      path: 'eligibility/rule-sets.csv',
      select: `SELECT DISTINCT ON (code) code, version, region, array_to_string(checks, ',') AS checks,
                      decile_threshold, family_lookback_days
               FROM rule_set ORDER BY code, version DESC`,
      table: 'rule_set',
    },
  ],
  createPrisma,
  prepare: async (hub) => {
    regions = await loadRegions();
    // Eligibility reads facts as itself (role SERVICE), whoever asked it for a decision. The
    // environment is parsed once, at the first question: per request it cost an eighth of
    // this service's CPU (bench/README.md).
    facts = lazyGatewaySource(serviceTokens('eligibility', hub.internalKey), () => {
      const env = readEligibilityEnv();
      return { gatewayUrl: env.gatewayUrl, timeoutMs: env.factsTimeoutMs };
    });
    knownPrograms = newKnownPrograms();
  },
  start: seedBuiltInRuleSets,
  background: (prisma) => anchorEveryHour(prismaDatabase(prisma), logsKeptBy('eligibility'), anchorsFile()),
  createContext: (prisma, caller, sql) => ({ prisma, sql, regions, caller, facts, knownPrograms }),
});
