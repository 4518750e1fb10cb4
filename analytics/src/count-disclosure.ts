/**
 * Case figures and data-quality counts as an ANALYST may read them (API.md, "Small cells":
 * an analyst never sees a figure resting on fewer than k units, nor one derivable from such
 * by subtraction). The metrics do this in disclosure.ts; these are counts of cases and of
 * data-quality items, and "one complaint in Negara this month" or "one dead DTKS member in
 * this village" names a handful of people as surely as a targeting figure does.
 *
 * The cells are every count the served build holds for the table at every level, so one
 * pattern holds whichever region is asked, and the groups are what a reader can add up:
 *   - case figures, per month: each kind's filed = still open + concluded, filed = Σ its
 *     statuses, still open = Σ its open statuses, concluded = Σ its final ones; every
 *     programme's row = Σ the programmes' rows (applications and complaints name one); and
 *     each count up the Kemendagri tree. The hours rest on the concluded cases and go with them.
 *   - data-quality counts: a region's total = Σ its kinds, and each up the tree to villages.
 * A relation that holds only with a remainder nobody publishes (the nation also counts cases
 * whose person had no district) can only hide more, never less.
 */
import { LRUCache } from 'lru-cache';
import type { Regions } from '@tepat/core';
import type { Build } from './builds.js';
import { caseFigures, STATUSES_OF_KIND, type CaseFigures, type CaseKind, type CaseStatus, type KindFigures } from './case-figures.js';
import { areaKey, SmallCells } from './disclosure.js';
import type { Engine } from './engine.js';
import type { MetricLevel, MetricReader } from './metrics.js';
import { dataQualityCounts, QUALITY_KINDS, type QualityCounts, type QualityKind } from './quality.js';
import { suppressedCells, TreeCells } from './small-cells.js';

/** Statuses a case leaves (KindFigures.stillOpen): every other one is final. */
const OPEN_STATUSES: readonly CaseStatus[] = ['PENDING', 'QUEUED', 'OPEN', 'IN_PROGRESS'];
const COUNTS = ['filed', 'stillOpen', 'concluded', 'overdue'] as const;
/** Months and thresholds whose hidden cells are kept; a dashboard asks a few of each. */
const MAX_PATTERNS = 48;

export interface ShownKindFigures {
  kind: CaseKind;
  filed: number | null;
  stillOpen: number | null;
  concluded: number | null;
  overdue: number | null;
  byStatus: { status: CaseStatus; cases: number | null }[];
  medianHours: number | null;
  p90Hours: number | null;
  /** Some of these figures are withheld. */
  suppressed: boolean;
}

export interface ShownCaseFigures extends Omit<CaseFigures, 'kinds'> {
  kinds: ShownKindFigures[];
}

export interface ShownQualityCounts extends Omit<QualityCounts, 'total' | 'byKind'> {
  total: number | null;
  byKind: { kind: QualityKind; items: number | null; suppressed: boolean }[];
  suppressed: boolean;
}

type CaseRow = Record<'kind' | 'program' | 'level' | 'region', string> & Record<string, unknown>;
type CountRow = { level: string; region: string; kind: QualityKind; items: string };

const caseMeasure = (program: string, kind: string, figure: string) => `${program}|${kind}|${figure}`;
const statusFigure = (status: CaseStatus) => `s:${status}`;
const statusColumn = (status: CaseStatus) => `status_${status.toLowerCase()}`;
const COLUMN_OF: Record<(typeof COUNTS)[number], string> = { filed: 'filed', stillOpen: 'still_open', concluded: 'concluded', overdue: 'overdue' };

/** The hidden cells of one month's case figures, from the served build's rows of that month at every level. */
export function caseFigureCells(rows: readonly CaseRow[], k: number): SmallCells {
  const cells = new TreeCells();
  // Each area and kind with programme rows: its every-programme row is their sum.
  const programmeRows = new Map<string, { area: string; kind: CaseKind; programs: string[] }>();
  for (const row of rows) {
    const kind = row.kind as CaseKind;
    const area = areaKey(row.level as MetricLevel, row.region);
    const measure = (figure: string) => caseMeasure(row.program, kind, figure);
    const statuses = STATUSES_OF_KIND[kind];
    for (const figure of COUNTS) cells.cell(area, measure(figure), Number(row[COLUMN_OF[figure]]));
    for (const status of statuses) cells.cell(area, measure(statusFigure(status)), Number(row[statusColumn(status)]));
    cells.relation(area, measure('filed'), [measure('stillOpen'), measure('concluded')]);
    cells.relation(area, measure('filed'), statuses.map((s) => measure(statusFigure(s))));
    cells.relation(area, measure('stillOpen'), statuses.filter((s) => OPEN_STATUSES.includes(s)).map((s) => measure(statusFigure(s))));
    cells.relation(area, measure('concluded'), statuses.filter((s) => !OPEN_STATUSES.includes(s)).map((s) => measure(statusFigure(s))));
    if (row.program !== '') {
      const key = `${area}|${kind}`;
      const entry = programmeRows.get(key) ?? { area, kind, programs: [] };
      entry.programs.push(row.program);
      programmeRows.set(key, entry);
    }
  }
  for (const { area, kind, programs } of programmeRows.values()) {
    for (const figure of [...COUNTS, ...STATUSES_OF_KIND[kind].map(statusFigure)]) {
      cells.relation(area, caseMeasure('', kind, figure), programs.map((p) => caseMeasure(p, kind, figure)));
    }
  }
  return new SmallCells(cells, suppressedCells(cells.table(), k));
}

/** Case figures with what `cells` hides of the area `area` (as areaKey names it) withheld. */
export function showCaseFigures(figures: CaseFigures, cells: SmallCells, area: string): ShownCaseFigures {
  const program = figures.program ?? '';
  return { ...figures, kinds: figures.kinds.map((kind) => showKind(kind, (figure) => cells.has(area, caseMeasure(program, kind.kind, figure)))) };
}

function showKind(figures: KindFigures, hidden: (figure: string) => boolean): ShownKindFigures {
  let suppressed = false;
  const show = (value: number, figure: string) => {
    if (!hidden(figure)) return value;
    suppressed = true;
    return null;
  };
  const hoursHidden = hidden('concluded');
  return {
    kind: figures.kind,
    filed: show(figures.filed, 'filed'),
    stillOpen: show(figures.stillOpen, 'stillOpen'),
    concluded: show(figures.concluded, 'concluded'),
    overdue: show(figures.overdue, 'overdue'),
    byStatus: figures.byStatus.map((s) => ({ status: s.status, cases: show(s.cases, statusFigure(s.status)) })),
    // The hours describe the concluded cases: too few of them, and one person's wait shows.
    medianHours: hoursHidden ? null : figures.medianHours,
    p90Hours: hoursHidden ? null : figures.p90Hours,
    suppressed,
  };
}

/** The hidden cells of the data-quality counts, from every region's counts at every level. */
export function qualityCountCells(rows: readonly CountRow[], k: number): SmallCells {
  const cells = new TreeCells();
  const totals = new Map<string, number>();
  for (const row of rows) {
    const area = areaKey(row.level as MetricLevel, row.region);
    cells.cell(area, row.kind, Number(row.items));
    totals.set(area, (totals.get(area) ?? 0) + Number(row.items));
  }
  for (const [area, total] of totals) {
    cells.cell(area, 'total', total);
    cells.relation(area, 'total', QUALITY_KINDS);
  }
  return new SmallCells(cells, suppressedCells(cells.table(), k));
}

export function showQualityCounts(counts: QualityCounts, cells: SmallCells): ShownQualityCounts {
  const area = areaKey(counts.level as MetricLevel, counts.region);
  const byKind = counts.byKind.map(({ kind, items }) => {
    const hidden = cells.has(area, kind);
    return { kind, items: hidden ? null : items, suppressed: hidden };
  });
  const totalHidden = cells.has(area, 'total');
  return { ...counts, total: totalHidden ? null : counts.total, byKind, suppressed: totalHidden || byKind.some((k) => k.suppressed) };
}

/**
 * A served build's case figures and data-quality counts at a caller's k (0 or 1: nothing
 * hidden, as for AUDITOR and ADMIN). The hidden cells of each month and k are worked out once.
 */
export class PublishedCounts {
  private readonly patterns = new LRUCache<string, SmallCells>({
    max: MAX_PATTERNS,
    fetchMethod: async (key) => {
      const [table, k, period] = JSON.parse(key) as ['cases' | 'quality', number, string];
      if (table === 'quality') {
        const rows = await this.engine.query<CountRow>('SELECT level, region, kind, items FROM {db:Identifier}.quality_count', { db: this.build.database });
        return qualityCountCells(rows, k);
      }
      const rows = await this.engine.query<CaseRow>('SELECT * FROM {db:Identifier}.case_figures WHERE period = {period:String}', { db: this.build.database, period });
      return caseFigureCells(rows, k);
    },
  });

  constructor(
    private readonly engine: Engine,
    private readonly build: Build,
    private readonly metrics: MetricReader,
    private readonly regions: Regions,
  ) {}

  async caseFigures(args: Parameters<typeof caseFigures>[3], k: number): Promise<ShownCaseFigures> {
    const figures = await caseFigures(this.engine, this.build, this.metrics, args);
    const { level, region } = this.metrics.area(args.region);
    return showCaseFigures(figures, await this.cells('cases', k, args.period), areaKey(level, region));
  }

  async qualityCounts(args: Parameters<typeof dataQualityCounts>[3], k: number): Promise<ShownQualityCounts[]> {
    const counts = await dataQualityCounts(this.engine, this.build.database, this.regions, args);
    const cells = await this.cells('quality', k, '');
    return counts.map((c) => showQualityCounts(c, cells));
  }

  private async cells(table: 'cases' | 'quality', k: number, period: string): Promise<SmallCells> {
    if (k <= 1) return SmallCells.NONE;
    return (await this.patterns.fetch(JSON.stringify([table, k, period])))!;
  }
}
