/**
 * The SQL pipeline against the TypeScript it twins, on a generated folder: the NATIONAL
 * targeting figures equal the generator's manifest (METRICS.md), and the eligibility of
 * 04_fact_eligibility.sql and 05_fact_unit.sql equals `evaluateEligibility` of
 * @tepat/rules (RULES.md) for every unit, programme and month, each programme in its own
 * context (RULES.md, Programme context). A hand-made folder adds what generated data
 * lacks: a FAMILY_NOT_RECEIVING programme, and payments of its own and of another
 * programme at both ends of the 180-day window.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { groupBy } from '@tepat/core';
import { generate, type Manifest } from '@tepat/generator';
import { BUILT_IN_RULE_SETS, CHECK_SOURCES, evaluateEligibility, SOURCE_OF_FACT, type EligibilityResult, type RuleSet } from '@tepat/rules';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** The TypeScript decision for a person of population asked for a programme, evaluated once per programme and day. */
function evaluate(nik: string, ruleSet: RuleSet, asOf: string, program: string): EligibilityResult {
  const key = `${program} ${ruleSet.code} ${asOf} ${nik}`;
  let result = evaluated.get(key);
  if (!result) {
    const facts = folder.facts.get(nik);
    if (!facts) throw new Error(`${nik} is not in population/persons.csv`);
    evaluated.set(key, (result = evaluateEligibility({ ...facts, program }, ruleSet, asOf)));
  }
  return result;
}

const failedChecks = (result: EligibilityResult) => result.checks.filter((c) => c.status === 'FAIL').map((c) => c.code);

/** Everything needed to fix a disagreement: both answers, each check's outcome and the facts the rule set reads. */
function explain(nik: string, ruleSet: RuleSet, period: string, program: string) {
  const asOf = lastDayOf(period);
  const sources = new Set(ruleSet.checks.flatMap((code) => CHECK_SOURCES[code]));
  const facts = Object.entries(folder.facts.get(nik)!).filter(([key]) => !(key in SOURCE_OF_FACT) || sources.has(SOURCE_OF_FACT[key as keyof typeof SOURCE_OF_FACT]));
  const sql = sqlEligibility.find((r) => r.program === program && r.period === period && r.nik === nik);
  const typeScript = evaluate(nik, ruleSet, asOf, program);
  return {
    nik,
    program,
    ruleSet: ruleSet.code,
    period,
    asOf,
    sqlFailed: sql ? sql.failed : 'no answer',
    typeScriptFailed: failedChecks(typeScript),
    checks: typeScript.checks.map(({ code, status, reason, evidence }) => ({ code, status, reason, evidence })),
    facts: Object.fromEntries(facts),
  };
}

/** Every SQL answer (programme, month, person) against evaluateEligibility in the same context. */
function mismatchesOf(answers: EligibilityAnswer[]) {
  const mismatches = answers.filter(
    (row) => JSON.stringify(row.failed) !== JSON.stringify(failedChecks(evaluate(row.nik, ruleSetOf(row.rule_set), lastDayOf(row.period), row.program))),
  );
  return { compared: answers.length, mismatches: mismatches.length, first: mismatches.slice(0, 3).map((r) => explain(r.nik, ruleSetOf(r.rule_set), r.period, r.program)) };
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
    const programMonths = await engine!.query<{ program: string; period: string; unit_kind: string }>(
      'SELECT program, period, unit_kind FROM {db:Identifier}.program_month',
      { db },
    );
    const eligibleAnswers = groupBy(
      sqlEligibility.filter((r) => r.failed.length === 0),
      (r) => `${r.program} ${r.period}`,
    );
    const sqlUnits = new Map(
      programMonths.map((m) => [
        `${m.program} ${m.period}`,
        (eligibleAnswers.get(`${m.program} ${m.period}`) ?? [])
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
        const eligible = subjects.filter((s) => evaluate(s.nik, ruleSet, asOf, program).decision === 'ELIGIBLE');
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
            .map((u) => ({ unit: u, ...(subjectOf(u) ? explain(subjectOf(u)!, ruleSet, period, program) : { subject: 'no head in population' }) })),
          firstOnlyInTypeScript: onlyInTypeScript.slice(0, 3).map((u) => ({ unit: u, ...explain(subjectOf(u)!, ruleSet, period, program) })),
        });
      }
    }
    expect(differences.slice(0, 3)).toEqual([]);
    expect(miscounted.slice(0, 3)).toEqual([]);
    expect(unitsAssessed).toBeGreaterThan(0);
    expect(eligibleUnits).toBeGreaterThan(0);
  });

  it('every person fails in SQL exactly the checks evaluateEligibility fails, in order, for every programme in every month', () => {
    expect(mismatchesOf(sqlEligibility)).toEqual({ compared: sqlEligibility.length, mismatches: 0, first: [] });
    // Both outcomes occur, so the comparison is not vacuous.
    expect(sqlEligibility.filter((r) => r.failed.length === 0).length).toBeGreaterThan(0);
    expect(sqlEligibility.filter((r) => r.failed.length > 0).length).toBeGreaterThan(0);
  });

  it('asks every programme in its own context: recipients of BANSOS_JEMBRANA are not failed by their own payments', () => {
    const jembrana = sqlEligibility.filter((r) => r.program === 'BANSOS_JEMBRANA' && r.period === manifest.periods.at(-1));
    const paidByItself = jembrana.filter((r) => {
      const aid = folder.facts.get(r.nik)!.aid;
      return aid.ok && aid.value.some((d) => d.programCode === 'BANSOS_JEMBRANA');
    });
    expect(paidByItself.length).toBeGreaterThan(0);
    // Without the context every one of them would fail NO_PRIOR_AID on its own payments.
    expect(paidByItself.filter((r) => !r.failed.includes('NO_PRIOR_AID')).length).toBeGreaterThan(0);
  });

  it('answers once for every person, programme and month', () => {
    const programs = Object.keys(manifest.programs);
    const answered = new Set(sqlEligibility.map((r) => `${r.program} ${r.period} ${r.nik}`));
    const expected = programs.length * manifest.periods.length * folder.persons.length;
    expect({ rows: sqlEligibility.length, distinct: answered.size }).toEqual({ rows: expected, distinct: expected });
    const missing = programs.flatMap((code) => manifest.periods.map((p) => `${code} ${p} ${folder.persons[0]!.nik}`)).filter((k) => !answered.has(k));
    expect(missing).toEqual([]);
  });

  it('breaks no invariant', async () => {
    expect(await breachedInvariants(engine!, db)).toEqual([]);
  });
});

describe('programme context at the ends of the 180-day window (a hand-made folder)', () => {
  // D is 2025-06-30 for June: 180 days before is 2025-01-01 (outside), 179 days 2025-01-02 (inside).
  // Each family in Banyuwangi (35.10) is paid by SMART_KAMPUNG (BANYUWANGI rule set) or BLT on one such day;
  // Jembrana persons are paid by BANSOS_JEMBRANA (IBAN) or BLT for NO_PRIOR_AID.
  const families = [
    ['own programme, 179 days', 'SMART_KAMPUNG', '2025-01-02'],
    ['own programme, 180 days', 'SMART_KAMPUNG', '2025-01-01'],
    ['other programme, 179 days', 'BLT', '2025-01-02'],
    ['other programme, 180 days', 'BLT', '2025-01-01'],
    ['own programme on D', 'SMART_KAMPUNG', '2025-06-30'],
    ['other programme on D', 'BLT', '2025-06-30'],
  ] as const;
  let handDir: string;
  let answers: EligibilityAnswer[];
  let handFolder: FolderFacts;

  beforeAll(async () => {
    handDir = mkdtempSync(join(tmpdir(), 'tepat-agreement-hand-'));
    const persons = ['nik,kk,full_name,sex,birth_date,relationship,village_code,death_date'];
    const payments = ['id,program_code,nik,kk,period,amount_idr,disbursed_on,district_code'];
    families.forEach(([, program, day], i) => {
      const kk = `35100101011000${String(i + 10)}`;
      const head = `351001010${i + 1}800001`.slice(0, 16);
      const child = `35100102${String(i + 1).padStart(2, '0')}100002`;
      persons.push(`${head},${kk},Kepala ${i + 1},L,1980-0${i + 1}-01,HEAD,35.10.01.2001,`, `${child},${kk},Anak ${i + 1},L,2010-0${i + 1}-02,CHILD,35.10.01.2001,`);
      payments.push(`P${i},${program},${child},${kk},${day.slice(0, 7)},200000,${day},35.10.01`);
    });
    // NO_PRIOR_AID: paid by BANSOS_JEMBRANA alone, by BLT alone, and by both.
    const jembrana = [['BANSOS_JEMBRANA'], ['BLT'], ['BANSOS_JEMBRANA', 'BLT']];
    jembrana.forEach((programs, i) => {
      const nik = `51010101${String(i + 1).padStart(2, '0')}800001`;
      persons.push(`${nik},51010101011000${10 + i},Wayan ${i + 1},L,1980-0${i + 1}-01,HEAD,51.01.01.2001,`);
      programs.forEach((program, k) => payments.push(`J${i}${k},${program},${nik},51010101011000${10 + i},2025-03,250000,2025-03-1${k},51.01.01`));
    });
    const files: Record<string, string[]> = {
      'population/persons.csv': persons,
      'aid/programs.csv': [
        'code,name,unit,rule_set',
        'BANSOS_JEMBRANA,Bansos Jembrana,PERSON,IBAN',
        'BLT,Bantuan Langsung Tunai,PERSON,DTKS',
        'SMART_KAMPUNG,Smart Kampung,PERSON,BANYUWANGI',
      ],
      'aid/disbursements.csv': payments,
      'vaccination/doses.csv': ['nik,dose,vaccine,administered_on', ...jembrana.map((_, i) => `51010101${String(i + 1).padStart(2, '0')}800001,1,SINOVAC,2021-07-01`)],
      'dtks/members.csv': ['nik,kk,decile,status,status_reason,updated_on'],
      'civil-service/personnel.csv': ['nik,corps,agency,start_date,end_date'],
    };
    for (const [path, lines] of Object.entries(files)) {
      mkdirSync(join(handDir, path, '..'), { recursive: true });
      writeFileSync(join(handDir, path), lines.join('\n') + '\n');
    }
    // The same engine (one chdb directory per process): a build of its own, after the generated one's tests.
    const build = await refresh(engine!, { sources: folderSources(handDir) });
    answers = await eligibilityAnswers(engine!, build.database);
    handFolder = factsFromCsv(handDir);
  });

  afterAll(() => {
    if (handDir) rmSync(handDir, { recursive: true, force: true });
  });

  it('agrees with evaluateEligibility for every person, programme and month', () => {
    const saved = folder;
    folder = handFolder;
    evaluated.clear();
    try {
      expect(mismatchesOf(answers)).toEqual({ compared: answers.length, mismatches: 0, first: [] });
    } finally {
      folder = saved;
      evaluated.clear();
    }
    expect(answers.length).toBe(3 * (families.length * 2 + 3) * new Set(answers.map((a) => a.period)).size);
  });

  it('fails FAMILY_NOT_RECEIVING in June for another programme inside the window only, never for its own', () => {
    const june = (i: number, program: string) =>
      answers.find((a) => a.period === '2025-06' && a.program === program && a.nik === `351001010${i + 1}800001`.slice(0, 16))!.failed;
    const smartKampung = families.map((_, i) => june(i, 'SMART_KAMPUNG').includes('FAMILY_NOT_RECEIVING'));
    expect(smartKampung).toEqual([false, false, true, false, false, true]);
  });

  it('fails NO_PRIOR_AID for BANSOS_JEMBRANA only on another programme\'s payment', () => {
    const march = answers.filter((a) => a.period === '2025-03' && a.program === 'BANSOS_JEMBRANA' && a.nik.startsWith('5101'));
    expect(march.map((a) => a.failed.includes('NO_PRIOR_AID'))).toEqual([false, true, true]);
  });
});
