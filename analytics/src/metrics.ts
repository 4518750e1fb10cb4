/**
 * The metrics of METRICS.md, read from the served build's metric tables: one row per
 * programme, month and region, so an answer costs the same however long the history.
 * Arguments are checked here, against the build, and a wrong one is a BAD_USER_INPUT
 * that names it.
 *
 * A build never changes once served, so the targeting rows of a programme and month are
 * read once, every level and region together (about 7,700 rows), and kept while the build
 * is served: a dashboard asks the same few programme-months over and over, and the
 * embedded engine runs one query at a time, so sixteen clients queued behind each other
 * on it (p99 300 ms) where they now share rows in memory.
 */
import { badInput, groupBy, periodArg, regionLevelOf, type Regions } from '@tepat/core';
import { LRUCache } from 'lru-cache';
import type { Engine } from './engine.js';

export const LEAKAGE_CATEGORIES = ['GHOST', 'DECEASED', 'CIVIL_SERVANT', 'DUPLICATE', 'INELIGIBLE'] as const;
export type LeakageCategory = (typeof LEAKAGE_CATEGORIES)[number];

/** The levels metric tables keep; villages are not kept (a district is the finest a dashboard reads). */
export type MetricLevel = 'NATIONAL' | 'PROVINCE' | 'REGENCY' | 'DISTRICT';
export type EquityLevel = Exclude<MetricLevel, 'NATIONAL'>;

/** How far down the Kemendagri tree each level is. */
export const LEVEL_DEPTH: Record<MetricLevel, number> = { NATIONAL: 0, PROVINCE: 1, REGENCY: 2, DISTRICT: 3 };

export interface TargetingAccuracy {
  recipients: number;
  eligible: number;
  inclusionErrorRate: number;
  exclusionErrorRate: number;
  coverage: number;
}

export interface Leakage {
  totalAmount: number;
  leakageAmount: number;
  leakageRate: number;
  byCategory: { category: LeakageCategory; rows: number; amount: number }[];
}

export interface RegionEquity {
  region: string;
  name: string;
  eligible: number;
  recipients: number;
  amount: number;
  coverage: number;
  /** Null when the region has no eligible units, or nobody was paid anything. */
  allocationRatio: number | null;
}

export interface RegionalEquity {
  giniCoverage: number;
  regions: RegionEquity[];
}

export interface TrendPoint extends TargetingAccuracy, Leakage {
  period: string;
}

export interface DecileShare {
  /** 1 = the poorest tenth; null for units with no DTKS record. */
  decile: number | null;
  units: number;
  amount: number;
  /** amount / the programme's amount in the month and region. */
  share: number;
}

export interface BenefitIncidence {
  totalAmount: number;
  deciles: DecileShare[];
  /** The share of the money reaching units in deciles 1-4. */
  poorest40Share: number;
  /** Coady-Grosh-Hoddinott: poorest40Share / 0.4; above 1 is progressive, 1 is what a lottery gives. */
  coadyGroshHoddinott: number;
}

/** The row of table `targeting` (07_metric_targeting.sql); counts arrive as strings, a simulation's as numbers. */
export type TargetingRow = Record<
  | 'recipients'
  | 'eligible'
  | 'recipients_eligible'
  | 'payments'
  | 'amount'
  | 'leakage_payments'
  | 'leakage_amount'
  | `${Lowercase<LeakageCategory>}_${'payments' | 'amount'}`,
  string | number
> & { period: string; region: string };

/**
 * Programme-months kept in memory per build: at 20 M payments a slice is some 7,700 rows,
 * about 3 MB, so 96 (eight programmes over a year) stay under 300 MB.
 */
const MAX_SLICES = 96;

export interface TargetingSlice {
  /** By `${level} ${region}`. */
  byArea: Map<string, TargetingRow>;
  /** Each level's rows in region order. */
  byLevel: Map<string, TargetingRow[]>;
}

/** Reads the metrics of one build. `database` is the served build (builds.ts). */
export class MetricReader {
  constructor(
    private readonly engine: Engine,
    private readonly database: string,
    private readonly regions: Regions,
  ) {}

  async targetingAccuracy(args: { program: string; period: string; region?: string | null }): Promise<TargetingAccuracy> {
    return accuracyOf(await this.row(args));
  }

  async leakage(args: { program: string; period: string; region?: string | null }): Promise<Leakage> {
    return leakageOf(await this.row(args));
  }

  /**
   * METRICS.md's regional equity among the regions of a level; with `within`, among those
   * inside that province or regency only (its districts, say), shares and Gini taken among
   * them: a dashboard drilling down reads 30 districts rather than 6,000.
   */
  async regionalEquity(args: { program: string; period: string; level: EquityLevel; within?: string | null }): Promise<RegionalEquity> {
    await this.checkProgramPeriod(args.program, args.period);
    const all = (await this.slice(args.program, args.period)).byLevel.get(args.level) ?? [];
    const within = this.area(args.within, 'within');
    if (within.level !== 'NATIONAL' && LEVEL_DEPTH[within.level] >= LEVEL_DEPTH[args.level]) {
      throw badInput('within', `must be a region above the level compared: "${within.region}" is a ${within.level.toLowerCase()}, and the regions compared are ${args.level.toLowerCase()}s.`);
    }
    const rows = within.level === 'NATIONAL' ? all : all.filter((r) => r.region.startsWith(`${within.region}.`));
    return equityOf(rows, this.regions);
  }

  /** Accuracy and leakage for every month from `from` to `to`, both included, in order. */
  async trend(args: { program: string; from: string; to: string; region?: string | null }): Promise<TrendPoint[]> {
    periodArg('from', args.from);
    periodArg('to', args.to);
    if (args.from > args.to) throw badInput('to', `must not be before from (${args.from}).`);
    await this.checkProgram(args.program);
    const { level, region } = this.area(args.region);
    const rows = await this.engine.query<TargetingRow>(
      `SELECT * FROM {db:Identifier}.targeting
       WHERE program = {program:String} AND level = {level:String} AND region = {region:String}
         AND period BETWEEN {from:String} AND {to:String}
       ORDER BY period`,
      { db: this.database, program: args.program, from: args.from, to: args.to, level, region },
    );
    const byPeriod = new Map(rows.map((r) => [r.period, r]));
    // A month covered by the build with nothing in the region reads as zeros, not as a gap.
    const periods = (await this.periods()).filter((p) => p >= args.from && p <= args.to);
    return periods.map((period) => {
      const row = byPeriod.get(period) ?? emptyRow(period, region);
      return { period, ...accuracyOf(row), ...leakageOf(row) };
    });
  }

  async benefitIncidence(args: { program: string; period: string; region?: string | null }): Promise<BenefitIncidence> {
    await this.checkProgramPeriod(args.program, args.period);
    const { level, region } = this.area(args.region);
    const rows = await this.engine.query<{ decile: number; units: string; amount: string }>(
      `SELECT decile, units, amount FROM {db:Identifier}.incidence
       WHERE program = {program:String} AND period = {period:String} AND level = {level:String} AND region = {region:String}
       ORDER BY decile`,
      { db: this.database, program: args.program, period: args.period, level, region },
    );
    return incidenceOf(rows);
  }

  /** Every incidence row of a programme and month, each level and region (disclosure.ts works out a pattern from them once). */
  async incidenceSlice(program: string, period: string): Promise<{ level: MetricLevel; region: string; decile: number; units: string }[]> {
    return this.engine.query(
      `SELECT level, region, decile, units FROM {db:Identifier}.incidence WHERE program = {program:String} AND period = {period:String}`,
      { db: this.database, program, period },
    );
  }

  // A build never changes once served, so what it covers is read once.
  private covered?: Promise<{ periods: string[]; programs: string[] }>;

  /** The months the build covers, in order. */
  async periods(): Promise<string[]> {
    return (await this.coverage()).periods;
  }

  /** The programmes the build covers, in code order. */
  async programs(): Promise<string[]> {
    return (await this.coverage()).programs;
  }

  private coverage() {
    this.covered ??= Promise.all([this.readPeriods(), this.readPrograms()]).then(([periods, programs]) => ({ periods, programs }));
    this.covered.catch(() => (this.covered = undefined));
    return this.covered;
  }

  private async readPeriods(): Promise<string[]> {
    const rows = await this.engine.query<{ period: string }>(
      'SELECT DISTINCT period FROM {db:Identifier}.program_month ORDER BY period',
      { db: this.database },
    );
    return rows.map((r) => r.period);
  }

  private async readPrograms(): Promise<string[]> {
    const rows = await this.engine.query<{ code: string }>('SELECT code FROM {db:Identifier}.program ORDER BY code', {
      db: this.database,
    });
    return rows.map((r) => r.code);
  }

  /** The metric row for a programme, month and region; zeros for a region nothing happened in. */
  private async row(args: { program: string; period: string; region?: string | null }): Promise<TargetingRow> {
    await this.checkProgramPeriod(args.program, args.period);
    const { level, region } = this.area(args.region);
    const slice = await this.slice(args.program, args.period);
    return slice.byArea.get(`${level} ${region}`) ?? emptyRow(args.period, region);
  }

  /** Concurrent first reads of one slice share one query; a failed read is not kept. */
  private readonly slices = new LRUCache<string, TargetingSlice>({
    max: MAX_SLICES,
    fetchMethod: async (key) => {
      // The month has no space; a programme code might.
      const cut = key.lastIndexOf(' ');
      const [program, period] = [key.slice(0, cut), key.slice(cut + 1)];
      const rows = await this.engine.query<TargetingRow & { level: MetricLevel }>(
        `SELECT * FROM {db:Identifier}.targeting WHERE program = {program:String} AND period = {period:String} ORDER BY level, region`,
        { db: this.database, program, period },
      );
      return { byArea: new Map(rows.map((r) => [`${r.level} ${r.region}`, r])), byLevel: groupBy(rows, (r) => r.level) };
    },
  });

  /** Every targeting row of a programme and month, read once per build (see the top of this file). */
  async slice(program: string, period: string): Promise<TargetingSlice> {
    return (await this.slices.fetch(`${program} ${period}`))!;
  }

  /** The level and code a region argument (by default `region`) selects; national without one. */
  area(code: string | null | undefined, argument = 'region'): { level: MetricLevel; region: string } {
    if (code === null || code === undefined) return { level: 'NATIONAL', region: '' };
    const level = regionLevelOf(code);
    if (!level || !this.regions.has(code)) {
      throw badInput(argument, `must be a Kemendagri province, regency or district code that exists, e.g. 51.01; "${code}" is not.`);
    }
    if (level === 'VILLAGE') throw badInput(argument, `must be a province, regency or district code: analytics is kept down to districts, and "${code}" is a village.`);
    return { level, region: code };
  }

  /** Throws BAD_USER_INPUT unless the build knows the programme. */
  async checkProgram(program: string): Promise<void> {
    const programs = await this.programs();
    if (!programs.includes(program)) {
      throw badInput('program', `names no programme in the analytics build; programmes: ${programs.join(', ') || 'none'}.`);
    }
  }

  /** Throws BAD_USER_INPUT unless the build covers the programme and the month. */
  async checkProgramPeriod(program: string, period: string): Promise<void> {
    periodArg('period', period);
    await this.checkProgram(program);
    const periods = await this.periods();
    if (!periods.includes(period)) {
      const range = periods.length > 0 ? `${periods[0]} to ${periods.at(-1)}` : 'no months yet';
      throw badInput('period', `${period} has no disbursements in the analytics build, which covers ${range}.`);
    }
  }
}

export function accuracyOf(row: TargetingRow): TargetingAccuracy {
  const recipients = Number(row.recipients);
  const eligible = Number(row.eligible);
  const both = Number(row.recipients_eligible);
  return {
    recipients,
    eligible,
    inclusionErrorRate: ratio(recipients - both, recipients),
    exclusionErrorRate: ratio(eligible - both, eligible),
    coverage: ratio(both, eligible),
  };
}

export function leakageOf(row: TargetingRow): Leakage {
  const totalAmount = Number(row.amount);
  const leakageAmount = Number(row.leakage_amount);
  return {
    totalAmount,
    leakageAmount,
    leakageRate: ratio(leakageAmount, totalAmount),
    byCategory: LEAKAGE_CATEGORIES.map((category) => {
      const key = category.toLowerCase() as Lowercase<LeakageCategory>;
      return { category, rows: Number(row[`${key}_payments`]), amount: Number(row[`${key}_amount`]) };
    }),
  };
}

export function emptyRow(period: string, region: string): TargetingRow {
  const zero = Object.fromEntries(
    ['recipients', 'eligible', 'recipients_eligible', 'payments', 'amount', 'leakage_payments', 'leakage_amount'].concat(
      LEAKAGE_CATEGORIES.flatMap((c) => [`${c.toLowerCase()}_payments`, `${c.toLowerCase()}_amount`]),
    ).map((k) => [k, '0']),
  );
  return { ...zero, period, region } as TargetingRow;
}

/**
 * METRICS.md's regional equity over the rows of one level's regions: each region's coverage
 * and allocation ratio, shares taken among these rows, and the eligible-weighted Gini.
 */
export function equityOf(rows: readonly TargetingRow[], regions: Regions): RegionalEquity {
  const totalAmount = sum(rows.map((r) => Number(r.amount)));
  const totalEligible = sum(rows.map((r) => Number(r.eligible)));
  const equity = rows.map((r): RegionEquity => {
    const eligible = Number(r.eligible);
    const amount = Number(r.amount);
    return {
      region: r.region,
      name: regions.get(r.region)?.name ?? '',
      eligible,
      recipients: Number(r.recipients),
      amount,
      coverage: ratio(Number(r.recipients_eligible), eligible),
      allocationRatio: eligible > 0 && totalAmount > 0 ? amount / totalAmount / (eligible / totalEligible) : null,
    };
  });
  const covered = equity.filter((r) => r.eligible > 0).map((r) => ({ weight: r.eligible, value: r.coverage }));
  return { giniCoverage: weightedGini(covered), regions: equity };
}

/** Benefit incidence from units and amounts by decile (0: no DTKS record): every decile listed, 1 to 10, then those without a record. */
export function incidenceOf(rows: readonly { decile: number | string; units: number | string; amount: number | string }[]): BenefitIncidence {
  const totalAmount = sum(rows.map((r) => Number(r.amount)));
  const byDecile = new Map(rows.map((r) => [Number(r.decile), r]));
  const deciles = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0].map((d): DecileShare => {
    const row = byDecile.get(d);
    const amount = Number(row?.amount ?? 0);
    return { decile: d === 0 ? null : d, units: Number(row?.units ?? 0), amount, share: ratio(amount, totalAmount) };
  });
  const poorest40Share = sum(deciles.filter((d) => d.decile !== null && d.decile <= 4).map((d) => d.share));
  return { totalAmount, deciles, poorest40Share, coadyGroshHoddinott: poorest40Share / 0.4 };
}

/** METRICS.md: a ratio whose denominator is 0 is 0. */
export function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * The weighted Gini of METRICS.md, G = ΣΣ w_i w_j |x_i − x_j| / (2 (Σw)² x̄), in
 * O(n log n): sorted by x, each pair's difference is counted once from its larger side.
 */
export function weightedGini(points: readonly { weight: number; value: number }[]): number {
  const totalWeight = sum(points.map((p) => p.weight));
  if (totalWeight === 0) return 0;
  const mean = sum(points.map((p) => p.weight * p.value)) / totalWeight;
  if (mean === 0) return 0;
  const sorted = [...points].sort((a, b) => a.value - b.value);
  let weightBelow = 0;
  let weightedValueBelow = 0;
  let halfSum = 0;
  for (const { weight, value } of sorted) {
    halfSum += weight * (value * weightBelow - weightedValueBelow);
    weightBelow += weight;
    weightedValueBelow += weight * value;
  }
  return (2 * halfSum) / (2 * totalWeight * totalWeight * mean);
}
