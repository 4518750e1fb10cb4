/**
 * The eligibility decision against /work/shared/contract/RULES.md (and DATA.md for
 * "serves on day D"), on plain objects only. Expected values are worked out here, not
 * taken from the implementation.
 */
import { describe, expect, it } from '@jest/globals';
import {
  BUILT_IN_RULE_SETS,
  CHECK_CODES,
  evaluateEligibility,
  isEligible,
  type Answer,
  type CheckCode,
  type CheckResult,
  type DisbursementFacts,
  type EligibilityFacts,
  type PersonFacts,
  type RuleSet,
} from './index.js';

// ---------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------

const AS_OF = '2024-07-01';
const DAY_BEFORE = '2024-06-30';
const DAY_AFTER = '2024-07-02';
// 2024-07-01 minus 180 days: back to 2024-01-01 is 31+29+31+30+31+30 = 182 days
// (2024 is a leap year), so 180 days back is 2024-01-03 and 179 days back 2024-01-04.
const DAYS_180_BEFORE = '2024-01-03';
const DAYS_179_BEFORE = '2024-01-04';

/** The subject: a man born 15-05-1980, first registered in 51.01.01 (Jembrana). */
const SUBJECT = '5101011505800001';
/** His wife on the same family card: born 17-08-1985, DD + 40 for a woman. */
const WIFE = '5101015708850003';
const WIFE_MASKED = '5101********0003';
const KK = '5101010101090001';
const NAME = 'I Made Budi Santoso';

const ok = <T>(value: T): Answer<T> => ({ ok: true, value });
const down = (reason: string): Answer<never> => ({ ok: false, reason });

function person(overrides: Partial<PersonFacts> = {}): PersonFacts {
  return { fullName: NAME, kk: KK, villageCode: '51.01.01.2001', deathDate: null, ...overrides };
}

function disbursement(nik: string, disbursedOn: string, programCode = 'BLT_DD'): DisbursementFacts {
  return { nik, programCode, disbursedOn };
}

/**
 * An eligible Jembrana resident by default (village 51.01.01.2001, alive, vaccinated,
 * no civil service, never aided, family not aided, active in DTKS at decile 2).
 */
function facts(overrides: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    nik: SUBJECT,
    population: ok(person()),
    vaccination: ok([{ dose: 1, administeredOn: '2021-08-10' }]),
    civilService: ok([]),
    aid: ok([]),
    familyAid: ok([]),
    dtks: ok({ status: 'ACTIVE', statusReason: null, decile: 2 }),
    ...overrides,
  };
}

/** Every check, Jembrana, threshold 4, lookback 180: for checking one check at a time. */
const ALL: RuleSet = {
  code: 'TEST_ALL',
  version: 3,
  name: 'every check',
  region: '51.01',
  checks: CHECK_CODES,
  decileThreshold: 4,
  familyLookbackDays: 180,
};

const ruleSet = (code: string): RuleSet => {
  const found = BUILT_IN_RULE_SETS.find((r) => r.code === code);
  if (!found) throw new Error(`no built-in rule set ${code}`);
  return found;
};

/** The one check `code` evaluated alone (a rule set holding only it). */
function only(code: CheckCode, f: EligibilityFacts, rs: Partial<RuleSet> = {}, asOf = AS_OF): CheckResult {
  const result = evaluateEligibility(f, { ...ALL, ...rs, checks: [code] }, asOf);
  expect(result.checks).toHaveLength(1);
  expect(result.checks[0]!.code).toBe(code);
  return result.checks[0]!;
}

const codes = (checks: readonly CheckResult[]) => checks.map((c) => c.code);
const statuses = (checks: readonly CheckResult[]) => Object.fromEntries(checks.map((c) => [c.code, c.status]));

// ---------------------------------------------------------------------------------
// The result envelope and sources
// ---------------------------------------------------------------------------------

describe('evaluateEligibility: result', () => {
  it('reports the NIK, rule-set code and version, as-of date and one result per check in rule-set order', () => {
    const result = evaluateEligibility(facts(), ALL, AS_OF);
    expect(result.nik).toBe(SUBJECT);
    expect(result.ruleSet).toBe('TEST_ALL');
    expect(result.ruleSetVersion).toBe(3);
    expect(result.asOf).toBe(AS_OF);
    expect(codes(result.checks)).toEqual([
      'IDENTITY',
      'ALIVE',
      'RESIDENT',
      'VACCINATED',
      'NOT_CIVIL_SERVANT',
      'NO_PRIOR_AID',
      'FAMILY_NOT_RECEIVING',
      'IN_DTKS',
      'WELFARE_DECILE',
    ]);
  });

  it('reports each check against the source subgraph(s) of the RULES.md table', () => {
    const result = evaluateEligibility(facts(), ALL, AS_OF);
    expect(Object.fromEntries(result.checks.map((c) => [c.code, c.source]))).toEqual({
      IDENTITY: 'population',
      ALIVE: 'population',
      RESIDENT: 'population',
      VACCINATED: 'vaccination',
      NOT_CIVIL_SERVANT: 'civil-service',
      NO_PRIOR_AID: 'aid-history',
      FAMILY_NOT_RECEIVING: 'population+aid-history',
      IN_DTKS: 'dtks',
      WELFARE_DECILE: 'dtks',
    });
  });

  it('gives a reason for FAIL and UNKNOWN, none for PASS', () => {
    const pass = only('ALIVE', facts());
    const fail = only('ALIVE', facts({ population: ok(person({ deathDate: '2020-01-01' })) }));
    const unknown = only('ALIVE', facts({ population: down('timeout') }));
    expect(pass.reason).toBeNull();
    expect(fail.reason).toEqual(expect.any(String));
    expect(unknown.reason).toEqual(expect.any(String));
  });
});

// ---------------------------------------------------------------------------------
// IDENTITY
// ---------------------------------------------------------------------------------

describe('IDENTITY', () => {
  it('passes when the NIK is in population and no name is given', () => {
    expect(only('IDENTITY', facts()).status).toBe('PASS');
    expect(only('IDENTITY', facts({ name: null })).status).toBe('PASS');
  });

  it('passes when the given name equals full_name exactly', () => {
    expect(only('IDENTITY', facts({ name: NAME })).status).toBe('PASS');
  });

  it('passes when the given name differs only in case', () => {
    expect(only('IDENTITY', facts({ name: 'i made BUDI santoso' })).status).toBe('PASS');
  });

  it('passes when the given name has repeated inner spaces', () => {
    expect(only('IDENTITY', facts({ name: 'I  Made   Budi    Santoso' })).status).toBe('PASS');
  });

  it('passes when the given name has leading and trailing spaces', () => {
    expect(only('IDENTITY', facts({ name: '   I Made Budi Santoso  ' })).status).toBe('PASS');
  });

  it('passes when full_name in population itself carries odd spacing and case', () => {
    const f = facts({ population: ok(person({ fullName: ' I MADE  Budi Santoso ' })), name: 'i made budi santoso' });
    expect(only('IDENTITY', f).status).toBe('PASS');
  });

  it('passes with case, repeated spaces and outer spaces all at once', () => {
    expect(only('IDENTITY', facts({ name: '  i MADE  budi   SANTOSO ' })).status).toBe('PASS');
  });

  it('fails on a different name, and then only IDENTITY is reported and the decision is INELIGIBLE', () => {
    const result = evaluateEligibility(facts({ name: 'I Made Budi Santosa' }), ALL, AS_OF);
    expect(result.decision).toBe('INELIGIBLE');
    expect(codes(result.checks)).toEqual(['IDENTITY']);
    expect(result.checks[0]!.status).toBe('FAIL');
    expect(result.checks[0]!.reason).toEqual(expect.any(String));
  });

  it('does not ignore inner spaces altogether: a name with words run together fails', () => {
    expect(only('IDENTITY', facts({ name: 'I MadeBudi Santoso' })).status).toBe('FAIL');
  });

  it('fails on an unknown NIK, and then only IDENTITY is reported and the decision is INELIGIBLE', () => {
    const result = evaluateEligibility(facts({ population: ok(null) }), ALL, AS_OF);
    expect(result.decision).toBe('INELIGIBLE');
    expect(codes(result.checks)).toEqual(['IDENTITY']);
    expect(result.checks[0]!.status).toBe('FAIL');
  });

  it('on an unknown NIK reports only IDENTITY even when other sources are down', () => {
    const f = facts({
      population: ok(null),
      vaccination: down('x'),
      civilService: down('x'),
      aid: down('x'),
      familyAid: down('x'),
      dtks: down('x'),
    });
    const result = evaluateEligibility(f, ALL, AS_OF);
    expect(result.decision).toBe('INELIGIBLE');
    expect(codes(result.checks)).toEqual(['IDENTITY']);
  });

  it('is UNKNOWN when population cannot answer, with the reason, and the other checks are still evaluated', () => {
    const result = evaluateEligibility(facts({ population: down('population timed out after 5s'), name: NAME }), ALL, AS_OF);
    const identity = result.checks[0]!;
    expect(identity.code).toBe('IDENTITY');
    expect(identity.status).toBe('UNKNOWN');
    expect(identity.reason).toContain('population timed out after 5s');
    expect(result.checks).toHaveLength(CHECK_CODES.length);
    expect(result.decision).toBe('UNDETERMINED');
  });
});

// ---------------------------------------------------------------------------------
// ALIVE
// ---------------------------------------------------------------------------------

describe('ALIVE', () => {
  it('passes when death_date is empty', () => {
    expect(only('ALIVE', facts()).status).toBe('PASS');
  });

  it('fails when death_date equals the as-of date', () => {
    const check = only('ALIVE', facts({ population: ok(person({ deathDate: AS_OF })) }));
    expect(check.status).toBe('FAIL');
    expect(JSON.stringify(check.evidence)).toContain(AS_OF);
  });

  it('passes when death_date is the day after the as-of date', () => {
    expect(only('ALIVE', facts({ population: ok(person({ deathDate: DAY_AFTER })) })).status).toBe('PASS');
  });

  it('fails when death_date is well before the as-of date', () => {
    const check = only('ALIVE', facts({ population: ok(person({ deathDate: '2022-02-14' })) }));
    expect(check.status).toBe('FAIL');
    expect(JSON.stringify(check.evidence)).toContain('2022-02-14');
  });

  it('is UNKNOWN when population cannot answer, naming the reason', () => {
    const check = only('ALIVE', facts({ population: down('ECONNREFUSED population:4001') }));
    expect(check.status).toBe('UNKNOWN');
    expect(check.reason).toContain('ECONNREFUSED population:4001');
  });
});

// ---------------------------------------------------------------------------------
// RESIDENT
// ---------------------------------------------------------------------------------

describe('RESIDENT', () => {
  it('passes when village_code starts with the region code (51.01.01.2001 in 51.01)', () => {
    expect(only('RESIDENT', facts()).status).toBe('PASS');
  });

  it('fails when village_code is in another province (35.10.01.2001 not in 51.01)', () => {
    const check = only('RESIDENT', facts({ population: ok(person({ villageCode: '35.10.01.2001' })) }));
    expect(check.status).toBe('FAIL');
    expect(JSON.stringify(check.evidence)).toContain('35.10.01.2001');
  });

  it('fails when village_code is in another regency of the same province (51.02.01.2001 not in 51.01)', () => {
    expect(only('RESIDENT', facts({ population: ok(person({ villageCode: '51.02.01.2001' })) })).status).toBe('FAIL');
  });

  it('matches by prefix at any depth of region code (district 51.01.01)', () => {
    expect(only('RESIDENT', facts(), { region: '51.01.01' }).status).toBe('PASS');
    expect(only('RESIDENT', facts(), { region: '51.01.02' }).status).toBe('FAIL');
  });

  it('passes anyone in population for a national rule set (region null)', () => {
    const f = facts({ population: ok(person({ villageCode: '94.71.01.1001' })) });
    expect(only('RESIDENT', f, { region: null }).status).toBe('PASS');
  });

  it('is UNKNOWN when population cannot answer, naming the reason', () => {
    const check = only('RESIDENT', facts({ population: down('population: 503') }));
    expect(check.status).toBe('UNKNOWN');
    expect(check.reason).toContain('population: 503');
  });
});

// ---------------------------------------------------------------------------------
// VACCINATED
// ---------------------------------------------------------------------------------

describe('VACCINATED', () => {
  it('passes with a dose administered before the as-of date', () => {
    const check = only('VACCINATED', facts());
    expect(check.status).toBe('PASS');
    expect(JSON.stringify(check.evidence)).toContain('2021-08-10');
  });

  it('passes with a dose administered on the as-of date', () => {
    expect(only('VACCINATED', facts({ vaccination: ok([{ dose: 1, administeredOn: AS_OF }]) })).status).toBe('PASS');
  });

  it('fails when the only dose is administered the day after the as-of date', () => {
    expect(only('VACCINATED', facts({ vaccination: ok([{ dose: 1, administeredOn: DAY_AFTER }]) })).status).toBe('FAIL');
  });

  it('fails with no dose at all', () => {
    expect(only('VACCINATED', facts({ vaccination: ok([]) })).status).toBe('FAIL');
  });

  it('passes when one of several doses is on or before the as-of date', () => {
    const doses = [
      { dose: 2, administeredOn: DAY_AFTER },
      { dose: 1, administeredOn: DAY_BEFORE },
    ];
    expect(only('VACCINATED', facts({ vaccination: ok(doses) })).status).toBe('PASS');
  });

  it('is UNKNOWN when vaccination cannot answer, naming the reason', () => {
    const check = only('VACCINATED', facts({ vaccination: down('PeduliLindungi mirror is down') }));
    expect(check.status).toBe('UNKNOWN');
    expect(check.reason).toContain('PeduliLindungi mirror is down');
  });
});

// ---------------------------------------------------------------------------------
// NOT_CIVIL_SERVANT (DATA.md: serves on D when start_date <= D and (end_date empty or end_date >= D))
// ---------------------------------------------------------------------------------

describe('NOT_CIVIL_SERVANT', () => {
  const service = (startDate: string, endDate: string | null, corps: 'ASN' | 'TNI' | 'POLRI' = 'ASN') => ({
    corps,
    agency: 'Pemkab Jembrana',
    startDate,
    endDate,
  });

  it('passes with no personnel record', () => {
    expect(only('NOT_CIVIL_SERVANT', facts()).status).toBe('PASS');
  });

  it.each(['ASN', 'TNI', 'POLRI'] as const)('fails for a %s still serving (no end_date), naming the corps', (corps) => {
    const check = only('NOT_CIVIL_SERVANT', facts({ civilService: ok([service('2010-03-01', null, corps)]) }));
    expect(check.status).toBe('FAIL');
    expect(JSON.stringify(check.evidence)).toContain(corps);
  });

  it('fails when start_date equals the as-of date (serving on D)', () => {
    expect(only('NOT_CIVIL_SERVANT', facts({ civilService: ok([service(AS_OF, null)]) })).status).toBe('FAIL');
  });

  it('passes when start_date is the day after the as-of date', () => {
    expect(only('NOT_CIVIL_SERVANT', facts({ civilService: ok([service(DAY_AFTER, null)]) })).status).toBe('PASS');
  });

  it('fails when end_date equals the as-of date (serving on D)', () => {
    expect(only('NOT_CIVIL_SERVANT', facts({ civilService: ok([service('2000-01-01', AS_OF)]) })).status).toBe('FAIL');
  });

  it('passes when end_date is the day before the as-of date', () => {
    expect(only('NOT_CIVIL_SERVANT', facts({ civilService: ok([service('2000-01-01', DAY_BEFORE)]) })).status).toBe('PASS');
  });

  it('fails when any one of several records is serving on D', () => {
    const records = [service('1990-01-01', '2005-12-31', 'TNI'), service('2006-01-01', null, 'POLRI')];
    const check = only('NOT_CIVIL_SERVANT', facts({ civilService: ok(records) }));
    expect(check.status).toBe('FAIL');
    expect(JSON.stringify(check.evidence)).toContain('POLRI');
  });

  it('is UNKNOWN when civil-service cannot answer, naming the reason', () => {
    const check = only('NOT_CIVIL_SERVANT', facts({ civilService: down('BKN feed unavailable') }));
    expect(check.status).toBe('UNKNOWN');
    expect(check.reason).toContain('BKN feed unavailable');
  });
});

// ---------------------------------------------------------------------------------
// NO_PRIOR_AID
// ---------------------------------------------------------------------------------

describe('NO_PRIOR_AID', () => {
  it('passes with no disbursement', () => {
    expect(only('NO_PRIOR_AID', facts()).status).toBe('PASS');
  });

  it('fails with a disbursement on the as-of date', () => {
    expect(only('NO_PRIOR_AID', facts({ aid: ok([disbursement(SUBJECT, AS_OF)]) })).status).toBe('FAIL');
  });

  it('passes when the only disbursement is the day after the as-of date', () => {
    expect(only('NO_PRIOR_AID', facts({ aid: ok([disbursement(SUBJECT, DAY_AFTER)]) })).status).toBe('PASS');
  });

  it('fails on any earlier disbursement, however long ago ("never received any aid"), with date and programme as evidence', () => {
    const check = only('NO_PRIOR_AID', facts({ aid: ok([disbursement(SUBJECT, '2015-04-20', 'PKH')]) }));
    expect(check.status).toBe('FAIL');
    const evidence = JSON.stringify(check.evidence);
    expect(evidence).toContain('2015-04-20');
    expect(evidence).toContain('PKH');
  });

  it('is UNKNOWN when aid-history cannot answer, naming the reason', () => {
    const check = only('NO_PRIOR_AID', facts({ aid: down('aid-history: query timeout') }));
    expect(check.status).toBe('UNKNOWN');
    expect(check.reason).toContain('aid-history: query timeout');
  });
});

// ---------------------------------------------------------------------------------
// FAMILY_NOT_RECEIVING (D - 180 days < disbursed_on <= D)
// ---------------------------------------------------------------------------------

describe('FAMILY_NOT_RECEIVING', () => {
  const family = (...d: DisbursementFacts[]) => facts({ familyAid: ok(d) });

  it('passes when no family member received anything', () => {
    expect(only('FAMILY_NOT_RECEIVING', facts()).status).toBe('PASS');
  });

  it('passes when the disbursement is exactly 180 days before D (2024-01-03, outside the window)', () => {
    expect(only('FAMILY_NOT_RECEIVING', family(disbursement(WIFE, DAYS_180_BEFORE))).status).toBe('PASS');
  });

  it('fails when the disbursement is 179 days before D (2024-01-04, inside the window)', () => {
    expect(only('FAMILY_NOT_RECEIVING', family(disbursement(WIFE, DAYS_179_BEFORE))).status).toBe('FAIL');
  });

  it('fails when the disbursement is on D', () => {
    expect(only('FAMILY_NOT_RECEIVING', family(disbursement(WIFE, AS_OF))).status).toBe('FAIL');
  });

  it('passes when the disbursement is after D', () => {
    expect(only('FAMILY_NOT_RECEIVING', family(disbursement(WIFE, DAY_AFTER))).status).toBe('PASS');
  });

  it('fails when the person themself (a member of the family) received aid in the window', () => {
    expect(only('FAMILY_NOT_RECEIVING', family(disbursement(SUBJECT, '2024-05-15'))).status).toBe('FAIL');
  });

  it('uses the lookback of the rule set (30 days: 2024-06-01 outside, 2024-06-02 inside)', () => {
    expect(only('FAMILY_NOT_RECEIVING', family(disbursement(WIFE, '2024-06-01')), { familyLookbackDays: 30 }).status).toBe('PASS');
    expect(only('FAMILY_NOT_RECEIVING', family(disbursement(WIFE, '2024-06-02')), { familyLookbackDays: 30 }).status).toBe('FAIL');
  });

  it('is UNKNOWN when aid-history cannot answer, naming the reason', () => {
    const check = only('FAMILY_NOT_RECEIVING', facts({ familyAid: down('aid-history connection reset') }));
    expect(check.status).toBe('UNKNOWN');
    expect(check.reason).toContain('aid-history connection reset');
  });

  it('is UNKNOWN when population (which gives the family) cannot answer, naming the reason', () => {
    const check = only('FAMILY_NOT_RECEIVING', facts({ population: down('population read replica lagging') }));
    expect(check.status).toBe('UNKNOWN');
    expect(check.reason).toContain('population read replica lagging');
  });
});

// ---------------------------------------------------------------------------------
// Programme context (RULES.md): the programme asked for does not count against itself
// ---------------------------------------------------------------------------------

describe('programme context', () => {
  const inProgram = (program: string | null, overrides: Partial<EligibilityFacts>) => facts({ ...overrides, program });

  it('NO_PRIOR_AID disregards the payments of the programme asked for, and says which', () => {
    const own = { aid: ok([disbursement(SUBJECT, '2024-03-10', 'BANSOS_JEMBRANA')]) };
    expect(only('NO_PRIOR_AID', inProgram(null, own)).status).toBe('FAIL');
    const check = only('NO_PRIOR_AID', inProgram('BANSOS_JEMBRANA', own));
    expect(check).toMatchObject({ status: 'PASS', evidence: { disbursements: 0, disregardedProgram: 'BANSOS_JEMBRANA' } });
  });

  it('NO_PRIOR_AID still fails on another programme\'s payment, naming the one disregarded', () => {
    const aid = ok([disbursement(SUBJECT, '2024-03-10', 'BANSOS_JEMBRANA'), disbursement(SUBJECT, '2024-05-02', 'BLT')]);
    const check = only('NO_PRIOR_AID', inProgram('BANSOS_JEMBRANA', { aid }));
    expect(check.status).toBe('FAIL');
    expect(check.evidence).toEqual({
      disbursements: 1,
      first: { nik: SUBJECT, programCode: 'BLT', disbursedOn: '2024-05-02' },
      disregardedProgram: 'BANSOS_JEMBRANA',
    });
    expect(check.reason).toContain('not counting BANSOS_JEMBRANA');
  });

  it('FAMILY_NOT_RECEIVING disregards the programme\'s own payments at both ends of the window', () => {
    const own = (day: string) => inProgram('SMART_KAMPUNG', { familyAid: ok([disbursement(WIFE, day, 'SMART_KAMPUNG')]) });
    for (const day of [DAYS_179_BEFORE, AS_OF]) {
      expect(only('FAMILY_NOT_RECEIVING', own(day))).toMatchObject({ status: 'PASS', evidence: { recent: [], disregardedProgram: 'SMART_KAMPUNG' } });
    }
  });

  it('FAMILY_NOT_RECEIVING counts other programmes in the window (179 days: in; 180 days: out)', () => {
    const other = (day: string) =>
      inProgram('SMART_KAMPUNG', { familyAid: ok([disbursement(WIFE, day, 'PKH'), disbursement(SUBJECT, day, 'SMART_KAMPUNG')]) });
    const inside = only('FAMILY_NOT_RECEIVING', other(DAYS_179_BEFORE));
    expect(inside.status).toBe('FAIL');
    expect(inside.evidence).toMatchObject({ recent: [{ nik: WIFE_MASKED, programCode: 'PKH', disbursedOn: DAYS_179_BEFORE }], disregardedProgram: 'SMART_KAMPUNG' });
    expect(inside.reason).toContain('other than SMART_KAMPUNG');
    expect(only('FAMILY_NOT_RECEIVING', other(DAYS_180_BEFORE)).status).toBe('PASS');
  });

  it('changes nothing for checks that do not read aid, and isEligible agrees', () => {
    const iban = BUILT_IN_RULE_SETS.find((r) => r.code === 'IBAN')!;
    const paidByItself = inProgram('BANSOS_JEMBRANA', { aid: ok([disbursement(SUBJECT, '2024-03-10', 'BANSOS_JEMBRANA')]) });
    expect(evaluateEligibility(paidByItself, iban, AS_OF).decision).toBe('ELIGIBLE');
    expect(isEligible(paidByItself, iban, AS_OF)).toBe(true);
    expect(isEligible({ ...paidByItself, program: 'BLT' }, iban, AS_OF)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------
// IN_DTKS and WELFARE_DECILE
// ---------------------------------------------------------------------------------

describe('WELFARE_DECILE with a decile pending verification', () => {
  it('is UNKNOWN, never a pass, while IN_DTKS passes on the ACTIVE record', () => {
    const pending = facts({ dtks: ok({ status: 'ACTIVE', statusReason: null, decile: null }) });
    expect(only('WELFARE_DECILE', pending)).toMatchObject({ status: 'UNKNOWN', reason: 'the DTKS decile is pending verification', evidence: { pending: true } });
    expect(only('IN_DTKS', pending).status).toBe('PASS');
    expect(evaluateEligibility(pending, BUILT_IN_RULE_SETS.find((r) => r.code === 'DTKS')!, AS_OF).decision).toBe('UNDETERMINED');
  });
});

describe('IN_DTKS', () => {
  it('passes with an ACTIVE DTKS record', () => {
    expect(only('IN_DTKS', facts()).status).toBe('PASS');
  });

  it('fails with an INACTIVE DTKS record', () => {
    const check = only('IN_DTKS', facts({ dtks: ok({ status: 'INACTIVE', statusReason: 'MAMPU', decile: 2 }) }));
    expect(check.status).toBe('FAIL');
  });

  it('fails with no DTKS record', () => {
    expect(only('IN_DTKS', facts({ dtks: ok(null) })).status).toBe('FAIL');
  });

  it('is UNKNOWN when dtks cannot answer, naming the reason', () => {
    const check = only('IN_DTKS', facts({ dtks: down('SIKS-NG maintenance window') }));
    expect(check.status).toBe('UNKNOWN');
    expect(check.reason).toContain('SIKS-NG maintenance window');
  });
});

describe('WELFARE_DECILE', () => {
  const decile = (d: number) => facts({ dtks: ok({ status: 'ACTIVE', statusReason: null, decile: d }) });

  it('passes below the threshold (decile 1, threshold 4)', () => {
    expect(only('WELFARE_DECILE', decile(1)).status).toBe('PASS');
  });

  it('passes at the threshold (decile 4, threshold 4)', () => {
    expect(only('WELFARE_DECILE', decile(4)).status).toBe('PASS');
  });

  it('fails at threshold + 1 (decile 5, threshold 4)', () => {
    const check = only('WELFARE_DECILE', decile(5));
    expect(check.status).toBe('FAIL');
    expect(check.evidence).toMatchObject({ decile: 5, threshold: 4 });
  });

  it('uses the threshold of the rule set (decile 6 passes at threshold 6, fails at 5)', () => {
    expect(only('WELFARE_DECILE', decile(6), { decileThreshold: 6 }).status).toBe('PASS');
    expect(only('WELFARE_DECILE', decile(6), { decileThreshold: 5 }).status).toBe('FAIL');
  });

  it('fails with no DTKS record (no decile to compare)', () => {
    expect(only('WELFARE_DECILE', facts({ dtks: ok(null) })).status).toBe('FAIL');
  });

  it('is UNKNOWN when dtks cannot answer, naming the reason', () => {
    const check = only('WELFARE_DECILE', facts({ dtks: down('dtks: 502 Bad Gateway') }));
    expect(check.status).toBe('UNKNOWN');
    expect(check.reason).toContain('dtks: 502 Bad Gateway');
  });
});

// ---------------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------------

describe('decision', () => {
  it('is ELIGIBLE when every check passes', () => {
    const result = evaluateEligibility(facts({ name: NAME }), ALL, AS_OF);
    expect(result.checks.every((c) => c.status === 'PASS')).toBe(true);
    expect(result.decision).toBe('ELIGIBLE');
  });

  it('is INELIGIBLE when one check fails and the rest pass', () => {
    const result = evaluateEligibility(facts({ dtks: ok({ status: 'ACTIVE', statusReason: null, decile: 9 }) }), ALL, AS_OF);
    expect(statuses(result.checks).WELFARE_DECILE).toBe('FAIL');
    expect(result.decision).toBe('INELIGIBLE');
  });

  it('is INELIGIBLE when a check fails even with UNKNOWN checks present', () => {
    const f = facts({ population: down('population down'), civilService: ok([{ corps: 'TNI', agency: 'Kodim 1617', startDate: '2015-01-01', endDate: null }]) });
    const result = evaluateEligibility(f, ALL, AS_OF);
    const s = statuses(result.checks);
    expect(s.IDENTITY).toBe('UNKNOWN');
    expect(s.ALIVE).toBe('UNKNOWN');
    expect(s.NOT_CIVIL_SERVANT).toBe('FAIL');
    expect(result.decision).toBe('INELIGIBLE');
  });

  it('is UNDETERMINED when a check is UNKNOWN and none fails', () => {
    const result = evaluateEligibility(facts({ vaccination: down('vaccination timed out') }), ALL, AS_OF);
    const s = statuses(result.checks);
    expect(s.VACCINATED).toBe('UNKNOWN');
    expect(Object.values(s).filter((v) => v !== 'PASS')).toEqual(['UNKNOWN']);
    expect(result.decision).toBe('UNDETERMINED');
  });

  it.each([
    ['population', { population: down('down') }],
    ['vaccination', { vaccination: down('down') }],
    ['civil-service', { civilService: down('down') }],
    ['aid-history (own aid)', { aid: down('down') }],
    ['aid-history (family aid)', { familyAid: down('down') }],
    ['dtks', { dtks: down('down') }],
  ] as const)('never gives ELIGIBLE when %s is down, otherwise eligible facts', (_source, override) => {
    const f = facts(override as Partial<EligibilityFacts>);
    const result = evaluateEligibility(f, ALL, AS_OF);
    expect(result.decision).toBe('UNDETERMINED');
    expect(result.checks.some((c) => c.status === 'UNKNOWN')).toBe(true);
    expect(isEligible(f, ALL, AS_OF)).toBe(false);
  });

  it('never gives ELIGIBLE when every source is down', () => {
    const f = facts({
      population: down('d'),
      vaccination: down('d'),
      civilService: down('d'),
      aid: down('d'),
      familyAid: down('d'),
      dtks: down('d'),
    });
    for (const rs of [ALL, ...BUILT_IN_RULE_SETS]) {
      const result = evaluateEligibility(f, rs, AS_OF);
      expect(result.decision).toBe('UNDETERMINED');
      expect(result.checks.every((c) => c.status === 'UNKNOWN')).toBe(true);
      expect(isEligible(f, rs, AS_OF)).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------------
// Evidence masks other people's NIKs
// ---------------------------------------------------------------------------------

describe('evidence', () => {
  it('masks a family member\'s NIK in FAMILY_NOT_RECEIVING evidence and keeps the subject\'s own', () => {
    const f = facts({
      familyAid: ok([disbursement(WIFE, '2024-03-10', 'PKH'), disbursement(SUBJECT, '2024-05-15', 'BPNT')]),
    });
    const check = only('FAMILY_NOT_RECEIVING', f);
    expect(check.status).toBe('FAIL');
    expect(check.evidence.recent).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nik: WIFE_MASKED, programCode: 'PKH', disbursedOn: '2024-03-10' }),
        expect.objectContaining({ nik: SUBJECT, programCode: 'BPNT', disbursedOn: '2024-05-15' }),
      ]),
    );
  });

  it('never shows another person\'s full NIK anywhere in the result', () => {
    const f = facts({
      aid: ok([disbursement(SUBJECT, '2023-01-05', 'BLT_DD')]),
      familyAid: ok([disbursement(WIFE, '2024-03-10', 'PKH')]),
    });
    const json = JSON.stringify(evaluateEligibility(f, ALL, AS_OF));
    expect(json).not.toContain(WIFE);
    expect(json).toContain(WIFE_MASKED);
  });

  it('keeps the subject\'s own NIK unmasked in NO_PRIOR_AID evidence', () => {
    const check = only('NO_PRIOR_AID', facts({ aid: ok([disbursement(SUBJECT, '2023-01-05', 'BLT_DD')]) }));
    expect(JSON.stringify(check.evidence)).toContain(SUBJECT);
  });
});

// ---------------------------------------------------------------------------------
// isEligible agrees with evaluateEligibility
// ---------------------------------------------------------------------------------

describe('isEligible', () => {
  const rsAll = ALL;
  const iban = ruleSet('IBAN');
  const bwi = ruleSet('BANYUWANGI');
  const dtks = ruleSet('DTKS');
  const banyuwangiPerson = ok(person({ villageCode: '35.10.01.2001' }));

  const table: [string, EligibilityFacts, RuleSet, string, boolean][] = [
    ['all pass, every check', facts({ name: NAME }), rsAll, AS_OF, true],
    ['all pass, IBAN', facts(), iban, AS_OF, true],
    ['unknown NIK', facts({ population: ok(null) }), iban, AS_OF, false],
    ['wrong name', facts({ name: 'Ketut Wirawan' }), iban, AS_OF, false],
    ['dead on D', facts({ population: ok(person({ deathDate: AS_OF })) }), iban, AS_OF, false],
    ['dies the day after D', facts({ population: ok(person({ deathDate: DAY_AFTER })) }), iban, AS_OF, true],
    ['outside Jembrana for IBAN', facts({ population: banyuwangiPerson }), iban, AS_OF, false],
    ['Banyuwangi resident, BANYUWANGI', facts({ population: banyuwangiPerson }), bwi, AS_OF, true],
    ['vaccinated only after D', facts({ vaccination: ok([{ dose: 1, administeredOn: DAY_AFTER }]) }), iban, AS_OF, false],
    ['vaccination down', facts({ vaccination: down('x') }), iban, AS_OF, false],
    ['vaccination down, not used by DTKS', facts({ vaccination: down('x') }), dtks, AS_OF, true],
    ['serving ASN', facts({ civilService: ok([{ corps: 'ASN', agency: 'a', startDate: '2001-01-01', endDate: null }]) }), dtks, AS_OF, false],
    ['prior aid', facts({ aid: ok([disbursement(SUBJECT, '2019-09-09')]) }), iban, AS_OF, false],
    ['family aid 179 days ago', facts({ population: banyuwangiPerson, familyAid: ok([disbursement(WIFE, DAYS_179_BEFORE)]) }), bwi, AS_OF, false],
    ['family aid 180 days ago', facts({ population: banyuwangiPerson, familyAid: ok([disbursement(WIFE, DAYS_180_BEFORE)]) }), bwi, AS_OF, true],
    ['decile 5 on DTKS', facts({ dtks: ok({ status: 'ACTIVE', statusReason: null, decile: 5 }) }), dtks, AS_OF, false],
    ['dtks down', facts({ dtks: down('x') }), dtks, AS_OF, false],
    ['population down, civil servant (FAIL + UNKNOWN)', facts({ population: down('x'), civilService: ok([{ corps: 'TNI', agency: 'a', startDate: '2001-01-01', endDate: null }]) }), dtks, AS_OF, false],
    ['earlier as-of date before the only dose', facts(), iban, '2021-08-09', false],
  ];

  it.each(table)('agrees with evaluateEligibility: %s', (_label, f, rs, asOf, expected) => {
    expect(isEligible(f, rs, asOf)).toBe(expected);
    expect(evaluateEligibility(f, rs, asOf).decision === 'ELIGIBLE').toBe(expected);
  });
});

// ---------------------------------------------------------------------------------
// Built-in rule sets
// ---------------------------------------------------------------------------------

describe('BUILT_IN_RULE_SETS', () => {
  it('are IBAN, BANYUWANGI and DTKS as in the RULES.md table, and the community reports\' cross-check', () => {
    expect(BUILT_IN_RULE_SETS.map((r) => [r.code, r.region, r.checks])).toEqual([
      ['IBAN', '51.01', ['IDENTITY', 'ALIVE', 'RESIDENT', 'VACCINATED', 'NOT_CIVIL_SERVANT', 'NO_PRIOR_AID']],
      ['BANYUWANGI', '35.10', ['IDENTITY', 'ALIVE', 'RESIDENT', 'FAMILY_NOT_RECEIVING']],
      ['DTKS', null, ['IDENTITY', 'ALIVE', 'IN_DTKS', 'WELFARE_DECILE', 'NOT_CIVIL_SERVANT']],
      // API.md, submitReport: FAMILY_NOT_RECEIVING for any programme, as of today, wherever the person lives.
      ['LAPORAN_WARGA', null, ['IDENTITY', 'FAMILY_NOT_RECEIVING']],
    ]);
    expect(ruleSet('DTKS').decileThreshold).toBe(4);
    expect(ruleSet('LAPORAN_WARGA').familyLookbackDays).toBe(180);
  });

  describe('IBAN', () => {
    const IBAN_CODES = ['IDENTITY', 'ALIVE', 'RESIDENT', 'VACCINATED', 'NOT_CIVIL_SERVANT', 'NO_PRIOR_AID'];

    it('finds a vaccinated, never-aided, non-civil-servant Jembrana resident ELIGIBLE', () => {
      const result = evaluateEligibility(facts({ name: NAME }), ruleSet('IBAN'), AS_OF);
      expect(codes(result.checks)).toEqual(IBAN_CODES);
      expect(result.checks.map((c) => c.status)).toEqual(IBAN_CODES.map(() => 'PASS'));
      expect(result.decision).toBe('ELIGIBLE');
      expect(result.ruleSet).toBe('IBAN');
    });

    it('finds a Jembrana resident who received aid before INELIGIBLE on NO_PRIOR_AID alone', () => {
      const result = evaluateEligibility(facts({ aid: ok([disbursement(SUBJECT, '2022-11-30', 'BANSOS_JEMBRANA')]) }), ruleSet('IBAN'), AS_OF);
      expect(codes(result.checks)).toEqual(IBAN_CODES);
      expect(result.checks.map((c) => c.status)).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'FAIL']);
      expect(result.decision).toBe('INELIGIBLE');
    });
  });

  describe('BANYUWANGI', () => {
    const BWI_CODES = ['IDENTITY', 'ALIVE', 'RESIDENT', 'FAMILY_NOT_RECEIVING'];
    const resident = (overrides: Partial<EligibilityFacts> = {}) =>
      facts({ nik: '3510011505800002', population: ok(person({ kk: '3510010101090002', villageCode: '35.10.01.2001' })), ...overrides });

    it('finds a Banyuwangi resident whose family receives nothing ELIGIBLE', () => {
      const result = evaluateEligibility(resident({ familyAid: ok([disbursement('3510015708850004', DAYS_180_BEFORE)]) }), ruleSet('BANYUWANGI'), AS_OF);
      expect(codes(result.checks)).toEqual(BWI_CODES);
      expect(result.checks.map((c) => c.status)).toEqual(['PASS', 'PASS', 'PASS', 'PASS']);
      expect(result.decision).toBe('ELIGIBLE');
    });

    it('finds a Banyuwangi resident whose family member received aid recently INELIGIBLE', () => {
      const result = evaluateEligibility(resident({ familyAid: ok([disbursement('3510015708850004', '2024-04-01', 'PKH')]) }), ruleSet('BANYUWANGI'), AS_OF);
      expect(codes(result.checks)).toEqual(BWI_CODES);
      expect(result.checks.map((c) => c.status)).toEqual(['PASS', 'PASS', 'PASS', 'FAIL']);
      expect(result.decision).toBe('INELIGIBLE');
      expect(JSON.stringify(result)).toContain('3510********0004');
      expect(JSON.stringify(result)).not.toContain('3510015708850004');
    });

    it('finds a Jembrana resident INELIGIBLE on RESIDENT', () => {
      const result = evaluateEligibility(facts(), ruleSet('BANYUWANGI'), AS_OF);
      expect(codes(result.checks)).toEqual(BWI_CODES);
      expect(statuses(result.checks).RESIDENT).toBe('FAIL');
      expect(result.decision).toBe('INELIGIBLE');
    });
  });

  describe('DTKS', () => {
    const DTKS_CODES = ['IDENTITY', 'ALIVE', 'IN_DTKS', 'WELFARE_DECILE', 'NOT_CIVIL_SERVANT'];

    it('finds an active decile-4 non-civil-servant ELIGIBLE wherever they live', () => {
      const f = facts({
        population: ok(person({ villageCode: '94.71.01.1001' })),
        dtks: ok({ status: 'ACTIVE', statusReason: null, decile: 4 }),
        vaccination: ok([]),
        aid: ok([disbursement(SUBJECT, '2023-01-05', 'PKH')]),
      });
      const result = evaluateEligibility(f, ruleSet('DTKS'), AS_OF);
      expect(codes(result.checks)).toEqual(DTKS_CODES);
      expect(result.checks.map((c) => c.status)).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'PASS']);
      expect(result.decision).toBe('ELIGIBLE');
    });

    it('finds an INACTIVE decile-7 record INELIGIBLE on IN_DTKS and WELFARE_DECILE', () => {
      const f = facts({ dtks: ok({ status: 'INACTIVE', statusReason: 'MAMPU', decile: 7 }) });
      const result = evaluateEligibility(f, ruleSet('DTKS'), AS_OF);
      expect(codes(result.checks)).toEqual(DTKS_CODES);
      expect(result.checks.map((c) => c.status)).toEqual(['PASS', 'PASS', 'FAIL', 'FAIL', 'PASS']);
      expect(result.decision).toBe('INELIGIBLE');
    });

    it('finds a person who died before D INELIGIBLE on ALIVE', () => {
      const f = facts({ population: ok(person({ deathDate: '2023-12-25' })) });
      const result = evaluateEligibility(f, ruleSet('DTKS'), AS_OF);
      expect(codes(result.checks)).toEqual(DTKS_CODES);
      expect(statuses(result.checks)).toEqual({ IDENTITY: 'PASS', ALIVE: 'FAIL', IN_DTKS: 'PASS', WELFARE_DECILE: 'PASS', NOT_CIVIL_SERVANT: 'PASS' });
      expect(result.decision).toBe('INELIGIBLE');
    });
  });
});
