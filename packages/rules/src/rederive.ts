/**
 * A stored decision decided again from what it recorded (issue 21: `tepat audit rederive`).
 * A decision keeps its checks' evidence, not the sources' full answers; the evidence is what
 * each check used, so facts rebuilt from it make `evaluateEligibility` give the same
 * checks, reasons and evidence again when the decision followed its rule-set version. A
 * decision that does not (written by something other than this code, or under a rule set
 * that was changed in place) comes out different.
 */
import { evaluateEligibility, NOT_IN_POPULATION, type CheckResult, type EligibilityResult } from './evaluate.js';
import type { Answer, DisbursementFacts, DoseFacts, DtksFacts, EligibilityFacts, PersonFacts, ServiceFacts } from './facts.js';
import type { CheckCode, RuleSet } from './rule-set.js';

type Evidence = Record<string, unknown>;

/** The source each check's UNKNOWN reason names (evaluate.ts: "<source> could not answer: <why>"). */
const UNANSWERED = /^([a-z-]+) could not answer: ([\s\S]*)$/;

/** What a check said about its source: answered, or not, with why. */
function answered(check: CheckResult | undefined): { ok: true } | { ok: false; reason: string } | undefined {
  if (!check) return undefined;
  if (check.status !== 'UNKNOWN') return { ok: true };
  const match = UNANSWERED.exec(check.reason ?? '');
  return match ? { ok: false, reason: match[2]! } : { ok: true };
}

const no = <T>(reason: string): Answer<T> => ({ ok: false, reason });
const yes = <T>(value: T): Answer<T> => ({ ok: true, value });

/** The facts a stored decision's evidence stands for: what its checks used, no more. */
export function factsFromEvidence(result: Pick<EligibilityResult, 'nik' | 'program' | 'checks'>): EligibilityFacts {
  const check = new Map<CheckCode, CheckResult>(result.checks.map((c) => [c.code, c]));
  const evidence = (code: CheckCode): Evidence => (check.get(code)?.evidence ?? {}) as Evidence;
  const facts: EligibilityFacts = {
    nik: result.nik,
    program: result.program,
    name: null,
    population: yes(null),
    vaccination: yes([]),
    civilService: yes([]),
    aid: yes([]),
    familyAid: yes([]),
    dtks: yes(null),
  };

  // Population: IDENTITY says whether the NIK is known and the name matched; ALIVE, RESIDENT
  // and FAMILY_NOT_RECEIVING carry the death date, the village and the (masked) KK.
  const population = [check.get('IDENTITY'), check.get('ALIVE'), check.get('RESIDENT'), check.get('FAMILY_NOT_RECEIVING')]
    .map((c) => (c && c.status === 'UNKNOWN' && UNANSWERED.exec(c.reason ?? '')?.[1] === 'population' ? answered(c) : undefined))
    .find((a) => a && !a.ok);
  const unknownNik = [...check.values()].some((c) => c.status === 'FAIL' && c.reason === NOT_IN_POPULATION);
  if (population && !population.ok) {
    facts.population = no(population.reason);
  } else if (!unknownNik) {
    const person: PersonFacts = {
      fullName: 'NAMA',
      kk: String(evidence('FAMILY_NOT_RECEIVING').kk ?? ''),
      villageCode: String(evidence('RESIDENT').villageCode ?? ''),
      deathDate: (evidence('ALIVE').deathDate as string | null | undefined) ?? null,
    };
    facts.population = yes(person);
    const matches = evidence('IDENTITY').nameMatches;
    if (matches !== undefined) facts.name = matches ? person.fullName : `${person.fullName} LAIN`;
  }

  const vaccinated = answered(check.get('VACCINATED'));
  if (vaccinated && !vaccinated.ok) facts.vaccination = no(vaccinated.reason);
  else {
    const { doses, firstAdministeredOn } = evidence('VACCINATED') as { doses?: number; firstAdministeredOn?: string | null };
    facts.vaccination = yes(Array.from({ length: doses ?? 0 }, (_, i): DoseFacts => ({ dose: i + 1, administeredOn: firstAdministeredOn! })));
  }

  const service = answered(check.get('NOT_CIVIL_SERVANT'));
  if (service && !service.ok) facts.civilService = no(service.reason);
  else facts.civilService = yes(((evidence('NOT_CIVIL_SERVANT').serving ?? []) as ServiceFacts[]).map((r) => ({ ...r })));

  const prior = answered(check.get('NO_PRIOR_AID'));
  if (prior && !prior.ok) facts.aid = no(prior.reason);
  else {
    const { disbursements, first } = evidence('NO_PRIOR_AID') as { disbursements?: number; first?: DisbursementFacts };
    facts.aid = yes(first ? Array.from({ length: disbursements ?? 1 }, () => ({ ...first })) : []);
  }

  const family = check.get('FAMILY_NOT_RECEIVING');
  const familyAnswer = family?.status === 'UNKNOWN' && UNANSWERED.exec(family.reason ?? '')?.[1] === 'aid-history' ? answered(family) : undefined;
  if (familyAnswer && !familyAnswer.ok) facts.familyAid = no(familyAnswer.reason);
  else facts.familyAid = yes(((evidence('FAMILY_NOT_RECEIVING').recent ?? []) as DisbursementFacts[]).map((d) => ({ ...d })));

  // DTKS: IN_DTKS and WELFARE_DECILE read the same record; either may be in the rule set alone.
  const dtksDown = [check.get('IN_DTKS'), check.get('WELFARE_DECILE')].map(answered).find((a) => a && !a.ok);
  if (dtksDown && !dtksDown.ok) facts.dtks = no(dtksDown.reason);
  else {
    const inDtks = evidence('IN_DTKS');
    const decile = evidence('WELFARE_DECILE');
    const known = inDtks.inDtks ?? (check.has('WELFARE_DECILE') ? decile.decile !== null || decile.pending === true : false);
    const record: DtksFacts = {
      status: (inDtks.status as DtksFacts['status'] | undefined) ?? 'ACTIVE',
      statusReason: (inDtks.statusReason as string | null | undefined) ?? null,
      decile: (decile.decile as number | null | undefined) ?? null,
    };
    facts.dtks = yes(known ? record : null);
  }
  return facts;
}

export interface Rederived {
  /** True when deciding again from the evidence gives the stored decision, check by check. */
  same: boolean;
  again: EligibilityResult;
}

/** Decides a stored decision again from its evidence under the rule-set version it names. */
export function rederive(stored: EligibilityResult, ruleSet: RuleSet): Rederived {
  const again = evaluateEligibility(factsFromEvidence(stored), ruleSet, stored.asOf);
  const same = again.decision === stored.decision && canonical(again.checks) === canonical(stored.checks);
  return { same, again };
}

/** JSON with keys in one order, so evidence read back from the database compares equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}
