/**
 * Whether the desks answer (issue 17, case figures; Bengkulu Utara wants "zero deviation"):
 * the applications, community reports, complaints, usul and sanggah filed in a month,
 * nationally or in a region, for one programme or all, and what became of them by the
 * analytics build's day: concluded, still open, overdue, the hours to a decision or
 * resolution, and every status, each with its change since the month before.
 *
 * Cases are filed in months after the last payment month, so the months here are the build's
 * own month and the eleven before it, not the payment months the other analyst screens use.
 */
import '../../i18n/ns/analyst.ts';
import '../../i18n/ns/cases.ts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearch } from 'wouter';
import { useApiQuery } from '../../api/use-api.ts';
import { COLOURS } from '../../charts/colours.ts';
import { Chart } from '../../components/chart.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorNotice, Loading } from '../../components/error-notice.tsx';
import { SelectField } from '../../components/fields.tsx';
import { FigureCell, SuppressedNote, type Direction, type FigureKind } from '../../components/figure.tsx';
import { Page } from '../../components/page.tsx';
import { formatCount, formatDate, formatInstant, formatMonth, type Locale } from '../../format/format.ts';
import { jakartaMonth, monthBefore } from '../../format/months.ts';
import type { ResultOf } from '../../graphql/graphql.ts';
import { AnalyticsOverview, CaseFigures } from './documents.ts';
import { RegionField, useSetParams } from './selection.tsx';

type Figures = ResultOf<typeof CaseFigures>['caseFigures'];
type KindFigures = Figures['kinds'][number];
type KindRow = KindFigures & { previous?: KindFigures };
type StatusRow = { id: string; kind: KindFigures['kind']; status: string; cases: number | null; previous?: number | null };
type Measure = 'filed' | 'stillOpen' | 'concluded' | 'overdue' | 'medianHours' | 'p90Hours';

const MONTHS_SHOWN = 12;

/** `count` months ending with `last`, newest first. */
function monthsUpTo(last: string, count: number): string[] {
  const months = [last];
  while (months.length < count) months.push(monthBefore(months[months.length - 1]!));
  return months;
}

export default function DesksScreen() {
  const { t, i18n } = useTranslation('analyst');
  const locale = i18n.language as Locale;
  const overview = useApiQuery(AnalyticsOverview, {});
  const search = useSearch();
  const setParams = useSetParams();
  const title = t('desks.title');

  if (overview.error) return <Page title={title}><ErrorNotice error={overview.error} /></Page>;
  if (!overview.data) return <Page title={title}><Loading /></Page>;
  const build = overview.data.analyticsBuild;
  if (!build) return <Page title={title}><ErrorNotice error={new Error(t('noBuild'))} /></Page>;
  const months = monthsUpTo(jakartaMonth(build.builtAt), MONTHS_SHOWN);
  const params = new URLSearchParams(search);
  const period = months.includes(params.get('period') ?? '') ? params.get('period')! : months[0]!;
  const codes = overview.data.programs.map((p) => p.code);
  const program = codes.includes(params.get('program') ?? '') ? params.get('program')! : null;
  const region = params.get('region') || null;
  const previous = months[months.indexOf(period) + 1];
  return (
    <Page title={title} subtitle={t('desks.asOf', { when: formatInstant(build.builtAt, locale) })}>
      <div className="selection-bar">
        <SelectField
          label={t('program')}
          name="program"
          value={program ?? ''}
          onChange={(e) => setParams({ program: e.target.value })}
          options={[
            { value: '', label: t('desks.everyProgram') },
            ...[...overview.data.programs].sort((a, b) => a.code.localeCompare(b.code)).map((p) => ({ value: p.code, label: `${p.code} · ${p.name}` })),
          ]}
        />
        <SelectField
          label={t('period')}
          name="period"
          value={period}
          onChange={(e) => setParams({ period: e.target.value })}
          options={months.map((p) => ({ value: p, label: formatMonth(p, locale) }))}
        />
        <RegionField region={region} onChange={(r) => setParams({ region: r })} />
      </div>
      <DesksView period={period} previous={previous} program={program} region={region} />
    </Page>
  );
}

function DesksView({ period, previous, program, region }: { period: string; previous?: string; program: string | null; region: string | null }) {
  const { t, i18n } = useTranslation(['analyst', 'cases']);
  const locale = i18n.language as Locale;
  const current = useApiQuery(CaseFigures, { period, region, program }, { keepPrevious: true });
  const before = useApiQuery(CaseFigures, { period: previous ?? period, region, program }, { enabled: previous !== undefined, keepPrevious: true });

  const rows: KindRow[] = useMemo(
    () => (current.data?.caseFigures.kinds ?? []).map((k) => ({ ...k, previous: before.data?.caseFigures.kinds.find((p) => p.kind === k.kind) })),
    [current.data, before.data],
  );
  // The statuses of the kinds with cases (or withheld ones): a kind with none filed has none to split.
  const statuses: StatusRow[] = useMemo(
    () =>
      rows.filter((k) => k.filed !== 0).flatMap((k) =>
        k.byStatus.map((s) => ({
          id: `${k.kind}.${s.status}`,
          kind: k.kind,
          status: s.status,
          cases: s.cases,
          previous: k.previous?.byStatus.find((p) => p.status === s.status)?.cases,
        })),
      ),
    [rows],
  );

  const columns = useMemo<Column<KindRow>[]>(() => {
    const figure = (measure: Measure, kind: FigureKind, direction: Direction): Column<KindRow> => ({
      id: measure,
      accessorFn: (r) => r[measure] ?? undefined,
      sortUndefined: 'last',
      header: t(`desks.column.${measure}`),
      meta: { numeric: true },
      cell: (c) => (
        <FigureCell figure={`caseFigures.${c.row.original.kind}.${measure}`} kind={kind} value={c.row.original[measure]} previous={c.row.original.previous?.[measure]} direction={direction} />
      ),
    });
    return [
      { id: 'kind', accessorKey: 'kind', header: t('desks.column.kind'), cell: (c) => t(`cases:kind.${c.row.original.kind}`) },
      figure('filed', 'count', 'neutral'),
      figure('concluded', 'count', 'up-good'),
      figure('stillOpen', 'count', 'neutral'),
      figure('overdue', 'count', 'up-bad'),
      figure('medianHours', 'hours', 'up-bad'),
      figure('p90Hours', 'hours', 'up-bad'),
    ];
  }, [t]);

  const statusColumns = useMemo<Column<StatusRow>[]>(
    () => [
      { id: 'kind', accessorKey: 'kind', header: t('desks.column.kind'), cell: (c) => t(`cases:kind.${c.row.original.kind}`) },
      { id: 'status', accessorKey: 'status', header: t('desks.column.status'), cell: (c) => t(`cases:status.${c.row.original.status}`, { defaultValue: c.row.original.status }) },
      {
        id: 'cases',
        accessorFn: (r) => r.cases ?? undefined,
        sortUndefined: 'last',
        header: t('desks.column.cases'),
        meta: { numeric: true },
        cell: (c) => <FigureCell figure={`caseFigures.${c.row.original.id}`} kind="count" value={c.row.original.cases} previous={c.row.original.previous} />,
      },
    ],
    [t],
  );

  // Concluded, open on time and overdue side by side per kind; a withheld figure draws nothing.
  const option = useMemo(() => {
    const onTime = (r: KindRow) => (r.stillOpen === null ? null : r.stillOpen - (r.overdue ?? 0));
    const bar = (name: string, colour: string, value: (r: KindRow) => number | null) => ({
      type: 'bar',
      stack: 'cases',
      name,
      data: rows.map(value),
      itemStyle: { color: colour },
    });
    return {
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatCount(v, locale) },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatCount(v, locale) } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => t(`cases:kind.${r.kind}`)) },
      series: [
        bar(t('desks.column.concluded'), COLOURS.good, (r) => r.concluded),
        bar(t('desks.openOnTime'), COLOURS.muted, onTime),
        bar(t('desks.column.overdue'), COLOURS.bad, (r) => r.overdue),
      ],
    };
  }, [rows, t, locale]);

  if (current.error) return <ErrorNotice error={current.error} />;
  if (before.error) return <ErrorNotice error={before.error} />;
  if (!current.data || (previous && !before.data)) return <Loading />;
  const figures = current.data.caseFigures;
  const withheld = figures.kinds.some((k) => k.suppressed);
  return (
    // What the figures shown answer (a previous answer stays on screen while the next loads).
    <div data-testid="desks" data-period={figures.period} data-program={figures.program ?? ''} data-region={figures.region ?? ''}>
      <SuppressedNote shown={withheld} />
      <p className="muted">
        {t('desks.intro', { asOf: formatDate(figures.asOf, locale) })}{' '}
        {previous ? t('month.comparedWith', { period: formatMonth(previous, locale) }) : null}
      </p>
      <section className="panel" aria-labelledby="desks-kinds-title">
        <h2 id="desks-kinds-title">{t('desks.kindsTitle')}</h2>
        <Chart option={option} label={t('desks.chartLabel')} height={240} testId="desks-chart" />
        <DataTable caption={t('desks.kindsCaption')} captionHidden columns={columns} data={rows} rowId={(r) => r.kind} testId="desks-kinds" />
        <p className="muted">{t('desks.hoursNote')}</p>
      </section>
      <section className="panel" aria-labelledby="desks-statuses-title">
        <h2 id="desks-statuses-title">{t('desks.statusesTitle')}</h2>
        {statuses.length > 0 ? (
          <DataTable caption={t('desks.statusesCaption')} captionHidden columns={statusColumns} data={statuses} rowId={(r) => r.id} testId="desks-statuses" />
        ) : (
          <p className="muted">{t('desks.noCases')}</p>
        )}
      </section>
    </div>
  );
}
