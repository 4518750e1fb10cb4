/**
 * The query plan of the README's person query across every subgraph, pinned as a snapshot
 * (as Apollo federation's own gateway tests pin theirs), so that a change of the planner, of
 * a key or of which subgraph owns a field shows in review as a changed plan. The facts
 * query's plan is pinned beside it, in subgraphs/eligibility/src/facts-plan.test.ts.
 */
import { expect, it } from '@jest/globals';
import { queryPlanOf } from './query-plan.js';

it("plans the README's person query from population, then every subgraph that extends Person", () => {
  expect(
    queryPlanOf(`query ($nik: String!) {
      person(nik: $nik) { fullName dtks { decile } vaccinations { dose } civilService { corps } aidHistory { amountIdr } family { members { nik } } }
    }`),
  ).toMatchSnapshot();
});
