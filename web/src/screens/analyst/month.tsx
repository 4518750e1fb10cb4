/**
 * A programme's month (METRICS.md): targeting accuracy, leakage by category and benefit
 * incidence by decile, each figure with its change since the month before. Auditors get a
 * way from each leakage category to the payments behind it.
 */
import '../../i18n/ns/analyst.ts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useApiQuery } from '../../api/use-api.ts';
import { Chart } from '../../components/chart.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorNotice, Loading } from '../../components/error-notice.tsx';
import { Figure, FigureCell, SuppressedNote } from '../../components/figure.tsx';
import { COLOURS } from '../../charts/colours.ts';
import { formatMonth, formatRupiah, formatRupiahCompact, formatShare, type Locale } from '../../format/format.ts';
import type { ResultOf } from '../../graphql/graphql.ts';
import { PATHS } from '../../routes.ts';
import { useSession } from '../../session/session.tsx';
import { MonthFigures } from './documents.ts';
import { AnalystFrame, type Selection } from './selection.tsx';

type Month = ResultOf<typeof MonthFigures>;
type CategoryRow = Month['leakage']['byCategory'][number] & { previous?: Month['leakage']['byCategory'][number] };
type DecileRow = Month['benefitIncidence']['deciles'][number] & { previous?: Month['benefitIncidence']['deciles'][number] };

export default function MonthScreen() {
  const { t } = useTranslation('analyst');
  return <AnalystFrame title={t('month.title')}>{(selection) => <MonthFiguresView selection={selection} />}</AnalystFrame>;
}

function MonthFiguresView({ selection }: { selection: Selection }) {
  const { t, i18n } = useTranslation('analyst');
  const { program, period, previous, region } = selection;
  const current = useApiQuery(MonthFigures, { program, period, region }, { keepPrevious: true });
  const before = useApiQuery(MonthFigures, { program, period: previous ?? period, region }, { enabled: previous !== undefined, keepPrevious: true });

  if (current.error) return <ErrorNotice error={current.error} />;
  if (before.error) return <ErrorNotice error={before.error} />;
  if (!current.data || (previous && !before.data)) return <Loading />;
  const now = current.data;
  const then = previous ? before.data : undefined;
  const { targetingAccuracy: a, leakage: l, benefitIncidence: b } = now;
  return (
    <div data-testid="month-figures" data-program={program} data-period={period} data-previous-period={previous ?? ''} data-region={region ?? ''}>
      <SuppressedNote shown={a.suppressed || l.suppressed || b.suppressed} />
      <p className="muted">{previous ? t('month.comparedWith', { period: formatMonth(previous, i18n.language as Locale) }) : t('month.noPrevious')}</p>
      <div className="figures">
        <Figure figure="targetingAccuracy.recipients" label={t('figure.recipients')} hint={t('figure.recipientsHint')} kind="count" value={a.recipients} previous={then?.targetingAccuracy.recipients} />
        <Figure figure="targetingAccuracy.eligible" label={t('figure.eligible')} hint={t('figure.eligibleHint')} kind="count" value={a.eligible} previous={then?.targetingAccuracy.eligible} />
        <Figure figure="targetingAccuracy.coverage" label={t('figure.coverage')} hint={t('figure.coverageHint')} kind="share" value={a.coverage} previous={then?.targetingAccuracy.coverage} direction="up-good" />
        <Figure figure="targetingAccuracy.inclusionErrorRate" label={t('figure.inclusion')} hint={t('figure.inclusionHint')} kind="share" value={a.inclusionErrorRate} previous={then?.targetingAccuracy.inclusionErrorRate} direction="up-bad" />
        <Figure figure="targetingAccuracy.exclusionErrorRate" label={t('figure.exclusion')} hint={t('figure.exclusionHint')} kind="share" value={a.exclusionErrorRate} previous={then?.targetingAccuracy.exclusionErrorRate} direction="up-bad" />
        <Figure figure="leakage.totalAmount" label={t('figure.totalAmount')} kind="rupiah" value={l.totalAmount} previous={then?.leakage.totalAmount} />
        <Figure figure="leakage.leakageAmount" label={t('figure.leakageAmount')} kind="rupiah" value={l.leakageAmount} previous={then?.leakage.leakageAmount} direction="up-bad" />
        <Figure figure="leakage.leakageRate" label={t('figure.leakageRate')} hint={t('figure.leakageRateHint')} kind="share" value={l.leakageRate} previous={then?.leakage.leakageRate} direction="up-bad" />
        <Figure figure="benefitIncidence.poorest40Share" label={t('figure.poorest40')} hint={t('figure.poorest40Hint')} kind="share" value={b.poorest40Share} previous={then?.benefitIncidence.poorest40Share} direction="up-good" />
        <Figure figure="benefitIncidence.coadyGroshHoddinott" label={t('figure.cgh')} hint={t('figure.cghHint')} kind="ratio" value={b.coadyGroshHoddinott} previous={then?.benefitIncidence.coadyGroshHoddinott} direction="up-good" />
      </div>
      <div className="two-columns">
        <LeakageSection now={now} then={then} selection={selection} />
        <IncidenceSection now={now} then={then} />
      </div>
    </div>
  );
}

function LeakageSection({ now, then, selection }: { now: Month; then?: Month; selection: Selection }) {
  const { t, i18n } = useTranslation('analyst');
  const { role } = useSession();
  const locale = i18n.language as Locale;
  const rows: CategoryRow[] = useMemo(
    () => now.leakage.byCategory.map((c) => ({ ...c, previous: then?.leakage.byCategory.find((p) => p.category === c.category) })),
    [now, then],
  );
  const flaggedHref = (category: string) => {
    const params = new URLSearchParams({ program: selection.program, period: selection.period, category });
    if (selection.region) params.set('region', selection.region);
    return `${PATHS.flagged}?${params}`;
  };
  const columns = useMemo<Column<CategoryRow>[]>(
    () => [
      { id: 'category', accessorKey: 'category', header: t('leakage.category'), cell: (c) => t(`category.${c.row.original.category}`, { defaultValue: c.row.original.category }) },
      {
        id: 'rows',
        accessorKey: 'rows',
        header: t('leakage.rows'),
        meta: { numeric: true },
        cell: (c) => <FigureCell figure={`leakage.byCategory.${c.row.original.category}.rows`} kind="count" value={c.row.original.rows} previous={c.row.original.previous?.rows} direction="up-bad" />,
      },
      {
        id: 'amount',
        accessorKey: 'amount',
        header: t('leakage.amount'),
        meta: { numeric: true },
        cell: (c) => <FigureCell figure={`leakage.byCategory.${c.row.original.category}.amount`} kind="rupiah" value={c.row.original.amount} previous={c.row.original.previous?.amount} direction="up-bad" />,
      },
      ...(role === 'AUDITOR'
        ? [
            {
              id: 'cases',
              header: t('leakage.cases'),
              enableSorting: false,
              cell: (c) =>
                c.row.original.rows !== null && c.row.original.rows > 0 ? (
                  <Link href={flaggedHref(c.row.original.category)} data-testid={`flagged-link-${c.row.original.category}`}>
                    {t('leakage.showCases', { count: c.row.original.rows })}
                  </Link>
                ) : null,
            } satisfies Column<CategoryRow>,
          ]
        : []),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, role, selection],
  );
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatRupiah(v, locale) },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatRupiahCompact(v, locale) } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => t(`category.${r.category}`, { defaultValue: r.category })) },
      series: [{ type: 'bar', name: t('leakage.amount'), data: rows.map((r) => r.amount), itemStyle: { color: COLOURS.bad } }],
    }),
    [rows, t, locale],
  );
  return (
    <section className="panel" aria-labelledby="leakage-title">
      <h2 id="leakage-title">{t('leakage.title')}</h2>
      <Chart option={option} label={t('leakage.chartLabel')} height={220} testId="leakage-chart" />
      <DataTable caption={t('leakage.tableCaption')} captionHidden columns={columns} data={rows} rowId={(r) => r.category} testId="leakage-table" />
    </section>
  );
}

function IncidenceSection({ now, then }: { now: Month; then?: Month }) {
  const { t, i18n } = useTranslation('analyst');
  const locale = i18n.language as Locale;
  const rows: DecileRow[] = useMemo(
    () => now.benefitIncidence.deciles.map((d) => ({ ...d, previous: then?.benefitIncidence.deciles.find((p) => p.decile === d.decile) })),
    [now, then],
  );
  const label = (decile: number | null | undefined) => (decile == null ? t('incidence.noDtks') : t('incidence.decile', { decile }));
  const key = (decile: number | null | undefined) => (decile == null ? 'none' : String(decile));
  const columns = useMemo<Column<DecileRow>[]>(
    () => [
      { id: 'decile', accessorFn: (r) => r.decile ?? 99, header: t('incidence.decileColumn'), cell: (c) => label(c.row.original.decile) },
      {
        id: 'units',
        accessorKey: 'units',
        header: t('incidence.units'),
        meta: { numeric: true },
        cell: (c) => <FigureCell figure={`benefitIncidence.deciles.${key(c.row.original.decile)}.units`} kind="count" value={c.row.original.units} previous={c.row.original.previous?.units} />,
      },
      {
        id: 'amount',
        accessorKey: 'amount',
        header: t('incidence.amount'),
        meta: { numeric: true },
        cell: (c) => <FigureCell figure={`benefitIncidence.deciles.${key(c.row.original.decile)}.amount`} kind="rupiah" value={c.row.original.amount} previous={c.row.original.previous?.amount} />,
      },
      {
        id: 'share',
        accessorKey: 'share',
        header: t('incidence.share'),
        meta: { numeric: true },
        cell: (c) => <FigureCell figure={`benefitIncidence.deciles.${key(c.row.original.decile)}.share`} kind="share" value={c.row.original.share} previous={c.row.original.previous?.share} />,
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t],
  );
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatShare(v, locale) },
      xAxis: { type: 'category', data: rows.map((r) => (r.decile == null ? '–' : String(r.decile))) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatShare(v, locale) } },
      series: [
        {
          type: 'bar',
          name: t('incidence.share'),
          data: rows.map((r) => ({ value: r.share, itemStyle: { color: r.decile != null && r.decile <= 4 ? COLOURS.accent : COLOURS.muted } })),
        },
      ],
    }),
    [rows, t, locale],
  );
  return (
    <section className="panel" aria-labelledby="incidence-title">
      <h2 id="incidence-title">{t('incidence.title')}</h2>
      <p className="muted">{t('incidence.intro')}</p>
      <Chart option={option} label={t('incidence.chartLabel')} height={220} testId="incidence-chart" />
      <DataTable caption={t('incidence.tableCaption')} captionHidden columns={columns} data={rows} rowId={(r) => key(r.decile)} testId="incidence-table" />
    </section>
  );
}
