/** What every part of the eligibility bench asks: the rule set, the date, the batch and the queries. */
import { BUILT_IN_RULE_SETS, type RuleSet } from '@tepat/rules';
import type { SubgraphName } from '@tepat/subgraph-kit';
import { factsNeeded, factsQuery } from '../../subgraphs/eligibility/src/facts.ts';

export const RULE_SET_CODE = 'DTKS';
export const AS_OF = '2025-06-30';
export const RULE_SET: RuleSet = BUILT_IN_RULE_SETS.find((r) => r.code === RULE_SET_CODE)!;
/** NIKs per batch: `tepat screen --batch`, the batch anatomy and the SQL floor alike. */
export const BATCH = 10_000;

export const ELIGIBILITY_QUERY = `query Check($nik: String!) {
  eligibility(nik: $nik, ruleSet: "${RULE_SET_CODE}", asOf: "${AS_OF}") { nik decision ruleSet ruleSetVersion asOf checks { code status } }
}`;
export const BATCH_QUERY = `query Batch($niks: [String!]!) {
  eligibilityBatch(niks: $niks, ruleSet: "${RULE_SET_CODE}", asOf: "${AS_OF}") { nik decision ruleSet ruleSetVersion asOf checks { code status } }
}`;
// The facts query eligibility sends through the gateway for this rule set, from its own code.
export const FACTS_QUERY = factsQuery(factsNeeded(RULE_SET));
export const PERSON_QUERY = `query Person($nik: String!) {
  person(nik: $nik) { fullName dtks { decile } vaccinations { dose } civilService { corps } aidHistory { amountIdr } family { members { nik } } }
}`;
// What the gateway asks each source for, for the DTKS facts (as its query plan does).
export const ENTITY_SELECTIONS: [SubgraphName, string][] = [
  ['population', 'registry { fullName kk villageCode deathDate }'],
  ['dtks', 'dtks { status statusReason decile }'],
  ['civil-service', 'civilService { corps agency startDate endDate }'],
];
export const entitiesQuery = (selection: string) =>
  `query Entities($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { ${selection} } } }`;
export const representations = (niks: string[]) => niks.map((nik) => ({ __typename: 'Person', nik }));

/** An eligibility answer with a decision; UNDETERMINED ones are counted apart (flag). */
export const decided = (status: number, body: string) => status === 200 && !body.includes('"errors"') && body.includes('"decision"');
export const undetermined = (body: string) => body.includes('"UNDETERMINED"');
export const personFound = (status: number, body: string) =>
  status === 200 && !body.includes('"errors"') && !body.includes('"person":null') && body.includes('"fullName"');
