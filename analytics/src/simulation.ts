/**
 * Policy simulation (API.md, `simulateRuleSet`): the figures a programme would have in a
 * month if it used a draft rule set instead of its own, beside the figures under the rule
 * set in force, on the served build and without writing to it. OpenSPP's simulation module
 * answers the same question for a ministry before it adopts a targeting rule.
 *
 * Only E depends on the rule set (METRICS.md): who was paid, and the leakage categories
 * GHOST to DUPLICATE, are facts of the payments. So a draft costs one pass over
 * `person_fact` (03), the checks of RULES.md on the month's last day with the draft's
 * parameters, in the programme's context, as `04_fact_eligibility.sql` evaluates them for
 * the rule sets in force; and one pass over the programme-month's rows of
 * `disbursement_fact` (06), whose INELIGIBLE category is re-decided against the draft's E.
 * Both are summed per district and decile, and the levels above are added up here, so one
 * computation answers every region and level of the programme-month (kept per build).
 *
 * A test holds these figures to a refresh with the draft published (simulation.test.ts).
 */
import { badInput, type Regions } from '@tepat/core';
import { CHECK_CODES, checkRuleSetInput, type RuleSetInput } from '@tepat/rules';
import { LRUCache } from 'lru-cache';
import type { Engine } from './engine.js';
import {
  accuracyOf,
  emptyRow,
  equityOf,
  incidenceOf,
  LEAKAGE_CATEGORIES,
  leakageOf,
  LEVEL_DEPTH,
  type BenefitIncidence,
  type EquityLevel,
  type Leakage,
  type MetricLevel,
  type MetricReader,
  type RegionalEquity,
  type TargetingAccuracy,
  type TargetingRow,
} from './metrics.js';

/** A programme's figures under one rule set (API.md, `ProgramFigures`). */
export interface ProgramFigures {
  targetingAccuracy: TargetingAccuracy;
  leakage: Leakage;
  regionalEquity: RegionalEquity;
  /** Eligible units × the programme's median payment in the month. */
  budget: number;
  /** Benefit incidence if every eligible unit were paid the median payment: E by decile. */
  incidence: BenefitIncidence;
}

export interface RegionMoves {
  region: string;
  name: string;
  entering: number;
  leaving: number;
}

export interface DecileMoves {
  /** Null for units without a DTKS record. */
  decile: number | null;
  entering: number;
  leaving: number;
}

export interface Simulation {
  draft: ProgramFigures;
  current: ProgramFigures;
  /** Units in E under the draft and not under the rule set in force. */
  entering: number;
  /** Units in E under the rule set in force and not under the draft. */
  leaving: number;
  /** The median payment of the programme in the month, nationwide: what a unit costs. */
  medianPayment: number;
  /** draft.budget − current.budget. */
  budgetChange: number;
  movesByRegion: RegionMoves[];
  movesByDecile: DecileMoves[];
}

export interface SimulationArgs {
  draft: RuleSetInput;
  program: string;
  period: string;
  region?: string | null;
  level?: EquityLevel | null;
}

export type MoveDirection = 'ENTERING' | 'LEAVING';

export interface MovedUnit {
  /** The NIK of a PERSON programme's unit, the KK of a FAMILY one's. */
  unit: string;
  /** The person the unit stands for: the NIK itself, or the family's head. */
  nik: string;
  kk: string;
  villageCode: string;
  decile: number | null;
  direction: MoveDirection;
  /** The checks of the rule set in force the unit fails, in its order; empty when eligible. */
  failedNow: string[];
  /** The checks of the draft the unit fails, in its order; empty when eligible. */
  failedUnderDraft: string[];
}

export interface MovedUnitPage {
  totalCount: number;
  nodes: MovedUnit[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** The parameters of one rule set as the SQL reads them. */
interface RuleParams {
  /** The checks as bits by their position in RULES.md's table, from 1 (04's check ids). */
  bits: number;
  /** '' for a national rule set: every village starts with it. */
  region: string;
  /** 0 when the rule set has no threshold: WELFARE_DECILE is then not among its checks. */
  threshold: number;
  lookback: number;
  checks: readonly string[];
}

/** What the build's eligibility_axis (04) says about a programme and month. */
interface ProgramMonth {
  /** The programme's 1-based position by code: the id `person_fact` keeps its payments under. */
  programId: number;
  unitKind: 'PERSON' | 'FAMILY';
  asOf: string;
  current: RuleParams;
}

/** What each decile keeps, in this order: E under the draft, E in force, entering, leaving. */
const DECILE_MEASURES = 4;
/** Deciles 0 (no DTKS record) to 10. */
const DECILES = 11;

/**
 * Sums for one area under the draft: what targeting's row holds, and the moves and E by
 * decile on both sides. A fixed shape with typed arrays: a district's sums are added into
 * its regency, province and the nation once per district, not once per row.
 */
export class AreaSums {
  recipients = 0;
  recipientsEligible = 0;
  payments = 0;
  amount = 0;
  eligible = 0;
  eligibleNow = 0;
  entering = 0;
  leaving = 0;
  /** Payments and amounts by LEAKAGE_CATEGORIES' position. */
  readonly categoryPayments = new Float64Array(LEAKAGE_CATEGORIES.length);
  readonly categoryAmounts = new Float64Array(LEAKAGE_CATEGORIES.length);
  /** [decile × DECILE_MEASURES + measure]. */
  readonly deciles = new Float64Array(DECILES * DECILE_MEASURES);

  add(other: AreaSums): void {
    this.recipients += other.recipients;
    this.recipientsEligible += other.recipientsEligible;
    this.payments += other.payments;
    this.amount += other.amount;
    this.eligible += other.eligible;
    this.eligibleNow += other.eligibleNow;
    this.entering += other.entering;
    this.leaving += other.leaving;
    for (let i = 0; i < this.categoryPayments.length; i++) {
      this.categoryPayments[i]! += other.categoryPayments[i]!;
      this.categoryAmounts[i]! += other.categoryAmounts[i]!;
    }
    for (let i = 0; i < this.deciles.length; i++) this.deciles[i]! += other.deciles[i]!;
  }

  decile(decile: number, measure: 0 | 1 | 2 | 3): number {
    return this.deciles[decile * DECILE_MEASURES + measure]!;
  }

  /** The draft's figures as a row of 07's targeting table, for the functions that read one. */
  row(region: string): TargetingRow {
    const row: Record<string, string | number> = {
      period: '',
      region,
      recipients: this.recipients,
      eligible: this.eligible,
      recipients_eligible: this.recipientsEligible,
      payments: this.payments,
      amount: this.amount,
      leakage_payments: this.categoryPayments.reduce((a, b) => a + b, 0),
      leakage_amount: this.categoryAmounts.reduce((a, b) => a + b, 0),
    };
    LEAKAGE_CATEGORIES.forEach((category, i) => {
      row[`${category.toLowerCase()}_payments`] = this.categoryPayments[i]!;
      row[`${category.toLowerCase()}_amount`] = this.categoryAmounts[i]!;
    });
    return row as TargetingRow;
  }
}

export interface SimulatedSlice {
  /** By `${level} ${region}`, as MetricReader's slices. */
  byArea: Map<string, AreaSums>;
  medianPayment: number;
}

/** The code prefix of each level (Kemendagri codes: 51, 51.01, 51.01.01). */
const PREFIX: Record<MetricLevel, number> = { NATIONAL: 0, PROVINCE: 2, REGENCY: 5, DISTRICT: 8 };

/** Drafts a request may compare side by side (the dashboard shows three columns). */
export const MAX_DRAFTS = 3;

/** A simulation with what it was computed from: the draft's sums and the served rows of every area. */
export interface SimulationRun {
  slice: SimulatedSlice;
  served: ReadonlyMap<string, TargetingRow>;
  area: { level: MetricLevel; region: string };
  level: EquityLevel;
  simulation: Simulation;
}

/**
 * Simulations kept per build: a dashboard moves a slider back and forth over the same few.
 * At 20 M payments a simulation sums some 7,700 areas with their deciles, about 15 MB.
 */
const MAX_SLICES = 8;

export class Simulator {
  constructor(
    private readonly engine: Engine,
    private readonly database: string,
    private readonly regions: Regions,
    private readonly metrics: MetricReader,
  ) {}

  /** The figures under each draft, side by side with those in force; drafts are checked before anything runs. */
  async simulate(args: Omit<SimulationArgs, 'draft'> & { drafts: readonly RuleSetInput[] }): Promise<Simulation[]> {
    return (await this.runs(args)).map((run) => run.simulation);
  }

  /** Each draft's simulation with the slices it was read from, for simulation-disclosure.ts. */
  async runs(args: Omit<SimulationArgs, 'draft'> & { drafts: readonly RuleSetInput[] }): Promise<SimulationRun[]> {
    if (args.drafts.length === 0 || args.drafts.length > MAX_DRAFTS) {
      throw badInput('drafts', `must hold 1 to ${MAX_DRAFTS} rule sets, not ${args.drafts.length}.`);
    }
    args.drafts.forEach((draft, i) => checkRuleSetInput(draft, this.regions, args.drafts.length === 1 ? 'draft' : `drafts[${i}]`));
    await this.metrics.checkProgramPeriod(args.program, args.period);
    const area = this.metrics.area(args.region);
    const level = args.level ?? 'PROVINCE';
    const month = await this.programMonth(args.program, args.period);
    const served = await this.metrics.slice(args.program, args.period);
    const results: SimulationRun[] = [];
    for (const draft of args.drafts) {
      const slice = await this.slice(args.program, args.period, month, paramsOf(draft));
      results.push({ slice, served: served.byArea, area, level, simulation: this.figures(slice, served.byArea, area, level) });
    }
    return results;
  }

  /** For auditors: the units a draft moves in or out of E, by unit, with the checks that decide it on each side. */
  async movedUnits(args: SimulationArgs & { direction?: MoveDirection | null; first?: number | null; after?: string | null }): Promise<MovedUnitPage> {
    checkRuleSetInput(args.draft, this.regions, 'draft');
    await this.metrics.checkProgramPeriod(args.program, args.period);
    const area = this.metrics.area(args.region);
    const first = args.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > 500) throw badInput('first', `must be from 1 to 500, not ${first}.`);
    if (args.after != null && !/^\d{1,20}$/.test(args.after)) throw badInput('after', 'must be the endCursor of a previous page.');
    const month = await this.programMonth(args.program, args.period);
    const draft = paramsOf(args.draft);
    const params = {
      ...this.unitParams(month, draft),
      region: area.region,
      direction: args.direction ?? '',
      after: args.after ?? '0',
      limit: first + 1,
    };
    const moved = `(draft_failed = 0) != (current_failed = 0) AND startsWith(village_code, {region:String})
         AND ({direction:String} = '' OR ({direction:String} = 'ENTERING') = (draft_failed = 0))`;
    const [rows, [count]] = await Promise.all([
      this.engine.query<{ unit: string; nik: string; kk: string; village_code: string; decile: number; draft_failed: number; current_failed: number }>(
        `${UNITS} SELECT unit, nik, kk, village_code, decile, draft_failed, current_failed FROM units
         WHERE ${moved} AND unit > toUInt64({after:String}) ORDER BY unit LIMIT {limit:UInt32}`,
        params,
      ),
      this.engine.query<{ total: string }>(`${UNITS} SELECT count() AS total FROM units WHERE ${moved}`, params),
    ]);
    const page = rows.slice(0, first);
    return {
      totalCount: Number(count?.total ?? 0),
      nodes: page.map((r) => ({
        unit: String(r.unit),
        nik: String(r.nik),
        kk: String(r.kk),
        villageCode: r.village_code,
        decile: Number(r.decile) === 0 ? null : Number(r.decile),
        direction: Number(r.draft_failed) === 0 ? 'ENTERING' : 'LEAVING',
        failedNow: failedChecks(month.current, Number(r.current_failed)),
        failedUnderDraft: failedChecks(draft, Number(r.draft_failed)),
      })),
      endCursor: rows.length > first ? String(page.at(-1)!.unit) : null,
      hasNextPage: rows.length > first,
    };
  }

  private figures(slice: SimulatedSlice, served: Map<string, TargetingRow>, area: { level: MetricLevel; region: string }, level: EquityLevel): Simulation {
    const sums = slice.byArea.get(`${area.level} ${area.region}`) ?? new AreaSums();
    const compared = this.comparedRegions(slice, served, area, level);
    const median = slice.medianPayment;
    const deciles = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const figures = (row: TargetingRow, equity: TargetingRow[], measure: 0 | 1): ProgramFigures => ({
      targetingAccuracy: accuracyOf(row),
      leakage: leakageOf(row),
      regionalEquity: equityOf(equity, this.regions),
      budget: Number(row.eligible) * median,
      incidence: incidenceOf(deciles.map((decile) => ({ decile, units: sums.decile(decile, measure), amount: sums.decile(decile, measure) * median }))),
    });
    // Equity lists the regions where something happened under each rule set, as a build's metric tables keep them.
    const draft = figures(sums.row(area.region), compared.map((c) => c.draft.row(c.region)).filter(happened), 0);
    const current = figures(
      served.get(`${area.level} ${area.region}`) ?? emptyRow('', area.region),
      compared.map((c) => c.current).filter(happened),
      1,
    );
    return {
      draft,
      current,
      entering: sums.entering,
      leaving: sums.leaving,
      medianPayment: median,
      budgetChange: draft.budget - current.budget,
      movesByRegion: compared.map((c) => ({
        region: c.region,
        name: this.regions.get(c.region)?.name ?? '',
        entering: c.draft.entering,
        leaving: c.draft.leaving,
      })),
      movesByDecile: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0].map((d) => ({
        decile: d === 0 ? null : d,
        entering: sums.decile(d, 2),
        leaving: sums.decile(d, 3),
      })),
    };
  }

  /**
   * The regions regional equity compares: those of `level` inside the region asked (all of
   * them nationally), in code order; when the region is at `level` or below it, the one
   * region of `level` that holds it, counting the units of the region asked only (the
   * filter applies to units before they are grouped, METRICS.md).
   */
  private comparedRegions(slice: SimulatedSlice, served: Map<string, TargetingRow>, area: { level: MetricLevel; region: string }, level: EquityLevel) {
    if (LEVEL_DEPTH[area.level] >= LEVEL_DEPTH[level]) {
      const region = area.region.slice(0, PREFIX[level]);
      const key = `${area.level} ${area.region}`;
      return [{ region, draft: slice.byArea.get(key) ?? new AreaSums(), current: { ...(served.get(key) ?? emptyRow('', region)), region } }];
    }
    const inside = area.level === 'NATIONAL' ? `${level} ` : `${level} ${area.region}.`;
    const keys = [...new Set([...slice.byArea.keys(), ...served.keys()])].filter((k) => k.startsWith(inside)).sort();
    return keys.map((key) => {
      const region = key.slice(key.indexOf(' ') + 1);
      return { region, draft: slice.byArea.get(key) ?? new AreaSums(), current: served.get(key) ?? emptyRow('', region) };
    });
  }

  /** Concurrent first asks of one simulation share one computation; a failed one is not kept. */
  private readonly slices = new LRUCache<string, SimulatedSlice, { month: ProgramMonth; draft: RuleParams; program: string; period: string }>({
    max: MAX_SLICES,
    fetchMethod: (_key, _stale, { context }) => this.compute(context.program, context.period, context.month, context.draft),
  });

  private async slice(program: string, period: string, month: ProgramMonth, draft: RuleParams): Promise<SimulatedSlice> {
    const key = JSON.stringify([program, period, draft.bits, draft.region, draft.threshold, draft.lookback]);
    return (await this.slices.fetch(key, { context: { month, draft, program, period } }))!;
  }

  private async compute(program: string, period: string, month: ProgramMonth, draft: RuleParams): Promise<SimulatedSlice> {
    const params = { ...this.unitParams(month, draft), program, period };
    // E on both sides, per district and decile.
    const units = await this.engine.query<{ district: string; decile: number; eligible: string; eligible_now: string; entering: string; leaving: string }>(
      `${UNITS}
       SELECT substring(village_code, 1, 8) AS district, decile,
              countIf(draft_failed = 0) AS eligible, countIf(current_failed = 0) AS eligible_now,
              countIf(draft_failed = 0 AND current_failed != 0) AS entering,
              countIf(draft_failed != 0 AND current_failed = 0) AS leaving
       FROM units
       WHERE draft_failed = 0 OR current_failed = 0
       GROUP BY district, decile`,
      params,
    );
    // The payments, with INELIGIBLE decided again against the draft's E: a payment that
    // took an earlier category keeps it (METRICS.md, Leakage: the first that applies).
    const payments = await this.engine.query<{ district: string; category: string; recipients: string; recipients_eligible: string; payments: string; amount: string }>(
      `${UNITS}
       SELECT substring(region, 1, 8) AS district, category, countIf(payment_rank = 1) AS recipients,
              countIf(payment_rank = 1 AND draft_eligible) AS recipients_eligible, count() AS payments, sum(amount) AS amount
       FROM (
         SELECT f.region AS region, f.payment_rank AS payment_rank, f.amount AS amount,
                ifNull(f.subject_nik IN (SELECT nik FROM units WHERE draft_failed = 0), 0) AS draft_eligible,
                if(f.category IN ('', 'INELIGIBLE'), if(draft_eligible, '', 'INELIGIBLE'), toString(f.category)) AS category
         FROM {db:Identifier}.disbursement_fact AS f
         WHERE f.program = {program:String} AND f.period = {period:String}
       )
       GROUP BY district, category`,
      params,
    );
    const [median] = await this.engine.query<{ median: number }>(
      `SELECT (medianExactLow(amount) + medianExactHigh(amount)) / 2 AS median
       FROM {db:Identifier}.disbursement_fact WHERE program = {program:String} AND period = {period:String}`,
      params,
    );
    // Districts first, row by row; then each district into its regency, province and the nation.
    const byDistrict = new Map<string, AreaSums>();
    const districtSums = (district: string) => {
      let sums = byDistrict.get(district);
      if (!sums) byDistrict.set(district, (sums = new AreaSums()));
      return sums;
    };
    for (const u of units) {
      const sums = districtSums(u.district);
      const [eligible, eligibleNow, entering, leaving] = [Number(u.eligible), Number(u.eligible_now), Number(u.entering), Number(u.leaving)];
      sums.eligible += eligible;
      sums.eligibleNow += eligibleNow;
      sums.entering += entering;
      sums.leaving += leaving;
      const at = Number(u.decile) * DECILE_MEASURES;
      sums.deciles[at]! += eligible;
      sums.deciles[at + 1]! += eligibleNow;
      sums.deciles[at + 2]! += entering;
      sums.deciles[at + 3]! += leaving;
    }
    for (const p of payments) {
      const sums = districtSums(p.district);
      const [count, amount] = [Number(p.payments), Number(p.amount)];
      sums.recipients += Number(p.recipients);
      sums.recipientsEligible += Number(p.recipients_eligible);
      sums.payments += count;
      sums.amount += amount;
      const category = LEAKAGE_CATEGORIES.indexOf(p.category as (typeof LEAKAGE_CATEGORIES)[number]);
      if (category >= 0) {
        sums.categoryPayments[category]! += count;
        sums.categoryAmounts[category]! += amount;
      }
    }
    const byArea = new Map<string, AreaSums>();
    for (const [district, sums] of byDistrict) {
      byArea.set(`DISTRICT ${district}`, sums);
      for (const level of ['NATIONAL', 'PROVINCE', 'REGENCY'] as const) {
        const key = `${level} ${district.slice(0, PREFIX[level])}`;
        let above = byArea.get(key);
        if (!above) byArea.set(key, (above = new AreaSums()));
        above.add(sums);
      }
    }
    return { byArea, medianPayment: Number(median?.median ?? 0) || 0 };
  }

  /** The query parameters of UNITS: the programme-month and both rule sets. */
  private unitParams(month: ProgramMonth, draft: RuleParams) {
    return {
      db: this.database,
      program_id: month.programId,
      unit_kind: month.unitKind,
      as_of: month.asOf,
      draft_bits: draft.bits,
      draft_region: draft.region,
      draft_threshold: draft.threshold,
      draft_lookback: draft.lookback,
      current_bits: month.current.bits,
      current_region: month.current.region,
      current_threshold: month.current.threshold,
      current_lookback: month.current.lookback,
    };
  }

  private axis?: Promise<Axis>;

  private async programMonth(program: string, period: string): Promise<ProgramMonth> {
    this.axis ??= this.readAxis();
    this.axis.catch(() => (this.axis = undefined));
    const axis = await this.axis;
    const p = axis.programs.indexOf(program);
    const m = axis.periods.indexOf(period);
    // checkProgramPeriod ran first, and the axis holds every programme and month of the build.
    if (p < 0 || m < 0) throw new Error(`eligibility_axis of ${this.database} lacks ${program} ${period}`);
    return {
      programId: p + 1,
      unitKind: axis.units[p] === 'FAMILY' ? 'FAMILY' : 'PERSON',
      asOf: axis.as_ofs[m]!,
      current: {
        bits: Number(axis.check_bits[p]),
        region: axis.regions[p] ?? '',
        threshold: Number(axis.decile_thresholds[p] ?? 0),
        lookback: Number(axis.lookback_days[p]),
        checks: axis.check_lists[p]!,
      },
    };
  }

  private async readAxis(): Promise<Axis> {
    const [[axis], programs] = await Promise.all([
      this.engine.query<Omit<Axis, 'units'>>(
        `SELECT programs, periods, as_ofs, check_bits, check_lists, regions, decile_thresholds, lookback_days
         FROM {db:Identifier}.eligibility_axis`,
        { db: this.database },
      ),
      this.engine.query<{ code: string; unit: string }>('SELECT code, unit FROM {db:Identifier}.program', { db: this.database }),
    ]);
    if (!axis) throw new Error(`${this.database} has no eligibility_axis`);
    const unitOf = new Map(programs.map((p) => [p.code, p.unit]));
    return { ...axis, units: axis.programs.map((code) => unitOf.get(code) ?? 'PERSON') };
  }
}

interface Axis {
  programs: string[];
  periods: string[];
  as_ofs: string[];
  check_bits: (number | string)[];
  check_lists: string[][];
  regions: (string | null)[];
  decile_thresholds: (number | null)[];
  lookback_days: (number | string)[];
  units: string[];
}

/**
 * One row per unit of the programme (every person for a PERSON programme, every head for a
 * FAMILY one: a family is eligible when its head is, RULES.md), with the checks it fails on
 * the month's last day under the draft and under the rule set in force, as bits by check id.
 * The checks are 04_fact_eligibility.sql's, for one programme and one day: bit 0 (a check
 * nobody knows) is set and never read, since a checked rule set names only known checks;
 * IDENTITY passes for everyone in population; NO_PRIOR_AID and FAMILY_NOT_RECEIVING leave
 * out the programme's own payments (RULES.md, Programme context).
 */
const UNITS = `
WITH units AS (
  SELECT
    if({unit_kind:String} = 'FAMILY', f.kk, f.nik) AS unit,
    f.nik AS nik,
    f.kk AS kk,
    f.village_code AS village_code,
    toUInt8(ifNull(f.decile, 0)) AS decile,
    toUInt32(1)
      + bitShiftLeft(toUInt32(ifNull(f.death_date <= {as_of:Date}, 0)), 2)
      + bitShiftLeft(toUInt32(NOT ifNull(f.first_dose <= {as_of:Date}, 0)), 4)
      + bitShiftLeft(toUInt32(arrayExists((s, e) -> s <= {as_of:Date} AND e >= {as_of:Date}, f.service_start, f.service_end)), 5)
      + bitShiftLeft(toUInt32(arrayExists((first, id) -> id != {program_id:UInt16} AND first <= {as_of:Date}, f.aid_first_by_program, f.aid_program_ids)), 6)
      + bitShiftLeft(toUInt32(NOT ifNull(f.dtks_status = 'ACTIVE', 0)), 8) AS fixed_failing,
    bitAnd(fixed_failing
      + bitShiftLeft(toUInt32(NOT startsWith(f.village_code, {draft_region:String})), 3)
      + bitShiftLeft(toUInt32(NOT ifNull(f.decile <= {draft_threshold:UInt8}, 0)), 9)
      + bitShiftLeft(toUInt32(arrayExists((day, id) -> id != {program_id:UInt16} AND day > subtractDays({as_of:Date}, {draft_lookback:UInt32}) AND day <= {as_of:Date},
                                          f.family_aid_dates, f.family_aid_program_ids)), 7),
      {draft_bits:UInt32}) AS draft_failed,
    bitAnd(fixed_failing
      + bitShiftLeft(toUInt32(NOT startsWith(f.village_code, {current_region:String})), 3)
      + bitShiftLeft(toUInt32(NOT ifNull(f.decile <= {current_threshold:UInt8}, 0)), 9)
      + bitShiftLeft(toUInt32(arrayExists((day, id) -> id != {program_id:UInt16} AND day > subtractDays({as_of:Date}, {current_lookback:UInt32}) AND day <= {as_of:Date},
                                          f.family_aid_dates, f.family_aid_program_ids)), 7),
      {current_bits:UInt32}) AS current_failed
  FROM {db:Identifier}.person_fact AS f
  WHERE {unit_kind:String} = 'PERSON' OR f.relationship = 'HEAD'
)`;

/** A draft's parameters for UNITS; its checks as 04's ids (the position in RULES.md's table, from 1). */
function paramsOf(draft: RuleSetInput): RuleParams {
  const bits = draft.checks.reduce((acc, code) => acc | (1 << (CHECK_CODES.indexOf(code as (typeof CHECK_CODES)[number]) + 1)), 0);
  return {
    bits,
    region: draft.region ?? '',
    threshold: draft.decileThreshold ?? 0,
    lookback: draft.familyLookbackDays ?? 180,
    checks: draft.checks,
  };
}

function failedChecks(rules: RuleParams, mask: number): string[] {
  return rules.checks.filter((code) => (mask & (1 << (CHECK_CODES.indexOf(code as (typeof CHECK_CODES)[number]) + 1))) !== 0);
}

/** A region with eligible units or payments: a row of 07's targeting table. */
function happened(row: TargetingRow): boolean {
  return Number(row.eligible) > 0 || Number(row.payments) > 0;
}


