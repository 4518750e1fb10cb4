// Small cells (issue 21, API.md): an ANALYST never reads a figure that rests on fewer than
// k units, or one a subtraction of published figures would give back; AUDITOR reads all.
// The generated Indonesia here is small, so k is 3 to leave some regions shown beside the
// withheld ones; the hub in analytics.test.ts runs at the default k.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readAnalyticsEnv } from '@tepat/analytics-subgraph';
import type { Manifest } from '@tepat/generator';
import type { As, FederatedHub } from './support/federated-hub.js';
import { startGeneratedHub, type GeneratedHub } from './support/generated-hub.js';

const K = 3;
const ANALYST: As = { role: 'ANALYST', subject: 'analyst-1' };
const AUDITOR: As = { role: 'AUDITOR', subject: 'auditor-1', purpose: 'small-cell review' };

let generated: GeneratedHub;
let hub: FederatedHub;
let manifest: Manifest;

beforeAll(async () => {
  generated = await startGeneratedHub({ persons: 800, seed: 11, minCell: K });
  ({ hub, manifest } = generated);
});

afterAll(async () => {
  await generated?.close();
});

describe('small cells', () => {
  const program = 'BLT';
  type Region = { region: string; eligible: number | null; recipients: number | null; amount: number | null; coverage: number | null; allocationRatio: number | null; suppressed: boolean };
  const EQUITY = `query ($p: String!, $t: String!, $l: RegionLevel!) {
    regionalEquity(program: $p, period: $t, level: $l) { regions { region eligible recipients amount coverage allocationRatio suppressed } }
  }`;
  const AREA = `query ($p: String!, $t: String!, $r: String) {
    targetingAccuracy(program: $p, period: $t, region: $r) { recipients eligible inclusionErrorRate exclusionErrorRate coverage suppressed }
    leakage(program: $p, period: $t, region: $r) { totalAmount leakageAmount leakageRate suppressed byCategory { category rows amount suppressed } }
    benefitIncidence(program: $p, period: $t, region: $r) { totalAmount poorest40Share suppressed deciles { decile units amount share suppressed } }
  }`;
  const LEVELS = ['PROVINCE', 'REGENCY', 'DISTRICT'] as const;
  const regionsAt = async (level: string, period: string, as: As): Promise<Region[]> => {
    const { data, errors } = await hub.query(EQUITY, { p: program, t: period, l: level }, as);
    expect(errors).toBeUndefined();
    return data.regionalEquity.regions;
  };
  /** The parts of R and E a region's published figures give away: R ∩ E, R \ E, E \ R. */
  const partsOf = (r: { eligible: number; recipients: number; coverage: number }) => {
    const both = Math.round(r.coverage * r.eligible);
    return [both, r.recipients - both, r.eligible - both];
  };
  const small = (n: number | null) => n !== null && n > 0 && n < K;

  it('withholds from an analyst every region whose figures rest on fewer than k units, and from auditors nothing', async () => {
    const period = manifest.periods[0]!;
    let hiddenSmall = 0;
    let complements = 0;
    for (const level of LEVELS) {
      const [audited, seen] = [await regionsAt(level, period, AUDITOR), await regionsAt(level, period, ANALYST)];
      expect(audited.every((r) => !r.suppressed)).toBe(true);
      expect(seen.map((r) => r.region)).toEqual(audited.map((r) => r.region));
      audited.forEach((full, i) => {
        const shown = seen[i]!;
        const isSmall = partsOf(full as never).some(small);
        if (isSmall) hiddenSmall++;
        if (shown.suppressed) {
          if (!isSmall) complements++;
          expect(shown).toEqual({ region: full.region, eligible: null, recipients: null, amount: null, coverage: null, allocationRatio: null, suppressed: true });
        } else {
          expect({ small: isSmall, ...shown }).toEqual({ small: false, ...full });
        }
      });
    }
    // The generated Indonesia is small: most districts rest on a handful of units, and some regions are withheld only to protect a sibling.
    expect(hiddenSmall).toBeGreaterThan(0);
    expect(complements).toBeGreaterThan(0);
  });

  it('leaves an analyst nothing to recover by subtracting published regions from their parent', async () => {
    for (const period of manifest.periods.slice(0, 2)) {
      const national = (await hub.query(AREA, { p: program, t: period }, ANALYST)).data.targetingAccuracy;
      const byLevel = { NATIONAL: [{ region: '', ...national }] as Region[] } as Record<string, Region[]>;
      for (const level of LEVELS) byLevel[level] = await regionsAt(level, period, ANALYST);
      const recovered: string[] = [];
      const levels = ['NATIONAL', ...LEVELS];
      for (let depth = 1; depth < levels.length; depth++) {
        for (const parent of byLevel[levels[depth - 1]!]!) {
          const children = byLevel[levels[depth]!]!.filter((c) => depth === 1 || c.region.startsWith(`${parent.region}.`));
          const hidden = children.filter((c) => c.suppressed);
          // A parent shown with one child hidden, or hidden with every child shown: one subtraction (or sum) gives it away.
          if ((!parent.suppressed && hidden.length === 1) || (parent.suppressed && hidden.length === 0 && children.length > 0)) {
            recovered.push(`${period} ${parent.region || 'national'}: ${hidden[0]?.region ?? parent.region}`);
          }
        }
      }
      expect(recovered).toEqual([]);
    }
  });

  it('withholds small leakage categories and deciles, with a second beside a lone one, in every province', async () => {
    const period = manifest.periods[0]!;
    const provinces = await regionsAt('PROVINCE', period, AUDITOR);
    let withheld = 0;
    for (const region of [undefined, ...provinces.map((p) => p.region)]) {
      const full = (await hub.query(AREA, { p: program, t: period, r: region }, AUDITOR)).data;
      const seen = (await hub.query(AREA, { p: program, t: period, r: region }, ANALYST)).data;
      expect([full.targetingAccuracy.suppressed, full.leakage.suppressed, full.benefitIncidence.suppressed]).toEqual([false, false, false]);
      const lists = [
        { all: full.leakage.byCategory, shown: seen.leakage.byCategory, units: (c: { rows: number }) => c.rows, whole: seen.leakage },
        { all: full.benefitIncidence.deciles, shown: seen.benefitIncidence.deciles, units: (d: { units: number }) => d.units, whole: seen.benefitIncidence },
      ];
      for (const { all, shown, units, whole } of lists) {
        const hidden = shown.filter((c: { suppressed: boolean }) => c.suppressed);
        withheld += hidden.length;
        all.forEach((cell: never, i: number) => {
          if (small(units(cell))) expect({ region, cell, shown: shown[i] }).toMatchObject({ shown: { suppressed: true, amount: null } });
          if (!shown[i].suppressed) expect(shown[i]).toEqual({ ...(cell as object), suppressed: false });
        });
        // The total is published unless the whole area is withheld, so a lone hidden part would be the total minus the rest.
        if (!seen.targetingAccuracy.suppressed) expect({ region, hidden: hidden.length === 1 }).toEqual({ region, hidden: false });
        if (seen.targetingAccuracy.suppressed) expect({ region, whole: whole.suppressed }).toEqual({ region, whole: true });
      }
    }
    expect(withheld).toBeGreaterThan(0);
  });

  it('withholds small cells of a simulation too, and what the served figures withhold', async () => {
    const period = manifest.periods[0]!;
    const draft = { code: 'DTKS', name: 'poorest 30 %', checks: ['IDENTITY', 'ALIVE', 'IN_DTKS', 'WELFARE_DECILE', 'NOT_CIVIL_SERVANT'], decileThreshold: 3 };
    const query = `query ($draft: RuleSetInput!, $p: String!, $t: String!) {
      simulateRuleSet(draft: $draft, program: $p, period: $t, level: DISTRICT) {
        suppressed entering leaving
        current { regionalEquity { regions { region suppressed } } }
        movesByRegion { region entering leaving suppressed }
        movesByDecile { decile entering leaving suppressed }
      }
    }`;
    const variables = { draft, p: 'PKH', t: period };
    const full = (await hub.query(query, variables, AUDITOR)).data.simulateRuleSet;
    const seen = (await hub.query(query, variables, ANALYST)).data.simulateRuleSet;
    expect(full.movesByRegion.every((m: { suppressed: boolean }) => !m.suppressed)).toBe(true);
    const { data: dashboard } = await hub.query(EQUITY, { p: 'PKH', t: period, l: 'DISTRICT' }, ANALYST);
    const served = new Map((dashboard.regionalEquity.regions as Region[]).map((r) => [r.region, r.suppressed]));
    for (const r of seen.current.regionalEquity.regions) if (served.get(r.region)) expect({ region: r.region, suppressed: r.suppressed }).toEqual({ region: r.region, suppressed: true });
    full.movesByRegion.forEach((m: { region: string; entering: number; leaving: number }, i: number) => {
      if (small(m.entering) || small(m.leaving)) expect(seen.movesByRegion[i]).toEqual({ region: m.region, entering: null, leaving: null, suppressed: true });
    });
    expect(seen.movesByRegion.some((m: { suppressed: boolean }) => m.suppressed)).toBe(true);
  });

  it('reads k from TEPAT_MIN_CELL, 10 by default', () => {
    expect(readAnalyticsEnv({}).minCell).toBe(10);
    expect(readAnalyticsEnv({ TEPAT_MIN_CELL: '5' }).minCell).toBe(5);
    expect(() => readAnalyticsEnv({ TEPAT_MIN_CELL: 'few' })).toThrow(/TEPAT_MIN_CELL/);
  });
});

