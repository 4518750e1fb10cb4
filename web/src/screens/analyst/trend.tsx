/** Every month the build covers for a programme: the rates as lines with tooltips, and every number in the table under them. */
import '../../i18n/ns/analyst.ts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/use-api.ts';
import { Chart } from '../../components/chart.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorNotice, Loading } from '../../components/error-notice.tsx';
import { FigureCell, SuppressedNote } from '../../components/figure.tsx';
import { COLOURS } from '../../charts/colours.ts';
import { formatCount, formatMonth, formatShare, type Locale } from '../../format/format.ts';
import type { ResultOf } from '../../graphql/graphql.ts';
import { TargetingTrend } from './documents.ts';
import { AnalystFrame, type Selection } from './selection.tsx';

type Point = ResultOf<typeof TargetingTrend>['targetingTrend'][number];
type TrendField = keyof (typeof import('../../i18n/locales/id/analyst.json'))['trend']['column'];

export default function TrendScreen() {
  const { t } = useTranslation('analyst');
  return (
    <AnalystFrame title={t('trend.title')} periodField={false}>
      {(selection) => <TrendView selection={selection} />}
    </AnalystFrame>
  );
}

function TrendView({ selection }: { selection: Selection }) {
  const { t, i18n } = useTranslation('analyst');
  const locale = i18n.language as Locale;
  const { program, region, periods } = selection;
  const trend = useApiQuery(TargetingTrend, { program, from: periods[0]!, to: periods[periods.length - 1]!, region }, { keepPrevious: true });
  const points = trend.data?.targetingTrend;

  const rates = useMemo(() => {
    if (!points) return undefined;
    const line = (name: string, colour: string, value: (p: Point) => number | null) => ({
      type: 'line',
      name,
      data: points.map(value),
      symbolSize: 6,
      lineStyle: { width: 2, color: colour },
      itemStyle: { color: colour },
    });
    return {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatShare(v, locale) },
      xAxis: { type: 'category', data: points.map((p) => formatMonth(p.period, locale)) },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => formatShare(v, locale) } },
      series: [
        line(t('figure.coverage'), COLOURS.accent, (p) => p.accuracy.coverage),
        line(t('figure.inclusion'), COLOURS.warn, (p) => p.accuracy.inclusionErrorRate),
        line(t('figure.exclusion'), COLOURS.violet, (p) => p.accuracy.exclusionErrorRate),
        line(t('figure.leakageRate'), COLOURS.bad, (p) => p.leakage.leakageRate),
      ],
    };
  }, [points, t, locale]);

  const counts = useMemo(() => {
    if (!points) return undefined;
    return {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatCount(v, locale) },
      xAxis: { type: 'category', data: points.map((p) => formatMonth(p.period, locale)) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCount(v, locale) } },
      series: [
        { type: 'bar', name: t('figure.recipients'), data: points.map((p) => p.accuracy.recipients), itemStyle: { color: COLOURS.accent } },
        { type: 'line', name: t('figure.eligible'), data: points.map((p) => p.accuracy.eligible), itemStyle: { color: COLOURS.muted }, lineStyle: { color: COLOURS.muted } },
      ],
    };
  }, [points, t, locale]);

  const columns = useMemo<Column<Point>[]>(() => {
    const figure = (field: TrendField, kind: 'count' | 'rupiah' | 'share', value: (p: Point) => number | null): Column<Point> => ({
      id: field,
      accessorFn: (p) => value(p) ?? -1,
      header: t(`trend.column.${field}`),
      meta: { numeric: true },
      cell: (c) => <FigureCell figure={`targetingTrend.${c.row.original.period}.${field}`} kind={kind} value={value(c.row.original)} />,
    });
    return [
      { id: 'period', accessorKey: 'period', header: t('period'), cell: (c) => formatMonth(c.row.original.period, locale) },
      figure('accuracy.recipients', 'count', (p) => p.accuracy.recipients),
      figure('accuracy.eligible', 'count', (p) => p.accuracy.eligible),
      figure('accuracy.coverage', 'share', (p) => p.accuracy.coverage),
      figure('accuracy.inclusionErrorRate', 'share', (p) => p.accuracy.inclusionErrorRate),
      figure('accuracy.exclusionErrorRate', 'share', (p) => p.accuracy.exclusionErrorRate),
      figure('leakage.totalAmount', 'rupiah', (p) => p.leakage.totalAmount),
      figure('leakage.leakageAmount', 'rupiah', (p) => p.leakage.leakageAmount),
      figure('leakage.leakageRate', 'share', (p) => p.leakage.leakageRate),
    ];
  }, [t, locale]);

  if (trend.error) return <ErrorNotice error={trend.error} />;
  if (!points || !rates || !counts) return <Loading />;
  return (
    <div data-testid="trend" data-program={program} data-region={region ?? ''}>
      <SuppressedNote shown={points.some((p) => p.accuracy.suppressed || p.leakage.suppressed)} />
      <section className="panel">
        <h2>{t('trend.ratesTitle')}</h2>
        <Chart kind="lines" option={rates} label={t('trend.ratesLabel')} height={300} testId="trend-rates-chart" />
      </section>
      <section className="panel">
        <h2>{t('trend.countsTitle')}</h2>
        <Chart kind="lines" option={counts} label={t('trend.countsLabel')} height={240} testId="trend-counts-chart" />
      </section>
      <section className="panel">
        <DataTable caption={t('trend.tableCaption')} columns={columns} data={points} rowId={(p) => p.period} testId="trend-table" />
      </section>
    </div>
  );
}
