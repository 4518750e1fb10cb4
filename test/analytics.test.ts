// Analytics through the real gateway (issue 7, METRICS.md, API.md): a generated Indonesia
// loaded into the subgraphs, refreshed into ClickHouse from their databases, and read back
// as each role may. The figures must be the generator's manifest, the eligibility the
// gateway's own, and a failed refresh must leave the served build as it was.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Manifest } from '@tepat/generator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eligibilityAnswers, refresh, type Build } from '@tepat/analytics';
import type { As, FederatedHub } from './support/federated-hub.js';
import { GENERATED_FILES as FILES, startGeneratedHub, type GeneratedHub } from './support/generated-hub.js';

const ANALYST: As = { role: 'ANALYST', subject: 'analyst-1' };
const AUDITOR: As = { role: 'AUDITOR', subject: 'auditor-1', purpose: 'leakage review 2025' };

let generated: GeneratedHub;
let hub: FederatedHub;
let manifest: Manifest;
let build: Build;
let dataDir: string;

beforeAll(async () => {
  generated = await startGeneratedHub({ persons: 800, seed: 11 });
  ({ hub, manifest, build, dataDir } = generated);
});

afterAll(async () => {
  await generated?.close();
});

const ACCURACY = `query ($program: String!, $period: String!, $region: String) {
  targetingAccuracy(program: $program, period: $period, region: $region) { recipients eligible inclusionErrorRate exclusionErrorRate coverage }
  leakage(program: $program, period: $period, region: $region) { totalAmount leakageAmount leakageRate byCategory { category rows amount } }
}`;

describe('refreshed from the subgraphs’ databases', () => {
  it('stages every source row', () => {
    for (const file of FILES) expect(build.sources[file]).toBe(manifest.files[file]);
    expect(build.sources['eligibility/rule-sets.csv']).toBe(4);
  });

  it('gives, for every programme and month, the manifest’s figures through the gateway', async () => {
    let compared = 0;
    for (const [program, { months }] of Object.entries(manifest.programs)) {
      for (const [period, m] of Object.entries(months)) {
        const { data, errors } = await hub.query(ACCURACY, { program, period }, AUDITOR);
        expect(errors).toBeUndefined();
        const both = m.recipientsEligible;
        const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
        expect({ program, period, ...data.targetingAccuracy }).toEqual({
          program,
          period,
          recipients: m.recipients,
          eligible: m.eligible,
          inclusionErrorRate: ratio(m.recipients - both, m.recipients),
          exclusionErrorRate: ratio(m.eligible - both, m.eligible),
          coverage: ratio(both, m.eligible),
        });
        const leaked = Object.values(m.byCategory).reduce((sum, c) => sum + c.amount, 0);
        expect(data.leakage).toEqual({
          totalAmount: m.amount,
          leakageAmount: leaked,
          leakageRate: ratio(leaked, m.amount),
          byCategory: Object.entries(m.byCategory).map(([category, c]) => ({ category, rows: c.rows, amount: c.amount })),
        });
        compared++;
      }
    }
    expect(compared).toBe(Object.keys(manifest.programs).length * manifest.periods.length);
  });

  it('decides eligibility as the gateway does, for every person of a month, in the programme\'s context', async () => {
    // Every person in population, through eligibilityBatch, against the SQL's eligible PERSON units.
    const persons = readFileSync(join(dataDir, 'population/persons.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]!);
    const period = manifest.periods[5]!;
    const asOf = lastDayOf(period);
    for (const [program, ruleSet] of [['BLT', 'DTKS'], ['BANSOS_JEMBRANA', 'IBAN']] as const) {
      const { data, errors } = await hub.query(
        'query ($niks: [String!]!, $asOf: String, $ruleSet: String!, $program: String) { eligibilityBatch(niks: $niks, ruleSet: $ruleSet, asOf: $asOf, program: $program) { nik decision } }',
        { niks: persons, asOf, ruleSet, program },
        AUDITOR,
      );
      expect(errors).toBeUndefined();
      const gateway = data.eligibilityBatch.filter((r: { decision: string }) => r.decision === 'ELIGIBLE').map((r: { nik: string }) => r.nik).sort();
      const rows = await eligibilityAnswers(hub.analyticsEngine(), build.database, { program, period, eligible: true });
      expect(gateway.length).toBeGreaterThan(0);
      expect({ program, eligible: rows.map((r) => r.nik) }).toEqual({ program, eligible: gateway });
    }
  });

  it('measures an I-BAN programme in its own context: its recipients are not counted against it', async () => {
    for (const period of manifest.periods) {
      const { data, errors } = await hub.query(ACCURACY, { program: 'BANSOS_JEMBRANA', period }, AUDITOR);
      expect(errors).toBeUndefined();
      expect({ period, coverage: data.targetingAccuracy.coverage > 0, inclusionError: data.targetingAccuracy.inclusionErrorRate < 1 }).toEqual({
        period,
        coverage: true,
        inclusionError: true,
      });
    }
  });
});

describe('serving', () => {
  it('filters by region and compares regions with a weighted Gini', async () => {
    const program = 'BLT';
    const period = manifest.periods[0]!;
    const equity = await hub.query(
      'query ($p: String!, $t: String!) { regionalEquity(program: $p, period: $t, level: PROVINCE) { giniCoverage regions { region name eligible recipients amount coverage allocationRatio } } }',
      { p: program, t: period },
      AUDITOR,
    );
    expect(equity.errors).toBeUndefined();
    const regions = equity.data.regionalEquity.regions;
    expect(regions.length).toBeGreaterThan(1);
    const national = (await hub.query(ACCURACY, { program, period }, AUDITOR)).data;
    // Recipients and money of the provinces add up to the nation's.
    expect(regions.reduce((s: number, r: { recipients: number }) => s + r.recipients, 0)).toBe(national.targetingAccuracy.recipients);
    expect(regions.reduce((s: number, r: { amount: number }) => s + r.amount, 0)).toBe(national.leakage.totalAmount);
    // One province through the region filter is its row of the equity table.
    const [first] = regions;
    const one = await hub.query(ACCURACY, { program, period, region: first.region }, AUDITOR);
    expect(one.data.targetingAccuracy.recipients).toBe(first.recipients);
    expect(one.data.targetingAccuracy.coverage).toBeCloseTo(first.coverage, 12);
    expect(first.name).not.toBe('');
    expect(equity.data.regionalEquity.giniCoverage).toBeGreaterThanOrEqual(0);
    expect(equity.data.regionalEquity.giniCoverage).toBeLessThan(1);
    // The districts within that province: its recipients, and nothing from elsewhere.
    const districts = await hub.query(
      'query ($p: String!, $t: String!, $w: String) { regionalEquity(program: $p, period: $t, level: DISTRICT, within: $w) { regions { region recipients } } }',
      { p: program, t: period, w: first.region },
      AUDITOR,
    );
    expect(districts.errors).toBeUndefined();
    const inside = districts.data.regionalEquity.regions;
    expect(inside.every((r: { region: string }) => r.region.startsWith(`${first.region}.`))).toBe(true);
    expect(inside.reduce((s: number, r: { recipients: number }) => s + r.recipients, 0)).toBe(first.recipients);
    const same = await hub.query(
      'query ($p: String!, $t: String!, $w: String) { regionalEquity(program: $p, period: $t, level: PROVINCE, within: $w) { giniCoverage } }',
      { p: program, t: period, w: first.region },
      AUDITOR,
    );
    expect(same.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('withholds from an analyst, at the default k of 10, the districts of a small programme (issue 21; small-cells.test.ts has the rest)', async () => {
    const query = 'query ($t: String!) { regionalEquity(program: "BANSOS_JEMBRANA", period: $t, level: DISTRICT) { regions { region recipients suppressed } } }';
    const period = manifest.periods[0];
    const full = (await hub.query(query, { t: period }, AUDITOR)).data.regionalEquity.regions as { region: string; recipients: number; suppressed: boolean }[];
    const seen = (await hub.query(query, { t: period }, ANALYST)).data.regionalEquity.regions;
    expect(full.length).toBeGreaterThan(1);
    expect(full.every((r) => !r.suppressed && r.recipients < 10)).toBe(true);
    expect(seen).toEqual(full.map((r) => ({ region: r.region, recipients: null, suppressed: true })));
  });

  it('gives trends month by month and benefit incidence by decile', async () => {
    const [from, , to] = manifest.periods;
    const trend = await hub.query(
      'query ($f: String!, $t: String!) { targetingTrend(program: "PKH", from: $f, to: $t) { period accuracy { recipients } leakage { totalAmount } } }',
      { f: from, t: to },
      AUDITOR,
    );
    expect(trend.data.targetingTrend.map((p: { period: string }) => p.period)).toEqual(manifest.periods.slice(0, 3));
    expect(trend.data.targetingTrend[1].accuracy.recipients).toBe(manifest.programs.PKH!.months[manifest.periods[1]!]!.recipients);
    const incidence = await hub.query(
      'query ($t: String!) { benefitIncidence(program: "PKH", period: $t) { totalAmount poorest40Share coadyGroshHoddinott deciles { decile units amount share } } }',
      { t: from },
      AUDITOR,
    );
    const { totalAmount, deciles, poorest40Share, coadyGroshHoddinott } = incidence.data.benefitIncidence;
    expect(deciles.map((d: { decile: number | null }) => d.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null]);
    expect(deciles.reduce((s: number, d: { amount: number }) => s + d.amount, 0)).toBe(totalAmount);
    expect(totalAmount).toBe(manifest.programs.PKH!.months[from!]!.amount);
    expect(coadyGroshHoddinott).toBeCloseTo(poorest40Share / 0.4, 12);
  });

  it('names what is wrong with an argument', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ program: 'NOPE', period: '2025-01' }, 'program'],
      [{ program: 'PKH', period: '2025-13' }, 'period'],
      [{ program: 'PKH', period: '1999-01' }, 'period'],
      [{ program: 'PKH', period: '2025-01', region: '99' }, 'region'],
      [{ program: 'PKH', period: '2025-01', region: '51.01.01.2001' }, 'region'],
    ];
    for (const [variables, argument] of cases) {
      const { errors } = await hub.query(ACCURACY, variables, ANALYST);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
  });
});

describe('who may read analytics', () => {
  const aggregate = '{ targetingAccuracy(program: "PKH", period: "2025-01") { recipients } }';
  const cases = '{ flaggedDisbursements(program: "BLT", period: "2025-01", first: 2) { totalCount nodes { nik } } }';

  it('gives aggregates to analysts, auditors and admins, and to nobody else', async () => {
    for (const as of [ANALYST, AUDITOR, { role: 'ADMIN' } as As]) expect((await hub.query(aggregate, {}, as)).errors).toBeUndefined();
    for (const as of ['PUBLIC', { role: 'REGIONAL_APP', region: '35.10' }, { role: 'OPERATOR', region: '35.10' }] as As[]) {
      const { errors } = await hub.query(aggregate, {}, as);
      expect(errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
  });

  it('gives the cases behind a figure to auditors only, with a purpose, and logs the NIKs they saw', async () => {
    expect((await hub.query(cases, {}, ANALYST)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await hub.query(cases, {}, { role: 'AUDITOR', subject: 'auditor-2' })).errors?.[0]?.extensions?.code).toBe('PURPOSE_REQUIRED');
    const { data, errors } = await hub.query(cases, {}, AUDITOR);
    expect(errors).toBeUndefined();
    expect(data.flaggedDisbursements.nodes.length).toBeGreaterThan(0);
    const log = await hub.query('{ accessLog(subject: "auditor-1") { operation purpose niks } }', {}, { role: 'ADMIN' });
    const entry = log.data.accessLog.find((e: { niks: string[] }) => e.niks.includes(data.flaggedDisbursements.nodes[0].nik));
    expect(entry).toMatchObject({ purpose: 'leakage review 2025' });
  });

  it('pages through every flagged disbursement, category by category, with its evidence', async () => {
    // The programme and month with the most leakage: its cases span several categories and pages.
    const flagged = (figures: Manifest['programs'][string]['months'][string]) => Object.values(figures.byCategory).reduce((n, c) => n + c.rows, 0);
    const [program, period, figures] = Object.entries(manifest.programs)
      .flatMap(([code, p]) => Object.entries(p.months).map(([month, f]) => [code, month, f] as const))
      .sort((a, b) => flagged(b[2]) - flagged(a[2]))[0]!;
    const seen: { id: string; category: string; paymentRank: number; inPopulation: boolean }[] = [];
    let after: string | null = null;
    do {
      const page: any = await hub.query(
        `query ($p: String!, $t: String!, $after: String) { flaggedDisbursements(program: $p, period: $t, first: 3, after: $after) {
           totalCount hasNextPage endCursor nodes { id category evidence { inPopulation paymentRank } } } }`,
        { p: program, t: period, after },
        AUDITOR,
      );
      expect(page.errors).toBeUndefined();
      const { totalCount, nodes, endCursor } = page.data.flaggedDisbursements;
      expect(totalCount).toBe(flagged(figures));
      seen.push(...nodes.map((n: any) => ({ id: n.id, category: n.category, ...n.evidence })));
      after = endCursor;
    } while (after);
    expect(seen.length).toBeGreaterThan(3);
    expect(new Set(seen.map((s) => s.id)).size).toBe(flagged(figures));
    for (const [category, { rows }] of Object.entries(figures.byCategory)) expect(seen.filter((s) => s.category === category)).toHaveLength(rows);
    for (const s of seen.filter((s) => s.category === 'DUPLICATE')) expect(s.paymentRank).toBeGreaterThan(1);
    for (const s of seen.filter((s) => s.category === 'GHOST')) expect(s.inPopulation).toBe(false);
  });
});

describe('a refresh that fails', () => {
  it('leaves the served build, and nothing of its own, behind', async () => {
    const engine = hub.analyticsEngine();
    const databases = async () => (await engine.query<{ name: string }>("SELECT name FROM system.databases WHERE startsWith(name, 'tepat_build_')")).map((r) => r.name).sort();
    const before = await databases();
    const broken = {
      describe: () => 'a source that breaks half-way',
      async file(path: string) {
        if (path === 'aid/disbursements.csv') throw new Error('the aid-history export was cut short');
        return join(dataDir, path);
      },
    };
    await expect(refresh(engine, { sources: broken as never })).rejects.toThrow('cut short');
    expect(await databases()).toEqual(before);
    const { data } = await hub.query('{ analyticsBuild { builtAt } }', {}, ANALYST);
    expect(data.analyticsBuild.builtAt).toBe(build.builtAt);
  });
});

describe('answers the gateway keeps', () => {
  it('follow the build being served: a refresh shows in the very next answer', async () => {
    const [program] = Object.keys(manifest.programs);
    const query = `query ($program: String!, $period: String!) {
      analyticsBuild { builtAt }
      regionalEquity(program: $program, period: $period, level: DISTRICT) { giniCoverage regions { region recipients } }
    }`;
    const variables = { program, period: manifest.periods[0] };
    const first = await hub.query(query, variables, ANALYST);
    const again = await hub.query(query, variables, ANALYST);
    expect(again).toEqual(first);
    expect(first.data.analyticsBuild.builtAt).toBe(build.builtAt);
    const next = await hub.refreshAnalytics();
    const after = await hub.query(query, variables, ANALYST);
    expect(after.data.analyticsBuild.builtAt).toBe(next.builtAt);
    expect(after.data.analyticsBuild.builtAt).not.toBe(build.builtAt);
    // Same sources, so the same figures from the new build.
    expect(after.data.regionalEquity).toEqual(first.data.regionalEquity);
  });

  it('are kept per role: an answer kept for an analyst is not given to a caller refused it', async () => {
    const query = '{ analyticsBuild { builtAt } }';
    expect((await hub.query(query, {}, ANALYST)).data.analyticsBuild).not.toBeNull();
    const refused = await hub.query(query, {}, { role: 'REGIONAL_APP', subject: 'app-1', region: '35.10' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('policy simulation (issue 23)', () => {
  // PKH on DTKS with the poorest 30 % instead of 40 %: the README's worked example.
  const DRAFT = {
    code: 'DTKS',
    name: 'National targeting on DTKS: the poorest 30 %',
    checks: ['IDENTITY', 'ALIVE', 'IN_DTKS', 'WELFARE_DECILE', 'NOT_CIVIL_SERVANT'],
    decileThreshold: 3,
  };
  const FIGURES = `targetingAccuracy { recipients eligible inclusionErrorRate exclusionErrorRate coverage }
    leakage { totalAmount leakageAmount leakageRate byCategory { category rows amount } }
    regionalEquity { giniCoverage regions { region eligible recipients amount coverage allocationRatio } }`;
  const SIMULATE = `query ($draft: RuleSetInput!, $program: String!, $period: String!) {
    simulateRuleSet(draft: $draft, program: $program, period: $period) {
      draft { ${FIGURES} budget } current { ${FIGURES} budget } entering leaving budgetChange
    }
  }`;
  const SERVED = `query ($program: String!, $period: String!) {
    targetingAccuracy(program: $program, period: $period) { recipients eligible inclusionErrorRate exclusionErrorRate coverage }
    leakage(program: $program, period: $period) { totalAmount leakageAmount leakageRate byCategory { category rows amount } }
    regionalEquity(program: $program, period: $period, level: PROVINCE) { giniCoverage regions { region eligible recipients amount coverage allocationRatio } }
  }`;
  const ADMIN: As = { role: 'ADMIN', subject: 'admin-1' };

  it('is for analysts, auditors and admins; the units it moves are for auditors, with a purpose, and logged', async () => {
    const variables = { draft: DRAFT, program: 'PKH', period: manifest.periods[0] };
    for (const as of [ANALYST, AUDITOR, ADMIN]) expect((await hub.query(SIMULATE, variables, as)).errors).toBeUndefined();
    const others = ['PUBLIC', { role: 'OPERATOR', region: '35.10' }, { role: 'REGIONAL_APP', region: '35.10' }, { role: 'FACILITATOR', region: '35.10' }] as As[];
    for (const as of others) expect((await hub.query(SIMULATE, variables, as)).errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    const several = SIMULATE.replace('simulateRuleSet(draft: $draft,', 'simulateRuleSets(drafts: [$draft],');
    for (const as of [ANALYST, AUDITOR, ADMIN]) expect((await hub.query(several, variables, as)).errors).toBeUndefined();
    for (const as of others) expect((await hub.query(several, variables, as)).errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    const moved = `query ($draft: RuleSetInput!, $program: String!, $period: String!) {
      simulatedMovedUnits(draft: $draft, program: $program, period: $period, direction: LEAVING) { totalCount nodes { unit nik failedNow failedUnderDraft } }
    }`;
    for (const as of [ANALYST, ADMIN, ...others]) expect((await hub.query(moved, variables, as)).errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    expect((await hub.query(moved, variables, { role: 'AUDITOR', subject: 'auditor-2' })).errors?.[0]?.extensions?.code).toBe('PURPOSE_REQUIRED');
    const { data, errors } = await hub.query(moved, variables, AUDITOR);
    expect(errors).toBeUndefined();
    const simulated = (await hub.query(SIMULATE, variables, AUDITOR)).data.simulateRuleSet;
    expect(data.simulatedMovedUnits.totalCount).toBe(simulated.leaving);
    expect(simulated.leaving).toBeGreaterThan(0);
    for (const unit of data.simulatedMovedUnits.nodes) {
      expect(unit.failedNow).toEqual([]);
      expect(unit.failedUnderDraft).toEqual(['WELFARE_DECILE']);
    }
    const log = await hub.query('{ accessLog(subject: "auditor-1") { operation purpose niks } }', {}, ADMIN);
    expect(log.data.accessLog.some((e: { niks: string[] }) => e.niks.includes(data.simulatedMovedUnits.nodes[0].nik))).toBe(true);
  });

  it("refuses a draft saveRuleSet would refuse, in saveRuleSet's words", async () => {
    const bad = { code: 'DTKS', name: 'no threshold', checks: ['IDENTITY', 'WELFARE_DECILE'] };
    const simulated = await hub.query(SIMULATE, { draft: bad, program: 'PKH', period: manifest.periods[0] }, ANALYST);
    const saved = await hub.query('mutation ($input: RuleSetInput!) { saveRuleSet(input: $input) { version } }', { input: bad }, ADMIN);
    expect(simulated.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'draft' });
    expect(saved.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input' });
    expect(simulated.errors?.[0]?.message.replace('"draft"', '"input"')).toBe(saved.errors?.[0]?.message);
  });

  // Last in this file: it publishes a rule set the other tests' figures do not expect.
  it("gives, once an admin publishes the draft and analytics refreshes, the figures it simulated", async () => {
    const simulations = new Map<string, any>();
    for (const [program, { ruleSet }] of Object.entries(manifest.programs)) {
      if (ruleSet !== 'DTKS') continue;
      for (const period of manifest.periods) {
        const { data, errors } = await hub.query(SIMULATE, { draft: DRAFT, program, period }, AUDITOR);
        expect(errors).toBeUndefined();
        simulations.set(`${program} ${period}`, data.simulateRuleSet);
      }
    }
    expect(simulations.size).toBeGreaterThan(0);
    const saved = await hub.query('mutation ($input: RuleSetInput!) { saveRuleSet(input: $input) { code version } }', { input: DRAFT }, ADMIN);
    expect(saved.errors).toBeUndefined();
    expect(saved.data.saveRuleSet).toEqual({ code: 'DTKS', version: 2 });
    await hub.refreshAnalytics();
    for (const [key, simulation] of simulations) {
      const [program, period] = key.split(' ');
      const { data, errors } = await hub.query(SERVED, { program, period }, AUDITOR);
      expect(errors).toBeUndefined();
      expect({ key, ...data }).toEqual({
        key,
        targetingAccuracy: simulation.draft.targetingAccuracy,
        leakage: simulation.draft.leakage,
        regionalEquity: simulation.draft.regionalEquity,
      });
      // And the new build simulates the published rule set as moving nobody.
      const again = await hub.query(SIMULATE, { draft: DRAFT, program, period }, AUDITOR);
      expect({ key, entering: again.data.simulateRuleSet.entering, leaving: again.data.simulateRuleSet.leaving }).toEqual({ key, entering: 0, leaving: 0 });
    }
  });
});

function lastDayOf(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return new Date(Date.UTC(year!, month!, 0)).toISOString().slice(0, 10);
}
