/**
 * Deciding again from evidence (issue 21, `tepat audit rederive`): for any facts, rule set
 * and date, a decision read back as the log stores it (JSON) rederives to itself; one whose
 * outcome was changed does not.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CHECK_CODES, evaluateEligibility, type Answer, type EligibilityFacts, type RuleSet } from './index.js';
import { rederive } from './rederive.js';

const SUBJECT = '5101011505800001';
const OTHERS = ['5101015708850003', '5101010101100004'];
const day = fc.integer({ min: 0, max: 40 }).map((d) => new Date(Date.UTC(2024, 4, 1 + d)).toISOString().slice(0, 10));
const answer = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<Answer<T>> =>
  fc.oneof(
    { weight: 5, arbitrary: value.map((v) => ({ ok: true as const, value: v })) },
    { weight: 1, arbitrary: fc.constantFrom('the service timed out', 'population could not confirm that this NIK is domiciled in your region').map((reason) => ({ ok: false as const, reason })) },
  );
const disbursement = (niks: string[]) =>
  fc.record({ nik: fc.constantFrom(...niks), programCode: fc.constantFrom('PKH', 'BPNT', 'BLT'), disbursedOn: day });

const facts: fc.Arbitrary<EligibilityFacts> = fc.record({
  nik: fc.constant(SUBJECT),
  name: fc.constantFrom(null, 'I Made Budi', 'Someone Else'),
  program: fc.constantFrom(null, 'PKH', 'BLT'),
  population: answer(
    fc.option(
      fc.record({
        fullName: fc.constant('I Made Budi'),
        kk: fc.constant('5101010101090001'),
        villageCode: fc.constantFrom('51.01.01.2001', '35.10.01.2001'),
        deathDate: fc.option(day, { nil: null }),
      }),
      { nil: null },
    ),
  ),
  vaccination: answer(fc.array(fc.record({ dose: fc.integer({ min: 1, max: 3 }), administeredOn: day }), { maxLength: 3 })),
  civilService: answer(
    fc.array(
      fc.record({ corps: fc.constantFrom('ASN' as const, 'TNI' as const, 'POLRI' as const), agency: fc.constant('Pemda'), startDate: day, endDate: fc.option(day, { nil: null }) }),
      { maxLength: 2 },
    ),
  ),
  aid: answer(fc.array(disbursement([SUBJECT]), { maxLength: 3 })),
  familyAid: answer(fc.array(disbursement([SUBJECT, ...OTHERS]), { maxLength: 4 })),
  dtks: answer(
    fc.option(
      fc.record({ status: fc.constantFrom('ACTIVE' as const, 'INACTIVE' as const), statusReason: fc.constantFrom(null, 'MAMPU'), decile: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }) }),
      { nil: null },
    ),
  ),
});

const ruleSet: fc.Arbitrary<RuleSet> = fc.record({
  code: fc.constant('X'),
  version: fc.integer({ min: 1, max: 3 }),
  name: fc.constant('x'),
  region: fc.constantFrom(null, '51.01'),
  checks: fc.subarray([...CHECK_CODES], { minLength: 1 }),
  decileThreshold: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
  familyLookbackDays: fc.option(fc.integer({ min: 1, max: 365 }), { nil: null }),
});

/** As the decision log gives it back: JSON, so no undefined and no shared objects. */
const stored = (facts: EligibilityFacts, rules: RuleSet, asOf: string) => JSON.parse(JSON.stringify(evaluateEligibility(facts, rules, asOf)));

describe('rederive', () => {
  it('gives every honest decision back, check by check, from its evidence alone', () => {
    fc.assert(
      fc.property(facts, ruleSet, day, (f, rules, asOf) => {
        const decision = stored(f, rules, asOf);
        const { same, again } = rederive(decision, rules);
        if (!same) expect(again).toEqual(decision);
        return same;
      }),
      { numRuns: 2_000 },
    );
  });

  it('finds a decision whose outcome, a status or its evidence was changed, and one read under another rule set', () => {
    fc.assert(
      fc.property(facts, ruleSet, day, (f, rules, asOf) => {
        const decision = stored(f, rules, asOf);
        const flipped = { ...decision, decision: decision.decision === 'ELIGIBLE' ? 'INELIGIBLE' : 'ELIGIBLE' };
        expect(rederive(flipped, rules).same).toBe(false);
        const check = decision.checks[0];
        const status = { ...decision, checks: [{ ...check, status: check.status === 'PASS' ? 'FAIL' : 'PASS' }, ...decision.checks.slice(1)] };
        expect(rederive(status, rules).same).toBe(false);
        const region = { ...rules, region: rules.region === null ? '35.10' : null };
        if (decision.checks.some((c: { code: string }) => c.code === 'RESIDENT') && f.population.ok && f.population.value) {
          expect(rederive(decision, region).same).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});
