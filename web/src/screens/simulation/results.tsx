/**
 * What the drafts would do, beside the rule set in force: the figures side by side (each
 * draft's with its difference from the figure in force), the units entering and leaving E by
 * DTKS decile (a chart per draft, the numbers in the table under them) and by region, and,
 * for auditors with a case, the units themselves.
 */
import '../../i18n/ns/analyst.ts';
import type { RowData } from '@tanstack/react-table';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { COLOURS } from '../../charts/colours.ts';
import { Chart } from '../../components/chart.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { FigureCell, Suppressed, SuppressedNote, type Direction, type FigureKind } from '../../components/figure.tsx';
import { formatCount, formatCountChange, formatGini, formatMonth, formatRupiah, type Locale } from '../../format/format.ts';
import type { ResultOf } from '../../graphql/graphql.ts';
import { PurposeGate } from '../auditor/purpose-gate.tsx';
import { useSession } from '../../session/session.tsx';
import type { SimulateRuleSets } from './documents.ts';
import { MovedUnits } from './moved-units.tsx';
import type { Asked } from './simulation.tsx';

export type Simulation = ResultOf<typeof SimulateRuleSets>['simulateRuleSets'][number];
type Figures = Simulation['current'];

/** One row of the comparison: how to read it from a programme's figures, or from a simulation for what only drafts have. */
interface RowSpec {
  key: 'eligible' | 'recipients' | 'coverage' | 'inclusion' | 'exclusion' | 'leakageRate' | 'ineligibleAmount' | 'gini' | 'cgh' | 'budget' | 'budgetChange' | 'entering' | 'leaving';
  kind: FigureKind | 'gini' | 'signedRupiah';
  direction?: Direction;
  /** Null where the API withholds the figure (small-cell suppression). */
  figures?: (f: Figures) => number | null;
  simulation?: (s: Simulation) => number | null;
}
const ROWS: RowSpec[] = [
  { key: 'eligible', kind: 'count', figures: (f) => f.targetingAccuracy.eligible },
  { key: 'recipients', kind: 'count', figures: (f) => f.targetingAccuracy.recipients },
  { key: 'coverage', kind: 'share', direction: 'up-good', figures: (f) => f.targetingAccuracy.coverage },
  { key: 'inclusion', kind: 'share', direction: 'up-bad', figures: (f) => f.targetingAccuracy.inclusionErrorRate },
  { key: 'exclusion', kind: 'share', direction: 'up-bad', figures: (f) => f.targetingAccuracy.exclusionErrorRate },
  { key: 'leakageRate', kind: 'share', direction: 'up-bad', figures: (f) => f.leakage.leakageRate },
  // Only INELIGIBLE depends on the rule set (METRICS.md, Leakage).
  { key: 'ineligibleAmount', kind: 'rupiah', direction: 'up-bad', figures: (f) => {
    const ineligible = f.leakage.byCategory.find((c) => c.category === 'INELIGIBLE');
    return ineligible ? ineligible.amount : 0;
  } },
  { key: 'gini', kind: 'gini', figures: (f) => f.regionalEquity.giniCoverage },
  { key: 'cgh', kind: 'ratio', direction: 'up-good', figures: (f) => f.incidence.coadyGroshHoddinott },
  { key: 'budget', kind: 'rupiah', figures: (f) => f.budget },
  { key: 'budgetChange', kind: 'signedRupiah', simulation: (s) => s.budgetChange },
  { key: 'entering', kind: 'count', simulation: (s) => s.entering },
  { key: 'leaving', kind: 'count', simulation: (s) => s.leaving },
];

interface ComparisonRow {
  spec: RowSpec;
  /** In force, then each draft; undefined where a figure has no value in force (the moves), null where it is withheld. */
  values: (number | null | undefined)[];
}

export function SimulationResults({ asked, simulations }: { asked: Asked; simulations: Simulation[] }) {
  const { t, i18n } = useTranslation('analyst');
  const locale = i18n.language as Locale;
  const { role } = useSession();
  const drafts = useMemo(() => simulations.map((_, i) => t('simulation.draft', { n: i + 1 })), [simulations, t]);
  return (
    <section aria-labelledby="simulation-results" data-testid="simulation-results" data-program={asked.program} data-period={asked.period} data-drafts={simulations.length}>
      <h2 id="simulation-results">{t('simulation.results', { program: asked.program, period: formatMonth(asked.period, locale) })}</h2>
      <SuppressedNote shown={simulations.some(withheld)} />
      <Comparison simulations={simulations} drafts={drafts} />
      {simulations[0] ? <p className="muted small">{t('simulation.budgetHint', { median: formatRupiah(simulations[0].medianPayment, locale) })}</p> : null}
      {/* One under the other: with three drafts each table has seven columns. */}
      <DecileMoves simulations={simulations} drafts={drafts} />
      <RegionMoves simulations={simulations} drafts={drafts} />
      {role === 'AUDITOR' ? (
        <PurposeGate>
          <MovedUnits asked={asked} drafts={drafts} />
        </PurposeGate>
      ) : null}
    </section>
  );
}

/** Whether the API withheld any figure of a simulation (small-cell suppression). */
function withheld(s: Simulation): boolean {
  const sides = [s.draft, s.current];
  return (
    s.suppressed ||
    sides.some((f) => f.leakage.suppressed || f.incidence.suppressed) ||
    s.movesByRegion.some((m) => m.suppressed) ||
    s.movesByDecile.some((m) => m.suppressed)
  );
}

function Comparison({ simulations, drafts }: { simulations: Simulation[]; drafts: string[] }) {
  const { t, i18n } = useTranslation('analyst');
  const locale = i18n.language as Locale;
  const rows: ComparisonRow[] = useMemo(
    () =>
      ROWS.map((spec) => ({
        spec,
        values: [
          spec.figures && simulations[0] ? spec.figures(simulations[0].current) : undefined,
          ...simulations.map((s) => (spec.figures ? spec.figures(s.draft) : spec.simulation!(s))),
        ],
      })),
    [simulations],
  );
  const columns = useMemo<Column<ComparisonRow>[]>(() => {
    const cell = (row: ComparisonRow, index: number): ReactNode => {
      const value = row.values[index];
      const figure = `simulation.${index === 0 ? 'inForce' : `draft${index}`}.${row.spec.key}`;
      if (value === undefined) return <span className="muted">–</span>;
      if (value === null) return <Suppressed figure={figure} />;
      const { kind, direction } = row.spec;
      if (kind === 'gini' || kind === 'signedRupiah') {
        return (
          <span data-figure={figure} data-value={value}>
            {kind === 'gini' ? formatGini(value, locale) : formatCountChange(value, locale, true)}
          </span>
        );
      }
      // A draft's figure with its difference from the one in force, coloured by whether it is good news.
      const inForce = index > 0 ? (row.values[0] ?? undefined) : undefined;
      return <FigureCell figure={figure} kind={kind} value={value} previous={inForce} direction={direction} />;
    };
    return [
      { id: 'figure', header: t('simulation.figure'), enableSorting: false, cell: (c) => t(`simulation.row.${c.row.original.spec.key}`) },
      { id: 'inForce', header: t('simulation.inForceColumn'), enableSorting: false, meta: { numeric: true }, cell: (c) => cell(c.row.original, 0) },
      ...drafts.map<Column<ComparisonRow>>((label, i) => ({ id: `draft${i + 1}`, header: label, enableSorting: false, meta: { numeric: true }, cell: (c) => cell(c.row.original, i + 1) })),
    ];
  }, [t, locale, drafts]);
  return <DataTable caption={t('simulation.tableCaption')} columns={columns} data={rows} rowId={(r) => r.spec.key} testId="simulation-table" />;
}

/** A draft's moves in a row; null where withheld (small-cell suppression). */
interface Moves {
  entering: number | null;
  leaving: number | null;
}

interface DecileRow {
  decile: number | null;
  moves: Moves[];
}

function DecileMoves({ simulations, drafts }: { simulations: Simulation[]; drafts: string[] }) {
  const { t, i18n } = useTranslation('analyst');
  const locale = i18n.language as Locale;
  const rows: DecileRow[] = useMemo(
    () =>
      (simulations[0]?.movesByDecile ?? []).map((d) => ({
        decile: d.decile ?? null,
        moves: simulations.map((s) => s.movesByDecile.find((m) => (m.decile ?? null) === (d.decile ?? null)) ?? { entering: 0, leaving: 0 }),
      })),
    [simulations],
  );
  const label = (decile: number | null) => (decile == null ? t('incidence.noDtks') : t('incidence.decile', { decile }));
  const columns = useMemo<Column<DecileRow>[]>(
    () => [
      { id: 'decile', accessorFn: (r) => r.decile ?? 99, header: t('simulation.decile'), cell: (c) => label(c.row.original.decile) },
      ...movesColumns<DecileRow>(drafts, (r, i) => r.moves[i]!, locale, t),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, locale, drafts],
  );
  return (
    <section className="panel" aria-labelledby="decile-moves">
      <h2 id="decile-moves">{t('simulation.decilesTitle')}</h2>
      <p className="muted small">{t('simulation.decilesIntro')}</p>
      <div className="draft-charts">
        {drafts.map((draft, i) => (
          <figure key={draft} className="draft-chart">
            <figcaption>{draft}</figcaption>
            <DecileChart draft={draft} rows={rows} index={i} />
          </figure>
        ))}
      </div>
      <DataTable caption={t('simulation.decilesCaption')} captionHidden columns={columns} data={rows} rowId={(r) => (r.decile == null ? 'none' : String(r.decile))} testId="decile-moves" />
    </section>
  );
}

/** One draft's moves by decile: entering above the axis, leaving below it. */
function DecileChart({ draft, rows, index }: { draft: string; rows: DecileRow[]; index: number }) {
  const { t, i18n } = useTranslation('analyst');
  const locale = i18n.language as Locale;
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatCount(Math.abs(v), locale) },
      xAxis: { type: 'category', data: rows.map((r) => (r.decile == null ? '–' : String(r.decile))) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCount(Math.abs(v), locale) } },
      series: [
        { type: 'bar', stack: 'moves', name: t('simulation.row.entering'), data: rows.map((r) => r.moves[index]!.entering), itemStyle: { color: COLOURS.good } },
        { type: 'bar', stack: 'moves', name: t('simulation.row.leaving'), data: rows.map((r) => (r.moves[index]!.leaving === null ? null : -r.moves[index]!.leaving!)), itemStyle: { color: COLOURS.bad } },
      ],
    }),
    [rows, index, draft, t, locale],
  );
  return <Chart option={option} label={t('simulation.decilesLabel', { draft })} height={200} testId={`decile-chart-${index + 1}`} />;
}

type RegionRow = Simulation['movesByRegion'][number] & { moves: Moves[] };

function RegionMoves({ simulations, drafts }: { simulations: Simulation[]; drafts: string[] }) {
  const { t, i18n } = useTranslation('analyst');
  const locale = i18n.language as Locale;
  const rows: RegionRow[] = useMemo(() => {
    const byRegion = new Map<string, RegionRow>();
    simulations.forEach((s, i) => {
      for (const r of s.movesByRegion) {
        const row = byRegion.get(r.region) ?? { ...r, moves: simulations.map(() => ({ entering: 0, leaving: 0 })) };
        row.moves[i] = { entering: r.entering, leaving: r.leaving };
        byRegion.set(r.region, row);
      }
    });
    return [...byRegion.values()];
  }, [simulations]);
  const columns = useMemo<Column<RegionRow>[]>(
    () => [
      {
        id: 'name',
        accessorKey: 'name',
        header: t('simulation.regionColumn'),
        cell: (c) => (
          <>
            {c.row.original.name} <span className="mono muted">{c.row.original.region}</span>
          </>
        ),
      },
      ...movesColumns<RegionRow>(drafts, (r, i) => r.moves[i]!, locale, t),
    ],
    [t, locale, drafts],
  );
  return (
    <section className="panel" aria-labelledby="region-moves">
      <h2 id="region-moves">{t('simulation.regionsTitle')}</h2>
      <DataTable
        caption={t('simulation.regionsCaption')}
        captionHidden
        columns={columns}
        data={rows}
        rowId={(r) => r.region}
        testId="region-moves"
        pageSize={20}
        initialSorting={[{ id: 'leaving1', desc: true }]}
      />
    </section>
  );
}

/** Entering and leaving columns for each draft, sortable. */
function movesColumns<Row extends RowData>(
  drafts: string[],
  moves: (row: Row, draft: number) => Moves,
  locale: Locale,
  t: (key: 'simulation.enteringOf' | 'simulation.leavingOf', options: { draft: string }) => string,
): Column<Row>[] {
  return drafts.flatMap((draft, i) =>
    (['entering', 'leaving'] as const).map<Column<Row>>((way) => ({
      id: `${way}${i + 1}`,
      accessorFn: (row) => moves(row, i)[way] ?? -1,
      header: t(way === 'entering' ? 'simulation.enteringOf' : 'simulation.leavingOf', { draft }),
      meta: { numeric: true },
      cell: (c) => {
        const value = moves(c.row.original, i)[way];
        return value === null ? <Suppressed /> : formatCount(value, locale);
      },
    })),
  );
}
