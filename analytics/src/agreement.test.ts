/**
 * The SQL pipeline against the TypeScript it twins, on a generated folder: the NATIONAL
 * targeting figures equal the generator's manifest (METRICS.md), and the eligibility of
 * 04_fact_eligibility.sql and 05_fact_unit.sql equals `evaluateEligibility` of
 * @tepat/rules (RULES.md) for every unit, rule set and month.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { groupBy } from '@tepat/core';
import { generate, type Manifest } from '@tepat/generator';
import { BUILT_IN_RULE_SETS, CHECK_SOURCES, evaluateEligibility, SOURCE_OF_FACT, type EligibilityResult, type RuleSet } from '@tepat/rules';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { breachedInvariants, eligibilityAnswers, folderSources, openEngine, refresh, type Engine, type EligibilityAnswer } from './index.js';
import { factsFromCsv, type FolderFacts } from './testing/facts-from-csv.js';
import { manifestFigures } from './testing/manifest-figures.js';

const PERSONS = 1_500;
const SEED = 20_250_101;


let dataDir: string;
let engineDir: string;
let engine: Engine | undefined;
let db: string;
let manifest: Manifest;
let folder: FolderFacts;
let sqlEligibility: EligibilityAnswer[];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tepat-agreement-data-'));
  engineDir = mkdtempSync(join(tmpdir(), 'tepat-agreement-engine-'));
  manifest = await generate({ persons: PERSONS, seed: SEED, out: dataDir });
  engine = await openEngine({ dir: engineDir });
  ({ database: db } = await refresh(engine, { sources: folderSources(dataDir) }));
  folder = factsFromCsv(dataDir);
  sqlEligibility = await eligibilityAnswers(engine, db);
});

afterAll(async () => {
  await engine?.close();
  for (const dir of [dataDir, engineDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** METRICS.md: the as-of date D is the last day of the month. */
function lastDayOf(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function ruleSetOf(code: string): RuleSet {
  const ruleSet = BUILT_IN_RULE_SETS.find((r) => r.code === code);
  if (!ruleSet) throw new Error(`no built-in rule set ${code}`);
  return ruleSet;
}

const evaluated = new Map<string, EligibilityResult>();

/** The TypeScript decision for a person of population, evaluated once per rule set and day. */
function evaluate(nik: string, ruleSet: RuleSet, asOf: string): EligibilityResult {
  const key = `${ruleSet.code} ${asOf} ${nik}`;
  let result = evaluated.get(key);
  if (!result) {
    const facts = folder.facts.get(nik);
    if (!facts) throw new Error(`${nik} is not in population/persons.csv`);
    evaluated.set(key, (result = evaluateEligibility(facts, ruleSet, asOf)));
  }
  return result;
}

const failedChecks = (result: EligibilityResult) => result.checks.filter((c) => c.status === 'FAIL').map((c) => c.code);

/** Everything needed to fix a disagreement: both answers, each check's outcome and the facts the rule set reads. */
function explain(nik: string, ruleSet: RuleSet, period: string) {
  const asOf = lastDayOf(period);
  const sources = new Set(ruleSet.checks.flatMap((code) => CHECK_SOURCES[code]));
  const facts = Object.entries(folder.facts.get(nik)!).filter(([key]) => !(key in SOURCE_OF_FACT) || sources.has(SOURCE_OF_FACT[key as keyof typeof SOURCE_OF_FACT]));
  const sql = sqlEligibility.find((r) => r.rule_set === ruleSet.code && r.period === period && r.nik === nik);
  return {
    nik,
    ruleSet: ruleSet.code,
    period,
    asOf,
    sqlFailed: sql ? sql.failed : 'no answer',
    typeScriptFailed: failedChecks(evaluate(nik, ruleSet, asOf)),
    checks: evaluate(nik, ruleSet, asOf).checks.map(({ code, status, reason, evidence }) => ({ code, status, reason, evidence })),
    facts: Object.fromEntries(facts),
  };
}

describe('analytics agrees with the generator and with @tepat/rules', () => {
  it('the NATIONAL targeting row of every programme and month equals the manifest', async () => {
    const rows = await engine!.query<Record<string, string>>(
      "SELECT * FROM {db:Identifier}.targeting WHERE level = 'NATIONAL' ORDER BY program, period",
      { db },
    );
    const programs = Object.entries(manifest.programs);
    let compared = 0;
    for (const [program, { months }] of programs) {
      const expected = Object.fromEntries(Object.entries(months).map(([period, m]) => [period, manifestFigures(m)]));
      const columns = Object.keys(Object.values(expected)[0]!);
      // 64-bit integers arrive as strings; every figure here is far below 2^53.
      const actual = Object.fromEntries(
        rows.filter((r) => r.program === program).map((r) => [r.period, Object.fromEntries(columns.map((c) => [c, Number(r[c])]))]),
      );
      expect({ program, months: actual }).toEqual({ program, months: expected });
      compared += Object.keys(expected).length;
    }
    expect(programs.length).toBeGreaterThan(0);
    expect(compared).toBe(programs.length * manifest.periods.length);
  });

  it('the eligible units of every programme and month are the units evaluateEligibility finds eligible', async () => {
    // E as 05_fact_unit.sql counts it: persons, or heads for a FAMILY programme, failing nothing.
    const programMonths = await engine!.query<{ program: string; period: string; unit_kind: string; rule_set: string }>(
      'SELECT program, period, unit_kind, rule_set FROM {db:Identifier}.program_month',
      { db },
    );
    const eligibleAnswers = groupBy(
      sqlEligibility.filter((r) => r.failed.length === 0),
      (r) => `${r.rule_set} ${r.period}`,
    );
    const sqlUnits = new Map(
      programMonths.map((m) => [
        `${m.program} ${m.period}`,
        (eligibleAnswers.get(`${m.rule_set} ${m.period}`) ?? [])
          .filter((r) => m.unit_kind === 'PERSON' || r.relationship === 'HEAD')
          .map((r) => (m.unit_kind === 'FAMILY' ? r.kk : r.nik)),
      ]),
    );
    // What the metrics read: the same units counted per district.
    const counted = new Map(
      (
        await engine!.query<{ program: string; period: string; units: string }>(
          'SELECT program, period, sum(units) AS units FROM {db:Identifier}.eligible_count GROUP BY program, period',
          { db },
        )
      ).map((r) => [`${r.program} ${r.period}`, Number(r.units)]),
    );
    const heads = folder.persons.filter((p) => p.relationship === 'HEAD');
    const differences: unknown[] = [];
    const miscounted: unknown[] = [];
    let unitsAssessed = 0;
    let eligibleUnits = 0;
    for (const [program, { unit, ruleSet: code, months }] of Object.entries(manifest.programs)) {
      const ruleSet = ruleSetOf(code);
      for (const period of Object.keys(months)) {
        const asOf = lastDayOf(period);
        // RULES.md, "Families": a kk is eligible when its HEAD is; METRICS.md: E ranges over population.
        const subjects = unit === 'PERSON' ? folder.persons.map((p) => ({ unit: p.nik, nik: p.nik })) : heads.map((h) => ({ unit: h.kk, nik: h.nik }));
        const eligible = subjects.filter((s) => evaluate(s.nik, ruleSet, asOf).decision === 'ELIGIBLE');
        const typeScript = [...new Set(eligible.map((s) => s.unit))].sort();
        // Not deduplicated: a unit listed twice by the SQL is a difference too.
        const sql = [...(sqlUnits.get(`${program} ${period}`) ?? [])].sort();
        unitsAssessed += subjects.length;
        eligibleUnits += typeScript.length;
        if ((counted.get(`${program} ${period}`) ?? 0) !== typeScript.length) {
          miscounted.push({ program, period, counted: counted.get(`${program} ${period}`), typeScript: typeScript.length });
        }
        if (JSON.stringify(sql) === JSON.stringify(typeScript)) continue;
        const subjectOf = (u: string) => subjects.find((s) => s.unit === u)?.nik;
        const onlyInSql = sql.filter((u) => !typeScript.includes(u));
        const onlyInTypeScript = typeScript.filter((u) => !sql.includes(u));
        differences.push({
          program,
          period,
          unit,
          ruleSet: code,
          listedTwiceInSql: sql.filter((u, i) => sql.indexOf(u) !== i),
          onlyInSql: onlyInSql.length,
          onlyInTypeScript: onlyInTypeScript.length,
          // The first few of each side in full; a pattern shows in three.
          firstOnlyInSql: onlyInSql
            .slice(0, 3)
            .map((u) => ({ unit: u, ...(subjectOf(u) ? explain(subjectOf(u)!, ruleSet, period) : { subject: 'no head in population' }) })),
          firstOnlyInTypeScript: onlyInTypeScript.slice(0, 3).map((u) => ({ unit: u, ...explain(subjectOf(u)!, ruleSet, period) })),
        });
      }
    }
    expect(differences.slice(0, 3)).toEqual([]);
    expect(miscounted.slice(0, 3)).toEqual([]);
    expect(unitsAssessed).toBeGreaterThan(0);
    expect(eligibleUnits).toBeGreaterThan(0);
  });

  it('every person fails in SQL exactly the checks evaluateEligibility fails, in order, under every rule set in every month', () => {
    const mismatches: EligibilityAnswer[] = [];
    for (const row of sqlEligibility) {
      const typeScript = failedChecks(evaluate(row.nik, ruleSetOf(row.rule_set), lastDayOf(row.period)));
      if (JSON.stringify(row.failed) !== JSON.stringify(typeScript)) mismatches.push(row);
    }
    const first = mismatches.slice(0, 3).map((r) => explain(r.nik, ruleSetOf(r.rule_set), r.period));
    expect({ compared: sqlEligibility.length, mismatches: mismatches.length, first }).toEqual({ compared: sqlEligibility.length, mismatches: 0, first: [] });
    // Both outcomes occur, so the comparison is not vacuous.
    expect(sqlEligibility.filter((r) => r.failed.length === 0).length).toBeGreaterThan(0);
    expect(sqlEligibility.filter((r) => r.failed.length > 0).length).toBeGreaterThan(0);
  });

  it('answers once for every person, rule set and month', () => {
    const answered = new Set(sqlEligibility.map((r) => `${r.rule_set} ${r.period} ${r.nik}`));
    const expected = BUILT_IN_RULE_SETS.length * manifest.periods.length * folder.persons.length;
    expect({ rows: sqlEligibility.length, distinct: answered.size }).toEqual({ rows: expected, distinct: expected });
    const missing = BUILT_IN_RULE_SETS.flatMap((r) => manifest.periods.map((p) => `${r.code} ${p} ${folder.persons[0]!.nik}`)).filter((k) => !answered.has(k));
    expect(missing).toEqual([]);
  });

  it('breaks no invariant', async () => {
    expect(await breachedInvariants(engine!, db)).toEqual([]);
  });
});
