/**
 * What intake asks the rest of the hub, always through the gateway as itself (role SERVICE):
 * who a person is and where they live (population), programmes, payments and collection
 * points (aid-history), and decisions (eligibility, in the programme's context). Intake never
 * reads another service's database, and never decides eligibility itself.
 */
import { ErrorCode } from '@tepat/core';
import type { EligibilityResult } from '@tepat/rules';
import { askGateway, GatewayUnavailable, type GatewayAnswer, type GatewaySource } from '@tepat/subgraph-kit';
import { GraphQLError } from 'graphql';

/** Intake could not get an answer it needs; nothing was filed, and the caller may try again. */
export function hubUnavailable(what: string): GraphQLError {
  return new GraphQLError(`The hub could not answer (${what}); nothing was filed. Try again in a moment.`, {
    extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
  });
}

async function ask<Data>(source: GatewaySource, query: string, variables: Record<string, unknown>): Promise<GatewayAnswer<Data>> {
  try {
    return await askGateway<Data>(source, query, variables);
  } catch (error) {
    if (error instanceof GatewayUnavailable) throw hubUnavailable(error.message);
    throw error;
  }
}

/**
 * When `field` has no answer: a bad argument the gateway reported (it names the argument) is
 * the caller's; anything else is the hub's.
 */
function rethrow(answer: GatewayAnswer<unknown>, field: string): void {
  if ((answer.data as Record<string, unknown> | null | undefined)?.[field] != null) return;
  const error = answer.errors?.find((e) => e.path?.[0] === field || !e.path);
  if (!error) return;
  if (error.extensions?.code === ErrorCode.BAD_USER_INPUT) {
    throw new GraphQLError(error.message, { extensions: { code: ErrorCode.BAD_USER_INPUT, argument: error.extensions.argument } });
  }
  throw hubUnavailable(error.extensions?.serviceName ? `the ${error.extensions.serviceName} service` : field);
}

export interface ProgramInfo {
  code: string;
  name: string;
  unit: 'PERSON' | 'FAMILY';
  ruleSet: string;
}

export interface PersonInfo {
  fullName: string;
  villageCode: string;
}

/** The programme with this code, or null when aid-history knows none. */
export async function programOf(source: GatewaySource, code: string): Promise<ProgramInfo | null> {
  const answer = await ask<{ program: ProgramInfo | null }>(source, 'query IntakeProgram($code: String!) { program(code: $code) { code name unit ruleSet } }', {
    code,
  });
  rethrow(answer, 'program');
  return answer.data?.program ?? null;
}

/** Who a person is and where they live: null when population does not know the NIK; `unconfirmed` when it could not answer. */
export type PersonAnswer = PersonInfo | null | 'unconfirmed';

/** Where the person lives, when population said. */
export const villageOf = (person: PersonAnswer): string | null => (person && person !== 'unconfirmed' ? person.villageCode : null);

const personFrom = (answer: GatewayAnswer<{ person?: PersonInfo | null }>): PersonAnswer =>
  answer.errors?.some((e) => e.path?.[0] === 'person' || !e.path) || !answer.data ? 'unconfirmed' : (answer.data.person ?? null);

/** Who the person with this NIK is, asked of population alone. */
export async function personOf(source: GatewaySource, nik: string): Promise<PersonAnswer> {
  return personFrom(await ask<{ person: PersonInfo | null }>(source, 'query IntakeSubject($nik: String!) { person(nik: $nik) { fullName villageCode } }', { nik }));
}

export interface CollectionPointInfo {
  name: string;
  address: string | null;
  districtCode: string;
}

/** A decision, with what else was asked in its pass. */
export interface DecisionAnswer {
  decision: EligibilityResult;
  /** Where the person lives: as the question gave it, else as population said beside the decision (null when it did not). */
  villageCode: string | null;
  /** When the question named a programme and where the person lives: the programme's point in their district. */
  collectionPoint: CollectionPointInfo | null;
}

/**
 * The decision of eligibility on the person under a rule set, in the programme's context, in
 * one pass through the gateway with where the person lives (asked of population when
 * `villageCode` is undefined: a citizen's filing needs it, and asking it beside the decision
 * saves the hub a pass) or, when that is known and a programme named, where to collect in
 * their district. Throws when eligibility itself gave no decision (its service down): a
 * decision is never made up here.
 */
export async function decide(
  source: GatewaySource,
  question: { nik: string; name: string; ruleSet: string; program: string | null; villageCode: string | null | undefined },
): Promise<DecisionAnswer> {
  const { villageCode, ...asked } = question;
  const withPerson = villageCode === undefined;
  const district = villageCode ? villageCode.slice(0, 8) : null;
  const answer = await ask<{ eligibility: EligibilityResult | null; collectionPoint?: CollectionPointInfo | null; person?: PersonInfo | null }>(
    source,
    `query IntakeDecision(
      $nik: String!, $name: String!, $ruleSet: String!, $program: String, $pointProgram: String!, $district: String!, $withPoint: Boolean!,
      $withPerson: Boolean!
    ) {
      eligibility(nik: $nik, name: $name, ruleSet: $ruleSet, program: $program) {
        nik ruleSet ruleSetVersion program asOf decision checks { code status source reason evidence } receipt
      }
      collectionPoint(program: $pointProgram, district: $district) @include(if: $withPoint) { name address districtCode }
      person(nik: $nik) @include(if: $withPerson) { fullName villageCode }
    }`,
    {
      ...asked,
      pointProgram: asked.program ?? '',
      district: district ?? '',
      withPoint: district !== null && asked.program !== null,
      withPerson,
    },
  );
  rethrow(answer, 'eligibility');
  if (!answer.data?.eligibility) throw hubUnavailable('eligibility');
  return {
    decision: answer.data.eligibility,
    villageCode: withPerson ? villageOf(personFrom(answer)) : villageCode,
    collectionPoint: answer.data.collectionPoint ?? null,
  };
}

/**
 * The programme's collection point for a district (aid-history falls back to the regency's),
 * or null: also when aid-history or the gateway cannot answer, as the decision is made by then
 * and the district office is where I-BAN sends people anyway.
 */
export async function collectionPointOf(source: GatewaySource, program: string, district: string): Promise<CollectionPointInfo | null> {
  try {
    const answer = await askGateway<{ collectionPoint: CollectionPointInfo | null }>(
      source,
      'query IntakePoint($program: String!, $district: String!) { collectionPoint(program: $program, district: $district) { name address districtCode } }',
      { program, district },
    );
    return answer.data?.collectionPoint ?? null;
  } catch (error) {
    if (error instanceof GatewayUnavailable) return null;
    throw error;
  }
}

export interface PaymentInfo {
  nik: string;
  amountIdr: number;
  program: { code: string; name: string };
}

/**
 * A person's name and family card, with the payments for a month to the NIK and to the
 * card; null when population does not know the NIK. The question is the same whoever the
 * NIK belongs to, so an unknown NIK costs what a known one does.
 */
export async function paymentsOfMonth(
  source: GatewaySource,
  nik: string,
  period: string,
): Promise<{ fullName: string; own: PaymentInfo[]; family: PaymentInfo[] } | null> {
  const answer = await ask<{
    person: { fullName: string; aidHistory: PaymentInfo[] | null; family: { aidHistory: PaymentInfo[] | null } | null } | null;
  }>(
    source,
    `query RecipientCheck($nik: String!, $period: String!) {
      person(nik: $nik) {
        fullName
        aidHistory(period: $period) { nik amountIdr program { code name } }
        family { aidHistory(period: $period) { nik amountIdr program { code name } } }
      }
    }`,
    { nik, period },
  );
  rethrow(answer, 'person');
  const person = answer.data?.person;
  if (!person) return null;
  // Aid history down: saying "no aid" would be false, so there is no answer.
  if (person.aidHistory === null || person.family?.aidHistory === null) throw hubUnavailable('the aid-history service');
  return { fullName: person.fullName, own: person.aidHistory, family: person.family?.aidHistory ?? [] };
}

/** The latest month any payment is for, or null when none is recorded. */
export async function latestPeriod(source: GatewaySource): Promise<string | null> {
  const answer = await ask<{ latestDisbursementPeriod: string | null }>(source, 'query LatestPeriod { latestDisbursementPeriod }', {});
  rethrow(answer, 'latestDisbursementPeriod');
  return answer.data?.latestDisbursementPeriod ?? null;
}

export interface CasePerson {
  fullName: string;
  villageCode: string;
  dtks: { status: 'ACTIVE' | 'INACTIVE'; decile: number | null } | null;
}

/**
 * A person a proposal or an objection is about, with their DTKS record; and, when given,
 * where the submitter lives (an objection's submitter must live in the same village).
 */
export async function casePeople(
  source: GatewaySource,
  nik: string,
  submitterNik: string | null,
): Promise<{ person: CasePerson | null; submitterVillage: string | null }> {
  const answer = await ask<{ person: CasePerson | null; submitter?: { villageCode: string } | null }>(
    source,
    `query CasePeople($nik: String!, $submitter: String!, $withSubmitter: Boolean!) {
      person(nik: $nik) { fullName villageCode dtks { status decile } }
      submitter: person(nik: $submitter) @include(if: $withSubmitter) { villageCode }
    }`,
    { nik, submitter: submitterNik ?? '', withSubmitter: submitterNik !== null },
  );
  rethrow(answer, 'person');
  if (answer.errors?.length) throw hubUnavailable('population or dtks');
  return { person: answer.data?.person ?? null, submitterVillage: answer.data?.submitter?.villageCode ?? null };
}

/**
 * Carries out in DTKS what an operator decided on a case (an upheld objection deactivates,
 * an accepted proposal admits or reactivates), through the gateway as intake, with a
 * requestId derived from the case: a retry after a failure changes nothing more in DTKS.
 */
export async function curateDtks(
  source: GatewaySource,
  mutation: 'deactivateDtksMember' | 'reactivateDtksMember' | 'admitDtksMember',
  variables: { nik: string; note: string | null; reference: string; reason?: string },
): Promise<void> {
  const deactivating = mutation === 'deactivateDtksMember';
  const args = `nik: $nik, note: $note, reference: $reference, requestId: $requestId${deactivating ? ', reason: $reason' : ''}`;
  const types = `$nik: String!, $note: String, $reference: String!, $requestId: String!${deactivating ? ', $reason: DtksReason!' : ''}`;
  const answer = await ask<Record<string, { status: string } | null>>(
    source,
    `mutation Curate(${types}) { curated: ${mutation}(${args}) { status } }`,
    { ...variables, requestId: `${variables.reference}:${mutation}` },
  );
  rethrow(answer, 'curated');
  if (!answer.data?.curated) throw hubUnavailable('dtks');
}
