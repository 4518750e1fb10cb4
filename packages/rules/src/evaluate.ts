/**
 * The eligibility decision of RULES.md as a pure function of facts, a rule set and an
 * as-of date. GraphQL (the gateway), the generator and analytics all decide through
 * here, so they cannot disagree.
 */
import { maskNik } from '@tepat/core';
import type { Answer, DisbursementFacts, EligibilityFacts, PersonFacts } from './facts.js';
import { CHECK_SOURCES, type CheckCode, type RuleSet } from './rule-set.js';

export type CheckStatus = 'PASS' | 'FAIL' | 'UNKNOWN';
export type Decision = 'ELIGIBLE' | 'INELIGIBLE' | 'UNDETERMINED';

export interface CheckResult {
  code: CheckCode;
  status: CheckStatus;
  /** The subgraph(s) the check rests on, joined with `+`. */
  source: string;
  /** Why, for FAIL and UNKNOWN. */
  reason: string | null;
  /** The facts used; other people's NIKs masked. */
  evidence: Record<string, unknown>;
}

export interface EligibilityResult {
  nik: string;
  ruleSet: string;
  ruleSetVersion: number;
  /** The programme the question was asked for (RULES.md, "Programme context"), or null. */
  program: string | null;
  asOf: string;
  decision: Decision;
  checks: CheckResult[];
}

type Outcome = Omit<CheckResult, 'code' | 'source'>;

/** The reason of every population check for a NIK population does not know. */
export const NOT_IN_POPULATION = 'the NIK is not in population';

const pass = (evidence: Record<string, unknown>): Outcome => ({ status: 'PASS', reason: null, evidence });
const fail = (reason: string, evidence: Record<string, unknown>): Outcome => ({ status: 'FAIL', reason, evidence });
const unknown = (reason: string): Outcome => ({ status: 'UNKNOWN', reason, evidence: {} });

/** Evaluates every check of the rule set (only IDENTITY when it fails) and decides. */
export function evaluateEligibility(facts: EligibilityFacts, ruleSet: RuleSet, asOf: string): EligibilityResult {
  const checks: CheckResult[] = [];
  const question = { nik: facts.nik, ruleSet: ruleSet.code, ruleSetVersion: ruleSet.version, program: facts.program ?? null, asOf };
  for (const code of ruleSet.checks) {
    const outcome = CHECKS[code](facts, ruleSet, asOf);
    checks.push({ code, source: CHECK_SOURCES[code].join('+'), ...outcome });
    // RULES.md: when IDENTITY fails, no other check is evaluated.
    if (code === 'IDENTITY' && outcome.status === 'FAIL') return { ...question, decision: 'INELIGIBLE', checks: [checks.at(-1)!] };
  }
  return { ...question, decision: decide(checks), checks };
}

/** Any FAIL is INELIGIBLE; else any UNKNOWN is UNDETERMINED; else ELIGIBLE. */
export function decide(checks: readonly { status: CheckStatus }[]): Decision {
  if (checks.some((c) => c.status === 'FAIL')) return 'INELIGIBLE';
  if (checks.some((c) => c.status === 'UNKNOWN')) return 'UNDETERMINED';
  return 'ELIGIBLE';
}

/**
 * Only whether the facts make the person ELIGIBLE, stopping at the first check that
 * fails: the same answer as `evaluateEligibility(...).decision === 'ELIGIBLE'`, for
 * scanning whole populations.
 */
export function isEligible(facts: EligibilityFacts, ruleSet: RuleSet, asOf: string): boolean {
  for (const code of ruleSet.checks) {
    if (CHECKS[code](facts, ruleSet, asOf).status !== 'PASS') return false;
  }
  return true;
}

/** RULES.md, IDENTITY: names compare ignoring case, repeated spaces and spaces at either end. */
export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * `iso` minus `days` calendar days, in UTC so no time zone shifts it. By hand rather than
 * date-fns's `subDays` + `format`, four times slower on every decision's family window
 * (bench/README.md, "Measured choices").
 */
export function daysBefore(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** The person when population answered and knows the NIK; otherwise the outcome to report. */
function withPerson(facts: EligibilityFacts, use: (person: PersonFacts) => Outcome): Outcome {
  const { population } = facts;
  if (!population.ok) return unknown(`population could not answer: ${population.reason}`);
  if (!population.value) return fail(NOT_IN_POPULATION, {});
  return use(population.value);
}

function withAnswer<T>(answer: Answer<T>, source: string, use: (value: T) => Outcome): Outcome {
  return answer.ok ? use(answer.value) : unknown(`${source} could not answer: ${answer.reason}`);
}

function disbursementEvidence(d: DisbursementFacts, subjectNik: string) {
  return { nik: d.nik === subjectNik ? d.nik : maskNik(d.nik), programCode: d.programCode, disbursedOn: d.disbursedOn };
}

/**
 * RULES.md, "Programme context": asked for programme P, the disbursements of P itself do
 * not count (being paid by the programme under review does not make its own recipient
 * ineligible for it), and the evidence names P. Without a programme every one counts.
 */
function inContext(
  facts: EligibilityFacts,
  disbursements: readonly DisbursementFacts[],
): { counted: readonly DisbursementFacts[]; evidence: { disregardedProgram?: string } } {
  const program = facts.program ?? null;
  if (program === null) return { counted: disbursements, evidence: {} };
  return { counted: disbursements.filter((d) => d.programCode !== program), evidence: { disregardedProgram: program } };
}

const CHECKS: Record<CheckCode, (facts: EligibilityFacts, ruleSet: RuleSet, asOf: string) => Outcome> = {
  IDENTITY(facts) {
    const { population } = facts;
    if (!population.ok) return unknown(`population could not answer: ${population.reason}`);
    if (!population.value) return fail(NOT_IN_POPULATION, { inPopulation: false });
    const given = facts.name ?? null;
    if (given === null) return pass({ inPopulation: true });
    return normaliseName(given) === normaliseName(population.value.fullName)
      ? pass({ inPopulation: true, nameMatches: true })
      : fail('the name given differs from the name in population', { inPopulation: true, nameMatches: false });
  },

  ALIVE: (facts, _ruleSet, asOf) =>
    withPerson(facts, ({ deathDate }) =>
      deathDate === null || deathDate > asOf
        ? pass({ deathDate })
        : fail(`died on ${deathDate}, on or before ${asOf}`, { deathDate }),
    ),

  RESIDENT: (facts, ruleSet) =>
    withPerson(facts, ({ villageCode }) => {
      const region = ruleSet.region;
      // A national rule set has no region: everyone in population is resident.
      if (region === null || villageCode.startsWith(region)) return pass({ villageCode, region });
      return fail(`lives in ${villageCode}, outside ${region}`, { villageCode, region });
    }),

  VACCINATED: (facts, _ruleSet, asOf) =>
    withAnswer(facts.vaccination, 'vaccination', (doses) => {
      const given = doses.filter((d) => d.administeredOn <= asOf);
      const evidence = { doses: given.length, firstAdministeredOn: given.map((d) => d.administeredOn).sort()[0] ?? null };
      return given.length > 0 ? pass(evidence) : fail(`no dose administered on or before ${asOf}`, evidence);
    }),

  NOT_CIVIL_SERVANT: (facts, _ruleSet, asOf) =>
    withAnswer(facts.civilService, 'civil-service', (records) => {
      // DATA.md: serving on D when start_date <= D and (end_date empty or end_date >= D).
      const serving = records.filter((r) => r.startDate <= asOf && (r.endDate === null || r.endDate >= asOf));
      const evidence = { serving: serving.map(({ corps, agency, startDate, endDate }) => ({ corps, agency, startDate, endDate })) };
      return serving.length === 0
        ? pass(evidence)
        : fail(`serves as ${serving.map((r) => r.corps).join(', ')} on ${asOf}`, evidence);
    }),

  NO_PRIOR_AID: (facts, _ruleSet, asOf) =>
    withAnswer(facts.aid, 'aid-history', (disbursements) => {
      const { counted, evidence: context } = inContext(facts, disbursements);
      const prior = counted.filter((d) => d.disbursedOn <= asOf).sort((a, b) => (a.disbursedOn < b.disbursedOn ? -1 : 1));
      if (prior.length === 0) return pass({ disbursements: 0, ...context });
      const elsewhere = context.disregardedProgram ? ` (not counting ${context.disregardedProgram})` : '';
      return fail(`received aid ${prior.length} time(s) on or before ${asOf}${elsewhere}, first on ${prior[0]!.disbursedOn}`, {
        disbursements: prior.length,
        first: disbursementEvidence(prior[0]!, facts.nik),
        ...context,
      });
    }),

  FAMILY_NOT_RECEIVING: (facts, ruleSet, asOf) =>
    withPerson(facts, (person) =>
      withAnswer(facts.familyAid, 'aid-history', (disbursements) => {
        const since = daysBefore(asOf, ruleSet.familyLookbackDays ?? 180);
        const { counted, evidence: context } = inContext(facts, disbursements);
        const recent = counted.filter((d) => d.disbursedOn > since && d.disbursedOn <= asOf);
        const evidence = { kk: maskNik(person.kk), after: since, upTo: asOf, recent: recent.map((d) => disbursementEvidence(d, facts.nik)), ...context };
        const elsewhere = context.disregardedProgram ? ` from a programme other than ${context.disregardedProgram}` : '';
        return recent.length === 0
          ? pass(evidence)
          : fail(`a member of the family received aid${elsewhere} after ${since} (${recent.length} payment(s))`, evidence);
      }),
    ),

  IN_DTKS: (facts) =>
    withAnswer(facts.dtks, 'dtks', (record) => {
      if (!record) return fail('no DTKS record', { inDtks: false });
      const evidence = { inDtks: true, status: record.status, statusReason: record.statusReason };
      return record.status === 'ACTIVE' ? pass(evidence) : fail(`the DTKS record is INACTIVE (${record.statusReason ?? 'no reason'})`, evidence);
    }),

  WELFARE_DECILE: (facts, ruleSet) =>
    withAnswer(facts.dtks, 'dtks', (record) => {
      const threshold = ruleSet.decileThreshold;
      if (!record) return fail('no DTKS record, so no decile', { decile: null, threshold });
      // Admitted through a proposal, the decile awaits verification: not known, so never a pass.
      if (record.decile === null) return { ...unknown('the DTKS decile is pending verification'), evidence: { decile: null, pending: true, threshold } };
      const evidence = { decile: record.decile, threshold };
      return threshold !== null && record.decile <= threshold ? pass(evidence) : fail(`decile ${record.decile} is above ${threshold}`, evidence);
    }),
};
