/**
 * The facts a decision rests on, gathered through the gateway in one supergraph query per
 * request (RULES.md; never by reading another subgraph's database). The query starts
 * from `eligibilitySubjects` (Person stubs this subgraph owns), so the gateway fetches
 * each source in parallel, one request per source for the whole batch, and a source
 * that is down, slow or failing costs only the checks that rest on it (fail closed).
 */
import { daysBefore, type Answer, type DisbursementFacts, type EligibilityFacts, type RuleSet } from '@tepat/rules';
import { askGateway, GatewayUnavailable, type GatewayAnswer, type GatewaySource } from '@tepat/subgraph-kit';
import { Kind, print, type DefinitionNode, type DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { graphql, type ResultOf } from './supergraph-documents.js';

/** Which facts a check needs, beyond population (every rule set starts with IDENTITY). */
type FactName = 'population' | 'dtks' | 'vaccination' | 'civilService' | 'aid' | 'familyAid';

const FACTS_OF_CHECK: Record<RuleSet['checks'][number], FactName[]> = {
  IDENTITY: ['population'],
  ALIVE: ['population'],
  RESIDENT: ['population'],
  VACCINATED: ['vaccination'],
  NOT_CIVIL_SERVANT: ['civilService'],
  NO_PRIOR_AID: ['aid'],
  FAMILY_NOT_RECEIVING: ['population', 'familyAid'],
  IN_DTKS: ['dtks'],
  WELFARE_DECILE: ['dtks'],
};

/**
 * Each fact's selection on Person, typed by gql.tada against the supergraph's API schema
 * (`npm run generate` writes it from the committed supergraph), so a source's field that
 * changes or goes fails `npm run typecheck` here instead of reading undefined at run time.
 * The variables they use (`$asOf`, `$familyFrom`) are declared by `factsQuery`.
 */
const PopulationFacts = graphql(`fragment PopulationFacts on Person { registry { fullName kk villageCode deathDate } }`);
const FamilyAidFacts = graphql(`fragment FamilyAidFacts on Person {
  family: registry { family { members { nik aidHistory(from: $familyFrom, to: $asOf) { nik disbursedOn program { code } } } } }
}`);
const DtksFacts = graphql(`fragment DtksFacts on Person { dtks { status statusReason decile } }`);
const VaccinationFacts = graphql(`fragment VaccinationFacts on Person { vaccinations { dose administeredOn } }`);
const CivilServiceFacts = graphql(`fragment CivilServiceFacts on Person { civilService { corps agency startDate endDate } }`);
const AidFacts = graphql(`fragment AidFacts on Person { aidHistory(to: $asOf) { nik disbursedOn program { code } } }`);
/** The programme asked for (aid-history owns programmes), so its existence is checked in the same pass. */
const ProgramAsked = graphql(`fragment ProgramAsked on Query { program(code: $program) { code } }`);

/** Each fact's fragment, and the subgraph that answers it. */
const SELECTIONS: Record<FactName, { fragment: { definitions: readonly DefinitionNode[] }; source: string }> = {
  population: { fragment: PopulationFacts, source: 'population' },
  familyAid: { fragment: FamilyAidFacts, source: 'aid-history' },
  dtks: { fragment: DtksFacts, source: 'dtks' },
  vaccination: { fragment: VaccinationFacts, source: 'vaccination' },
  civilService: { fragment: CivilServiceFacts, source: 'civil-service' },
  aid: { fragment: AidFacts, source: 'aid-history' },
};

/** The response field each fact is read from, to map an error's path back to its fact. */
const FIELD_OF_FACT: Record<FactName, string> = {
  population: 'registry',
  familyAid: 'family',
  dtks: 'dtks',
  vaccination: 'vaccinations',
  civilService: 'civilService',
  aid: 'aidHistory',
};

type Disbursement = NonNullable<ResultOf<typeof AidFacts>['aidHistory']>[number];

/** A subject as answered: every fact's fields, present when the rule set asked for that fact. */
type Subject = { nik: string } & Partial<
  ResultOf<typeof PopulationFacts> &
    ResultOf<typeof FamilyAidFacts> &
    ResultOf<typeof DtksFacts> &
    ResultOf<typeof VaccinationFacts> &
    ResultOf<typeof CivilServiceFacts> &
    ResultOf<typeof AidFacts>
>;

type GraphQLResponse = GatewayAnswer<{ subjects?: (Subject | null)[] | null } & Partial<ResultOf<typeof ProgramAsked>>>;

/** The facts every check of the rule set needs. */
export function factsNeeded(ruleSet: RuleSet): FactName[] {
  return [...new Set(['population' as const, ...ruleSet.checks.flatMap((c) => FACTS_OF_CHECK[c])])];
}

/** The printed query of each set of facts asked (a few per rule set in use), printed once. */
const printedQueries = new Map<string, string>();

/**
 * The supergraph query for these facts; with `withProgram`, also the programme asked for,
 * so its existence is checked in the same pass.
 */
export function factsQuery(facts: FactName[], withProgram = false): string {
  const key = `${facts.join(',')}|${withProgram}`;
  let query = printedQueries.get(key);
  if (query === undefined) {
    const familyFrom = facts.includes('familyAid') ? ', $familyFrom: String!' : '';
    const asOf = facts.some((f) => f === 'aid' || f === 'familyAid') ? ', $asOf: String!' : '';
    const program = withProgram ? ', $program: String!' : '';
    const onPerson = facts.map((f) => SELECTIONS[f].fragment);
    const onQuery = withProgram ? [ProgramAsked] : [];
    query = [
      `query EligibilityFacts($niks: [String!]!${asOf}${familyFrom}${program}) {
  subjects: eligibilitySubjects(niks: $niks) { nik ${onPerson.map(spread).join(' ')} } ${onQuery.map(spread).join(' ')}
}`,
      ...[...onPerson, ...onQuery].map((f) => print(f as DocumentNode)),
    ].join('\n');
    printedQueries.set(key, query);
  }
  return query;
}

/** `...Name` for a fragment document. */
function spread(fragment: { definitions: readonly DefinitionNode[] }): string {
  const [definition] = fragment.definitions;
  if (definition?.kind !== Kind.FRAGMENT_DEFINITION) throw new Error('Not a fragment document.');
  return `...${definition.name.value}`;
}

/**
 * Whether aid-history knows the programme asked for: `UNCONFIRMED` when it could not say
 * (down or slow), when the checks that read aid are UNKNOWN anyway.
 */
export type ProgramStatus = 'KNOWN' | 'UNKNOWN' | 'UNCONFIRMED';

export interface GatheredFacts {
  facts: Map<string, Omit<EligibilityFacts, 'name' | 'program'>>;
  /** Null when no programme was asked for. */
  program: ProgramStatus | null;
}

/** How long a programme aid-history confirmed is taken as known without asking again. */
export const PROGRAM_KNOWN_MS = 1_000;

/**
 * The programmes aid-history confirmed lately. Programmes change only by import, and a
 * decision in a programme's context asked aid-history for it every time: for a rule set
 * that reads no aid (DTKS, as BLT's applications use), that was aid-history's only request
 * in the pass (bench/README.md, workflows). An unknown programme is never kept.
 */
export type KnownPrograms = LRUCache<string, true>;

export const newKnownPrograms = (): KnownPrograms => new LRUCache<string, true>({ max: 256, ttl: PROGRAM_KNOWN_MS });

/** The gateway eligibility reads facts through, as itself. */
export type FactsSource = GatewaySource;

/**
 * Gathers the facts of distinct NIKs for a rule set on a date. Never throws for a source
 * that fails: its facts come back as answers that could not be given, with the reason.
 */
export async function gatherFacts(
  source: FactsSource,
  niks: readonly string[],
  ruleSet: RuleSet,
  asOf: string,
  program: string | null = null,
): Promise<GatheredFacts> {
  const facts = factsNeeded(ruleSet);
  const variables: Record<string, unknown> = { niks };
  if (program !== null) variables.program = program;
  if (facts.includes('aid') || facts.includes('familyAid')) variables.asOf = asOf;
  // RULES.md: D - lookback < disbursed_on <= D; aidHistory's `from` is inclusive, so the day after.
  if (facts.includes('familyAid')) variables.familyFrom = daysBefore(asOf, (ruleSet.familyLookbackDays ?? 180) - 1);

  let response: GraphQLResponse;
  try {
    response = await askGateway(source, factsQuery(facts, program !== null), variables);
  } catch (error) {
    if (!(error instanceof GatewayUnavailable)) throw error;
    return { facts: new Map(niks.map((nik) => [nik, unanswered(nik, error.message)])), program: program === null ? null : 'UNCONFIRMED' };
  }
  return { facts: readFacts(niks, facts, response), program: program === null ? null : programStatus(response) };
}

function programStatus(response: GraphQLResponse): ProgramStatus {
  if (response.data?.program) return 'KNOWN';
  // Null because aid-history failed (an error not tied to one subject), or because there is no such programme.
  const failed = response.errors?.some((e) => e.path?.[0] !== 'subjects') || !response.data || !('program' in response.data);
  return failed ? 'UNCONFIRMED' : 'UNKNOWN';
}

export function unanswered(nik: string, reason: string): Omit<EligibilityFacts, 'name' | 'program'> {
  const no = { ok: false as const, reason };
  return { nik, population: no, vaccination: no, civilService: no, aid: no, familyAid: no, dtks: no };
}

/** Which facts failed for which subject (index), from the response's errors. */
function failures(response: GraphQLResponse, facts: FactName[], count: number) {
  const failed = new Map<FactName, { all: string | null; subjects: Map<number, string> }>(
    facts.map((f) => [f, { all: null, subjects: new Map() }]),
  );
  const byField = new Map(facts.map((f) => [FIELD_OF_FACT[f], f]));
  for (const error of response.errors ?? []) {
    const [root, index, field] = error.path ?? [];
    // The programme's own look-up (programStatus) is not a fact of any subject.
    if (root === 'program') continue;
    const serviceName = error.extensions?.serviceName;
    const reason = serviceName ? `the ${serviceName} service could not answer` : error.message;
    if (typeof index === 'number' && typeof field === 'string' && byField.has(field)) {
      failed.get(byField.get(field)!)!.subjects.set(index, reason);
      continue;
    }
    // Not tied to one subject: every fact that source gives failed for the whole batch.
    const hit = facts.filter((f) => !serviceName || SELECTIONS[f].source === serviceName || (f === 'familyAid' && serviceName === 'population'));
    for (const f of hit) failed.get(f)!.all ??= reason;
  }
  if (!response.data?.subjects || response.data.subjects.length !== count) {
    for (const f of facts) failed.get(f)!.all ??= 'the gateway gave no answer for these NIKs';
  }
  return (fact: FactName, index: number) => failed.get(fact)?.all ?? failed.get(fact)?.subjects.get(index) ?? null;
}

function readFacts(niks: readonly string[], facts: FactName[], response: GraphQLResponse) {
  const failedOf = failures(response, facts, niks.length);
  const subjects = response.data?.subjects ?? [];
  const result = new Map<string, Omit<EligibilityFacts, 'name' | 'program'>>();
  niks.forEach((nik, i) => {
    const subject = subjects[i] ?? { nik };
    const answer = <T>(fact: FactName, read: () => T): Answer<T> => {
      const reason = failedOf(fact, i) ?? (fact === 'familyAid' ? failedOf('population', i) : null);
      if (reason) return { ok: false, reason };
      if (!facts.includes(fact)) return { ok: false, reason: 'not asked: the rule set has no check that needs it' };
      return { ok: true, value: read() };
    };
    const disbursements = (list: Disbursement[] | null | undefined): DisbursementFacts[] =>
      (list ?? []).map((d) => ({ nik: d.nik, programCode: d.program.code, disbursedOn: d.disbursedOn }));
    result.set(nik, {
      nik,
      population: answer('population', () => subject.registry ?? null),
      dtks: answer('dtks', () => subject.dtks ?? null),
      vaccination: answer('vaccination', () => subject.vaccinations ?? []),
      civilService: answer('civilService', () => subject.civilService ?? []),
      aid: answer('aid', () => disbursements(subject.aidHistory)),
      familyAid: answer('familyAid', () => (subject.family?.family.members ?? []).flatMap((m) => disbursements(m.aidHistory))),
    });
  });
  return result;
}
