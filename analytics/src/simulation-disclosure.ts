/**
 * Simulations as an ANALYST may read them (API.md, "Small cells"): the draft's figures, the
 * figures in force and the units moved, with every cell of fewer than k units hidden and
 * its complements. A simulation publishes more relations than the served metrics (E under
 * the draft − E in force = entering − leaving), so its cells are worked out together: an
 * area's own cell rests on the smallest part of R, E and R ∩ E on either side; its moves
 * in and out go together; and whatever the served pattern hides stays hidden here, so that
 * the dashboard and a simulation cannot be subtracted from each other.
 */
import {
  addDeciles,
  areaKey,
  CATEGORY_MEASURES,
  areaUnits,
  showAccuracy,
  showEquity,
  showIncidence,
  showLeakage,
  SmallCells,
  type PublishedMetrics,
  type ShownAccuracy,
  type ShownIncidence,
  type ShownLeakage,
  type ShownRegionalEquity,
} from './disclosure.js';
import { emptyRow, LEAKAGE_CATEGORIES, LEVEL_DEPTH } from './metrics.js';
import type { SimulationRun, Simulator } from './simulation.js';
import { suppressedCells, TreeCells } from './small-cells.js';

export interface ShownProgramFigures {
  targetingAccuracy: ShownAccuracy;
  leakage: ShownLeakage;
  regionalEquity: ShownRegionalEquity;
  budget: number | null;
  incidence: ShownIncidence;
}

export interface ShownSimulation {
  draft: ShownProgramFigures;
  current: ShownProgramFigures;
  entering: number | null;
  leaving: number | null;
  medianPayment: number;
  budgetChange: number | null;
  movesByRegion: { region: string; name: string; entering: number | null; leaving: number | null; suppressed: boolean }[];
  movesByDecile: { decile: number | null; entering: number | null; leaving: number | null; suppressed: boolean }[];
  suppressed: boolean;
}

/** Measures of AreaSums.deciles, in its order. */
const MEASURE = { draftEligible: 0, eligibleNow: 1, entering: 2, leaving: 3 } as const;

function smallestPart(...counts: number[]): number {
  const parts = counts.filter((n) => n > 0);
  return parts.length === 0 ? 0 : Math.min(...parts);
}

/** The hidden cells of a simulation at k, beside those the served pattern hides. */
export function simulatedCells(run: SimulationRun, served: SmallCells, k: number): SmallCells {
  const cells = new TreeCells();
  for (const area of new Set([...run.slice.byArea.keys(), ...run.served.keys()])) {
    const region = area.slice(area.indexOf(' ') + 1);
    const draft = run.slice.byArea.get(area);
    const draftRow = draft?.row(region) ?? emptyRow('', region);
    const now = run.served.get(area) ?? emptyRow('', region);
    cells.cell(area, '', smallestPart(areaUnits(draftRow), areaUnits(now)));
    LEAKAGE_CATEGORIES.forEach((category, i) => {
      const key = `${category.toLowerCase() as Lowercase<typeof category>}_payments` as const;
      cells.cell(area, CATEGORY_MEASURES[i]!, smallestPart(Number(draftRow[key]), Number(now[key])));
    });
    cells.relation(area, '', CATEGORY_MEASURES);
    const decile = (measure: number) => (d: number) => draft?.decile(d, measure as 0 | 1 | 2 | 3) ?? 0;
    addDeciles(cells, area, 'e', decile(MEASURE.draftEligible));
    addDeciles(cells, area, 'n', decile(MEASURE.eligibleNow));
    // Moves in and out are bound to E on both sides: they are shown or hidden as a pair.
    cells.cell(area, 'in', draft?.entering ?? 0);
    cells.cell(area, 'out', draft?.leaving ?? 0);
    cells.relation(area, '', ['in', 'out']);
    addDeciles(cells, area, 'i', decile(MEASURE.entering), 'in');
    addDeciles(cells, area, 'o', decile(MEASURE.leaving), 'out');
  }
  const already = [...served.hiddenCells()].flatMap(([area, measure]) => {
    const id = cells.id(area, measure);
    return id === undefined ? [] : [id];
  });
  return new SmallCells(cells, suppressedCells(cells.table(), k, already));
}

export function showSimulation(run: SimulationRun, cells: SmallCells): ShownSimulation {
  const { simulation, area: asked, level } = run;
  const area = areaKey(asked.level, asked.region);
  const hidden = cells.has(area);
  // Below or at the level compared, the one region listed carries the units of the area asked.
  const regionArea = (region: string) => (LEVEL_DEPTH[asked.level] >= LEVEL_DEPTH[level] ? area : areaKey(level, region));
  const figures = (side: 'draft' | 'current', decilePrefix: string): ShownProgramFigures => {
    const f = simulation[side];
    return {
      targetingAccuracy: showAccuracy(f.targetingAccuracy, hidden),
      leakage: showLeakage(f.leakage, cells, area),
      regionalEquity: showEquity(f.regionalEquity, (region) => cells.has(regionArea(region))),
      budget: hidden ? null : f.budget,
      incidence: showIncidence(f.incidence, cells, area, decilePrefix),
    };
  };
  const moved = cells.has(area, 'in') || cells.has(area, 'out');
  return {
    draft: figures('draft', 'e'),
    current: figures('current', 'n'),
    entering: moved ? null : simulation.entering,
    leaving: moved ? null : simulation.leaving,
    medianPayment: simulation.medianPayment,
    budgetChange: hidden ? null : simulation.budgetChange,
    movesByRegion: simulation.movesByRegion.map((m) => {
      const key = regionArea(m.region);
      const gone = cells.has(key, 'in') || cells.has(key, 'out');
      return gone ? { ...m, entering: null, leaving: null, suppressed: true } : { ...m, suppressed: false };
    }),
    movesByDecile: simulation.movesByDecile.map((m) => {
      const d = m.decile ?? 0;
      const gone = cells.has(area, `i:${d}`) || cells.has(area, `o:${d}`);
      return gone ? { ...m, entering: null, leaving: null, suppressed: true } : { ...m, suppressed: false };
    }),
    suppressed: hidden || moved,
  };
}

/** Simulations through the small-cell rule at `k` (0: every figure). */
export class PublishedSimulations {
  /** Patterns by the simulated slice they were worked out from (the Simulator keeps a few). */
  private readonly patterns = new WeakMap<object, Map<number, SmallCells>>();

  constructor(
    private readonly simulator: Simulator,
    private readonly metrics: PublishedMetrics,
  ) {}

  async simulate(args: Parameters<Simulator['runs']>[0], k: number): Promise<ShownSimulation[]> {
    const runs = await this.simulator.runs(args);
    const served = await this.metrics.cells(args.program, args.period, k);
    return runs.map((run) => showSimulation(run, k <= 1 ? SmallCells.NONE : this.cells(run, served, k)));
  }

  private cells(run: SimulationRun, served: SmallCells, k: number): SmallCells {
    const byK = this.patterns.get(run.slice) ?? new Map<number, SmallCells>();
    this.patterns.set(run.slice, byK);
    let cells = byK.get(k);
    if (!cells) byK.set(k, (cells = simulatedCells(run, served, k)));
    return cells;
  }
}
