/** What the analytics bench asks: the metric queries, and the drafts a policy simulation is asked for. */
import type { MetricReader } from '@tepat/analytics';
import type { RuleSetInput } from '@tepat/rules';

/**
 * The simulation measured cold at every size: PKH under the DTKS rule set with its decile
 * threshold lowered from 4 to 3 (packages/rules, BUILT_IN_RULE_SETS), then 5 on the warm reader.
 */
export const SIMULATED_PROGRAM = 'PKH';
export const DTKS_CHECKS = ['IDENTITY', 'ALIVE', 'IN_DTKS', 'WELFARE_DECILE', 'NOT_CIVIL_SERVANT'];
export const draftWithThreshold = (decileThreshold: number): RuleSetInput => ({ code: 'DTKS', name: `DTKS, poorest ${decileThreshold} deciles`, checks: DTKS_CHECKS, decileThreshold });
/** Check lists the simulation load varies, each with WELFARE_DECILE so every threshold counts. */
export const SIMULATION_CHECK_LISTS = [
  DTKS_CHECKS,
  ['IDENTITY', 'ALIVE', 'IN_DTKS', 'WELFARE_DECILE'],
  [...DTKS_CHECKS, 'NO_PRIOR_AID'],
  [...DTKS_CHECKS, 'VACCINATED'],
];
/** What the simulation screen reads of one draft (web/src/screens/simulation/documents.ts), at PROVINCE level. */
export const SIMULATE_QUERY = `query ($draft: RuleSetInput!, $program: String!, $period: String!) {
  simulateRuleSet(draft: $draft, program: $program, period: $period) {
    draft { ...figures } current { ...figures }
    entering leaving medianPayment budgetChange
    movesByRegion { region name entering leaving }
    movesByDecile { decile entering leaving }
  }
}
fragment figures on ProgramFigures {
  targetingAccuracy { recipients eligible coverage inclusionErrorRate exclusionErrorRate }
  leakage { leakageRate byCategory { category amount } }
  regionalEquity { giniCoverage }
  budget
  incidence { poorest40Share coadyGroshHoddinott }
}`;

export type ProgramMonth = { program: string; period: string };

export const METRIC_QUERIES: { name: string; field: string; query: string; read: (metrics: MetricReader, args: ProgramMonth) => Promise<unknown> }[] = [
  {
    name: 'targetingAccuracy',
    field: 'targetingAccuracy',
    read: (metrics, args) => metrics.targetingAccuracy(args),
    query: `query ($program: String!, $period: String!) {
  targetingAccuracy(program: $program, period: $period) { recipients eligible inclusionErrorRate exclusionErrorRate coverage }
}`,
  },
  {
    name: 'leakage',
    field: 'leakage',
    read: (metrics, args) => metrics.leakage(args),
    query: `query ($program: String!, $period: String!) {
  leakage(program: $program, period: $period) { totalAmount leakageAmount leakageRate byCategory { category rows amount } }
}`,
  },
  {
    name: 'regionalEquity(level: DISTRICT)',
    field: 'regionalEquity',
    read: (metrics, args) => metrics.regionalEquity({ ...args, level: 'DISTRICT' }),
    query: `query ($program: String!, $period: String!) {
  regionalEquity(program: $program, period: $period, level: DISTRICT) { giniCoverage regions { region name eligible recipients amount coverage allocationRatio } }
}`,
  },
];
