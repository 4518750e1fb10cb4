/**
 * The plan of the facts query a decision on every check asks the gateway (facts.ts), with
 * the programme asked for, pinned as a snapshot: a change in how the planner gathers facts
 * (an extra hop, a subgraph asked twice) shows in review as a changed plan.
 */
import { expect, it } from '@jest/globals';
import { queryPlanOf } from '@tepat/gateway';
import { BUILT_IN_RULE_SETS, CHECK_CODES } from '@tepat/rules';
import { factsNeeded, factsQuery } from './facts.js';

it('gathers the facts of every check from population, then the other subgraphs in parallel', () => {
  const everyCheck = { ...BUILT_IN_RULE_SETS[0]!, checks: CHECK_CODES };
  expect(queryPlanOf(factsQuery(factsNeeded(everyCheck), true))).toMatchSnapshot();
});
