/**
 * The metrics as an ANALYST may read them (API.md, "Small cells"; issue 21): each figure of
 * a programme-month that rests on fewer than k units, or could be had by subtracting its
 * published siblings from their parent, is null and its object says `suppressed`. AUDITOR
 * and ADMIN read the same objects with nothing hidden (k = 0).
 *
 * The cells of a programme-month are every area of the slice (07's targeting rows, every
 * level) with its leakage categories and its deciles (08's incidence rows), suppressed
 * together (small-cells.ts) so that one pattern holds whichever level or region is asked.
 * An area's own cell rests on the smallest of R ∩ E, R \ E and E \ R, since a published
 * recipients count with its inclusion rate gives R \ E away.
 */
import { LRUCache } from 'lru-cache';
import {
  LEAKAGE_CATEGORIES,
  weightedGini,
  type BenefitIncidence,
  type Leakage,
  type LeakageCategory,
  type MetricLevel,
  type MetricReader,
  type RegionalEquity,
  type RegionEquity,
  type TargetingAccuracy,
  type TargetingRow,
  type TrendPoint,
} from './metrics.js';
import { suppressedCells, TreeCells } from './small-cells.js';

/** API.md: k, the fewest units a figure an analyst sees may rest on (TEPAT_MIN_CELL). */
export const DEFAULT_MIN_CELL = 10;

/** Deciles as incidence lists them: 1 to 10, then 0 (no DTKS record). */
const DECILE_ORDER = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0];
const POOREST_FOUR = [1, 2, 3, 4];

type Nullable<T> = { [K in keyof T]: T[K] | null };

export interface ShownAccuracy extends Nullable<TargetingAccuracy> {
  suppressed: boolean;
}
export interface ShownCategory {
  category: LeakageCategory;
  rows: number | null;
  amount: number | null;
  suppressed: boolean;
}
export interface ShownLeakage extends Nullable<Omit<Leakage, 'byCategory'>> {
  byCategory: ShownCategory[];
  suppressed: boolean;
}
export interface ShownRegionEquity {
  region: string;
  name: string;
  eligible: number | null;
  recipients: number | null;
  amount: number | null;
  coverage: number | null;
  allocationRatio: number | null;
  suppressed: boolean;
}
export interface ShownRegionalEquity {
  giniCoverage: number;
  regions: ShownRegionEquity[];
}
export interface ShownDecile {
  decile: number | null;
  units: number | null;
  amount: number | null;
  share: number | null;
  suppressed: boolean;
}
export interface ShownIncidence extends Nullable<Omit<BenefitIncidence, 'deciles'>> {
  deciles: ShownDecile[];
  suppressed: boolean;
}
export interface ShownTrendPoint {
  period: string;
  accuracy: ShownAccuracy;
  leakage: ShownLeakage;
}

/** The hidden cells of one programme-month: an area is `LEVEL code` (`NATIONAL ` for the nation). */
export class SmallCells {
  static readonly NONE = new SmallCells(new TreeCells(), new Uint8Array(0));
  constructor(
    private readonly cells: TreeCells,
    private readonly hidden: Uint8Array,
  ) {}

  has(area: string, measure = ''): boolean {
    const id = this.cells.id(area, measure);
    return id !== undefined && this.hidden[id] === 1;
  }

  /** How many cells are hidden. */
  get count(): number {
    return this.hidden.reduce((n, h) => n + h, 0);
  }

  /** Each hidden cell as area and measure. */
  *hiddenCells(): Generator<[area: string, measure: string]> {
    for (const [area, measure, id] of this.cells.cells()) if (this.hidden[id]) yield [area, measure];
  }
}

export function areaKey(level: MetricLevel, region: string): string {
  return `${level} ${region}`;
}

/** The area's own cell: the smallest non-empty part of R ∩ E, R \ E, E \ R (0 when all are empty). */
export function areaUnits(row: TargetingRow): number {
  const recipients = Number(row.recipients);
  const eligible = Number(row.eligible);
  const both = Number(row.recipients_eligible);
  const parts = [both, recipients - both, eligible - both].filter((n) => n > 0);
  return parts.length === 0 ? 0 : Math.min(...parts);
}

/** Measure names by prefix, made once: the same strings for every area (see TreeCells on why). */
const decileMeasures = new Map<string, { all: string[]; poorest: string[]; p40: string }>();
function measuresOf(prefix: string) {
  let names = decileMeasures.get(prefix);
  if (!names) {
    const all = DECILE_ORDER.map((d) => `${prefix}:${d}`);
    decileMeasures.set(prefix, (names = { all, poorest: all.slice(0, POOREST_FOUR.length), p40: `${prefix}:p40` }));
  }
  return names;
}
/** A leakage category's measure (`c:GHOST`), by LEAKAGE_CATEGORIES' position. */
export const CATEGORY_MEASURES = LEAKAGE_CATEGORIES.map((c) => `c:${c}`);

/** Adds an area's units by decile (`prefix:decile`), which add up to its cell `total`, and their poorest-40 subtotal. */
export function addDeciles(cells: TreeCells, area: string, prefix: string, unitsOf: (decile: number) => number, total = ''): void {
  const names = measuresOf(prefix);
  DECILE_ORDER.forEach((decile, i) => cells.cell(area, names.all[i]!, unitsOf(decile)));
  cells.relation(area, total, names.all);
  // poorest40Share adds deciles 1-4: one more relation a reader could subtract along.
  cells.cell(area, names.p40, POOREST_FOUR.reduce((sum, d) => sum + unitsOf(d), 0));
  cells.relation(area, names.p40, names.poorest);
}

export function addCategories(cells: TreeCells, area: string, row: TargetingRow): void {
  LEAKAGE_CATEGORIES.forEach((category, i) => cells.cell(area, CATEGORY_MEASURES[i]!, Number(row[`${lower(category)}_payments`])));
  cells.relation(area, '', CATEGORY_MEASURES);
}

/** The served build's cells of one programme-month. */
export function servedCells(
  rows: readonly (TargetingRow & { level: MetricLevel })[],
  incidence: readonly { level: MetricLevel; region: string; decile: number | string; units: number | string }[],
  k: number,
): SmallCells {
  const cells = new TreeCells();
  for (const row of rows) {
    const area = areaKey(row.level, row.region);
    cells.cell(area, '', areaUnits(row));
    addCategories(cells, area, row);
  }
  const byArea = new Map<string, Map<number, number>>();
  for (const r of incidence) {
    const area = areaKey(r.level, r.region);
    const deciles = byArea.get(area) ?? new Map<number, number>();
    deciles.set(Number(r.decile), Number(r.units));
    byArea.set(area, deciles);
  }
  for (const [area, deciles] of byArea) addDeciles(cells, area, 'd', (d) => deciles.get(d) ?? 0);
  return new SmallCells(cells, suppressedCells(cells.table(), k));
}

export function showAccuracy(figures: TargetingAccuracy, hidden: boolean): ShownAccuracy {
  if (!hidden) {
    const { recipients, eligible, inclusionErrorRate, exclusionErrorRate, coverage } = figures;
    return { recipients, eligible, inclusionErrorRate, exclusionErrorRate, coverage, suppressed: false };
  }
  return { recipients: null, eligible: null, inclusionErrorRate: null, exclusionErrorRate: null, coverage: null, suppressed: true };
}

export function showLeakage(figures: Leakage, cells: SmallCells, area: string): ShownLeakage {
  const hidden = cells.has(area);
  const byCategory = figures.byCategory.map((c): ShownCategory => {
    const gone = hidden || cells.has(area, `c:${c.category}`);
    return gone ? { category: c.category, rows: null, amount: null, suppressed: true } : { ...c, suppressed: false };
  });
  if (hidden) return { totalAmount: null, leakageAmount: null, leakageRate: null, byCategory, suppressed: true };
  const { totalAmount, leakageAmount, leakageRate } = figures;
  return { totalAmount, leakageAmount, leakageRate, byCategory, suppressed: byCategory.some((c) => c.suppressed) };
}

/**
 * Each region of an equity answer shown, or hidden when `hidden(region)`. The Gini then
 * counts the hidden regions as one, whose coverage the shown figures give anyway (their
 * parent's minus their shown siblings'): over each hidden region it would say something of
 * theirs (a Gini of 0 says every coverage is the same).
 */
export function showEquity(figures: RegionalEquity, hidden: (region: string) => boolean): ShownRegionalEquity {
  const withheld = figures.regions.filter((r) => hidden(r.region));
  const points = (regions: RegionEquity[]) => regions.filter((r) => r.eligible > 0).map((r) => ({ weight: r.eligible, value: r.coverage }));
  const rest = withheld.reduce((sum, r) => ({ eligible: sum.eligible + r.eligible, reached: sum.reached + r.coverage * r.eligible }), { eligible: 0, reached: 0 });
  const giniCoverage =
    withheld.length === 0
      ? figures.giniCoverage
      : weightedGini([...points(figures.regions.filter((r) => !hidden(r.region))), ...(rest.eligible > 0 ? [{ weight: rest.eligible, value: rest.reached / rest.eligible }] : [])]);
  return {
    giniCoverage,
    regions: figures.regions.map((r) =>
      hidden(r.region)
        ? { region: r.region, name: r.name, eligible: null, recipients: null, amount: null, coverage: null, allocationRatio: null, suppressed: true }
        : { ...r, suppressed: false },
    ),
  };
}

export function showIncidence(figures: BenefitIncidence, cells: SmallCells, area: string, prefix: string, total = ''): ShownIncidence {
  const hidden = cells.has(area, total);
  const deciles = figures.deciles.map((d): ShownDecile => {
    const gone = hidden || cells.has(area, `${prefix}:${d.decile ?? 0}`);
    return gone ? { decile: d.decile, units: null, amount: null, share: null, suppressed: true } : { ...d, suppressed: false };
  });
  if (hidden) return { totalAmount: null, poorest40Share: null, coadyGroshHoddinott: null, deciles, suppressed: true };
  const poorest = !cells.has(area, `${prefix}:p40`);
  return {
    totalAmount: figures.totalAmount,
    poorest40Share: poorest ? figures.poorest40Share : null,
    coadyGroshHoddinott: poorest ? figures.coadyGroshHoddinott : null,
    deciles,
    suppressed: deciles.some((d) => d.suppressed) || !poorest,
  };
}

function lower(category: LeakageCategory): Lowercase<LeakageCategory> {
  return category.toLowerCase() as Lowercase<LeakageCategory>;
}

/** Programme-months whose hidden cells are kept, as MetricReader keeps their slices. */
const MAX_PATTERNS = 96;

/**
 * The served metrics through the small-cell rule at `k` (0: every figure). The pattern of a
 * programme-month is worked out once per build and k, from the slice MetricReader keeps.
 */
export class PublishedMetrics {
  private readonly patterns = new LRUCache<string, SmallCells>({
    max: MAX_PATTERNS,
    fetchMethod: async (key) => {
      const [k, program, period] = JSON.parse(key) as [number, string, string];
      const [slice, incidence] = await Promise.all([this.reader.slice(program, period), this.reader.incidenceSlice(program, period)]);
      const rows = [...slice.byArea.entries()].map(([area, row]) => ({ ...row, level: area.slice(0, area.indexOf(' ')) as MetricLevel }));
      return servedCells(rows, incidence, k);
    },
  });

  constructor(readonly reader: MetricReader) {}

  /** The hidden cells of a programme-month at k (none at k ≤ 1). */
  async cells(program: string, period: string, k: number): Promise<SmallCells> {
    if (k <= 1) return SmallCells.NONE;
    return (await this.patterns.fetch(JSON.stringify([k, program, period])))!;
  }

  async targetingAccuracy(args: { program: string; period: string; region?: string | null }, k: number): Promise<ShownAccuracy> {
    const figures = await this.reader.targetingAccuracy(args);
    const cells = await this.cells(args.program, args.period, k);
    return showAccuracy(figures, cells.has(this.areaOf(args.region)));
  }

  async leakage(args: { program: string; period: string; region?: string | null }, k: number): Promise<ShownLeakage> {
    const figures = await this.reader.leakage(args);
    return showLeakage(figures, await this.cells(args.program, args.period, k), this.areaOf(args.region));
  }

  async regionalEquity(args: Parameters<MetricReader['regionalEquity']>[0], k: number): Promise<ShownRegionalEquity> {
    const figures = await this.reader.regionalEquity(args);
    const cells = await this.cells(args.program, args.period, k);
    return showEquity(figures, (region) => cells.has(areaKey(args.level, region)));
  }

  async benefitIncidence(args: { program: string; period: string; region?: string | null }, k: number): Promise<ShownIncidence> {
    const figures = await this.reader.benefitIncidence(args);
    return showIncidence(figures, await this.cells(args.program, args.period, k), this.areaOf(args.region), 'd');
  }

  async trend(args: Parameters<MetricReader['trend']>[0], k: number): Promise<ShownTrendPoint[]> {
    const points: TrendPoint[] = await this.reader.trend(args);
    const area = this.areaOf(args.region);
    return Promise.all(
      points.map(async (p) => {
        const cells = await this.cells(args.program, p.period, k);
        return { period: p.period, accuracy: showAccuracy(p, cells.has(area)), leakage: showLeakage(p, cells, area) };
      }),
    );
  }

  private areaOf(region: string | null | undefined): string {
    const { level, region: code } = this.reader.area(region);
    return areaKey(level, code);
  }
}
