/**
 * What intake asks the rest of the hub, always through the gateway as itself (role SERVICE):
 * who a person is and where they live (population), programmes, payments and collection
 * points (aid-history), and decisions (eligibility, in the programme's context). Intake never
 * reads another service's database, and never decides eligibility itself.
 */
import { badInput, ErrorCode } from '@tepat/core';
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

/**
 * The programme (BAD_USER_INPUT naming `program` when there is none) and the person (null
 * when population does not know the NIK; `unconfirmed` when population could not answer).
 */
export async function programAndPerson(
  source: GatewaySource,
  program: string | null,
  nik: string,
): Promise<{ program: ProgramInfo | null; person: PersonInfo | null | 'unconfirmed' }> {
  const answer = await ask<{ program?: ProgramInfo | null; person: PersonInfo | null }>(
    source,
    `query IntakeSubject($nik: String!, $program: String!, $withProgram: Boolean!) {
      program(code: $program) @include(if: $withProgram) { code name unit ruleSet }
      person(nik: $nik) { fullName villageCode }
    }`,
    { nik, program: program ?? '', withProgram: program !== null },
  );
  if (program !== null) {
    rethrow(answer, 'program');
    if (!answer.data?.program) throw badInput('program', `names no known programme ("${program.slice(0, 40)}"); see programs.`);
  }
  const personFailed = answer.errors?.some((e) => e.path?.[0] === 'person' || !e.path) || !answer.data;
  return { program: answer.data?.program ?? null, person: personFailed ? 'unconfirmed' : (answer.data?.person ?? null) };
}

export interface CollectionPointInfo {
  name: string;
  address: string | null;
  districtCode: string;
}

/**
 * The decision of eligibility on the person under a rule set, in the programme's context,
 * with where to collect in the person's district when asked. Throws when eligibility itself
 * gave no decision (its service down): a decision is never made up here.
 */
export async function decide(
  source: GatewaySource,
  question: { nik: string; name: string; ruleSet: string; program: string | null; district: string | null },
): Promise<{ decision: EligibilityResult; collectionPoint: CollectionPointInfo | null }> {
  const answer = await ask<{ eligibility: EligibilityResult | null; collectionPoint?: CollectionPointInfo | null }>(
    source,
    `query IntakeDecision(
      $nik: String!, $name: String!, $ruleSet: String!, $program: String, $pointProgram: String!, $district: String!, $withPoint: Boolean!
    ) {
      eligibility(nik: $nik, name: $name, ruleSet: $ruleSet, program: $program) {
        nik ruleSet ruleSetVersion program asOf decision checks { code status source reason evidence } receipt
      }
      collectionPoint(program: $pointProgram, district: $district) @include(if: $withPoint) { name address districtCode }
    }`,
    {
      ...question,
      pointProgram: question.program ?? '',
      district: question.district ?? '',
      withPoint: question.district !== null && question.program !== null,
    },
  );
  rethrow(answer, 'eligibility');
  if (!answer.data?.eligibility) throw hubUnavailable('eligibility');
  return { decision: answer.data.eligibility, collectionPoint: answer.data.collectionPoint ?? null };
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
